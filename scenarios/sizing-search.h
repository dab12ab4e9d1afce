// The sizing search of lvs-sweep --find-min / --find-max: over a grid of
// one option's values, by bisection over real runs, the smallest value
// that meets a target (how many real servers does this load need?) or the
// largest (how much load does this cluster take?).  It assumes the target
// is met on one side of the answer and missed on the other, as it is for
// servers and load; it needs about log2(grid size) + 1 points.
#ifndef LVS_SIZING_SEARCH_H
#define LVS_SIZING_SEARCH_H

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{

enum class SearchGoal
{
    SmallestMeeting, ///< --find-min: more is better (servers, workers)
    LargestMeeting,  ///< --find-max: more is worse (offered load)
};

struct SearchAxis
{
    std::string option;
    std::vector<std::string> grid; ///< increasing values
    SearchGoal goal = SearchGoal::SmallestMeeting;
};

/// What a point must meet: p99 latency and the failed fraction of the
/// measurement window, as means over the point's runs.
struct SizingTarget
{
    double p99Ms = 200;
    double failedFraction = 0.001;

    bool IsMetBy(double p99Ms, double failedFraction) const
    {
        return p99Ms <= this->p99Ms && failedFraction <= this->failedFraction;
    }
};

/// "servers=1..32" or "arrival-rate-per-s=100..5000/50" (LO..HI, step 1
/// unless /STEP is given).  Throws ConfigError naming @p flag.
SearchAxis ParseSearchAxis(const std::string& text, SearchGoal goal, const std::string& flag);

/// The index of the answer on a grid of @p size values, or nothing if no
/// value meets the target; @p meets is asked about as few indices as
/// bisection needs, and each index it was asked about is added to @p tried.
std::optional<size_t> Bisect(size_t size,
                             SearchGoal goal,
                             const std::function<bool(size_t)>& meets,
                             std::vector<size_t>* tried);

} // namespace ns3

#endif
