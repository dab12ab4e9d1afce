// lvs-validate's verdicts: a comparison passes when the measurement agrees
// with its theory and fails when the model drifts, so the ctest cases that
// run short sweeps through it can catch a drift.
#include "analysis/validation/comparisons.h"
#include "analysis/validation/queueing-theory.h"

#include <gtest/gtest.h>

namespace lvs::validation
{
namespace
{

/// A run of the queueing set-up (4 equal servers, 20 ms exponential
/// service, one worker each) with the given scheduler, load and latency.
RunFigures
QueueingRun(const std::string& scheduler, double lambda, double latencyMs)
{
    RunFigures run;
    run.folder = "synthetic";
    run.config = {{"scheduler", scheduler},
                  {"protocol", "tcp"},
                  {"servers", "4"},
                  {"arrival-rate-per-s", std::to_string(lambda)},
                  {"server-workers", "1"},
                  {"server-weights", "1"},
                  {"server-service-time-ms", "exp:20"}};
    run.windowLatencyMeanMs = latencyMs;
    run.serverShare = {0.25, 0.25, 0.25, 0.25};
    return run;
}

SweepPoint
PointOf(std::vector<RunFigures> runs)
{
    SweepPoint point;
    point.runs = std::move(runs);
    return point;
}

Verdict
QueueingVerdict(const std::string& scheduler, double lambda, std::vector<double> latencies)
{
    std::vector<RunFigures> runs;
    for (double latency : latencies)
    {
        runs.push_back(QueueingRun(scheduler, lambda, latency));
    }
    Report report = CompareQueueing({PointOf(runs)}, Tolerance());
    return report.rows.at(0).verdict;
}

TEST(CompareQueueing, ShAgreesWithMM1AndFailsWhenItDrifts)
{
    // lambda 100 over 4 servers of mu 50: M/M/1 at 25/s, 40 ms.
    EXPECT_EQ(QueueingVerdict("sh", 100, {40.5, 39.8, 40.2}), Verdict::Pass);
    EXPECT_EQ(QueueingVerdict("sh", 100, {46, 46.4, 45.8}), Verdict::Fail);
    EXPECT_EQ(QueueingVerdict("sh", 100, {35, 35.2, 34.9}), Verdict::Fail);
}

TEST(CompareQueueing, RoundRobinIsHeldToErlangK)
{
    double ek = 1e3 * theory::EkM1Sojourn(4, 140, 50);
    EXPECT_EQ(QueueingVerdict("rr", 140, {ek * 1.01, ek * 0.99, ek}), Verdict::Pass);
    // M/M/1 instead of E_4/M/1 would be a drift: rr no longer in turn.
    double mm1 = 1e3 * theory::MM1Sojourn(35, 50);
    EXPECT_EQ(QueueingVerdict("rr", 140, {mm1, mm1, mm1}), Verdict::Fail);
}

TEST(CompareQueueing, LeastConnectionMustLieBetweenOneQueueAndRoundRobin)
{
    double mmk = 1e3 * theory::MMkSojourn(4, 180, 50);
    double ek = 1e3 * theory::EkM1Sojourn(4, 180, 50);
    double mid = (mmk + ek) / 2;
    EXPECT_EQ(QueueingVerdict("lc", 180, {mid, mid, mid}), Verdict::Pass);
    EXPECT_EQ(QueueingVerdict("lc", 180, {ek * 1.3, ek * 1.3, ek * 1.3}), Verdict::Fail);
    EXPECT_EQ(QueueingVerdict("lc", 180, {mmk * 0.7, mmk * 0.7, mmk * 0.7}), Verdict::Fail);
}

TEST(CompareQueueing, TwosIsHeldToTheSupermarketModelOverTcpOnly)
{
    double supermarket = 1e3 * theory::SupermarketSojourn(2, 0.9, 50);
    double ek = 1e3 * theory::EkM1Sojourn(4, 180, 50);
    EXPECT_EQ(QueueingVerdict("twos", 180, {supermarket, supermarket, supermarket}), Verdict::Pass);
    EXPECT_EQ(QueueingVerdict("twos", 180, {ek, ek, ek}), Verdict::Fail);
    // Over UDP the kernel's overhead counts entries, not queues: reported.
    RunFigures udp = QueueingRun("twos", 180, ek);
    udp.config["protocol"] = "udp";
    Report report = CompareQueueing({PointOf({udp, udp, udp})}, Tolerance());
    EXPECT_EQ(report.rows.at(0).verdict, Verdict::Reported);
}

TEST(CompareQueueing, RefusesSetUpsTheTheoryDoesNotCover)
{
    RunFigures run = QueueingRun("sh", 100, 40);
    run.config["server-workers"] = "4";
    EXPECT_THROW(CompareQueueing({PointOf({run})}, Tolerance()), std::exception);
    run = QueueingRun("sh", 100, 40);
    run.config["server-service-time-ms"] = "const:20";
    EXPECT_THROW(CompareQueueing({PointOf({run})}, Tolerance()), std::exception);
}

TEST(CompareHashTables, MaglevBalancesAndMovesLittle)
{
    Report report = CompareHashTables();
    EXPECT_TRUE(report.Passed());
    size_t checked = 0;
    for (const ReportRow& row : report.rows)
    {
        checked += row.verdict == Verdict::Pass;
    }
    EXPECT_EQ(checked, 4u); // mh at 4, 16, 64 and 256 servers
}

} // namespace
} // namespace lvs::validation
