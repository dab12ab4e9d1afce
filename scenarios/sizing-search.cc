#include "scenarios/sizing-search.h"

#include "scenarios/config-file.h"

#include <cmath>
#include <cstdlib>
#include <sstream>

namespace ns3
{

namespace
{

bool
ParseNumber(const std::string& text, double* value)
{
    char* end = nullptr;
    *value = std::strtod(text.c_str(), &end);
    return !text.empty() && end == text.c_str() + text.size() && std::isfinite(*value);
}

std::string
GridValue(double value)
{
    std::ostringstream os;
    os << value;
    return os.str();
}

} // namespace

SearchAxis
ParseSearchAxis(const std::string& text, SearchGoal goal, const std::string& flag)
{
    auto fail = [&](const std::string& problem) {
        throw ConfigError(flag + ": '" + text + "' " + problem +
                          " (OPTION=LO..HI or OPTION=LO..HI/STEP, e.g. servers=1..32)");
    };
    size_t eq = text.find('=');
    size_t dots = text.find("..", eq == std::string::npos ? 0 : eq);
    if (eq == std::string::npos || dots == std::string::npos || eq == 0)
    {
        fail("is not a range");
    }
    SearchAxis axis;
    axis.option = text.substr(0, eq);
    axis.goal = goal;
    std::string rest = text.substr(dots + 2);
    size_t slash = rest.find('/');
    double lo = 0;
    double hi = 0;
    double step = 1;
    if (!ParseNumber(text.substr(eq + 1, dots - eq - 1), &lo) ||
        !ParseNumber(rest.substr(0, slash), &hi) ||
        (slash != std::string::npos && !ParseNumber(rest.substr(slash + 1), &step)))
    {
        fail("has a bound or step that is not a number");
    }
    if (!(step > 0) || hi < lo || (hi - lo) / step > 100000)
    {
        fail("needs LO <= HI and a positive step (at most 100000 values)");
    }
    for (double v = lo; v <= hi + step * 1e-9; v += step)
    {
        axis.grid.push_back(GridValue(v));
    }
    return axis;
}

std::optional<size_t>
Bisect(size_t size,
       SearchGoal goal,
       const std::function<bool(size_t)>& meets,
       std::vector<size_t>* tried)
{
    auto ask = [&](size_t i) {
        tried->push_back(i);
        return meets(i);
    };
    if (size == 0)
    {
        return std::nullopt;
    }
    bool smallest = goal == SearchGoal::SmallestMeeting;
    // The end of the grid most likely to meet the target first: if even it
    // misses, nothing does.
    size_t best = smallest ? size - 1 : 0;
    if (!ask(best))
    {
        return std::nullopt;
    }
    // Invariant: `good` meets the target; `bad` (one past the other end of
    // the grid until proven) does not.
    long good = long(best);
    long bad = smallest ? -1 : long(size);
    while (std::labs(good - bad) > 1)
    {
        long middle = (good + bad) / 2;
        if (ask(size_t(middle)))
        {
            good = middle;
        }
        else
        {
            bad = middle;
        }
    }
    return size_t(good);
}

} // namespace ns3
