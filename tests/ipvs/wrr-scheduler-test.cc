// wrr sequences worked out by hand from tests/reference/ipvs-behaviour.md 4.2.  di is the gcd
// of the weights, mw = max - (di - 1), and every configuration change
// resets the cursor to the head and adjusts cw (to mw only if cw > mw or
// cw == 0; to (cw/di)*di + 1 if di > 1).
#include "service-fixture.h"

#include <gtest/gtest.h>

namespace ipvs::test
{
namespace
{

TEST(WrrScheduler, IncrementalAddsStartWithACwOfOnePass)
{
    // add A(4): di=4 mw=1 cw=1.  add B(3), C(2): di=1 mw=4, cw stays 1.
    // List C B A.  cw=1: C B A; cw=4: A; cw=3: B A; cw=2: C B A;
    // cw=1: C B A; then the cycle repeats from cw=4.
    auto s = MakeService("wrr");
    AddServers(*s, {Server('A', 4), Server('B', 3), Server('C', 2)});
    EXPECT_EQ(Picks(*s, 3 + 1 + 2 + 3 + 3 + 1 + 2),
              "CBA"
              "A"
              "BA"
              "CBA"
              "CBA"
              "A"
              "BA");
}

TEST(WrrScheduler, ThreeToOne)
{
    // add RS1=A(3): di=3 mw=1 cw=1; add RS2=B(1): di=1 mw=3 cw=1.
    // List B A.  cw=1: B A; cw=3: A; cw=2: A; cw=1: B A; ...
    auto s = MakeService("wrr");
    AddServers(*s, {Server('A', 3), Server('B', 1)});
    EXPECT_EQ(Picks(*s, 8), "BAAABAAA");
}

TEST(WrrScheduler, GcdAboveOne)
{
    // add A(4): di=4 mw=1 cw=1; add B(2): di=2 mw=3, cw=(1/2)*2+1=1.
    // List B A.  cw=1: B A; cw=-1 -> 3: A; cw=1: B A; ...
    auto s = MakeService("wrr");
    AddServers(*s, {Server('A', 4), Server('B', 2)});
    EXPECT_EQ(Picks(*s, 9), "BAABAABAA");
}

TEST(WrrScheduler, SchedulerSwitchStartsAtMaxWeight)
{
    // ipvsadm -E to wrr with A(4) B(3) C(2) present: cw = mw = 4 at once.
    auto s = MakeService("rr");
    AddServers(*s, {Server('A', 4), Server('B', 3), Server('C', 2)});
    s->ReplaceScheduler(CreateScheduler("wrr"));
    EXPECT_EQ(Picks(*s, 9),
              "A"
              "BA"
              "CBA"
              "CBA");
}

TEST(WrrScheduler, WeightEditResetsTheCursor)
{
    // A(1) B(1): after adds cw=1, list B A.  B, then edit A to 3:
    // di=1 mw=3, cw=1 kept, cursor to head: cw=1 pass B A; cw=3: A; cw=2: A.
    auto s = MakeService("wrr");
    AddServers(*s, {Server('A', 1), Server('B', 1)});
    EXPECT_EQ(Picks(*s, 1), "B");
    s->EditDestination(Server('A', 3));
    EXPECT_EQ(Picks(*s, 6), "BAAABA");
}

TEST(WrrScheduler, RemovalAndQuiescing)
{
    // A(2) B(1) C(1): after A cw=mw=2 (di=2 -> mw=1, cw=1); B: di=1 mw=2,
    // cw=1; C: same.  List C B A.  cw=1: C B A; cw=2: A; cw=1: C B A ...
    auto s = MakeService("wrr");
    AddServers(*s, {Server('A', 2), Server('B', 1), Server('C', 1)});
    EXPECT_EQ(Picks(*s, 4), "CBAA");
    s->RemoveDestination(AddrOf('C'), 80); // list B A, cw=2 kept (<= mw 2)
    EXPECT_EQ(Picks(*s, 3), "ABA");        // cw=2: A; cw=1: B A
    s->EditDestination(Server('B', 0));    // di=2 mw=1, cw=(1/2)*2+1=1
    EXPECT_EQ(Picks(*s, 3), "AAA");
}

TEST(WrrScheduler, AllWeightsZeroGivesNone)
{
    auto s = MakeService("wrr");
    AddServers(*s, {Server('A', 0), Server('B', 0)});
    EXPECT_EQ(Picks(*s, 2), "--");
}

} // namespace
} // namespace ipvs::test
