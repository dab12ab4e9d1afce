// The conformance suite every registered scheduler must pass (GoogleTest's
// "abstract tests"): a new scheduler gets all of it by being registered.
#include "service-fixture.h"

#include <gtest/gtest.h>

namespace ipvs::test
{
namespace
{

class SchedulerConformance : public ::testing::TestWithParam<std::string>
{
  protected:
    std::unique_ptr<Service> Make()
    {
        return MakeService(GetParam());
    }
};

TEST_P(SchedulerConformance, IsCreatedByItsName)
{
    auto scheduler = CreateScheduler(GetParam());
    ASSERT_NE(scheduler, nullptr);
    EXPECT_EQ(scheduler->GetName(), GetParam());
}

TEST_P(SchedulerConformance, NoneWithoutDestinations)
{
    auto s = Make();
    EXPECT_EQ(Picks(*s, 3), "---");
}

TEST_P(SchedulerConformance, NeverPicksWeightZeroOrOverloaded)
{
    auto s = Make();
    DestinationConfig overloaded = Server('C', 5);
    overloaded.upperThreshold = 1;
    AddServers(*s, {Server('A', 1), Server('B', 0), overloaded});
    SetConnections(Dest(*s, 'C'), 0, 1);
    ASSERT_TRUE(Dest(*s, 'C').IsOverloaded());
    // Hashing schedulers without a fallback may find no server ('-') when
    // a bucket's owner is unavailable; nobody may pick B or C.
    for (char c : Picks(*s, 20))
    {
        EXPECT_TRUE(c == 'A' || c == '-') << c;
    }
}

TEST_P(SchedulerConformance, NoneWhenNothingIsAvailable)
{
    auto s = Make();
    AddServers(*s, {Server('A', 0), Server('B', 0)});
    EXPECT_EQ(Picks(*s, 3), "---");
}

TEST_P(SchedulerConformance, SurvivesAddRemoveAndReweightBetweenDecisions)
{
    auto s = Make();
    AddServers(*s, {Server('A', 2), Server('B', 1)});
    Picks(*s, 3);
    s->AddDestination(Server('C', 3));
    Picks(*s, 3);
    s->RemoveDestination(AddrOf('A'), 80);
    s->EditDestination(Server('B', 0));
    EXPECT_EQ(Picks(*s, 4), "CCCC");
    s->RemoveDestination(AddrOf('C'), 80);
    EXPECT_EQ(Picks(*s, 2), "--");
}

TEST_P(SchedulerConformance, SameInputsGiveTheSameChoices)
{
    auto first = Make();
    auto second = Make();
    for (auto* s : {first.get(), second.get()})
    {
        AddServers(*s, {Server('A', 3), Server('B', 2), Server('C', 1)});
    }
    EXPECT_EQ(Picks(*first, 30), Picks(*second, 30));
}

INSTANTIATE_TEST_SUITE_P(Registry,
                         SchedulerConformance,
                         ::testing::ValuesIn(SchedulerNames()),
                         [](const auto& info) { return info.param; });

} // namespace
} // namespace ipvs::test
