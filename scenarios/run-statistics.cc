#include "scenarios/run-statistics.h"

#include <cmath>

namespace ns3
{

double
StudentT975(size_t degreesOfFreedom)
{
    // t_0.975 for 1..30 degrees of freedom, then 40, 60, 120 and infinity.
    static const double kTable[] = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306,
                                    2.262,  2.228, 2.201, 2.179, 2.160, 2.145, 2.131, 2.120,
                                    2.110,  2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064,
                                    2.060,  2.056, 2.052, 2.048, 2.045, 2.042};
    if (degreesOfFreedom == 0)
    {
        return NAN;
    }
    if (degreesOfFreedom <= 30)
    {
        return kTable[degreesOfFreedom - 1];
    }
    if (degreesOfFreedom <= 40)
    {
        return 2.021;
    }
    if (degreesOfFreedom <= 60)
    {
        return 2.000;
    }
    return degreesOfFreedom <= 120 ? 1.980 : 1.960;
}

MeanInterval
MeanWithInterval(const std::vector<double>& values)
{
    MeanInterval m;
    m.n = values.size();
    if (m.n == 0)
    {
        return m;
    }
    double sum = 0;
    for (double v : values)
    {
        sum += v;
    }
    m.mean = sum / m.n;
    if (m.n < 2)
    {
        return m;
    }
    double squares = 0;
    for (double v : values)
    {
        squares += (v - m.mean) * (v - m.mean);
    }
    double sd = std::sqrt(squares / (m.n - 1));
    m.halfWidth = StudentT975(m.n - 1) * sd / std::sqrt(double(m.n));
    return m;
}

} // namespace ns3
