// rr decision sequences worked out from tests/reference/ipvs-behaviour.md 4.1: the list is
// newest first, the cursor starts at the head, weight 0 is skipped.
#include "service-fixture.h"

#include <gtest/gtest.h>

namespace ipvs::test
{
namespace
{

TEST(RrScheduler, WalksTheListNewestFirst)
{
    auto s = MakeService("rr");
    AddServers(*s, {Server('A', 1), Server('B', 1), Server('C', 1)}); // list C B A
    EXPECT_EQ(Picks(*s, 7), "CBACBAC");
}

TEST(RrScheduler, IgnoresWeightsButSkipsWeightZero)
{
    auto s = MakeService("rr");
    AddServers(*s, {Server('A', 5), Server('B', 0), Server('C', 1)}); // list C B A
    EXPECT_EQ(Picks(*s, 4), "CACA");
}

TEST(RrScheduler, ANewServerIsReachedWhenTheCursorWraps)
{
    auto s = MakeService("rr");
    AddServers(*s, {Server('A', 1), Server('B', 1)}); // list B A
    EXPECT_EQ(Picks(*s, 1), "B");
    s->AddDestination(Server('C', 1)); // list C B A, cursor still on B
    // after B comes A, then the wrap reaches C at the head
    EXPECT_EQ(Picks(*s, 4), "ACBA");
}

TEST(RrScheduler, DeletingTheServerUnderTheCursorContinuesWithItsSuccessor)
{
    auto s = MakeService("rr");
    AddServers(*s, {Server('A', 1), Server('B', 1), Server('C', 1)}); // list C B A
    EXPECT_EQ(Picks(*s, 2), "CB");                                    // cursor on B
    s->RemoveDestination(AddrOf('B'), 80); // cursor moves to B's predecessor, C
    EXPECT_EQ(Picks(*s, 3), "ACA");
}

TEST(RrScheduler, QuiescedServerIsSkippedAndComesBack)
{
    auto s = MakeService("rr");
    AddServers(*s, {Server('A', 1), Server('B', 1)}); // list B A
    s->EditDestination(Server('B', 0));
    EXPECT_EQ(Picks(*s, 3), "AAA");
    s->EditDestination(Server('B', 1));
    EXPECT_EQ(Picks(*s, 2), "BA");
}

TEST(RrScheduler, NoneWhenEveryServerIsUnavailable)
{
    auto s = MakeService("rr");
    EXPECT_EQ(Picks(*s, 1), "-");
    AddServers(*s, {Server('A', 0), Server('B', 0)});
    EXPECT_EQ(Picks(*s, 2), "--");
}

} // namespace
} // namespace ipvs::test
