// The sizing search's bisection and grid, on predicates known in advance.
#include "scenarios/config-file.h"
#include "scenarios/sizing-search.h"

#include <cmath>
#include <gtest/gtest.h>

namespace ns3::test
{
namespace
{

TEST(SizingSearch, FindsEveryThresholdInFewSteps)
{
    for (size_t size = 1; size <= 20; ++size)
    {
        size_t bound = size_t(std::ceil(std::log2(double(size)))) + 1;
        for (size_t threshold = 0; threshold <= size; ++threshold)
        {
            // Smallest meeting: indices >= threshold meet.
            std::vector<size_t> tried;
            auto min = Bisect(
                size,
                SearchGoal::SmallestMeeting,
                [&](size_t i) { return i >= threshold; },
                &tried);
            if (threshold == size)
            {
                EXPECT_FALSE(min) << size;
            }
            else
            {
                ASSERT_TRUE(min) << size << " " << threshold;
                EXPECT_EQ(*min, threshold);
            }
            EXPECT_LE(tried.size(), bound) << size << " " << threshold;
            // Largest meeting: indices < threshold meet.
            tried.clear();
            auto max = Bisect(
                size,
                SearchGoal::LargestMeeting,
                [&](size_t i) { return i < threshold; },
                &tried);
            if (threshold == 0)
            {
                EXPECT_FALSE(max);
            }
            else
            {
                ASSERT_TRUE(max);
                EXPECT_EQ(*max, threshold - 1);
            }
            EXPECT_LE(tried.size(), bound);
        }
    }
}

TEST(SizingSearch, GridsFromRanges)
{
    SearchAxis servers = ParseSearchAxis("servers=1..4", SearchGoal::SmallestMeeting, "--find-min");
    EXPECT_EQ(servers.option, "servers");
    EXPECT_EQ(servers.grid, (std::vector<std::string>{"1", "2", "3", "4"}));
    SearchAxis load = ParseSearchAxis("arrival-rate-per-s=100..300/100",
                                      SearchGoal::LargestMeeting,
                                      "--find-max");
    EXPECT_EQ(load.grid, (std::vector<std::string>{"100", "200", "300"}));
    EXPECT_EQ(load.goal, SearchGoal::LargestMeeting);
    EXPECT_THROW(ParseSearchAxis("servers", SearchGoal::SmallestMeeting, "--find-min"),
                 ConfigError);
    EXPECT_THROW(ParseSearchAxis("servers=4..1", SearchGoal::SmallestMeeting, "--find-min"),
                 ConfigError);
    EXPECT_THROW(ParseSearchAxis("servers=1..x", SearchGoal::SmallestMeeting, "--find-min"),
                 ConfigError);
    EXPECT_THROW(ParseSearchAxis("servers=1..4/0", SearchGoal::SmallestMeeting, "--find-min"),
                 ConfigError);
}

TEST(SizingSearch, TheTargetBoundsLatencyAndFailures)
{
    SizingTarget target{200, 0.001};
    EXPECT_TRUE(target.IsMetBy(200, 0.001));
    EXPECT_FALSE(target.IsMetBy(200.1, 0));
    EXPECT_FALSE(target.IsMetBy(10, 0.002));
}

} // namespace
} // namespace ns3::test
