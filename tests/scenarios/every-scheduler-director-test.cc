// Every registered scheduler in the running Director, end to end, one case
// per scheduler so that a failure names it: a light load under NAT (the
// default method), and a light persistent load under DR and under TUN, one
// case per method and scheduler (dr_wlc, tun_sh, ...).
#include "lvs-sim-runner.h"
#include "model/ipvs/scheduler-registry.h"
#include "result-checks.h"

#include <gtest/gtest.h>
#include <string>
#include <tuple>

namespace ns3::test
{
namespace
{

class EverySchedulerInTheDirector : public ::testing::TestWithParam<std::string>
{
};

TEST_P(EverySchedulerInTheDirector, ServesALightLoad)
{
    // 50 connections per second for a second, under every scheduler: all
    // complete, and the ipvsadm listing names the scheduler.
    std::string folder = TempFolder();
    std::string flags = GetParam() == "sh" || GetParam() == "mh"
                            ? " --scheduler-flags " + GetParam() + "-port"
                            : "";
    Outcome outcome =
        RunLvsSim("--scheduler " + GetParam() + flags +
                  " --duration-s 1 --arrival-rate-per-s 50 --progress off --output " + folder);
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    ResultFolder json(folder);
    EXPECT_GT(json.Number("/transactions/completed"), 20);
    EXPECT_EQ(json.Number("/transactions/completed"), json.Number("/transactions/offered"));
    EXPECT_NE(ReadText(folder + "/ipvsadm-Ln.txt").find("TCP  10.0.0.100:80 " + GetParam()),
              std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Registry,
                         EverySchedulerInTheDirector,
                         ::testing::ValuesIn(ipvs::SchedulerNames()),
                         [](const auto& info) { return info.param; });

class MethodWithEveryScheduler
    : public ::testing::TestWithParam<std::tuple<std::string, std::string>>
{
};

TEST_P(MethodWithEveryScheduler, ServesALightPersistentLoad)
{
    const auto& [method, scheduler] = GetParam();
    std::string folder = TempFolder();
    std::string flags = scheduler == "sh" || scheduler == "mh"
                            ? " --scheduler-flags " + scheduler + "-fallback"
                            : "";
    Outcome outcome = RunLvsSim("--forwarding " + method + " --scheduler " + scheduler + flags +
                                " --persistent-s 30 --persistence-netmask 255.255.255.240"
                                " --duration-s 1 --arrival-rate-per-s 40 --progress off --output " +
                                folder);
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    ResultFolder json(folder);
    EXPECT_GT(json.Number("/transactions/completed"), 15);
    EXPECT_EQ(json.Number("/transactions/completed"), json.Number("/transactions/offered"));
    EXPECT_EQ(json.Number("/director/out_packets"), 0);
    // "TCP  10.0.0.100:80 SCHED[ (flags)] persistent 30 mask ..."
    std::string listing = ReadText(folder + "/ipvsadm-Ln.txt");
    EXPECT_NE(listing.find("TCP  10.0.0.100:80 " + scheduler + " "), std::string::npos) << listing;
    EXPECT_NE(listing.find(" persistent 30 mask 255.255.255.240\n"), std::string::npos) << listing;
}

INSTANTIATE_TEST_SUITE_P(Methods,
                         MethodWithEveryScheduler,
                         ::testing::Combine(::testing::Values("dr", "tun"),
                                            ::testing::ValuesIn(ipvs::SchedulerNames())),
                         [](const auto& info) {
                             return std::get<0>(info.param) + "_" + std::get<1>(info.param);
                         });

} // namespace
} // namespace ns3::test
