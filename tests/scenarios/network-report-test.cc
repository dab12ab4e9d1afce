// A run limited by its links says so: link utilisation, link queue drops
// and TCP retransmissions in summary.json, samples.csv and the summary.
#include "lvs-sim-runner.h"
#include "scenarios/result-folder.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <string>

namespace ns3::test
{
namespace
{

/// 100 pages of 20 KB a second: 16 Mbit/s of replies.
Outcome
PagesOf20Kb(const std::string& folder, const std::string& lan)
{
    return RunLvsSim("--response-bytes const:20000 --arrival-rate-per-s 100 --duration-s 2 " + lan +
                     " --progress off --output " + folder);
}

TEST(NetworkReport, ASlowLanShowsInTheResults)
{
    std::string slow = TempFolder();
    Outcome outcome = PagesOf20Kb(slow, "--lan switched --lan-rate-mbps 10");
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    ResultFolder result(slow);
    EXPECT_GT(result.Number("/network/busiest_link/utilisation"), 0.5);
    EXPECT_GT(result.Number("/network/queue_drops"), 0);
    EXPECT_GT(result.Number("/network/tcp_retransmissions"), 0);
    EXPECT_NE(outcome.out.find("(the network shaped this run)"), std::string::npos) << outcome.out;
    // Every sending end of every link is listed: 2 client links x 2 ends,
    // VIP switch 2 hosts x 2, D/RIP switch 5 hosts x 2.
    EXPECT_EQ(result.Summary().at("network").at("links").size(), 4u + 4 + 10);
    CsvTable samples = result.Table("samples.csv");
    double busiest = 0;
    for (size_t row = 0; row < samples.Rows(); ++row)
    {
        busiest = std::max(busiest, samples.Number(row, "busiest_link_utilisation"));
    }
    EXPECT_GT(busiest, 0.9);
    EXPECT_GT(samples.Number(samples.Rows() - 1, "tcp_retransmissions"), 0);
}

TEST(NetworkReport, AFastLanSendsNothingTwice)
{
    std::string fast = TempFolder();
    Outcome outcome = PagesOf20Kb(fast, "");
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    ResultFolder result(fast);
    EXPECT_EQ(result.Number("/network/queue_drops"), 0);
    EXPECT_EQ(result.Number("/network/tcp_retransmissions"), 0);
    EXPECT_LT(result.Number("/network/busiest_link/utilisation"), 0.1);
    EXPECT_EQ(outcome.out.find("shaped"), std::string::npos) << outcome.out;
}

} // namespace
} // namespace ns3::test
