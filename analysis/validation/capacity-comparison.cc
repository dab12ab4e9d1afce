// The Director's CPU ceiling (docs/validation.md): carried against offered
// throughput, and the LVS HOWTO's arithmetic alongside.
#include "analysis/validation/comparison-common.h"
#include "analysis/validation/comparisons.h"
#include "scenarios/config-file.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace lvs
{
namespace validation
{

using ns3::ConfigError;
using ns3::MeanInterval;

namespace
{

struct CapacityFigures
{
    double bytesPerTransaction = 0; ///< mean response size
    double serverMBytesPerS = 0;    ///< what one real server can deliver
    double howtoMBytesPerS = 0;     ///< segment size / reply cost (0 if no reply cost)
};

CapacityFigures
ReadCapacityFigures(const RunFigures& run)
{
    CapacityFigures f;
    f.bytesPerTransaction = MeanOfSpec(run, "response-bytes");
    double workers = std::stod(run.PerServer("server-workers", 1).front());
    double service = MeanOfSpec(run, "server-service-time-ms") / 1e3;
    f.serverMBytesPerS = workers / service * f.bytesPerTransaction / 1e6;
    double replyCostUs = run.Option("director-reply-cost-us");
    if (replyCostUs > 0)
    {
        f.howtoMBytesPerS = run.Option("tcp-segment-bytes") / replyCostUs; // bytes/us = MB/s
    }
    return f;
}

/// CPU seconds per completed transaction, over the window (NaN if nothing
/// completed).
double
CpuPerTransaction(const RunFigures& run)
{
    if (!(run.windowThroughputPerS > 0))
    {
        return NAN;
    }
    return run.directorUtilisation * run.Option("director-cpus") / run.windowThroughputPerS;
}

/// The varied options other than the arrival rate, as a group key.
std::string
GroupOf(const SweepPoint& point)
{
    std::string key;
    for (const auto& [option, value] : point.varied)
    {
        if (option != "arrival-rate-per-s")
        {
            key += option + "=" + value + " ";
        }
    }
    return key;
}

} // namespace

Report
CompareDirectorCapacity(const std::vector<SweepPoint>& points, double tolerance)
{
    Report report;
    report.title = "The Director's CPU ceiling";
    report.columns = {"forwarding",
                      "arrival_rate_per_s",
                      "offered_mb_s",
                      "carried_mb_s",
                      "ci95_mb_s",
                      "director_utilisation",
                      "failed_pct",
                      "cpu_us_per_transaction",
                      "ceiling_mb_s",
                      "servers_fed",
                      "howto_ceiling_mb_s",
                      "howto_servers",
                      "expected_mb_s",
                      "deviation_pct"};
    std::map<std::string, std::vector<const SweepPoint*>> groups;
    std::vector<std::string> order;
    for (const SweepPoint& point : points)
    {
        auto& members = groups[GroupOf(point)];
        if (members.empty())
        {
            order.push_back(GroupOf(point));
        }
        members.push_back(&point);
    }
    for (const std::string& key : order)
    {
        auto& members = groups[key];
        auto rate = [](const SweepPoint* p) {
            return p->runs.front().Option("arrival-rate-per-s");
        };
        std::sort(members.begin(), members.end(), [&](const SweepPoint* a, const SweepPoint* b) {
            return rate(a) < rate(b);
        });
        const RunFigures& lightest = members.front()->runs.front();
        CapacityFigures f = ReadCapacityFigures(lightest);
        double cpuPerTx = OverRuns(*members.front(), CpuPerTransaction).mean;
        if (!(cpuPerTx > 0) || !std::isfinite(cpuPerTx))
        {
            throw ConfigError(lightest.folder +
                              ": no Director CPU time per transaction (the capacity comparison "
                              "needs the processing model: a --director-*-cost-us above 0)");
        }
        // The CPUs are all busy at cpus / cpuPerTx transactions per second.
        double cpus = lightest.Option("director-cpus");
        double ceiling = cpus / cpuPerTx * f.bytesPerTransaction / 1e6;
        for (const SweepPoint* point : members)
        {
            const RunFigures& first = point->runs.front();
            double offered = rate(point) * f.bytesPerTransaction / 1e6;
            MeanInterval carried = OverRuns(*point, [](const RunFigures& r) {
                return r.windowThroughputPerS * MeanOfSpec(r, "response-bytes") / 1e6;
            });
            MeanInterval utilisation =
                OverRuns(*point, [](const RunFigures& r) { return r.directorUtilisation; });
            MeanInterval failed = OverRuns(*point, [](const RunFigures& r) {
                return r.windowStarted > 0 ? r.windowFailed / r.windowStarted : 0.0;
            });
            ReportRow row;
            // Well below the ceiling the Director carries what is offered.
            // Well above it its CPU must be busy all the time; what it then
            // carries is reported against the ceiling, not checked: its full
            // input queue drops packets, and TCP makes that cost more (NAT:
            // resent data, timed-out transactions) or less (DR: a dropped
            // ACK is covered by the next, cumulative one) than the packets
            // of an unhurried transaction.  In between it is reported.
            double expected = NAN;
            if (offered <= 0.85 * ceiling)
            {
                expected = offered;
                row.verdict = Near(carried.mean, carried.halfWidth, expected, tolerance);
            }
            else if (offered >= 1.15 * ceiling)
            {
                expected = ceiling;
                row.verdict = utilisation.mean >= 0.95 ? Verdict::Pass : Verdict::Fail;
            }
            row.cells = {
                first.config.at("forwarding"),
                Fixed(rate(point), 0),
                Fixed(offered, 3),
                Fixed(carried.mean, 3),
                Fixed(carried.halfWidth, 3),
                Fixed(utilisation.mean, 3),
                Percent(failed.mean),
                Fixed(1e6 * cpuPerTx, 1),
                Fixed(ceiling, 3),
                Fixed(ceiling / f.serverMBytesPerS, 1),
                f.howtoMBytesPerS > 0 ? Fixed(f.howtoMBytesPerS, 3) : kNone,
                f.howtoMBytesPerS > 0 ? Fixed(f.howtoMBytesPerS / f.serverMBytesPerS, 1) : kNone,
                std::isnan(expected) ? kNone : Fixed(expected, 3),
                std::isnan(expected) ? kNone : Percent((carried.mean - expected) / expected)};
            report.rows.push_back(row);
        }
    }
    report.notes = {
        "ceiling_mb_s: response bytes per second at which the Director's CPUs are busy all the "
        "time, from the CPU time per transaction measured at the lightest load; servers_fed: "
        "that ceiling over what one real server delivers. howto_ceiling_mb_s: the LVS HOWTO's "
        "arithmetic, one full segment per reply cost.",
        "Checked rows: offered at most 85% of the ceiling, the carried throughput is the "
        "offered one (within the tolerance plus its 95% interval); offered at least 115%, the "
        "Director's CPU is busy at least 95% of the window, and what it carries is reported "
        "against the ceiling (deviation_pct): past the ceiling its input queue drops packets, "
        "which costs NAT resends and timed-out transactions (failed_pct) and costs DR little "
        "(a dropped ACK is covered by the next one)."};
    return report;
}

} // namespace validation
} // namespace lvs
