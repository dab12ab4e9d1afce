// keepalived's health checking on the Director: one checker per checked
// real server (model/keepalived/health-checker.h), and what keepalived
// does with the verdicts, through the ipvsadm command code
// (keepalived/check/ipwrapper.c):
// - a server found down is deleted from its service (DELDEST), or with
//   inhibit_on_failure set to weight 0; found up, it is added back with
//   its weight (or has its weight restored); at once, with no delay;
// - when the weights of the live servers fall below the quorum (minus
//   the hysteresis), the live servers are taken out and the sorry server
//   put in; when they reach it again (plus the hysteresis), the reverse.
#ifndef LVS_HEALTH_CHECK_HELPER_H
#define LVS_HEALTH_CHECK_HELPER_H

#include "model/ipvs-director.h"
#include "model/keepalived/checker-state.h"
#include "model/keepalived/health-checker.h"
#include "model/keepalived/keepalived-conf.h"

#include "ns3/node.h"

#include <memory>
#include <string>
#include <vector>

namespace ns3
{

/// --health-check: one check for every real server of every TCP service.
struct HealthCheckConfig
{
    keepalived::CheckKind kind = keepalived::CheckKind::Tcp;
    keepalived::CheckTimings timings;
    bool inhibitOnFailure = false;
};

/// A server changing state, or the sorry server coming and going, and
/// what was done to IPVS.
struct HealthEvent
{
    double atS = 0;
    uint32_t server = 0; ///< index of its RIP in the cluster's RIPs
    std::string service; ///< "-t 10.0.0.100:80"
    bool up = false;
    std::string action;                ///< "ipvsadm -d ...", or the error ipvsadm gave
    std::string why;                   ///< "check", "quorum lost", "quorum regained"
    std::string director = "director"; ///< whose keepalived
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

    /// The first down verdict of a check for @p server at or after
    /// @p fromS (-1: none).
    double FirstDownAfter(uint32_t server, double fromS) const;
    /// The first up verdict of a check for @p server at or after @p fromS
    /// (-1: none).
    double FirstUpAfter(uint32_t server, double fromS) const;

    /// The Director dies: its checkers stop.
    void Crash();
    /// The Director is back with the start rules: keepalived starts
    /// afresh (servers up but alpha ones, quorum settled again).
    void Restart();

  private:
    friend class HealthCheckHelper;
    struct VirtualServerState;

    /// A checked real server of one virtual server.
    struct Member
    {
        VirtualServerState* vs = nullptr;
        keepalived::CheckedServer conf;
        uint32_t server = 0;
        bool alive = true;
    };

    struct VirtualServerState
    {
        HealthChecks* owner = nullptr;
        Ptr<IpvsDirector> director;
        keepalived::VirtualServerPlan plan;
        std::vector<std::unique_ptr<Member>> members;
        uint32_t sorryServer = 0;
        bool quorumUp = true;
        bool sorryAlive = false;
    };

    static void OnVerdict(Member* member, bool up);
    /// An event of @p vs at this time.
    HealthEvent EventOf(const VirtualServerState& vs,
                        uint32_t server,
                        bool up,
                        const std::string& action,
                        const std::string& why) const;
    /// weigh_live_realservers.
    static long LiveWeight(const VirtualServerState& vs);
    /// update_quorum_state: the sorry server in or out.
    void UpdateQuorum(VirtualServerState& vs, bool init);
    /// ADD_DEST or DEL_DEST of @p server as keepalived's ipvs_cmd does it
    /// (an edit of the weight with @p inhibit); false if ipvsadm refused it.
    bool Apply(VirtualServerState& vs,
               const ipvs::DestinationConfig& server,
               uint32_t index,
               bool add,
               bool inhibit,
               const std::string& why);

    std::vector<std::unique_ptr<VirtualServerState>> m_virtualServers;
    std::vector<Ptr<HealthChecker>> m_checkers;
    std::string m_director;
    std::vector<HealthEvent> m_events;
};

class HealthCheckHelper
{
  public:
    /// The plans of --health-check: @p config's check on every real server
    /// of @p engine's TCP services (UDP ones are not checked: TCP_CHECK and
    /// HTTP_GET speak TCP), as the engine holds them now.
    static std::vector<keepalived::VirtualServerPlan> PlansFor(const ipvs::IpvsEngine& engine,
                                                               const HealthCheckConfig& config);

    /// Installs a checker on @p directorNode for every checked server of
    /// @p plans, and settles each virtual server's quorum as keepalived
    /// does at start.  @p rips names the cluster's servers (events carry
    /// the index); @p serverPorts[i] is the port server i listens on,
    /// checked for servers without a port (firewall-mark services).
    /// @p stream fixes the warm-up draws.
    std::shared_ptr<HealthChecks> Install(Ptr<Node> directorNode,
                                          Ptr<IpvsDirector> director,
                                          const std::vector<keepalived::VirtualServerPlan>& plans,
                                          const std::vector<Ipv4Address>& rips,
                                          const std::vector<uint16_t>& serverPorts,
                                          int64_t stream,
                                          const std::string& directorName = "director") const;
};

} // namespace ns3

#endif
