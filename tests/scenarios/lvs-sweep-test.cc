// lvs-sweep: every point run once into its own folder, an index of the
// headline figures, resumption that skips complete points, errors before
// anything runs, and the shipped sweep valid; and analysis/lvs-sweep-plot on
// the result.
#include "lvs-sim-runner.h"
#include "scenarios/result-folder.h"

#include <algorithm>
#include <fstream>
#include <gtest/gtest.h>
#include <set>
#include <sys/stat.h>

namespace ns3::test
{
namespace
{

Outcome
RunSweep(const std::string& args)
{
    std::string folder = TempFolder();
    std::string command = std::string(LVS_SWEEP_BINARY) + " " + args + " >" + folder +
                          "/out.txt 2>" + folder + "/err.txt";
    int status = std::system(command.c_str());
    return Outcome{WIFEXITED(status) ? WEXITSTATUS(status) : 128,
                   ReadText(folder + "/out.txt"),
                   ReadText(folder + "/err.txt")};
}

TEST(LvsSweep, RunsEveryPointOnceAndResumes)
{
    std::string folder = TempFolder();
    std::ofstream(folder + "/rate.sweep")
        << "# two rates, two replications\n"
           "runs = 2\n"
           "set duration-s = 1\n"
           "set servers = 2\nset server-weights = 1\nset server-workers = 8\n"
           "vary arrival-rate-per-s = 40, 160\n";
    std::string args = folder + "/rate.sweep --jobs 2 --output " + folder + "/out";
    Outcome first = RunSweep(args);
    ASSERT_EQ(first.exitCode, 0) << first.err;
    EXPECT_NE(first.out.find("4 points, 4 run, 0 skipped"), std::string::npos) << first.out;

    CsvTable index = CsvTable::Read(folder + "/out/sweep.csv");
    EXPECT_EQ(index.Header().size(), 13u);
    EXPECT_EQ(index.Header().front(), "arrival-rate-per-s");
    double throughput[2] = {0, 0};
    size_t rows = index.Rows();
    for (size_t row = 0; row < rows; ++row)
    {
        EXPECT_EQ(index.Cell(row, "offered"), index.Cell(row, "completed"))
            << "every transaction completes: row " << row;
        EXPECT_EQ(index.Cell(row, "folder"),
                  "arrival-rate-per-s=" + index.Cell(row, "arrival-rate-per-s") + "/run-" +
                      index.Cell(row, "run"));
        throughput[index.Cell(row, "arrival-rate-per-s") == "160"] +=
            index.Number(row, "throughput_per_s");
    }
    EXPECT_EQ(rows, 4u);

    // Per point: the mean and 95% interval of the window figures over the
    // two runs.
    CsvTable perPoint = CsvTable::Read(folder + "/out/sweep-points.csv");
    ASSERT_EQ(perPoint.Rows(), 2u);
    for (size_t row = 0; row < 2; ++row)
    {
        double rate = perPoint.Number(row, "arrival-rate-per-s");
        EXPECT_EQ(perPoint.Cell(row, "runs"), "2");
        EXPECT_NEAR(perPoint.Number(row, "throughput_per_s_mean"), rate, rate * 0.5);
        EXPECT_GE(perPoint.Number(row, "throughput_per_s_ci95"), 0);
        EXPECT_GT(perPoint.Number(row, "latency_p99_ms_mean"), 0);
        EXPECT_EQ(perPoint.Number(row, "failed_mean"), 0);
        EXPECT_GT(perPoint.Number(row, "busiest_server_share_mean"), 0.4);
        EXPECT_EQ(perPoint.Number(row, "director_utilisation_mean"), 0);
    }
    EXPECT_GT(throughput[1], 3 * throughput[0])
        << "four times the rate, about four times the throughput";

    Outcome again = RunSweep(args);
    EXPECT_NE(again.out.find("4 points, 0 run, 4 skipped"), std::string::npos) << again.out;
    std::remove((folder + "/out/arrival-rate-per-s=160/run-2/summary.json").c_str());
    Outcome resumed = RunSweep(args);
    EXPECT_NE(resumed.out.find("4 points, 1 run, 3 skipped"), std::string::npos) << resumed.out;

    std::string plot = std::string(LVS_SOURCE_DIR) + "/analysis/lvs-sweep-plot " + folder +
                       "/out arrival-rate-per-s > " + folder + "/plot.txt 2>&1";
    ASSERT_EQ(std::system(plot.c_str()), 0) << ReadText(folder + "/plot.txt");
    EXPECT_FALSE(ReadText(folder + "/out/plots/throughput-vs-arrival-rate-per-s.png").empty());
}

TEST(LvsSweep, RefusesABadSweepBeforeRunningAnything)
{
    std::string folder = TempFolder();
    std::ofstream(folder + "/bad.sweep") << "runs = 2\nvary run = 1, 2\n";
    Outcome bad = RunSweep(folder + "/bad.sweep --output " + folder + "/out");
    EXPECT_EQ(bad.exitCode, 2);
    EXPECT_NE(bad.err.find(folder + "/bad.sweep:2: 'run' is set by lvs-sweep itself"),
              std::string::npos)
        << bad.err;

    std::ofstream(folder + "/value.sweep") << "vary scheduler = wlc, fastest\n";
    Outcome value = RunSweep(folder + "/value.sweep --output " + folder + "/out2");
    EXPECT_EQ(value.exitCode, 2);
    EXPECT_NE(value.err.find("unknown scheduler 'fastest'"), std::string::npos) << value.err;
    struct stat info;
    EXPECT_NE(stat((folder + "/out2").c_str(), &info), 0) << "nothing ran";

    std::ofstream(folder + "/runs.sweep") << "runs = 5..3 until ci < 5%\n";
    Outcome runs = RunSweep(folder + "/runs.sweep --output " + folder + "/out4");
    EXPECT_EQ(runs.exitCode, 2);
    EXPECT_NE(runs.err.find(folder + "/runs.sweep:1: runs MIN..MAX needs 2 <= MIN <= MAX"),
              std::string::npos)
        << runs.err;

    // Option names are checked against lvs-sim's declarations, with the line.
    std::ofstream(folder + "/name.sweep") << "runs = 1\n\nset sever-weights = 1\n";
    Outcome name = RunSweep(folder + "/name.sweep --output " + folder + "/out3");
    EXPECT_EQ(name.exitCode, 2);
    EXPECT_NE(name.err.find(folder + "/name.sweep:3: unknown option 'sever-weights'"),
              std::string::npos)
        << name.err;
}

TEST(LvsSweep, PlotsOnlyVariedOptionsAndReadsAnyFolderName)
{
    // Folder names such as servers=1,forwarding=dr are not awk assignments;
    // `set progress` in a sweep file is the user's to set; integer axes and
    // all-zero series plot cleanly; p50/p95/p99 all get a figure.
    std::string folder = TempFolder();
    std::ofstream(folder + "/servers.sweep") << "runs = 1\n"
                                                "set progress = off\n"
                                                "set duration-s = 0.5\n"
                                                "set arrival-rate-per-s = 60\n"
                                                "vary servers = 1, 2, 3\n"
                                                "vary forwarding = nat, dr\n";
    Outcome sweep = RunSweep(folder + "/servers.sweep --jobs 2 --output " + folder + "/out");
    ASSERT_EQ(sweep.exitCode, 0) << sweep.err;
    EXPECT_EQ(CsvTable::Read(folder + "/out/sweep.csv").Rows(), 6u);

    std::string plotScript = std::string(LVS_SOURCE_DIR) + "/analysis/lvs-sweep-plot";
    std::string wrongAxis =
        plotScript + " " + folder + "/out throughput_per_s > " + folder + "/wrong.txt 2>&1";
    EXPECT_NE(std::system(wrongAxis.c_str()), 0);
    EXPECT_NE(ReadText(folder + "/wrong.txt").find("not a varied option"), std::string::npos)
        << ReadText(folder + "/wrong.txt");

    std::string plot = plotScript + " " + folder + "/out servers > " + folder + "/plot.txt 2>&1";
    ASSERT_EQ(std::system(plot.c_str()), 0) << ReadText(folder + "/plot.txt");
    EXPECT_EQ(ReadText(folder + "/plot.txt").find("warning"), std::string::npos)
        << ReadText(folder + "/plot.txt");
    for (const char* figure : {"throughput", "latency-p50", "latency-p95", "latency-p99", "failed"})
    {
        std::string png = folder + "/out/plots/" + figure + "-vs-servers.png";
        EXPECT_FALSE(ReadText(png).empty()) << png;
    }
    std::string p99 = ReadText(folder + "/out/plots/latency-p99-vs-servers.dat");
    EXPECT_EQ(p99.rfind("servers nat dr\n1 ", 0), 0u) << p99;
    EXPECT_NE(p99.find("\n3 "), std::string::npos) << p99;

    // One run's plots, from inside the sweep folder, by a relative name.
    std::string runPlot = "cd " + folder + "/out && " + std::string(LVS_SOURCE_DIR) +
                          "/analysis/lvs-plot servers=2,forwarding=dr/run-1 > " + folder +
                          "/run-plot.txt 2>&1";
    ASSERT_EQ(std::system(runPlot.c_str()), 0) << ReadText(folder + "/run-plot.txt");
    std::string cdf = ReadText(folder + "/out/servers=2,forwarding=dr/run-1/plots/latency-cdf.dat");
    EXPECT_GT(std::count(cdf.begin(), cdf.end(), '\n'), 10) << cdf;
}

/// A sweep of six short runs, one point per arrival rate.
std::string
SixRunSweep(const std::string& folder)
{
    std::ofstream(folder + "/six.sweep") << "runs = 2\n"
                                            "set duration-s = 1\n"
                                            "set servers = 2\nset server-weights = 1\n"
                                            "vary arrival-rate-per-s = 100, 200, 300\n";
    return folder + "/six.sweep";
}

TEST(LvsSweep, AKilledSweepResumesWithoutLosingOrRepeatingARun)
{
    std::string folder = TempFolder();
    std::string sweep = SixRunSweep(folder);
    // Kill the whole sweep (lvs-sweep and its lvs-sim) with SIGKILL once a
    // run has finished and another is under way.
    std::string script = "cd " + folder + "; setsid " + std::string(LVS_SWEEP_BINARY) + " " +
                         sweep +
                         " --jobs 1 --output out > first.txt 2>&1 & pid=$!; "
                         "for i in $(seq 1 1500); do "
                         "finished=$(find " +
                         folder +
                         "/out -name summary.json -not -path '*.partial*' 2>/dev/null | wc -l); "
                         "busy=$(find " +
                         folder +
                         "/out -maxdepth 2 -name 'run-*.partial' 2>/dev/null | wc -l); "
                         "[ $finished -ge 1 ] && [ $busy -ge 1 ] && break; sleep 0.02; done; "
                         "kill -KILL -- -$pid; wait $pid 2>/dev/null; "
                         "find " +
                         folder + "/out -name summary.json -not -path '*.partial*' | wc -l > " +
                         folder + "/complete.txt; find " + folder +
                         "/out -maxdepth 2 -name 'run-*' -not -name '*.partial' | wc -l > " +
                         folder + "/folders.txt";
    std::ofstream(folder + "/kill.sh") << script << "\n";
    ASSERT_EQ(std::system(("bash " + folder + "/kill.sh").c_str()), 0);
    int complete = std::stoi(ReadText(folder + "/complete.txt"));
    ASSERT_GE(complete, 1);
    ASSERT_LT(complete, 6) << "the kill came too late to test anything";
    // At the moment of the kill, every run folder under its final name was
    // complete: the run under way was still writing to its .partial.
    EXPECT_EQ(std::stoi(ReadText(folder + "/folders.txt")), complete);

    Outcome again = RunSweep(sweep + " --jobs 2 --output " + folder + "/out");
    ASSERT_EQ(again.exitCode, 0) << again.err;
    std::string expected = "6 points, " + std::to_string(6 - complete) + " run, " +
                           std::to_string(complete) + " skipped";
    EXPECT_NE(again.out.find(expected), std::string::npos) << expected << "\n" << again.out;
    EXPECT_NE(again.err.find("s to go"), std::string::npos) << again.err;
    CsvTable index = CsvTable::Read(folder + "/out/sweep.csv");
    ASSERT_EQ(index.Rows(), 6u);
    std::set<std::string> folders;
    for (size_t row = 0; row < index.Rows(); ++row)
    {
        folders.insert(index.Cell(row, "folder"));
        EXPECT_FALSE(index.Cell(row, "completed").empty()) << "row " << row;
        EXPECT_EQ(index.Cell(row, "offered"), index.Cell(row, "completed")) << "row " << row;
    }
    EXPECT_EQ(folders.size(), 6u);
    std::string leftovers = folder + "/leftovers.txt";
    std::system(("find " + folder + "/out -name '*.partial' > " + leftovers).c_str());
    EXPECT_EQ(ReadText(leftovers), "") << "no half-written folder is left";
}

TEST(LvsSweep, JobsRunThroughGnuParallelGiveTheSameIndex)
{
    std::string folder = TempFolder();
    std::string sweep = SixRunSweep(folder);
    Outcome local = RunSweep(sweep + " --jobs 2 --output " + folder + "/local");
    ASSERT_EQ(local.exitCode, 0) << local.err;

    Outcome emit =
        RunSweep(sweep + " --output " + folder + "/remote --emit-jobs " + folder + "/jobs");
    ASSERT_EQ(emit.exitCode, 0) << emit.err;
    EXPECT_NE(ReadText(folder + "/jobs/slurm.sh").find("#SBATCH --array=1-6"), std::string::npos);
    std::string run = "cd / && parallel --will-cite -j2 < " + folder + "/jobs/jobs.txt > " +
                      folder + "/parallel.txt 2>&1";
    ASSERT_EQ(std::system(run.c_str()), 0) << ReadText(folder + "/parallel.txt");
    Outcome collect = RunSweep(sweep + " --output " + folder + "/remote --collect");
    ASSERT_EQ(collect.exitCode, 0) << collect.err << collect.out;
    EXPECT_NE(collect.out.find("6 of 6 runs complete"), std::string::npos) << collect.out;
    EXPECT_EQ(ReadText(folder + "/remote/sweep.csv"), ReadText(folder + "/local/sweep.csv"));
    EXPECT_EQ(ReadText(folder + "/remote/sweep-points.csv"),
              ReadText(folder + "/local/sweep-points.csv"));
    EXPECT_FALSE(ReadText(folder + "/local/sweep.csv").empty());
}

TEST(LvsSweep, FindMinGivesTheAnswerOfAnExhaustiveSweep)
{
    // 300 connections/s on servers of 4 workers and 20 ms: one server is
    // overloaded; how many meet p99 <= 300 ms?  The search and a sweep of
    // every value share their folders (same options, same runs).
    std::string folder = TempFolder();
    std::string common = "runs = 2\nset duration-s = 2\nset warmup-s = 0.5\n"
                         "set arrival-rate-per-s = 300\nset server-weights = 1\n"
                         "set server-workers = 4\nset server-service-time-ms = exp:20\n";
    std::ofstream(folder + "/find.sweep") << common;
    std::ofstream(folder + "/all.sweep") << common << "vary servers = 1, 2, 3, 4, 5, 6\n";
    Outcome find = RunSweep(folder + "/find.sweep --output " + folder +
                            "/out --find-min servers=1..6 --target-p99-ms 300");
    ASSERT_EQ(find.exitCode, 0) << find.err << find.out;
    CsvTable answer = CsvTable::Read(folder + "/out/find.csv");
    ASSERT_EQ(answer.Rows(), 1u);
    ASSERT_FALSE(answer.Cell(0, "answer").empty()) << find.out;
    EXPECT_LT(answer.Number(0, "points"), 6) << "bisection runs fewer points than the grid";

    Outcome all = RunSweep(folder + "/all.sweep --output " + folder + "/out");
    ASSERT_EQ(all.exitCode, 0) << all.err;
    std::string skipped = std::to_string(int(answer.Number(0, "runs"))) + " skipped";
    EXPECT_NE(all.out.find(skipped), std::string::npos) << "the search's runs are reused\n"
                                                        << all.out;
    CsvTable points = CsvTable::Read(folder + "/out/sweep-points.csv");
    std::string smallest;
    for (size_t row = 0; row < points.Rows() && smallest.empty(); ++row)
    {
        if (points.Number(row, "latency_p99_ms_mean") <= 300 &&
            points.Number(row, "failed_fraction_mean") <= 0.001)
        {
            smallest = points.Cell(row, "servers");
        }
    }
    EXPECT_EQ(answer.Cell(0, "answer"), smallest);
    EXPECT_NE(smallest, "1") << "one server must not be enough, or the test shows nothing";
}

/// Runs a two-point sweep with `runs = RUNS` and returns its per-point index.
CsvTable
AdaptiveSweep(const std::string& folder, const std::string& runs)
{
    std::ofstream(folder + "/adaptive.sweep") << "runs = " << runs
                                              << "\n"
                                                 "set duration-s = 1\nset warmup-s = 0.2\n"
                                                 "vary arrival-rate-per-s = 100, 300\n";
    Outcome sweep = RunSweep(folder + "/adaptive.sweep --output " + folder + "/out");
    EXPECT_EQ(sweep.exitCode, 0) << sweep.err;
    return CsvTable::Read(folder + "/out/sweep-points.csv");
}

TEST(LvsSweep, MoreRunsUntilTheIntervalIsNarrowEnough)
{
    // Tight: no point gets within 0.1% in 4 runs, so each takes all 4.
    CsvTable tight = AdaptiveSweep(TempFolder(), "2..4 until ci < 0.1%");
    ASSERT_EQ(tight.Rows(), 2u);
    for (size_t row = 0; row < 2; ++row)
    {
        EXPECT_EQ(tight.Cell(row, "runs"), "4");
    }
    // Loose: a point stops as soon as both intervals are within 60% of
    // their means, or at 6 runs.
    CsvTable loose = AdaptiveSweep(TempFolder(), "2..6 until ci < 60%");
    ASSERT_EQ(loose.Rows(), 2u);
    int stoppedEarly = 0;
    for (size_t row = 0; row < 2; ++row)
    {
        int runs = std::stoi(loose.Cell(row, "runs"));
        EXPECT_GE(runs, 2);
        bool narrow = loose.Number(row, "throughput_per_s_ci95") <=
                          0.6 * loose.Number(row, "throughput_per_s_mean") &&
                      loose.Number(row, "latency_p99_ms_ci95") <=
                          0.6 * loose.Number(row, "latency_p99_ms_mean");
        EXPECT_TRUE(narrow || runs == 6) << "row " << row << " stopped too soon";
        stoppedEarly += runs < 6;
    }
    EXPECT_GT(stoppedEarly, 0) << "a 60% interval needs few runs";
}

TEST(LvsSweep, ASetWhenAppliesOnlyToThePointsItNames)
{
    // sh-port is a flag of sh alone: rr would refuse it.
    std::string folder = TempFolder();
    std::ofstream(folder + "/flags.sweep") << "runs = 1\n"
                                              "set duration-s = 0.5\n"
                                              "vary scheduler = rr, sh\n"
                                              "set scheduler-flags = sh-port when scheduler = sh\n";
    Outcome run = RunSweep(folder + "/flags.sweep --output " + folder + "/out");
    ASSERT_EQ(run.exitCode, 0) << run.err;
    ResultFolder sh(folder + "/out/scheduler=sh/run-1");
    ResultFolder rr(folder + "/out/scheduler=rr/run-1");
    EXPECT_EQ(sh.Summary().at("config").at("scheduler-flags"), "sh-port");
    EXPECT_EQ(rr.Summary().at("config").at("scheduler-flags"), "");
    EXPECT_EQ(CsvTable::Read(folder + "/out/sweep.csv").Header().front(), "scheduler")
        << "a conditional option is not an axis";

    const std::pair<const char*, const char*> refused[] = {
        {"vary scheduler = rr\nset scheduler-flags = sh-port when scheduler = sh\n",
         "flags.sweep:2: 'scheduler' is never sh"},
        {"set scheduler-flags = sh-port when scheduler = sh\n",
         "flags.sweep:1: 'when scheduler': only a varied option can choose what is set"},
        {"vary scheduler = sh\nset scheduler-flags = sh-port\n"
         "set scheduler-flags = sh-fallback when scheduler = sh\n",
         "flags.sweep:3: 'scheduler-flags' is set both always and when scheduler = sh"},
        {"vary scheduler = sh\nset scheduler-flags = when scheduler = sh\n",
         "flags.sweep:2: expected 'set scheduler-flags = VALUE when"},
        {"vary scheduler = sh\nvary servers = 2\nset scheduler-flags = sh-port when scheduler = "
         "sh\nset scheduler-flags = sh-fallback when servers = 2\n",
         "flags.sweep:3: 'scheduler-flags' may be set twice for a point"},
        {"vary scheduler = sh\nset scheduler-flags = sh-port when scheduler\n",
         "flags.sweep:2: expected 'set scheduler-flags = VALUE when VARIED-OPTION = "
         "ONE-OF-ITS-VALUES'"},
    };
    for (const auto& [text, error] : refused)
    {
        std::ofstream(folder + "/flags.sweep") << text;
        Outcome bad = RunSweep(folder + "/flags.sweep --check --output " + folder + "/bad");
        EXPECT_EQ(bad.exitCode, 2) << text;
        EXPECT_NE(bad.err.find(error), std::string::npos) << bad.err;
    }
}

TEST(LvsSweep, TheValidationSweepsAreValid)
{
    // scenarios/validation/: every point of every sweep accepted by lvs-sim
    // (running them is for docs/validation.md, not for the suite).
    for (const char* sweep : {"queueing-4",
                              "queueing-16",
                              "random-split-4",
                              "random-split-16",
                              "random-split-64",
                              "random-split-weighted",
                              "queueing-weighted",
                              "twos-64",
                              "twos-64-udp",
                              "director-capacity",
                              "howto-nat",
                              "persistence"})
    {
        Outcome check = RunSweep(std::string(LVS_SOURCE_DIR) + "/scenarios/validation/" + sweep +
                                 ".sweep --check --output v");
        EXPECT_EQ(check.exitCode, 0) << sweep << ": " << check.err;
        EXPECT_NE(check.out.find("all valid"), std::string::npos) << check.out;
    }
}

TEST(LvsSweep, TheShippedSweepIsValid)
{
    // scenarios/sweeps/capacity.sweep: 6 rates x 3 runs, every point's
    // options accepted by lvs-sim (running it takes a minute: docs/sweeps.md).
    Outcome check = RunSweep(std::string(LVS_SOURCE_DIR) +
                             "/scenarios/sweeps/capacity.sweep --check --output cap");
    EXPECT_EQ(check.exitCode, 0) << check.err;
    EXPECT_NE(check.out.find("cap/arrival-rate-per-s=2000/run-3\n"), std::string::npos)
        << check.out;
    EXPECT_NE(check.out.find("18 points, all valid"), std::string::npos) << check.out;
}

} // namespace
} // namespace ns3::test
