// twos is random, so it is tested statistically: expected shares worked
// out from tests/reference/ipvs-behaviour.md 4.9, with a named tolerance of about four
// standard deviations for the number of draws.
#include "service-fixture.h"

#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>

namespace ipvs::test
{
namespace
{

constexpr int kDraws = 20000;

/// Four standard deviations of a share p estimated from kDraws draws.
double
Tolerance(double p)
{
    return 4 * std::sqrt(p * (1 - p) / kDraws);
}

double
ShareOf(Service& s, char name)
{
    std::string picks = Picks(s, kDraws);
    return double(std::count(picks.begin(), picks.end(), name)) / kDraws;
}

TEST(TwosScheduler, IdleServersFollowTheFirstDraw)
{
    // A(3) then B(1): list B A, total 4.  With no connections both
    // overheads are 0, so the first choice always stands.  r1 is uniform on
    // 0..4 (5 values); B (first in the list) takes r1 in {0, 1}: 2/5.
    auto s = MakeService("twos");
    AddServers(*s, {Server('A', 3), Server('B', 1)});
    EXPECT_NEAR(ShareOf(*s, 'B'), 0.4, Tolerance(0.4));
}

TEST(TwosScheduler, ALoadedServerWinsOnlyWhenDrawnTwice)
{
    // Same servers, B busy and A idle: B is kept only when both draws land
    // on B (choice1 = choice2 = B), probability (2/5)^2 = 0.16.
    auto s = MakeService("twos");
    AddServers(*s, {Server('A', 3), Server('B', 1)});
    SetConnections(Dest(*s, 'B'), 5, 0);
    EXPECT_NEAR(ShareOf(*s, 'B'), 0.16, Tolerance(0.16));
}

} // namespace
} // namespace ipvs::test
