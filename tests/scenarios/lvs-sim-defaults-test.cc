// What a user meets first: the defaults work whatever the number of real
// servers, --transactions N runs exactly N transactions however the
// clients are spread, and Boolean options work as bare switches.
#include "lvs-sim-runner.h"
#include "result-checks.h"
#include "scenarios/result-folder.h"

#include <gtest/gtest.h>
#include <string>
#include <sys/stat.h>
#include <vector>

namespace ns3::test
{
namespace
{

class ServerCountTest : public ::testing::TestWithParam<int>
{
};

TEST_P(ServerCountTest, RunsWithEveryOtherOptionAtItsDefault)
{
    int servers = GetParam();
    std::string folder = TempFolder();
    Outcome outcome = RunLvsSim("--servers " + std::to_string(servers) + " --output " + folder +
                                " --progress off");
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    ResultFolder result(folder);
    EXPECT_GT(result.Number("/transactions/completed"), 3000);
    EXPECT_EQ(result.Number("/transactions/completed"), result.Number("/transactions/offered"));
    // The default per-server lists (weights 4,2,1,1, workers 16,8,4,4)
    // repeat over the servers.
    CsvTable table = result.Table("servers.csv");
    ASSERT_EQ(table.Rows(), size_t(servers));
    const std::vector<std::string> weights = {"4", "2", "1", "1"};
    const std::vector<std::string> workers = {"16", "8", "4", "4"};
    for (size_t row = 0; row < table.Rows(); ++row)
    {
        EXPECT_EQ(table.Cell(row, "weight"), weights[row % 4]) << "server " << row + 1;
        EXPECT_EQ(table.Cell(row, "workers"), workers[row % 4]) << "server " << row + 1;
        EXPECT_GT(table.Number(row, "ok_transactions"), 0) << "server " << row + 1;
    }
}

INSTANTIATE_TEST_SUITE_P(Servers,
                         ServerCountTest,
                         ::testing::Values(1, 8, 64),
                         [](const auto& info) { return std::to_string(info.param); });

struct TransactionLimit
{
    int transactions;
    int clientNodes;
};

class TransactionLimitTest : public ::testing::TestWithParam<TransactionLimit>
{
};

TEST_P(TransactionLimitTest, RunsExactlyThatManyTransactions)
{
    // Fewer transactions than client nodes used to leave a client with a
    // share of 0, which ns-3 read as "never stop".
    TransactionLimit limit = GetParam();
    std::string folder = TempFolder();
    Outcome outcome =
        RunLvsSim("--transactions " + std::to_string(limit.transactions) + " --client-nodes " +
                  std::to_string(limit.clientNodes) + " --output " + folder + " --progress off");
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    ResultFolder result(folder);
    EXPECT_EQ(result.Number("/transactions/offered"), limit.transactions);
    EXPECT_EQ(result.Number("/transactions/completed"), limit.transactions);
    EXPECT_EQ(result.Table("transactions.csv").Rows(), size_t(limit.transactions));
}

INSTANTIATE_TEST_SUITE_P(Limits,
                         TransactionLimitTest,
                         ::testing::Values(TransactionLimit{1, 2},
                                           TransactionLimit{2, 2},
                                           TransactionLimit{3, 2},
                                           TransactionLimit{1, 4},
                                           TransactionLimit{2, 4},
                                           TransactionLimit{3, 4}),
                         [](const auto& info) {
                             return std::to_string(info.param.transactions) + "_of_" +
                                    std::to_string(info.param.clientNodes) + "_nodes";
                         });

TEST(LvsSimFirstCommand, WalksTheOneTransactionOfALab)
{
    std::string folder = TempFolder();
    Outcome outcome = RunLvsSim("--transactions 1 --walk 1 --output " + folder + " --progress off");
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    EXPECT_EQ(ResultFolder(folder).Number("/transactions/offered"), 1);
    std::string walk = ReadText(folder + "/walk.txt");
    EXPECT_NE(walk.find("Walk of transaction 1 of client-0"), std::string::npos) << walk;
    EXPECT_NE(walk.find("(CIP) -> 10.0.0.100 (VIP)"), std::string::npos) << walk;
}

bool
Exists(const std::string& path)
{
    struct stat info;
    return stat(path.c_str(), &info) == 0;
}

TEST(LvsSimSwitches, ABareBooleanOptionMeansTrue)
{
    std::string bare = TempFolder();
    Outcome on = RunLvsSim("--transactions 2 --pcap --output " + bare + " --progress off");
    ASSERT_EQ(on.exitCode, 0) << on.err;
    EXPECT_TRUE(Exists(bare + "/pcap")) << "--pcap alone writes pcap files";

    std::string last = TempFolder();
    Outcome atEnd = RunLvsSim("--transactions 2 --output " + last + " --progress off --pcap");
    ASSERT_EQ(atEnd.exitCode, 0) << atEnd.err;
    EXPECT_TRUE(Exists(last + "/pcap"));

    std::string off = TempFolder();
    Outcome valued =
        RunLvsSim("--transactions 2 --pcap false --checksums --output " + off + " --progress off");
    ASSERT_EQ(valued.exitCode, 0) << valued.err;
    EXPECT_FALSE(Exists(off + "/pcap")) << "--pcap false keeps its value";
    EXPECT_EQ(ResultFolder(off).Summary().at("config").at("checksums"), "true");

    Outcome bad = RunLvsSim("--transactions 2 --pcap maybe --output " + TempFolder());
    EXPECT_EQ(bad.exitCode, 2);
    EXPECT_NE(bad.err.find("--pcap: 'maybe' is not true or false"), std::string::npos) << bad.err;
}

} // namespace
} // namespace ns3::test
