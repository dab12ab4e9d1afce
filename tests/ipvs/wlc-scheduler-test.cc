// wlc: least overhead/weight by cross-multiplication, ties keep the
// earlier entry (list order is newest first).
#include "service-fixture.h"

#include <gtest/gtest.h>

namespace ipvs::test
{
namespace
{

TEST(WlcScheduler, IsTheDefaultScheduler)
{
    EXPECT_EQ(ServiceConfig().scheduler, "wlc");
}

TEST(WlcScheduler, EmptyServersGoInListOrder)
{
    auto s = MakeService("wlc");
    AddServers(*s, {Server('A', 3), Server('B', 1)}); // list B A, both 0/w
    EXPECT_EQ(Picks(*s, 1), "B");                     // 0*3 > 0*1 is false: keep B
}

TEST(WlcScheduler, WeighsActiveAndInactiveConnections)
{
    auto s = MakeService("wlc");
    AddServers(*s, {Server('A', 3), Server('B', 1)});
    // A: 2 active 10 inactive = 522, /3 = 174;  B: 0 active 200 inactive = 200/1.
    SetConnections(Dest(*s, 'A'), 2, 10);
    SetConnections(Dest(*s, 'B'), 0, 200);
    // least=B (200, w1); A: 200*3 = 600 > 522*1 -> A
    EXPECT_EQ(Picks(*s, 1), "A");
    // B gets 1 active: 456/1; 456*3 = 1368 > 522 -> A still
    SetConnections(Dest(*s, 'B'), 1, 0);
    EXPECT_EQ(Picks(*s, 1), "A");
}

TEST(WlcScheduler, ExactTieKeepsTheEarlierEntry)
{
    auto s = MakeService("wlc");
    AddServers(*s, {Server('A', 2), Server('B', 1)}); // list B A
    SetConnections(Dest(*s, 'A'), 2, 0);              // 512/2
    SetConnections(Dest(*s, 'B'), 1, 0);              // 256/1: 256*2 == 512*1
    EXPECT_EQ(Picks(*s, 1), "B");
}

TEST(WlcScheduler, WeightZeroNeverWins)
{
    auto s = MakeService("wlc");
    AddServers(*s, {Server('A', 1), Server('B', 0), Server('C', 1)}); // list C B A
    SetConnections(Dest(*s, 'C'), 5, 0);
    SetConnections(Dest(*s, 'A'), 3, 0);
    EXPECT_EQ(Picks(*s, 1), "A");
}

} // namespace
} // namespace ipvs::test
