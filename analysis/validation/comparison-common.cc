#include "analysis/validation/comparison-common.h"

#include "model/apps/distribution-spec.h"
#include "scenarios/config-file.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace lvs
{
namespace validation
{

ns3::MeanInterval
OverRuns(const SweepPoint& point, double (*figure)(const RunFigures&))
{
    std::vector<double> values;
    for (const RunFigures& run : point.runs)
    {
        values.push_back(figure(run));
    }
    return ns3::MeanWithInterval(values);
}

bool
AllSame(const std::vector<std::string>& values)
{
    return std::adjacent_find(values.begin(), values.end(), std::not_equal_to<>()) == values.end();
}

std::string
Percent(double fraction)
{
    return Fixed(100.0 * fraction, 1);
}

Verdict
Near(double measured, double halfWidth, double expected, double tolerance)
{
    if (!std::isfinite(measured) || !std::isfinite(expected))
    {
        return Verdict::Fail;
    }
    return std::fabs(measured - expected) <= tolerance * expected + halfWidth ? Verdict::Pass
                                                                              : Verdict::Fail;
}

double
MeanOfSpec(const RunFigures& run, const std::string& option)
{
    ns3::DistributionSpec spec;
    std::string error;
    if (!ns3::ParseDistributionSpec(run.config.at(option), &spec, &error))
    {
        throw ns3::ConfigError(run.folder + ": " + option + ": " + error);
    }
    return spec.Mean();
}

} // namespace validation
} // namespace lvs
