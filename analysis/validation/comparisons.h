// The comparisons of docs/validation.md: each reads what it needs (an
// lvs-sweep result folder, or nothing but the IPVS core) and returns a
// Report of measured against expected, with the tolerance it checks.
#ifndef LVS_VALIDATION_COMPARISONS_H
#define LVS_VALIDATION_COMPARISONS_H

#include "analysis/validation/sweep-runs.h"
#include "analysis/validation/validation-report.h"

#include <string>
#include <vector>

namespace lvs
{
namespace validation
{

/// How close a measured mean response time must come to its theory: within
/// this fraction of the theory plus the measurement's 95% interval.
struct Tolerance
{
    double lowLoad = 0.03; ///< at rho <= lowLoadUpTo
    double lowLoadUpTo = 0.7;
    double highLoad = 0.10;   ///< above it, where runs are noisier
    double limitModel = 0.10; ///< against the supermarket model (an N -> infinity limit)

    double At(double rho) const
    {
        return rho <= lowLoadUpTo + 1e-9 ? lowLoad : highLoad;
    }
};

/// Mean response time per scheduler against M/M/1 (sh: random split, at
/// each server's measured share), E_k/M/1 (rr, and wrr over equal weights),
/// the range M/M/k .. E_k/M/1 (lc, wlc, sed, nq over equal servers) and
/// the supermarket model (twos).  Needs one worker per server and
/// exponential service.
Report CompareQueueing(const std::vector<SweepPoint>& points, const Tolerance& tolerance);

/// The theory of CompareQueueing as curves over rho = 0.05 .. 0.95, for
/// plots: CSV with rho, mm1_ms (random split, equal shares), ek_m1_ms,
/// mmk_ms and supermarket_ms, per server count of the sweep's equal-server
/// points (column "servers").  Writes nothing and returns false if no point
/// has equal servers.
bool WriteQueueingCurves(const std::vector<SweepPoint>& points, const std::string& path);

/// The Director's CPU ceiling: per forwarding method, the transaction rate
/// at which the processing model saturates, predicted from its CPU time per
/// transaction at the lightest load, against the carried throughput at the
/// loads beyond it; the LVS HOWTO's arithmetic alongside.
Report CompareDirectorCapacity(const std::vector<SweepPoint>& points, double tolerance);

/// The busiest real server's share under persistence against the floor the
/// persistence units set (the heaviest unit's share of the Zipf client
/// load, or 1/N).  Needs one client node.
Report ComparePersistence(const std::vector<SweepPoint>& points);

/// mh's and sh's tables for 4 to 256 servers: balance, and what moves when
/// a server is removed or added, against the minimum (1/N, 1/(N+1)).
Report CompareHashTables();

} // namespace validation
} // namespace lvs

#endif
