// A virtual service (the kernel's struct ip_vs_service): its identity, its
// scheduler, persistence settings and the list of destinations.
//
// The destination list is kept newest first, as linux ip_vs_ctl.c links a
// new destination at the head: every scheduler that walks "from the first
// destination" walks newest first, and ties, rr order and table fills
// depend on it.
#ifndef IPVS_SERVICE_H
#define IPVS_SERVICE_H

#include "model/ipvs/destination.h"
#include "model/ipvs/ipvs-stats.h"
#include "model/ipvs/ipvs-types.h"
#include "model/ipvs/scheduler.h"

#include <list>
#include <memory>
#include <string>
#include <vector>

namespace ipvs
{

/// Scheduler flags (ipvsadm -b); the meaning of each bit depends on the
/// scheduler: sh and mh name flag 1 "fallback" and flag 2 "port".
struct SchedulerFlags
{
    bool flag1 = false;
    bool flag2 = false;
    bool flag3 = false;
};

/// Default persistence timeout of ipvsadm -p without a value.
constexpr uint32_t kDefaultPersistenceTimeoutS = 360;
/// ipvsadm's limit on -p: 31 days.
constexpr uint32_t kMaxPersistenceTimeoutS = 2678400;

struct ServiceConfig
{
    Protocol protocol = Protocol::Tcp;
    Addr addr = 0;
    Port port = 0;
    uint32_t fwmark = 0;           ///< non-zero: a firewall-mark service (ipvsadm -f)
    std::string scheduler = "wlc"; ///< ipvsadm's default
    bool persistent = false;
    uint32_t persistenceTimeoutS = kDefaultPersistenceTimeoutS;
    Addr netmask = 0xffffffff; ///< persistence granularity (ipvsadm -M)
    bool onePacket = false;    ///< ipvsadm -o (UDP only)
    SchedulerFlags flags;
};

using DestinationList = std::list<std::shared_ptr<Destination>>;

/// Outcome of a configuration command, named as ipvsadm reports it.
enum class ConfigStatus
{
    Ok,
    DestinationExists, ///< "Destination already exists"
    NoSuchDestination, ///< "No such destination"
    ThresholdRange,    ///< lower > upper: "Numerical result out of range"
    WeightRange,       ///< negative weight
};

std::string ConfigStatusMessage(ConfigStatus status);

class Service
{
  public:
    /// @p createdAt is when the service was added (lblc/lblcr timers start
    /// then); @p random serves schedulers that draw (twos), may be null.
    Service(const ServiceConfig& config,
            std::unique_ptr<Scheduler> scheduler,
            Time createdAt = 0,
            RandomSource* random = nullptr);

    const ServiceConfig& GetConfig() const
    {
        return m_config;
    }

    Protocol GetProtocol() const
    {
        return m_config.protocol;
    }

    Addr GetAddr() const
    {
        return m_config.addr;
    }

    Port GetPort() const
    {
        return m_config.port;
    }

    uint32_t GetFwmark() const
    {
        return m_config.fwmark;
    }

    bool IsFwmark() const
    {
        return m_config.fwmark != 0;
    }

    /// Newest first.
    const DestinationList& GetDestinations() const
    {
        return m_destinations;
    }

    std::shared_ptr<Destination> FindDestination(Addr addr, Port port) const;

    /// ipvsadm -a: links a new destination at the head of the list, or
    /// revives a deleted one from the trash with its counters.
    ConfigStatus AddDestination(const DestinationConfig& config);
    /// ipvsadm -e.
    ConfigStatus EditDestination(const DestinationConfig& config);
    /// ipvsadm -d: unlinks the destination; it stays in the trash while
    /// connections still refer to it.
    ConfigStatus RemoveDestination(Addr addr, Port port);

    /// ipvsadm -E with another scheduler: the new one is initialised with
    /// the destinations present.
    void ReplaceScheduler(std::unique_ptr<Scheduler> scheduler);
    /// ipvsadm -E keeping the scheduler: persistence and flags only.
    void UpdateSettings(const ServiceConfig& config);

    Scheduler& GetScheduler()
    {
        return *m_scheduler;
    }

    const Scheduler& GetScheduler() const
    {
        return *m_scheduler;
    }

    Destination* Schedule(const ScheduleRequest& request);

    IpvsStats& Stats()
    {
        return m_stats;
    }

    const IpvsStats& Stats() const
    {
        return m_stats;
    }

    Time GetCreatedAt() const
    {
        return m_createdAt;
    }

    RandomSource* GetRandomSource() const
    {
        return m_random;
    }

    /// Frees trashed destinations no connection refers to any more.
    void PurgeTrash();

  private:
    static ConfigStatus Validate(const DestinationConfig& config);
    std::shared_ptr<Destination> TakeFromTrash(Addr addr, Port port);

    ServiceConfig m_config;
    Time m_createdAt;
    RandomSource* m_random;
    std::unique_ptr<Scheduler> m_scheduler;
    DestinationList m_destinations;
    std::vector<std::shared_ptr<Destination>> m_trash;
    IpvsStats m_stats;
};

} // namespace ipvs

#endif
