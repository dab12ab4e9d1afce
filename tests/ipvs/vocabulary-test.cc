// The core's one table per vocabulary: forwarding methods (every spelling
// of a method in one row) and scheduler flags (declared by the scheduler
// that owns them), read the same way by every layer.
#include "model/ipvs/drop-reason.h"
#include "model/ipvs/ipvs-types.h"
#include "model/ipvs/scheduler-registry.h"

#include <gtest/gtest.h>
#include <set>

namespace ipvs
{
namespace
{

TEST(ForwardMethodTable, EverySpellingMapsBackToItsMethod)
{
    for (const auto& row : ForwardMethodTable())
    {
        EXPECT_EQ(SpellingOf(row.method).column, std::string(row.column));
        if (*row.option)
        {
            EXPECT_EQ(ParseForwardMethodOption(row.option), row.method);
            EXPECT_EQ(ParseIpvsadmMethodFlag(row.ipvsadmShort), row.method);
            EXPECT_EQ(ParseIpvsadmMethodFlag(row.ipvsadmLong), row.method);
        }
    }
    EXPECT_EQ(ForwardMethodOptions(), (std::vector<std::string>{"nat", "dr", "tun"}));
    EXPECT_EQ(ForwardMethodName(ForwardMethod::DirectRoute), "Route");
    EXPECT_EQ(std::string(SpellingOf(ForwardMethod::Tunnel).label), "TUN");
    EXPECT_FALSE(ParseForwardMethodOption("masq"));
    EXPECT_FALSE(ParseForwardMethodOption(""));
    EXPECT_FALSE(ParseIpvsadmMethodFlag("-x"));
    EXPECT_FALSE(ParseIpvsadmMethodFlag(""));
}

TEST(SchedulerFlags, OnlyTheHashingSchedulersDeclareNamesOfTheirOwn)
{
    std::set<std::string> withNames;
    for (const auto& name : SchedulerNames())
    {
        for (const char* flag : FlagNamesOf(name))
        {
            if (flag)
            {
                withNames.insert(name);
                EXPECT_EQ(SchedulerOwningFlag(flag), name);
            }
        }
    }
    EXPECT_EQ(withNames, (std::set<std::string>{"sh", "mh"}));
    EXPECT_EQ(DescribeSchedulerFlags(),
              "sh-fallback, sh-port with sh; mh-fallback, mh-port with mh");
}

TEST(SchedulerFlags, ParsedByOwnNameOrGenericNumberAndListedBack)
{
    SchedulerFlags flags;
    EXPECT_TRUE(SetSchedulerFlag("sh", "sh-port", false, &flags));
    EXPECT_TRUE(flags.flag2);
    EXPECT_FALSE(SetSchedulerFlag("sh", "mh-port", true, &flags));
    EXPECT_FALSE(SetSchedulerFlag("wlc", "flag-1", false, &flags));
    EXPECT_TRUE(SetSchedulerFlag("wlc", "flag-3", true, &flags));
    EXPECT_EQ(FormatSchedulerFlags("sh", flags), "sh-port,flag-3");
    EXPECT_EQ(FormatSchedulerFlags("wlc", flags), "flag-2,flag-3");
    EXPECT_EQ(FormatSchedulerFlags("rr", SchedulerFlags{}), "");
}

TEST(DropReasons, EachHasOneDistinctName)
{
    std::set<std::string> names;
    for (DropReason reason : AllDropReasons())
    {
        names.insert(DropReasonName(reason));
    }
    EXPECT_EQ(names.size(), AllDropReasons().size());
    EXPECT_EQ(DropReasonName(DropReason::NoDestination), "no-destination");
}

} // namespace
} // namespace ipvs
