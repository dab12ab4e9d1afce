// How sure a figure is over independent runs: the mean and the half-width
// of its 95% confidence interval, Student's t over the runs (the runs of a
// point differ only in --run, so they are independent replications).
#ifndef LVS_RUN_STATISTICS_H
#define LVS_RUN_STATISTICS_H

#include <cstddef>
#include <vector>

namespace ns3
{

struct MeanInterval
{
    size_t n = 0;
    double mean = 0;
    double halfWidth = 0; ///< mean +- halfWidth is the 95% interval; 0 for n < 2
};

/// The two-sided 95% quantile of Student's t with @p degreesOfFreedom
/// (t_0.975; 12.706 for 1, 1.960 in the limit).
double StudentT975(size_t degreesOfFreedom);

MeanInterval MeanWithInterval(const std::vector<double>& values);

} // namespace ns3

#endif
