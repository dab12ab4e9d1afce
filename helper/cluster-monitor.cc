#include "helper/cluster-monitor.h"

#include "model/hosts/linux-arp.h"
#include "model/ipvs/ipvsadm-listing.h"

#include "ns3/arp-cache.h"
#include "ns3/ipv4-interface.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("ClusterMonitor");

ClusterMonitor::ClusterMonitor(const LvsTopology& topology, const LvsWorkload& workload)
    : m_topology(topology),
      m_workload(workload),
      m_summary(std::make_unique<TransactionSummarizer>())
{
}

void
ClusterMonitor::Start(Time sampleInterval, const std::vector<double>& viewTimesS)
{
    for (const auto& client : m_workload.clients)
    {
        client->TraceConnectWithoutContext("Transaction",
                                           MakeCallback(&ClusterMonitor::Record, this));
        client->TraceConnectWithoutContext(
            "ArrivalsEnded",
            MakeCallback(&ClusterMonitor::ClientArrivalsEnded, this));
        ++m_clientsStillArriving[client->GetNode()->GetId()];
    }
    for (Ptr<IpvsDirector> director : {m_topology.ipvs, m_topology.backupIpvs})
    {
        if (director)
        {
            director->TraceConnectWithoutContext(
                "NewConnection",
                MakeCallback(&ClusterMonitor::RecordScheduled, this));
        }
    }
    if (Ptr<LinuxArp> routerArp = m_topology.router->GetObject<LinuxArp>())
    {
        routerArp->TraceConnectWithoutContext(
            "Learned",
            MakeCallback(&ClusterMonitor::RecordRouterLearned, this));
    }
    for (const LinkEnd& link : m_topology.links)
    {
        m_links.Watch(link.device, link.name);
    }
    for (double t : viewTimesS)
    {
        Simulator::Schedule(Seconds(t), &ClusterMonitor::SaveIpvsadmViews, this);
    }
    Simulator::Schedule(Seconds(0), &ClusterMonitor::SampleEvery, this, sampleInterval);
}

void
ClusterMonitor::WatchWindow(Time start, Time end)
{
    m_summary->SetWindow(start, end);
    Simulator::Schedule(start, &ClusterMonitor::MarkWindowEdge, this, true);
    Simulator::Schedule(end, &ClusterMonitor::MarkWindowEdge, this, false);
}

void
ClusterMonitor::SetTransactionSink(std::function<void(const TransactionRecord&)> sink)
{
    m_sink = std::move(sink);
}

void
ClusterMonitor::SetSampleSink(std::function<void(const ServerSample&)> sink)
{
    m_sampleSink = std::move(sink);
}

void
ClusterMonitor::KeepTransaction(uint32_t node, uint64_t id)
{
    m_keep = std::make_pair(node, id);
}

void
ClusterMonitor::MarkWindowEdge(bool start)
{
    if (m_windowEnded)
    {
        return; // the arrivals ended the window before its scheduled end
    }
    Time busy = m_topology.ipvs->GetCpu()->GetBusyTime();
    (start ? m_busyAtWindowStart : m_busyAtWindowEnd) = busy;
    m_windowEnded = !start;
}

void
ClusterMonitor::ClientArrivalsEnded(uint32_t node)
{
    // The window ends when the first node stops: from then on the offered
    // load is no longer the full load.  A node stops with its last client.
    if (--m_clientsStillArriving[node] > 0 || m_windowEnded ||
        Simulator::Now() >= m_summary->WindowEnd())
    {
        return;
    }
    m_summary->EndWindowAfter(Simulator::Now());
    if (Simulator::Now() < m_summary->WindowStart())
    {
        // The arrivals ended within the warm-up: the window is empty.
        m_windowEnded = true;
        return;
    }
    MarkWindowEdge(false);
}

double
ClusterMonitor::DirectorWindowUtilisation() const
{
    Ptr<DirectorCpu> cpu = m_topology.ipvs->GetCpu();
    Time start = m_summary->WindowStart();
    Time end = m_windowEnded ? m_summary->WindowEnd() : Simulator::Now();
    Time busy = (m_windowEnded ? m_busyAtWindowEnd : cpu->GetBusyTime()) - m_busyAtWindowStart;
    double capacity = (end - start).GetSeconds() * cpu->GetCpus();
    return capacity > 0 ? busy.GetSeconds() / capacity : 0;
}

void
ClusterMonitor::Record(const TransactionRecord& record)
{
    m_summary->Add(record);
    CountIfBypassed(record);
    if (!m_kept && m_keep && m_keep->first == record.clientNode && m_keep->second == record.id)
    {
        m_kept = record; // the first match: with several targets, ids repeat on a node
    }
    if (m_sink)
    {
        m_sink(record);
    }
}

