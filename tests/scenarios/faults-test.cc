// Real-server faults at simulated times (--faults): a crashed server's
// transactions time out while the Director, with no health checker, keeps
// sending it new ones; after its recovery it serves again; a slow-down
// stretches its service times; bad fault lists are refused with the item.
#include "lvs-sim-runner.h"
#include "result-checks.h"

#include <gtest/gtest.h>

namespace ns3::test
{
namespace
{

const std::string kTwoServers = "--scheduler rr --servers 2 --server-weights 1"
                                " --server-workers 8 --server-service-time-ms const:10"
                                " --arrival-rate-per-s 100 --progress off ";

struct Split
{
    int before = 0;       ///< started before the crash
    int failedDuring = 0; ///< started while rs-2 was down, failed
    int okDuring = 0;
    int failedAfter = 0; ///< started well after the recovery
    int rs2After = 0;    ///< of those, served by rs-2
};

/// Transactions by start time: before @p crashS, from @p crashS to
/// @p lostUntilS (those that cannot outlive the outage), and a second
/// after @p recoverS on.
Split
SplitAround(const ResultFolder& json, double crashS, double lostUntilS, double recoverS)
{
    Split split;
    CsvTable t = json.Table("transactions.csv");
    for (size_t row = 0; row < t.Rows(); ++row)
    {
        double start = std::stod(t.Cell(row, "start_s"));
        bool ok = t.Cell(row, "outcome") == "ok";
        if (start < crashS - 0.2)
        {
            split.before += ok;
        }
        else if (start >= crashS && start < lostUntilS)
        {
            split.failedDuring += !ok;
            split.okDuring += ok;
        }
        else if (start > recoverS + 1)
        {
            split.failedAfter += !ok;
            split.rs2After += ok && t.Cell(row, "server") == "192.168.10.12";
        }
    }
    return split;
}

TEST(Faults, ACrashedServerLosesItsShareUntilItRecovers)
{
    // Clients give up after 2 s, before a SYN is sent again (after 3 s):
    // every connection rs-2 is given while it is down times out.
    std::string folder = TempFolder();
    Outcome outcome = RunLvsSim(kTwoServers +
                                "--duration-s 8 --transaction-timeout-s 2"
                                " --faults \"2 crash rs-2, 5 recover rs-2\" --output " +
                                folder);
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    EXPECT_NE(outcome.out.find("faults        2.0 s crash rs-2, 5.0 s recover rs-2"),
              std::string::npos)
        << outcome.out;
    ResultFolder json(folder);
    Split split = SplitAround(json, 2, 5, 5);
    EXPECT_GT(split.before, 150);
    // rr keeps sending every other connection to the dead server: about
    // half of the 300 started from 2 to 5 s time out, the rest complete.
    EXPECT_GT(split.failedDuring, 120);
    EXPECT_GT(split.okDuring, 120);
    EXPECT_EQ(json.Number("/transactions/reset"), 0) << "a dead host sends no resets";
    // Back with empty state at 5 s: it serves new connections again.
    EXPECT_EQ(split.failedAfter, 0);
    EXPECT_GT(split.rs2After, 40);
    EXPECT_EQ(json.Summary().at("faults").size(), 2u);
    EXPECT_EQ(json.Summary().at("faults").at(0).at("action"), "crash");
}

TEST(Faults, RequestsInServiceAtTheCrashNeverGetTheirResponse)
{
    // 500 ms of service: at 2 s each server holds the requests of the last
    // half second.  rs-2 is back 0.2 s later, before any of them would have
    // finished: a host that merely lost its network for a moment would
    // answer them then; a crashed one has lost them.
    std::string folder = TempFolder();
    Outcome outcome = RunLvsSim("--scheduler rr --servers 2 --server-weights 1"
                                " --server-workers 100 --server-service-time-ms const:500"
                                " --arrival-rate-per-s 100 --progress off --duration-s 4"
                                " --transaction-timeout-s 3"
                                " --faults \"2 crash rs-2, 2.2 recover rs-2\" --output " +
                                folder);
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    CsvTable t = ResultFolder(folder).Table("transactions.csv");
    int inHandLost = 0;
    int rs2After = 0;
    for (size_t row = 0; row < t.Rows(); ++row)
    {
        double start = std::stod(t.Cell(row, "start_s"));
        bool ok = t.Cell(row, "outcome") == "ok";
        inHandLost += start > 1.6 && start < 1.95 && !ok;
        rs2After += start > 2.5 && ok && t.Cell(row, "server") == "192.168.10.12";
    }
    EXPECT_GT(inHandLost, 10) << "rs-2's requests in service at the crash";
    EXPECT_GT(rs2After, 40) << "rs-2 serves again after its recovery";
}

TEST(Faults, ACutCableLosesWhatIsSentMeanwhileButNotWhatTheServerHolds)
{
    // rs-2's cable is out from 2 to 2.3 s: its host lives on, so the
    // requests it was serving (500 ms each) are answered once it is back,
    // where a crash loses them.
    std::string folder = TempFolder();
    Outcome outcome = RunLvsSim("--scheduler rr --servers 2 --server-weights 1"
                                " --server-workers 100 --server-service-time-ms const:500"
                                " --arrival-rate-per-s 100 --progress off --duration-s 4"
                                " --transaction-timeout-s 3"
                                " --faults \"2 down rs-2, 2.3 up rs-2\" --output " +
                                folder);
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    CsvTable t = ResultFolder(folder).Table("transactions.csv");
    int inHandLost = 0;
    int inHandServedByRs2 = 0;
    for (size_t row = 0; row < t.Rows(); ++row)
    {
        double start = std::stod(t.Cell(row, "start_s"));
        bool ok = t.Cell(row, "outcome") == "ok";
        if (start > 1.6 && start < 1.95)
        {
            inHandLost += !ok;
            inHandServedByRs2 += ok && t.Cell(row, "server") == "192.168.10.12";
        }
    }
    EXPECT_EQ(inHandLost, 0);
    EXPECT_GT(inHandServedByRs2, 10);
}

TEST(Faults, ALanThatFailsTakesEveryTransactionWithItUntilItIsBack)
{
    std::string folder = TempFolder();
    Outcome outcome = RunLvsSim(kTwoServers +
                                "--duration-s 6 --transaction-timeout-s 2"
                                " --faults \"2 down d-rip-network, 4 up "
                                "d-rip-network\" --output " +
                                folder);
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    Split split = SplitAround(ResultFolder(folder), 2, 3.9, 4);
    EXPECT_EQ(split.okDuring, 0) << "no real server is reachable";
    EXPECT_GT(split.failedDuring, 150);
    EXPECT_EQ(split.failedAfter, 0);
}

TEST(Faults, ASlowDownStretchesTheServiceTimes)
{
    std::string folder = TempFolder();
    Outcome outcome = RunLvsSim(kTwoServers +
                                "--duration-s 4 --faults \"2 slow rs-1 5\""
                                " --output " +
                                folder);
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    ResultFolder json(folder);
    CsvTable t = json.Table("transactions.csv");
    double before = 0, after = 0;
    int nBefore = 0, nAfter = 0;
    for (size_t row = 0; row < t.Rows(); ++row)
    {
        double start = std::stod(t.Cell(row, "start_s"));
        if (t.Cell(row, "server") != "192.168.10.11" || t.Cell(row, "outcome") != "ok")
        {
            continue;
        }
        double latency = std::stod(t.Cell(row, "latency_ms"));
        if (start < 1.9)
        {
            before += latency;
            ++nBefore;
        }
        else if (start > 2.1)
        {
            after += latency;
            ++nAfter;
        }
    }
    ASSERT_GT(nBefore, 50);
    ASSERT_GT(nAfter, 50);
    // 10 ms of service becomes 50 ms: the latency grows by 40 ms.
    EXPECT_NEAR(after / nAfter - before / nBefore, 40.0, 2.0);
}

TEST(Faults, ARemoteServerCannotCrash)
{
    Outcome outcome = RunLvsSim("--forwarding tun --real-server-network remote --servers 2"
                                " --faults \"1 crash rs-1\" --output " +
                                TempFolder());
    EXPECT_NE(outcome.exitCode, 0);
    EXPECT_NE(outcome.err.find("only a real server on an Ethernet LAN can crash"),
              std::string::npos)
        << outcome.err;
}

struct BadFaults
{
    std::string faults;
    std::string expected;
};

class BadFaultsTest : public ::testing::TestWithParam<BadFaults>
{
};

TEST_P(BadFaultsTest, AreRefusedWithTheItem)
{
    Outcome outcome =
        RunLvsSim("--servers 2 --faults \"" + GetParam().faults + "\" --output " + TempFolder());
    EXPECT_NE(outcome.exitCode, 0);
    EXPECT_NE(outcome.err.find(GetParam().expected), std::string::npos) << outcome.err;
}

INSTANTIATE_TEST_SUITE_P(
    Cases,
    BadFaultsTest,
    ::testing::Values(BadFaults{"2 crash rs-3",
                                "no node or network 'rs-3' (rs-1 to rs-2, director, router, "
                                "vip-network, d-rip-network)"},
                      BadFaults{"2 crash director-2", "no node or network 'director-2'"},
                      BadFaults{"2 slow director 3", "only a real server slows down"},
                      BadFaults{"2 crash router", "they do not crash"},
                      BadFaults{"2 up rs-1", "rs-1 is not down then"},
                      BadFaults{"2 down rs-1, 3 down rs-1", "rs-1 is down already"},
                      BadFaults{"2 crash rs-1, 3 up rs-1", "rs-1 is not down then"},
                      BadFaults{"2 crash rs-1, 3 down rs-1, 4 recover rs-1",
                                "has its cables out then"},
                      BadFaults{"2 down lan", "no node or network 'lan'"},
                      BadFaults{"2 crash director, 3 crash director", "director is down already"},
                      BadFaults{"-1 crash rs-1", "SECONDS a time from 0 on"},
                      BadFaults{"2 explode rs-1", "the action is crash, recover, slow, down or up"},
                      BadFaults{"2 recover rs-1", "rs-1 is not down then"},
                      BadFaults{"2 crash rs-1, 3 crash rs-1", "rs-1 is down already"},
                      BadFaults{"2 slow rs-1 0", "slow takes a factor above 0"},
                      BadFaults{"2 crash rs-1 now", "unexpected 'now'"},
                      BadFaults{"nan crash rs-1", "SECONDS a time from 0 on"},
                      BadFaults{"inf crash rs-1", "SECONDS a time from 0 on"},
                      BadFaults{"2 slow rs-1 inf", "slow takes a factor above 0"},
                      BadFaults{"2 crash rs-99999999999999999999", "no node or network"},
                      BadFaults{"100 crash rs-1", "comes after the clients stop"}));

} // namespace
} // namespace ns3::test
