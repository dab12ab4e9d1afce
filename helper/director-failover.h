// Director failover as keepalived does it: a vrrp_instance on each of the
// two Directors (director and director-2, model/keepalived/vrrp-instance.h),
// whose master holds the VIPs and the DIP (the NAT real servers' gateway)
// and announces them by gratuitous ARP.  The run starts in the steady
// state: director is master, director-2 backup.
//
// With sync (keepalived's lvs_sync_daemon on the D/RIP network's
// interface, syncid the virtual_router_id), each Director runs the IPVS
// sync daemon as master while its instance is master and as backup
// otherwise (model/ipvs-sync-daemon.h).
#ifndef LVS_DIRECTOR_FAILOVER_H
#define LVS_DIRECTOR_FAILOVER_H

#include "helper/lvs-topology-helper.h"
#include "model/ipvs-sync-daemon.h"
#include "model/keepalived/vrrp-instance.h"

#include <memory>
#include <string>
#include <vector>

namespace ns3
{

struct FailoverConfig
{
    bool on = false;
    uint32_t virtualRouterId = 51;
    uint32_t priority = 150;       ///< director's
    uint32_t backupPriority = 100; ///< director-2's
    uint32_t advertIntS = 1;
    /// director's `state MASTER` (BACKUP otherwise): after a reboot it
    /// then waits one advert interval, not the master-down interval.
    bool directorStateMaster = true;
    /// Both instances `state BACKUP` with `nopreempt` (director-1 still
    /// master at the start).
    bool nopreempt = false;
    double preemptDelayS = 0;
    /// lvs_sync_daemon: connection synchronisation follows the master.
    bool sync = false;
};

/// A VRRP state change.
struct MasterChange
{
    double atS = 0;
    std::string director; ///< "director", "director-2"
    std::string from;     ///< "BACKUP", "MASTER", "STOPPED"
    std::string to;
};

/// What the two instances did (kept alive by the run).
class DirectorFailover
{
  public:
    Ptr<VrrpInstance> GetInstance(uint32_t director) const
    {
        return m_instances.at(director);
    }

    const std::vector<MasterChange>& GetChanges() const
    {
        return m_changes;
    }

    /// "director", "director-2" or "none": who is master now.
    std::string MasterNow() const;

    /// The sync daemon of @p director (null without sync).
    Ptr<IpvsSyncDaemon> GetSyncDaemon(uint32_t director) const
    {
        return m_daemons.empty() ? nullptr : m_daemons.at(director);
    }

  private:
    friend class DirectorFailoverHelper;

    struct Watch
    {
        DirectorFailover* owner;
        std::string director;
        Ptr<IpvsSyncDaemon> daemon; ///< null without sync
    };

    static void OnStateChanged(Watch* watch, VrrpInstance::State from, VrrpInstance::State to);

    std::vector<Ptr<VrrpInstance>> m_instances;
    std::vector<Ptr<IpvsSyncDaemon>> m_daemons;
    std::vector<std::unique_ptr<Watch>> m_watches;
    std::vector<MasterChange> m_changes;
};

class DirectorFailoverHelper
{
  public:
    /// Installs the two instances on @p topology's Directors (it must have
    /// a backup Director): @p vips with @p vipMasks on the VIP network's
    /// interface, the DIP on the D/RIP network's (the one LAN's).
    static std::shared_ptr<DirectorFailover> Install(const LvsTopology& topology,
                                                     const FailoverConfig& config,
                                                     const std::vector<Ipv4Address>& vips,
                                                     const std::vector<Ipv4Mask>& vipMasks,
                                                     Ipv4Mask dipMask);
};

} // namespace ns3

#endif
