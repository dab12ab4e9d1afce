// Faults at simulated times, as a scenario's `faults` option writes them:
//
//   2 crash rs-2, 4 recover rs-2, 3 slow rs-1 5
//
// A Director can crash and recover too (`5 crash director`, `director-2`
// with a backup Director): its cards die, and a recovery is a reboot.
// `SECONDS down NODE` and `SECONDS up NODE` pull and plug a node's LAN
// cables (rs-N, director, director-2, router: its software runs on), and
// `down vip-network` / `d-rip-network` / `lan` fail a whole LAN.
//
// A crash kills the real server's host: its network card neither sends nor
// receives (a dead host: clients see timeouts, not resets), and every
// request and connection it held is lost.  A recovery brings it back with
// empty state, listening again.  A slow-down multiplies its service times
// (1 undoes it).  No health checker runs: the Director keeps scheduling
// to a dead server, as IPVS does until something removes it.
#ifndef LVS_FAULT_SCHEDULE_H
#define LVS_FAULT_SCHEDULE_H

#include "helper/lvs-topology-helper.h"
#include "helper/lvs-workload-helper.h"

#include <functional>
#include <string>
#include <vector>

namespace ns3
{

enum class FaultAction
{
    Crash,
    Recover,
    Slow,
    Down, ///< network cables out: the cards neither send nor receive
    Up,   ///< back in
};

enum class FaultTarget
{
    RealServer, ///< index: rs-1 is 0
    Director,   ///< index 0: director, 1: director-2
    Router,
    Network, ///< index 0: the VIP network (or the one LAN), 1: the D/RIP network
};

struct Fault
{
    double atS = 0;
    FaultAction action = FaultAction::Crash;
    FaultTarget target = FaultTarget::RealServer;
    uint32_t index = 0;
    double factor = 1; ///< Slow only

    bool OnDirector() const
    {
        return target == FaultTarget::Director;
    }

    bool OnRealServer() const
    {
        return target == FaultTarget::RealServer;
    }
};

/// "crash", "recover", "slow", "down", "up".
std::string FaultActionName(FaultAction action);

/// "rs-2", "director", "director-2", "router", "vip-network", "lan",
/// "d-rip-network".
std::string FaultTargetName(const Fault& fault);

/// Parses the `faults` option for a cluster of @p servers real servers and
/// @p directors Directors (1, or 2 with a backup), on one LAN or not
/// (@p oneLan: the network is "lan", else "vip-network" and
/// "d-rip-network"); throws std::invalid_argument naming the bad item: an
/// unknown action or target, a negative time, an action the target cannot
/// take, a recovery of a node not crashed then, a crash of one crashed, an
/// "up" of a link not down, and what a crashed or cut-off node cannot do.
std::vector<Fault> ParseFaults(const std::string& text,
                               uint32_t servers,
                               uint32_t directors = 1,
                               bool oneLan = false);

/// "2.0 s crash rs-2".
std::string DescribeFault(const Fault& fault);

/// What a Director's crash or recovery does beyond its network cards
/// (its keepalived, its connection table): the run's business.
using DirectorFaultHandler = std::function<void(const Fault& fault)>;

/// Schedules @p faults on @p topology's real servers and @p workload's
/// server applications; a Director's network cards die and come back, and
/// @p onDirector does the rest.  Throws std::invalid_argument for a
/// server whose network card cannot be stopped (a remote TUN server's WAN
/// link).
void ScheduleFaults(const std::vector<Fault>& faults,
                    const LvsTopology& topology,
                    const LvsWorkload& workload,
                    const DirectorFaultHandler& onDirector = {});

/// Every CSMA card of @p node sends and receives (@p alive) or not.
void SetCardsAlive(Ptr<Node> node, bool alive);

} // namespace ns3

#endif
