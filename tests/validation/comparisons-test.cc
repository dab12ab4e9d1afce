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

TEST(CompareQueueing, UnequalServersUnderWrrMustBeatARandomSplit)
{
    // Servers of 10 and 20 ms weighted 2 and 1, at rho 0.5 (lambda 75):
    // a random split by weight gives each server M/M/1 at rho 0.5.
    auto run = [](const std::string& scheduler, double latencyMs) {
        RunFigures r = QueueingRun(scheduler, 75, latencyMs);
        r.config["servers"] = "2";
        r.config["server-weights"] = "2,1";
        r.config["server-service-time-ms"] = "exp:10,exp:20";
        r.serverShare = {2.0 / 3, 1.0 / 3};
        return r;
    };
    double split = 1e3 * (2.0 / 3 * 0.02 + 1.0 / 3 * 0.04); // 26.7 ms
    for (const char* scheduler : {"wrr", "wlc"})
    {
        Report below = CompareQueueing({PointOf({run(scheduler, split * 0.7)})}, Tolerance());
        EXPECT_EQ(below.rows.at(0).verdict, Verdict::Pass) << scheduler;
        Report above = CompareQueueing({PointOf({run(scheduler, split * 1.2)})}, Tolerance());
        EXPECT_EQ(above.rows.at(0).verdict, Verdict::Fail) << scheduler;
    }
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

/// A run of a Director with a CPU cost: 20,000-byte responses, one CPU that
/// is busy @p utilisation of the window at @p carried transactions/s.
RunFigures
CapacityRun(double offered, double carried, double utilisation)
{
    RunFigures run;
    run.folder = "synthetic";
    run.config = {{"forwarding", "nat"},
                  {"arrival-rate-per-s", std::to_string(offered)},
                  {"response-bytes", "const:20000"},
                  {"server-workers", "4"},
                  {"server-service-time-ms", "const:200"},
                  {"director-reply-cost-us", "60"},
                  {"director-cpus", "1"},
                  {"tcp-segment-bytes", "536"}};
    run.windowThroughputPerS = carried;
    run.directorUtilisation = utilisation;
    return run;
}

TEST(CompareDirectorCapacity, CarriesWhatIsOfferedBelowTheCeilingAndSaturatesAbove)
{
    // 2.5 ms of CPU per transaction at the lightest load: 400 per second.
    auto point = [](double offered, double carried, double utilisation) {
        return PointOf({CapacityRun(offered, carried, utilisation)});
    };
    Report good =
        CompareDirectorCapacity({point(100, 100, 0.25), point(200, 199, 0.5), point(600, 380, 1.0)},
                                0.05);
    ASSERT_EQ(good.rows.size(), 3u);
    EXPECT_TRUE(good.Passed());
    EXPECT_EQ(good.rows[2].cells[8], "8.000") << "ceiling_mb_s: 400/s x 20,000 bytes";
    // Losing transactions below the ceiling, or an idle CPU above it, fails.
    EXPECT_FALSE(
        CompareDirectorCapacity({point(100, 100, 0.25), point(200, 150, 0.5)}, 0.05).Passed());
    EXPECT_FALSE(
        CompareDirectorCapacity({point(100, 100, 0.25), point(600, 380, 0.7)}, 0.05).Passed());
    // Without the processing model there is no ceiling to compare with.
    EXPECT_THROW(CompareDirectorCapacity({point(100, 100, 0.0)}, 0.05), std::exception);
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
