// Faults at simulated times, as a scenario's `faults` option writes them:
//
//   2 crash rs-2, 4 recover rs-2, 3 slow rs-1 5
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

#include <string>
#include <vector>

namespace ns3
{

enum class FaultAction
{
    Crash,
    Recover,
    Slow,
};

struct Fault
{
    double atS = 0;
    FaultAction action = FaultAction::Crash;
    uint32_t server = 0; ///< from 0: rs-1 is 0
    double factor = 1;   ///< Slow only
};

/// "crash", "recover", "slow".
std::string FaultActionName(FaultAction action);

/// Parses the `faults` option for a cluster of @p servers real servers;
/// throws std::invalid_argument naming the bad item: an unknown action or
/// server, a negative time, a recovery of a server not down then, a crash
/// of one already down.
std::vector<Fault> ParseFaults(const std::string& text, uint32_t servers);

/// "2.0 s crash rs-2".
std::string DescribeFault(const Fault& fault);

/// Schedules @p faults on @p topology's real servers and @p workload's
/// server applications.  Throws std::invalid_argument for a server whose
/// network card cannot be stopped (a remote TUN server's WAN link).
void ScheduleFaults(const std::vector<Fault>& faults,
                    const LvsTopology& topology,
                    const LvsWorkload& workload);

} // namespace ns3

#endif
