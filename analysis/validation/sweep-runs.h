// The runs of an lvs-sweep result folder, grouped by point, with the figures
// of each run that the validation comparisons read (from summary.json, so
// nothing depends on a column's position).
#ifndef LVS_SWEEP_RUNS_H
#define LVS_SWEEP_RUNS_H

#include <map>
#include <string>
#include <vector>

namespace lvs
{
namespace validation
{

/// One lvs-sim run of a sweep.
struct RunFigures
{
    std::string folder;
    std::map<std::string, std::string> config; ///< every option, as summary.json echoes it
    double windowLatencyMeanMs = 0;
    double windowThroughputPerS = 0;
    double windowFailed = 0;
    double windowStarted = 0;
    std::vector<double> serverShare; ///< served share of each real server, rs-1 first
    /// Mean service time each server drew, ms (NaN if the run predates it).
    std::vector<double> serverServiceMs;
    double directorUtilisation = 0; ///< window; 0 without the processing model
    double directorPackets = 0;     ///< in + out
    double completed = 0;

    /// An option as a number; throws if it is not one.
    double Option(const std::string& name) const;
    /// A per-server option, repeated over @p servers as lvs-sim does.
    std::vector<std::string> PerServer(const std::string& name, size_t servers) const;
};

/// The runs of one point of the sweep (same values of the varied options).
struct SweepPoint
{
    std::map<std::string, std::string> varied; ///< option -> value
    std::vector<RunFigures> runs;

    /// "scheduler=rr, arrival-rate-per-s=140"
    std::string Label() const;
};

/// Reads SWEEP_DIR/sweep.csv and every complete run folder it names, in the
/// order of the file; throws ConfigError when the folder is not a sweep.
/// @p incomplete (if given) counts the runs it names that did not finish.
std::vector<SweepPoint> ReadSweep(const std::string& sweepDir, size_t* incomplete = nullptr);

/// Mean service time of each server, in seconds, from
/// server-service-time-ms (per server: "exp:10,exp:15,...").
std::vector<double> ServiceMeansS(const RunFigures& run);

} // namespace validation
} // namespace lvs

#endif
