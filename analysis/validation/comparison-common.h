// What the comparisons of docs/validation.md share: figures over a
// point's runs, the tolerance check, and reading an option's distribution.
#ifndef LVS_VALIDATION_COMPARISON_COMMON_H
#define LVS_VALIDATION_COMPARISON_COMMON_H

#include "analysis/validation/sweep-runs.h"
#include "analysis/validation/validation-report.h"
#include "scenarios/run-statistics.h"

#include <string>
#include <vector>

namespace lvs
{
namespace validation
{

/// A cell with nothing to show.
constexpr const char* kNone = "-";

/// A figure of every run of @p point, as a mean with its 95% interval.
ns3::MeanInterval OverRuns(const SweepPoint& point, double (*figure)(const RunFigures&));

bool AllSame(const std::vector<std::string>& values);

/// @p fraction as a percentage with one decimal.
std::string Percent(double fraction);

/// Pass when @p measured is within @p tolerance x @p expected plus the
/// measurement's interval @p halfWidth; Fail otherwise, and when either is
/// not finite (nothing to agree with).
Verdict Near(double measured, double halfWidth, double expected, double tolerance);

/// The mean of the distribution that option @p option of @p run gives.
double MeanOfSpec(const RunFigures& run, const std::string& option);

} // namespace validation
} // namespace lvs

#endif
