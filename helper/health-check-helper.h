// keepalived's health checking on the Director: one checker per real
// server of every TCP virtual service (model/keepalived/health-checker.h),
// and what keepalived does with a verdict, through the ipvsadm command
// code: a server found down is deleted from its service (DELDEST), or
// with inhibit_on_failure set to weight 0; a server found up again is
// added back with its weight (or has its weight restored).  Both happen
// at the verdict, with no delay.
#ifndef LVS_HEALTH_CHECK_HELPER_H
#define LVS_HEALTH_CHECK_HELPER_H

#include "model/ipvs-director.h"
#include "model/keepalived/checker-state.h"
#include "model/keepalived/health-checker.h"

#include "ns3/application-container.h"
#include "ns3/node.h"

#include <memory>
#include <string>
#include <vector>

namespace ns3
{

struct HealthCheckConfig
{
    keepalived::CheckKind kind = keepalived::CheckKind::Tcp;
    keepalived::CheckTimings timings;
    bool inhibitOnFailure = false;
};

/// A server changing state, and what was done to IPVS.
struct HealthEvent
{
    double atS = 0;
    uint32_t server = 0; ///< index of its RIP in the cluster's RIPs
    std::string service; ///< "TCP 10.0.0.100:80"
    bool up = false;
    std::string action; ///< "ipvsadm -d ...", or the error ipvsadm gave
};

/// What the installed checkers did (kept alive by the run).
class HealthChecks
{
  public:
    const std::vector<HealthEvent>& GetEvents() const
    {
        return m_events;
    }

    uint64_t GetChecks() const;
    uint64_t GetFailedChecks() const;

    /// The first down verdict for @p server at or after @p fromS (-1: none).
    double FirstDownAfter(uint32_t server, double fromS) const;
    /// The first up verdict for @p server at or after @p fromS (-1: none).
    double FirstUpAfter(uint32_t server, double fromS) const;

  private:
    friend class HealthCheckHelper;

    struct Target
    {
        HealthChecks* owner = nullptr;
        Ptr<IpvsDirector> director;
        ipvs::ServiceConfig service;
        ipvs::DestinationConfig destination; ///< as configured at start
        uint32_t server = 0;
        bool inhibit = false;
    };

    static void OnVerdict(Target* target, bool up);

    std::vector<std::unique_ptr<Target>> m_targets;
    std::vector<Ptr<HealthChecker>> m_checkers;
    std::vector<HealthEvent> m_events;
};

class HealthCheckHelper
{
  public:
    explicit HealthCheckHelper(const HealthCheckConfig& config);

    /// Checks every real server of @p director's TCP services from
    /// @p directorNode.  @p rips names the cluster's servers (events carry
    /// the index); @p serverPorts[i] is the port server i listens on,
    /// checked for destinations without a port (firewall-mark services).
    /// @p stream fixes the warm-up draws; *@p streamsUsed says how many.
    std::shared_ptr<HealthChecks> Install(Ptr<Node> directorNode,
                                          Ptr<IpvsDirector> director,
                                          const std::vector<Ipv4Address>& rips,
                                          const std::vector<uint16_t>& serverPorts,
                                          int64_t stream,
                                          int64_t* streamsUsed = nullptr) const;

  private:
    HealthCheckConfig m_config;
};

} // namespace ns3

#endif
