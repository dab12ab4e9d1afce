// --director none, the baseline of docs/performance.md: the Director's node
// is a plain router, the clients address the real servers themselves, in
// turn, and every packet crosses that router both ways (the LVS-NAT path
// without IPVS).  And --event-scheduler: ns-3's event queues give the
// same run.
#include "lvs-sim-runner.h"
#include "result-checks.h"

#include <gtest/gtest.h>
#include <string>

namespace ns3::test
{
namespace
{

const std::string kBaseline = " --director none --servers 4 --client-nodes 2 --transactions 400 "
                              "--arrival-rate-per-s 200 --progress off";

TEST(DirectorBaseline, ClientsReachTheRealServersDirectlyInTurn)
{
    std::string folder = TempFolder();
    Outcome outcome = RunLvsSim("--output " + folder + kBaseline + " --walk 1");
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    ResultFolder result(folder);
    EXPECT_EQ(result.Number("/transactions/completed"), 400);
    // Two client nodes with 200 transactions each, each taking the four
    // servers in turn: 100 per server.
    for (const auto& [rip, served] : ServedByRip(folder))
    {
        EXPECT_EQ(served, 100u) << rip;
    }
    CsvTable transactions = result.Table("transactions.csv");
    for (size_t row = 0; row < transactions.Rows(); ++row)
    {
        ASSERT_EQ(transactions.Cell(row, "vip"), transactions.Cell(row, "server")) << row;
    }
    EXPECT_EQ(result.Number("/director/in_packets"), 0);
    EXPECT_EQ(result.Number("/director/connections"), 0);
    EXPECT_EQ(ReadText(folder + "/ipvsadm-Ln.txt").find("TCP"), std::string::npos);
    // On the wire: CIP -> RIP unchanged on every hop, through the router
    // and then the Director's node (TTL 64, 63, 62), and back the same way.
    EXPECT_NE(outcome.out.find("client-0:"), std::string::npos) << outcome.out;
    for (const char* hop :
         {"1    client-0 link  point-to-point      172.16.0.32 (CIP) -> 192.168.10.11 (RIP rs-1)  "
          "49153 -> 80  64",
          "2    VIP network    router -> director  172.16.0.32 (CIP) -> 192.168.10.11 (RIP rs-1)  "
          "49153 -> 80  63",
          "3    D/RIP network  director -> rs-1    172.16.0.32 (CIP) -> 192.168.10.11 (RIP rs-1)  "
          "49153 -> 80  62",
          "1    D/RIP network  rs-1 -> director    192.168.10.11 (RIP rs-1) -> 172.16.0.32 (CIP)  "
          "80 -> 49153  64",
          "2    VIP network    director -> router  192.168.10.11 (RIP rs-1) -> 172.16.0.32 (CIP)  "
          "80 -> 49153  63"})
    {
        EXPECT_NE(outcome.out.find(hop), std::string::npos) << hop << "\n" << outcome.out;
    }
    EXPECT_NE(outcome.out.find("-> 192.168.10.11:80, ok"), std::string::npos) << outcome.out;
}

TEST(DirectorBaseline, RefusesWhatHasNoMeaningWithoutADirector)
{
    std::string folder = TempFolder();
    Outcome dr = RunLvsSim("--output " + folder + kBaseline + " --forwarding dr");
    EXPECT_EQ(dr.exitCode, 2);
    EXPECT_NE(dr.err.find("--forwarding nat"), std::string::npos) << dr.err;
    Outcome cpu = RunLvsSim("--output " + folder + kBaseline + " --director-forward-cost-us 3");
    EXPECT_EQ(cpu.exitCode, 2);
    EXPECT_NE(cpu.err.find("director-*-cost"), std::string::npos) << cpu.err;
    Outcome rules = RunLvsSim("--output " + folder + kBaseline + " --rules " +
                              std::string(LVS_SOURCE_DIR) + "/scenarios/configs/two-vips.rules");
    EXPECT_EQ(rules.exitCode, 2);
    EXPECT_NE(rules.err.find("--director: none takes"), std::string::npos) << rules.err;
}

// Every ns-3 event queue orders events by time and then by insertion, so
// the choice must change nothing but speed: a determinism check.
TEST(EventScheduler, EveryEventQueueGivesTheSameRun)
{
    std::string reference;
    for (const char* scheduler : {"map", "heap", "calendar", "priority-queue"})
    {
        std::string folder = TempFolder();
        Outcome outcome = RunLvsSim("--output " + folder +
                                    " --duration-s 2 --arrival-rate-per-s 200 --progress off "
                                    "--event-scheduler " +
                                    scheduler);
        ASSERT_EQ(outcome.exitCode, 0) << scheduler << ": " << outcome.err;
        std::string transactions = ReadText(folder + "/transactions.csv");
        EXPECT_GT(transactions.size(), 1000u);
        if (reference.empty())
        {
            reference = transactions;
        }
        EXPECT_EQ(transactions, reference) << scheduler;
    }
}

} // namespace
} // namespace ns3::test
