// lc: smallest activeconns*256 + inactconns, ties to the first in list
// order (newest first), weights ignored except 0.
#include "service-fixture.h"

#include <gtest/gtest.h>

namespace ipvs::test
{
namespace
{

TEST(LcScheduler, TiesGoToTheFirstInListOrder)
{
    auto s = MakeService("lc");
    AddServers(*s, {Server('A', 1), Server('B', 1)}); // list B A
    EXPECT_EQ(Picks(*s, 1), "B");
}

TEST(LcScheduler, OneActiveOutweighs255Inactive)
{
    auto s = MakeService("lc");
    AddServers(*s, {Server('A', 1), Server('B', 1)});
    SetConnections(Dest(*s, 'A'), 0, 255); // overhead 255
    SetConnections(Dest(*s, 'B'), 1, 0);   // overhead 256
    EXPECT_EQ(Picks(*s, 1), "A");
    SetConnections(Dest(*s, 'A'), 0, 1); // 256 = 256: tie, B comes first
    EXPECT_EQ(Picks(*s, 1), "B");
}

TEST(LcScheduler, IgnoresWeightsOtherThanZero)
{
    auto s = MakeService("lc");
    AddServers(*s, {Server('A', 100), Server('B', 1)});
    SetConnections(Dest(*s, 'A'), 1, 0);
    EXPECT_EQ(Picks(*s, 1), "B");
    s->EditDestination(Server('B', 0));
    EXPECT_EQ(Picks(*s, 1), "A");
}

TEST(LcScheduler, SkipsOverloadedServers)
{
    auto s = MakeService("lc");
    DestinationConfig b = Server('B', 1);
    b.upperThreshold = 1;
    AddServers(*s, {Server('A', 1), b});
    SetConnections(Dest(*s, 'A'), 3, 0);
    SetConnections(Dest(*s, 'B'), 0, 1); // reaches its upper threshold
    ASSERT_TRUE(Dest(*s, 'B').IsOverloaded());
    EXPECT_EQ(Picks(*s, 1), "A");
}

} // namespace
} // namespace ipvs::test
