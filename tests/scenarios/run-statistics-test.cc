// Means and 95% confidence intervals over runs, on data worked by hand.
#include "scenarios/run-statistics.h"

#include <cmath>
#include <gtest/gtest.h>

namespace ns3::test
{
namespace
{

TEST(RunStatistics, StudentQuantilesOfTheTable)
{
    EXPECT_DOUBLE_EQ(StudentT975(1), 12.706);
    EXPECT_DOUBLE_EQ(StudentT975(4), 2.776);
    EXPECT_DOUBLE_EQ(StudentT975(30), 2.042);
    EXPECT_DOUBLE_EQ(StudentT975(1000), 1.960);
    EXPECT_TRUE(std::isnan(StudentT975(0)));
}

TEST(RunStatistics, MeanAndIntervalOfKnownData)
{
    // 1..5: mean 3, sample sd sqrt(2.5), t(4) = 2.776:
    // 2.776 * 1.58114 / sqrt(5) = 1.96293.
    MeanInterval m = MeanWithInterval({1, 2, 3, 4, 5});
    EXPECT_EQ(m.n, 5u);
    EXPECT_DOUBLE_EQ(m.mean, 3);
    EXPECT_NEAR(m.halfWidth, 1.96293, 1e-5);
    // Two runs 10 and 14: sd 2.828, t(1) = 12.706: 12.706 * 2 = 25.412.
    EXPECT_NEAR(MeanWithInterval({10, 14}).halfWidth, 25.412, 1e-9);
    // Equal runs: no spread.
    EXPECT_EQ(MeanWithInterval({7, 7, 7}).halfWidth, 0);
}

TEST(RunStatistics, OneRunHasNoInterval)
{
    MeanInterval m = MeanWithInterval({42});
    EXPECT_EQ(m.mean, 42);
    EXPECT_EQ(m.halfWidth, 0);
    EXPECT_EQ(MeanWithInterval({}).n, 0u);
}

} // namespace
} // namespace ns3::test
