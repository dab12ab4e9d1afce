// The Director's processing model end to end: a packet through the
// Director waits exactly its cost, LVS-NAT saturates the Director before
// LVS-DR at the same per-packet cost (the shipped scenario), and with the
// model off a shipped scenario gives the results checked in before the
// model existed.
#include "lvs-sim-runner.h"
#include "result-checks.h"
#include "scenarios/result-folder.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <string>

namespace ns3::test
{
namespace
{

std::string
Source(const std::string& path)
{
    return std::string(LVS_SOURCE_DIR) + "/" + path;
}

/// connect_ms of the one transaction of a run (the SYN / SYN-ACK round
/// trip as the client sees it).
double
ConnectMs(const std::string& args)
{
    std::string folder = TempFolder();
    Outcome outcome = RunLvsSim("--transactions 1 --client-nodes 1 --progress off --output " +
                                folder + " " + args);
    EXPECT_EQ(outcome.exitCode, 0) << outcome.err;
    CsvTable transactions = ResultFolder(folder).Table("transactions.csv");
    EXPECT_EQ(transactions.Rows(), 1u);
    return transactions.Rows() == 1 ? transactions.Number(0, "connect_ms") : -1;
}

TEST(DirectorCpuModel, EachPacketWaitsExactlyItsCost)
{
    // NAT: the SYN costs the forward cost and the SYN-ACK the reply cost;
    // DR: only the SYN passes the Director.
    std::string costs = " --director-forward-cost-us 100 --director-reply-cost-us 150";
    double nat = ConnectMs("");
    EXPECT_NEAR(ConnectMs(costs) - nat, 0.250, 1e-9);
    double dr = ConnectMs("--forwarding dr" + kArpFix);
    EXPECT_NEAR(ConnectMs("--forwarding dr" + kArpFix + costs) - dr, 0.100, 1e-9);
}

TEST(DirectorCpuModel, NatSaturatesTheDirectorBeforeDrAtTheSameCost)
{
    std::string config = Source("scenarios/configs/director-cpu-nat-vs-dr.ini");
    std::string natFolder = TempFolder();
    Outcome nat = RunLvsSim("--config " + config + " --output " + natFolder + " --progress off");
    ASSERT_EQ(nat.exitCode, 0) << nat.err;
    std::string drFolder = TempFolder();
    Outcome dr = RunLvsSim("--config " + config + " --forwarding dr" + kArpFix + " --output " +
                           drFolder + " --progress off");
    ASSERT_EQ(dr.exitCode, 0) << dr.err;

    ResultFolder natResult(natFolder);
    ResultFolder drResult(drFolder);
    EXPECT_EQ(natResult.Summary().at("director").at("cpu").at("model"), "on");
    // NAT: the input queue overflows and TCP resends push p99 past a second.
    EXPECT_GT(natResult.Number("/director/cpu/queue_drops"), 1000);
    EXPECT_GT(natResult.Number("/director/cpu/window_utilisation"), 0.95);
    EXPECT_GT(natResult.Number("/latency_ms/p99"), 1000);
    EXPECT_NE(nat.out.find("Director CPU"), std::string::npos) << nat.out;
    // DR, same costs: no overflow, latency of a few round trips.
    EXPECT_EQ(drResult.Number("/director/cpu/queue_drops"), 0);
    EXPECT_LT(drResult.Number("/latency_ms/p99"), 200);
    EXPECT_LT(drResult.Number("/director/cpu/window_utilisation"), 0.8);
    EXPECT_GT(drResult.Number("/director/cpu/window_utilisation"), 0.3);
    EXPECT_EQ(drResult.Number("/transactions/completed"), drResult.Number("/transactions/offered"));
    // samples.csv follows the CPU over time: saturated under NAT.
    CsvTable samples = natResult.Table("samples.csv");
    double busiest = 0;
    for (size_t row = 0; row < samples.Rows(); ++row)
    {
        busiest = std::max(busiest, samples.Number(row, "director_cpu_utilisation"));
    }
    EXPECT_GT(busiest, 0.99);
}

/// A latency percentile: the expected figures were exact nearest-rank
/// values; they now come from a sketch accurate to 0.1% (LatencySketch).
bool
IsSketchedPercentile(const std::string& path)
{
    for (const char* p : {"/p50", "/p95", "/p99"})
    {
        std::string tail = p;
        if (path.size() >= tail.size() &&
            path.compare(path.size() - tail.size(), tail.size(), tail) == 0)
        {
            return true;
        }
    }
    return false;
}

/// Every key of @p expected is in @p actual with the same value, at every
/// depth (objects may have gained keys since; arrays keep their length).
/// Percentiles agree to the sketch's accuracy, plus both figures' rounding
/// to 3 decimals.
void
ExpectEveryExpectedFigure(const nlohmann::json& actual,
                          const nlohmann::json& expected,
                          const std::string& path)
{
    if (expected.is_object())
    {
        ASSERT_TRUE(actual.is_object()) << path;
        for (const auto& [key, value] : expected.items())
        {
            ASSERT_TRUE(actual.contains(key)) << path << "/" << key;
            ExpectEveryExpectedFigure(actual.at(key), value, path + "/" + key);
        }
    }
    else if (expected.is_array())
    {
        ASSERT_TRUE(actual.is_array()) << path;
        ASSERT_EQ(actual.size(), expected.size()) << path;
        for (size_t i = 0; i < expected.size(); ++i)
        {
            ExpectEveryExpectedFigure(actual[i], expected[i], path + "/" + std::to_string(i));
        }
    }
    else if (IsSketchedPercentile(path))
    {
        double exact = expected.get<double>();
        EXPECT_NEAR(actual.get<double>(), exact, 0.001 * exact + 0.001) << path;
    }
    else
    {
        EXPECT_EQ(actual, expected) << path;
    }
}

TEST(DirectorCpuModel, OffOnASharedLanGivesTheResultsOfBeforeTheModel)
{
    // Checked in before the processing model and switched LANs existed:
    // on the shared segment, the summary's every figure (new keys aside)
    // and the transactions byte for byte.  Written anew once, when the
    // hosts learned ARP as Linux does (LinuxArp): the first transactions
    // wait for one ARP exchange less; with LinuxArp left out, the old files
    // still matched.
    std::string folder = TempFolder();
    Outcome outcome = RunLvsSim("--config " + Source("scenarios/configs/nat-wrr-exact.ini") +
                                " --lan shared --output " + folder + " --progress off");
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    nlohmann::json expected = nlohmann::json::parse(
        ReadText(Source("tests/scenarios/expected/nat-wrr-exact-summary.json")));
    ResultFolder result(folder);
    const nlohmann::json& summary = result.Summary();
    ExpectEveryExpectedFigure(summary, expected, "");
    EXPECT_EQ(summary.at("director").at("cpu").at("model"), "off");
    EXPECT_EQ(ReadText(folder + "/transactions.csv"),
              ReadText(Source("tests/scenarios/expected/nat-wrr-exact-transactions.csv")));
}

} // namespace
} // namespace ns3::test
