// A parameter sweep declared as data (lvs-sweep's input):
//
//   scenario = ../configs/nat-wlc-heterogeneous.ini   # optional base
//   runs = 3                                          # replications
//   runs = 3..20 until ci < 5%                        # or as many as it takes
//   set duration-s = 5                                # fixed overrides
//   vary arrival-rate-per-s = 200, 400, 800           # one axis each
//   vary scheduler = wlc, rr
//   set scheduler-flags = sh-port when scheduler = sh # only for some points
//
// Every combination of the `vary` values is run `runs` times (--run 1..N),
// each in a folder of its own.
#ifndef LVS_SWEEP_SPEC_H
#define LVS_SWEEP_SPEC_H

#include <istream>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

struct SweepAxis
{
    std::string option;
    std::vector<std::string> values;
};

/// `set OPTION = VALUE when AXIS = AXIS_VALUE`: an option that only the
/// points with that value of a varied option get (a scheduler's flags).
struct ConditionalSet
{
    std::string option;
    std::string value;
    std::string whenOption;
    std::string whenValue;
    std::string where; ///< "FILE:LINE: " of the line, for errors
};

struct SweepSpec
{
    std::string scenario; ///< base configuration file ("" for lvs-sim's defaults)
    unsigned runs = 1;
    /// `runs = MIN..MAX until ci < P%`: more runs (up to MAX) for a point
    /// while the 95% interval of its throughput or p99 latency is wider
    /// than P% of the mean on either side.  0: a fixed number of runs.
    unsigned maxRuns = 0;
    double ciRelative = 0;
    std::vector<std::pair<std::string, std::string>> fixed;
    std::vector<SweepAxis> axes;
    std::vector<ConditionalSet> conditional;

    /// The conditional sets that apply to a point with these values.
    std::vector<std::pair<std::string, std::string>> ConditionalFor(
        const std::vector<std::pair<std::string, std::string>>& values) const;
};

/// One point of the sweep: the option values and the run number.
struct SweepPoint
{
    std::vector<std::pair<std::string, std::string>> values;
    unsigned run = 1;

    /// "arrival-rate-per-s=200,scheduler=wlc/run-1": the folder below the
    /// sweep's output folder.
    std::string FolderName() const;
};

/// Parses a sweep file; throws ConfigError ("FILE:LINE: problem").  A
/// relative scenario path is taken relative to the sweep file.
SweepSpec ParseSweepSpec(std::istream& in, const std::string& file);

/// Every combination times every run, in a fixed order.
std::vector<SweepPoint> ExpandSweep(const SweepSpec& spec);

} // namespace ns3

#endif
