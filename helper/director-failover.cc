#include "helper/director-failover.h"

#include "ns3/boolean.h"
#include "ns3/nstime.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

namespace ns3
{

std::string
DirectorFailover::MasterNow() const
{
    for (size_t d = 0; d < m_instances.size(); ++d)
    {
        if (m_instances[d]->GetState() == VrrpInstance::State::Master)
        {
            return d == 0 ? "director" : "director-2";
        }
    }
    return "none";
}

void
DirectorFailover::OnStateChanged(Watch* watch, VrrpInstance::State from, VrrpInstance::State to)
{
    watch->owner->m_changes.push_back({Simulator::Now().GetSeconds(),
                                       watch->director,
                                       VrrpInstance::StateName(from),
                                       VrrpInstance::StateName(to)});
    if (watch->daemon)
    {
        // vrrp_state_become_master / vrrp_state_leave_master: at once.
        watch->daemon->SetRole(to == VrrpInstance::State::Master   ? IpvsSyncDaemon::Role::Master
                               : to == VrrpInstance::State::Backup ? IpvsSyncDaemon::Role::Backup
                                                                   : IpvsSyncDaemon::Role::None);
    }
}

std::shared_ptr<DirectorFailover>
DirectorFailoverHelper::Install(const LvsTopology& t,
                                const FailoverConfig& config,
                                const std::vector<Ipv4Address>& vips,
                                const std::vector<Ipv4Mask>& vipMasks,
                                Ipv4Mask dipMask)
{
    NS_ABORT_MSG_IF(!t.backupDirector, "VRRP needs the backup Director");
    auto failover = std::make_shared<DirectorFailover>();
    std::vector<Ptr<Node>> nodes{t.director, t.backupDirector};
    std::vector<Ptr<IpvsDirector>> directors{t.ipvs, t.backupIpvs};
    for (uint32_t d = 0; d < 2; ++d)
    {
        const LvsTopology::DirectorLegs& legs = t.directorLegs.at(d);
        Ptr<IpvsSyncDaemon> daemon;
        if (config.sync)
        {
            daemon = CreateObject<IpvsSyncDaemon>();
            daemon->SetAttribute("SyncId", UintegerValue(config.virtualRouterId));
            daemon->Setup(directors[d], legs.devices.back(), legs.ownAddresses.back());
            nodes[d]->AddApplication(daemon); // before VRRP: its socket opens first
            failover->m_daemons.push_back(daemon);
        }
        auto vrrp = CreateObject<VrrpInstance>();
        vrrp->SetAttribute("VirtualRouterId", UintegerValue(config.virtualRouterId));
        vrrp->SetAttribute("Priority",
                           UintegerValue(d == 0 ? config.priority : config.backupPriority));
        vrrp->SetAttribute("AdvertInterval", TimeValue(Seconds(config.advertIntS)));
        vrrp->SetAttribute("WantMaster",
                           BooleanValue(d == 0 && config.directorStateMaster && !config.nopreempt &&
                                        config.preemptDelayS == 0));
        vrrp->SetAttribute("Nopreempt", BooleanValue(config.nopreempt));
        vrrp->SetAttribute("PreemptDelay", TimeValue(Seconds(config.preemptDelayS)));
        vrrp->SetAttribute("StartAsMaster", BooleanValue(d == 0));
        vrrp->SetInterface(legs.devices.front(), legs.ownAddresses.front());
        for (size_t i = 0; i < vips.size(); ++i)
        {
            vrrp->AddVirtualAddress(legs.devices.front(), vips[i], vipMasks[i]);
        }
        vrrp->AddVirtualAddress(legs.devices.back(), t.dip, dipMask);
        nodes[d]->AddApplication(vrrp);
        auto watch = std::make_unique<DirectorFailover::Watch>(
            DirectorFailover::Watch{failover.get(), d == 0 ? "director" : "director-2", daemon});
        vrrp->TraceConnectWithoutContext(
            "StateChanged",
            MakeBoundCallback(&DirectorFailover::OnStateChanged, watch.get()));
        failover->m_watches.push_back(std::move(watch));
        failover->m_instances.push_back(vrrp);
    }
    return failover;
}

} // namespace ns3
