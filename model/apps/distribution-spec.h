// Random distributions written as short specs, for configuration files:
//   const:V            always V
//   exp:MEAN           exponential with that mean
//   lognormal:MEAN:SD  log-normal with that mean and standard deviation
//   uniform:MIN:MAX    uniform on [MIN, MAX)
// The unit is the one the option name carries (service-time-ms, ...).
#ifndef LVS_DISTRIBUTION_SPEC_H
#define LVS_DISTRIBUTION_SPEC_H

#include "ns3/random-variable-stream.h"

#include <string>

namespace ns3
{

struct DistributionSpec
{
    std::string kind; ///< const, exp, lognormal, uniform
    double a = 0;     ///< value, mean or min
    double b = 0;     ///< sd or max
    std::string text; ///< as written

    /// The mean of the distribution, in the spec's unit.
    double Mean() const;

    /// const:V
    static DistributionSpec Constant(double value);
};

/// Parses @p text; on failure returns false and explains in @p error.
bool ParseDistributionSpec(const std::string& text, DistributionSpec* spec, std::string* error);

/// A random variable drawing from @p spec, each value multiplied by
/// @p scale (e.g. 1e-3 to turn milliseconds into seconds).
Ptr<RandomVariableStream> MakeRandomVariable(const DistributionSpec& spec, double scale);

} // namespace ns3

#endif