void
ClusterMonitor::CountIfBypassed(const TransactionRecord& record)
{
    auto client = std::make_pair(record.cip.Get(), record.cport);
    // Scheduled while the client had this connection open, or still held
    // by the Director: a new connection may reuse an entry that outlived
    // an earlier one on the same address and port (conn_reuse_mode), and
    // then the Director schedules nothing.
    bool seen = m_scheduledClients.count(client) > 0;
    for (Ptr<IpvsDirector> director : {m_topology.ipvs, m_topology.backupIpvs})
    {
        seen = seen || (director && director->GetEngine().GetConnections().FindInbound(
                                        record.udp ? ipvs::Protocol::Udp : ipvs::Protocol::Tcp,
                                        record.cip.Get(),
                                        record.cport,
                                        record.vip.Get(),
                                        record.vport) != nullptr);
    }
    m_bypassed += record.outcome == TransactionOutcome::Ok && !seen;
    if (record.lastOnConnection)
    {
        m_scheduledClients.erase(client);
    }
}

void
ClusterMonitor::RecordScheduled(const ipvs::ForwardTarget& entry)
{
    m_scheduledClients.insert({entry.caddr, entry.cport});
}

DestinationTotals
ClusterMonitor::TotalsOf(Ipv4Address rip) const
{
    DestinationTotals totals;
    for (const auto& service : m_topology.ipvs->GetEngine().GetServices())
    {
        for (const auto& d : service->GetDestinations())
        {
            if (d->GetAddr() == rip.Get())
            {
                totals.active += d->GetActiveConns();
                totals.inactive += d->GetInactiveConns();
                totals.conns += d->Stats().conns;
            }
        }
    }
    return totals;
}

double
ClusterMonitor::DirectorUtilisationSinceLast()
{
    Ptr<DirectorCpu> cpu = m_topology.ipvs->GetCpu();
    Time now = Simulator::Now();
    Time busy = cpu->GetBusyTime();
    Time elapsed = now - m_lastSampleTime;
    double utilisation = elapsed.IsStrictlyPositive() ? (busy - m_lastBusyTime).GetSeconds() /
                                                            (elapsed.GetSeconds() * cpu->GetCpus())
                                                      : 0;
    m_lastSampleTime = now;
    m_lastBusyTime = busy;
    return utilisation;
}

void
ClusterMonitor::SampleNow()
{
    double now = Simulator::Now().GetSeconds();
    double utilisation = DirectorUtilisationSinceLast();
    uint32_t waiting = m_topology.ipvs->GetCpu()->GetWaiting();
    uint64_t queueDrops = m_topology.ipvs->GetDropCount(ipvs::DropReason::CpuQueueFull);
    double busiestLink = m_links.BusiestSinceLast().first;
    uint64_t linkDrops = m_links.GetQueueDrops();
    uint64_t retransmissions = m_workload.TcpRetransmissions();
    for (size_t i = 0; i < m_workload.servers.size(); ++i)
    {
        DestinationTotals totals = TotalsOf(m_topology.rips[i]);
        std::ostringstream rip;
        rip << m_topology.rips[i];
        ServerSample sample{now,
                            uint32_t(i + 1),
                            rip.str(),
                            uint32_t(totals.active),
                            uint32_t(totals.inactive),
                            totals.conns,
                            m_workload.Served(i),
                            m_workload.Queued(i),
                            utilisation,
                            waiting,
                            queueDrops,
                            busiestLink,
                            linkDrops,
                            retransmissions};
        if (m_sampleSink)
        {
            m_sampleSink(sample);
        }
    }
}

void
ClusterMonitor::SampleEvery(Time interval)
{
    SampleNow();
    Simulator::Schedule(interval, &ClusterMonitor::SampleEvery, this, interval);
}

void
ClusterMonitor::SaveIpvsadmViews()
{
    const ipvs::IpvsEngine& engine = m_topology.ipvs->GetEngine();
    ipvs::Time now = Simulator::Now().GetNanoSeconds();
    m_views.push_back(IpvsadmView{Simulator::Now().GetSeconds(),
                                  ipvs::FormatServiceList(engine),
                                  ipvs::FormatServiceStats(engine),
                                  ipvs::FormatServiceRates(engine),
                                  ipvs::FormatConnectionList(engine, now),
                                  ipvs::FormatRules(engine)});
}

void
ClusterMonitor::RecordRouterLearned(Ptr<NetDevice> device,
                                    Ipv4Address ip,
                                    Address,
                                    const std::string& how)
{
    if (ip == m_topology.vip && device == m_topology.RouterVipDevice())
    {
        m_vipLearnedFrom = how;
    }
}

std::string
ClusterMonitor::VipArpOwner() const
{
    Ptr<NetDevice> routerLan = m_topology.RouterVipDevice();
    Ptr<Ipv4L3Protocol> ipv4 = m_topology.router->GetObject<Ipv4L3Protocol>();
    Ptr<Ipv4Interface> iface = ipv4->GetInterface(ipv4->GetInterfaceForDevice(routerLan));
    ArpCache::Entry* entry =
        iface->GetArpCache() ? iface->GetArpCache()->Lookup(m_topology.vip) : nullptr;
    if (!entry || !entry->IsAlive())
    {
        return "none";
    }
    auto owners = m_topology.MacOwners();
    auto owner = owners.find(Mac48Address::ConvertFrom(entry->GetMacAddress()));
    return owner != owners.end() ? owner->second : "unknown";
}

} // namespace ns3
