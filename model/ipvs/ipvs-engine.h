// The Director's IPVS logic for one network namespace: virtual services,
// the connection table, scheduling (with persistence templates) and the
// per-packet decisions of linux ip_vs_core.c.  It sees packets only as the
// few header fields it needs; the ns-3 Director adapts real packets to it,
// and the trace replayer drives it with connection events.
#ifndef IPVS_ENGINE_H
#define IPVS_ENGINE_H

#include "model/ipvs/connection-table.h"
#include "model/ipvs/drop-reason.h"
#include "model/ipvs/ipvs-stats.h"
#include "model/ipvs/service.h"
#include "model/ipvs/sync/connection-sync.h"
#include "model/ipvs/tcp-state-table.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace ipvs
{

/// The header fields IPVS reads.
struct PacketInfo
{
    Protocol protocol = Protocol::Tcp;
    Addr saddr = 0;
    Port sport = 0;
    Addr daddr = 0;
    Port dport = 0;
    TcpFlags tcp;          ///< TCP only
    uint32_t ipLength = 0; ///< IP datagram bytes (header included)
    uint32_t fwmark = 0;   ///< netfilter mark (0: none)
};

/// What the transmit step needs to know about an entry.  A copy, because a
/// one-packet entry is gone once the packet has been handled.
struct ForwardTarget
{
    ConnectionId id = 0;
    ForwardMethod method = ForwardMethod::Masq;
    Addr caddr = 0;
    Port cport = 0;
    Addr vaddr = 0;
    Port vport = 0;
    Addr daddr = 0;
    Port dport = 0;
    bool created = false; ///< this packet created the entry
};

struct InboundDecision
{
    bool forward = false;
    DropReason reason = DropReason::NoService; ///< when !forward
    ForwardTarget target;                      ///< when forward
};

struct OutboundDecision
{
    bool matched = false; ///< an entry owns this reply
    ForwardTarget target;
};

/// Sysctls of /proc/sys/net/ipv4/vs that change decisions (defaults as in
/// Linux 6.1).
struct IpvsSysctls
{
    int connReuseMode = 1;
    bool expireNodestConn = false;
    bool expireQuiescentTemplate = false;
};

/// The rate estimator's period (ip_vs_est.c).
constexpr Time kEstimatorPeriod = Seconds(2);

class IpvsEngine
{
  public:
    IpvsEngine();

    /// ipvsadm -A at time @p now.  Returns nullptr and sets @p error on
    /// failure.
    Service* AddService(const ServiceConfig& config, std::string* error, Time now = 0);
    /// The random source of schedulers that draw (twos); by default a
    /// generator seeded with a fixed value.  Must outlive the engine.
    void SetRandomSource(RandomSource* random);
    Service* FindService(Protocol protocol, Addr addr, Port port) const;
    Service* FindFwmarkService(uint32_t fwmark) const;
    /// The service with @p config's identity (fwmark, or protocol/addr/port).
    Service* FindService(const ServiceConfig& config) const;
    /// ipvsadm -D: the service goes, its connections stay until they expire.
    bool DeleteService(const ServiceConfig& identity);
    /// ipvsadm -C.
    void Clear();
    /// The service a packet belongs to (ip_vs_service_find): fwmark, exact
    /// match, then a port-0 service of the address.
    Service* LookupService(const PacketInfo& packet) const;

    const std::vector<std::unique_ptr<Service>>& GetServices() const
    {
        return m_services;
    }

    /// A client packet that reached one of the Director's own addresses.
    InboundDecision ProcessInbound(const PacketInfo& packet, Time now);
    /// A packet passing through the Director (a NAT reply, perhaps).
    OutboundDecision ProcessOutbound(const PacketInfo& packet, Time now);

    /// Fires every connection timer due at or before @p now, and the rate
    /// estimator's 2-second ticks.
    void AdvanceTo(Time now);

    /// ipvsadm -Z: zeroes the counters and rates of @p service and its
    /// destinations, or of everything when @p service is null.
    void ZeroStats(Service* service);

    /// Drives an existing entry with one more client packet (the trace
    /// replayer's established/closed events).
    void ApplyInboundPacket(Connection& entry, const PacketInfo& packet, Time now);

    /// Runs (a non-empty @p sink) or stops the master sync daemon: every
    /// entry ip_vs_sync_conn_needed picks after an inbound packet goes to
    /// @p sink.
    void SetSyncMaster(std::function<void(const SyncEntry&)> sink, SyncSettings settings = {});
    /// A backup daemon's ip_vs_proc_conn: creates or updates the entry a
    /// sync message carries, bound to the local real server it names (or
    /// unbound, if none).  Returns false for an entry of no local service:
    /// the kernel keeps such an entry unbound, but entries here belong to
    /// a service.
    bool ApplySyncEntry(const SyncEntry& entry, Time now);

    ConnectionTable& GetConnections()
    {
        return m_table;
    }

    const ConnectionTable& GetConnections() const
    {
        return m_table;
    }

    StateTimeouts& GetTimeouts()
    {
        return m_timeouts;
    }

    IpvsSysctls& GetSysctls()
    {
        return m_sysctls;
    }

    const IpvsStats& GetTotalStats() const
    {
        return m_totalStats;
    }

  private:
    /// Drops an entry that a new SYN may replace (conn_reuse_mode).
    Connection* ReuseOrKeep(Connection* entry, const PacketInfo& packet, Time now);
    Connection* Schedule(Service& service, const PacketInfo& packet, Time now);
    Connection* ScheduleNonPersistent(Service& service, const PacketInfo& packet, Time now);
    Connection* SchedulePersistent(Service& service, const PacketInfo& packet, Time now);
    /// ip_vs_check_template.
    bool TemplateStillValid(const Connection& tmpl) const;
    Connection& CreateEntry(Service& service,
                            const PacketInfo& packet,
                            Destination& dest,
                            Port dport,
                            ConnectionId control,
                            Time now);
    void CountInbound(Connection& entry, const PacketInfo& packet);
    void TransitionState(Connection& entry, PacketDirection direction, const PacketInfo& packet);
    static ForwardTarget TargetOf(const Connection& entry, bool created);
    /// The master daemon's decision for @p entry and its template.
    void MaybeSync(Connection& entry);
    void SendSync(Connection& entry);

    std::unique_ptr<RandomSource> m_defaultRandom;
    RandomSource* m_random;
    StateTimeouts m_timeouts;
    IpvsSysctls m_sysctls;
    ConnectionTable m_table;
    std::vector<std::unique_ptr<Service>> m_services;
    IpvsStats m_totalStats;
    Time m_nextEstimate = kEstimatorPeriod;
    std::function<void(const SyncEntry&)> m_syncSink;
    SyncSettings m_syncSettings;
};

} // namespace ipvs

#endif
