// lvs-sweep: runs a parameter sweep of lvs-sim (sweep-spec.h), a few
// processes at a time, each run in a folder of its own; a run whose folder
// is complete is skipped, so an interrupted sweep resumes.  Writes
// OUTPUT/sweep.csv (per run) and OUTPUT/sweep-points.csv (per point: mean
// and 95% interval).
//
//   lvs-sweep SWEEP_FILE [--output DIR] [--jobs N] [--check]
//   lvs-sweep SWEEP_FILE --emit-jobs DIR    (command lines for GNU Parallel, Slurm)
//   lvs-sweep SWEEP_FILE --collect          (index the folders that exist)
//   lvs-sweep SWEEP_FILE --find-min servers=1..32 [--target-p99-ms 200]
#include "scenarios/config-file.h"
#include "scenarios/result-folder.h"
#include "scenarios/scenario-config.h"
#include "scenarios/sizing-search.h"
#include "scenarios/sweep-index.h"
#include "scenarios/sweep-runner.h"
#include "scenarios/sweep-spec.h"

#include <algorithm>
#include <boost/program_options.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>
#include <thread>
#include <unistd.h>

namespace po = boost::program_options;
using namespace ns3;

namespace
{

/// The lvs-sim binary next to this one.
std::string
LvsSimPath()
{
    char self[4096];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    std::string path = n > 0 ? std::string(self, size_t(n)) : std::string("./lvs-sweep");
    return path.substr(0, path.rfind('/') + 1) + "lvs-sim";
}

po::options_description
Options()
{
    po::options_description options("lvs-sweep options");
    options.add_options()("help,h", "print this help and exit")(
        "sweep",
        po::value<std::string>(),
        "the sweep file (scenario, runs, set and vary lines)")(
        "output",
        po::value<std::string>()->default_value("lvs-sweep-results"),
        "the sweep's result folder")(
        "jobs",
        po::value<unsigned>()->default_value(std::max(1u, std::thread::hardware_concurrency())),
        "simulations run at once (default: one per core)")(
        "check",
        "check the sweep and list its points without running them")(
        "emit-jobs",
        po::value<std::string>(),
        "write DIR/jobs.txt (one command line per run, for GNU Parallel) and DIR/slurm.sh (a "
        "Slurm job array) instead of running; then --collect")(
        "collect",
        "write the indexes from the result folders that exist, running nothing")(
        "find-min",
        po::value<std::string>(),
        "OPTION=LO..HI[/STEP]: the smallest value that meets the target (e.g. servers=1..32), "
        "by bisection over real runs, for every combination of the varied options")(
        "find-max",
        po::value<std::string>(),
        "OPTION=LO..HI[/STEP]: the largest value that meets the target (e.g. "
        "arrival-rate-per-s=100..5000/100)")(
        "target-p99-ms",
        po::value<double>()->default_value(200),
        "--find-*: the p99 latency a point must not exceed (mean over its runs, measurement "
        "window)")("target-failed",
                   po::value<double>()->default_value(0.001),
                   "--find-*: the fraction of failed transactions a point must not exceed");
    return options;
}

void
PrintUsage(std::ostream& os, const po::options_description& options)
{
    os << "lvs-sweep: run a parameter sweep of lvs-sim\n"
       << "usage: lvs-sweep SWEEP_FILE [--output DIR] [--jobs N] [--check | --emit-jobs DIR | "
          "--collect]\n\n"
       << options << "\nA sweep file:\n  scenario = FILE\n  runs = 3\n  set duration-s = 5\n"
       << "  vary arrival-rate-per-s = 200, 400, 800\n  vary scheduler = wlc, rr, sh\n"
       << "  set scheduler-flags = sh-port when scheduler = sh\n";
}

/// Checks one run's lvs-sim options as lvs-sim would (throws ConfigError).
void
CheckRun(const SweepSpec& spec, const SweepPoint& point, const std::string& output)
{
    auto args = SweepArguments(spec, point, output + "/" + point.FolderName());
    std::vector<const char*> argv;
    for (const auto& a : args)
    {
        argv.push_back(a.c_str());
    }
    ScenarioConfig config;
    std::ostringstream ignored;
    ParseScenarioConfig(int(argv.size()), argv.data(), &config, ignored);
}

/// Reads the sweep file and checks every run's options, as lvs-sim would.
std::vector<SweepPoint>
LoadSweep(const std::string& file, const std::string& output, SweepSpec* spec)
{
    std::ifstream in(file);
    if (!in)
    {
        throw ConfigError(file + ": cannot read the sweep file");
    }
    *spec = ParseSweepSpec(in, file);
    std::vector<SweepPoint> points = ExpandSweep(*spec);
    for (const auto& point : points)
    {
        CheckRun(*spec, point, output);
    }
    return points;
}

/// The searched option must be an lvs-sim option that the sweep does not
/// vary, and both ends of its range must be valid values.
void
CheckSearchAxis(const SweepSpec& spec,
                const std::vector<SweepPoint>& points,
                const SearchAxis& axis,
                const std::string& output)
{
    for (const auto& varied : spec.axes)
    {
        if (varied.option == axis.option)
        {
            throw ConfigError("the sweep file varies '" + axis.option + "': search it or vary it");
        }
    }
    for (size_t index : {size_t(0), axis.grid.size() - 1})
    {
        SweepPoint point = points.front();
        point.values.emplace_back(axis.option, axis.grid[index]);
        CheckRun(spec, point, output);
    }
}

/// The runs of one point of the search: @p base plus the searched value.
std::vector<SweepPoint>
RunsOf(const SweepSpec& spec,
       const std::vector<std::pair<std::string, std::string>>& base,
       const SearchAxis& axis,
       size_t index)
{
    std::vector<SweepPoint> runs;
    for (unsigned run = 1; run <= spec.runs; ++run)
    {
        SweepPoint point;
        point.values = base;
        point.values.emplace_back(axis.option, axis.grid[index]);
        point.run = run;
        runs.push_back(point);
    }
    return runs;
}

std::string
WithInterval(const MeanInterval& m, double scale, int digits)
{
    std::ostringstream os;
    os << std::fixed << std::setprecision(digits) << m.mean * scale;
    if (m.n > 1)
    {
        os << " +- " << m.halfWidth * scale;
    }
    return os.str();
}

/// --find-min / --find-max: a bisection per combination of the varied
/// options, each point run `runs` times; find.csv and one line each.
int
Search(const SweepSpec& spec,
       const std::vector<SweepPoint>& points,
       const SearchAxis& axis,
       const SizingTarget& target,
       const std::string& output,
       SweepRunner& runner)
{
    std::vector<std::vector<std::pair<std::string, std::string>>> combinations;
    for (const auto& point : points)
    {
        if (point.run == 1)
        {
            combinations.push_back(point.values);
        }
    }
    std::ofstream csv(output + "/find.csv");
    for (const auto& varied : spec.axes)
    {
        csv << varied.option << ",";
    }
    csv << "goal,option,answer,p99_ms_mean,p99_ms_ci95,failed_fraction_mean,"
           "failed_fraction_ci95,throughput_per_s_mean,throughput_per_s_ci95,points,runs\n";
    bool smallest = axis.goal == SearchGoal::SmallestMeeting;
    int failures = 0;
    for (const auto& base : combinations)
    {
        std::map<size_t, std::map<std::string, MeanInterval>> figures;
        auto meets = [&](size_t index) {
            auto runs = RunsOf(spec, base, axis, index);
            failures += int(runner.Run(spec, runs, output).failed);
            std::vector<std::string> folders;
            for (const auto& run : runs)
            {
                folders.push_back(output + "/" + run.FolderName());
            }
            figures[index] = SummarizePoint(folders);
            return target.IsMetBy(figures[index]["latency_p99_ms"].mean,
                                  figures[index]["failed_fraction"].mean);
        };
        std::vector<size_t> tried;
        std::optional<size_t> answer = Bisect(axis.grid.size(), axis.goal, meets, &tried);
        std::string label;
        for (const auto& [option, value] : base)
        {
            csv << value << ",";
            label += (label.empty() ? "" : ", ") + option + "=" + value;
        }
        csv << (smallest ? "smallest" : "largest") << "," << axis.option << ","
            << (answer ? axis.grid[*answer] : "");
        std::cout << (label.empty() ? "" : label + ": ") << (smallest ? "smallest " : "largest ")
                  << axis.option << " meeting p99 <= " << target.p99Ms
                  << " ms and failed <= " << 100 * target.failedFraction << "%: ";
        if (answer)
        {
            auto& f = figures[*answer];
            for (const char* name : {"latency_p99_ms", "failed_fraction", "throughput_per_s"})
            {
                csv << "," << f[name].mean << "," << (f[name].n > 1 ? f[name].halfWidth : 0);
            }
            std::cout << axis.grid[*answer] << " (p99 " << WithInterval(f["latency_p99_ms"], 1, 1)
                      << " ms, failed " << WithInterval(f["failed_fraction"], 100, 3)
                      << " %, throughput " << WithInterval(f["throughput_per_s"], 1, 1)
                      << "/s; 95% intervals over " << spec.runs << " runs)";
        }
        else
        {
            csv << ",,,,,,";
            std::cout << "none in " << axis.grid.front() << ".." << axis.grid.back();
        }
        csv << "," << tried.size() << "," << tried.size() * spec.runs << "\n";
        std::cout << "; " << tried.size() << " points, " << tried.size() * spec.runs << " runs\n";
    }
    return failures == 0 ? 0 : 1;
}

/// `runs = MIN..MAX until ci < P%`: one more run, round after round, for
/// every point whose throughput or p99 interval is still too wide, until
/// none is or they have MAX runs.  Returns every run of the sweep.
std::vector<SweepPoint>
RunUntilPrecise(const SweepSpec& spec,
                std::vector<SweepPoint> points,
                const std::string& output,
                SweepRunner& runner,
                SweepOutcome* outcome)
{
    using Values = std::vector<std::pair<std::string, std::string>>;
    std::vector<Values> order;
    std::map<Values, unsigned> runs;
    for (const auto& point : points)
    {
        if (!runs.count(point.values))
        {
            order.push_back(point.values);
        }
        runs[point.values] = std::max(runs[point.values], point.run);
    }
    auto tooWide = [&](const MeanInterval& m) {
        return m.n < 2 || m.halfWidth > spec.ciRelative * std::fabs(m.mean);
    };
    for (;;)
    {
        std::vector<SweepPoint> more;
        for (const auto& values : order)
        {
            std::vector<std::string> folders;
            for (unsigned run = 1; run <= runs[values]; ++run)
            {
                folders.push_back(output + "/" + SweepPoint{values, run}.FolderName());
            }
            auto figures = SummarizePoint(folders);
            bool wide = tooWide(figures["throughput_per_s"]) || tooWide(figures["latency_p99_ms"]);
            if (wide && runs[values] < spec.maxRuns)
            {
                more.push_back(SweepPoint{values, ++runs[values]});
            }
        }
        if (more.empty())
        {
            break;
        }
        SweepOutcome round = runner.Run(spec, more, output);
        outcome->run += round.run;
        outcome->skipped += round.skipped;
        outcome->failed += round.failed;
        points.insert(points.end(), more.begin(), more.end());
    }
    // Index order: point by point, run by run.
    std::map<Values, size_t> rank;
    for (size_t i = 0; i < order.size(); ++i)
    {
        rank[order[i]] = i;
    }
    std::stable_sort(points.begin(), points.end(), [&](const SweepPoint& a, const SweepPoint& b) {
        return rank[a.values] != rank[b.values] ? rank[a.values] < rank[b.values] : a.run < b.run;
    });
    return points;
}

void
WriteIndexes(const SweepSpec& spec, const std::vector<SweepPoint>& points, const std::string& out)
{
    WriteSweepIndex(spec, points, out);
    WritePointIndex(spec, points, out);
}

} // namespace

int
main(int argc, char** argv)
{
    po::options_description options = Options();
    po::positional_options_description positional;
    positional.add("sweep", 1);
    po::variables_map vm;
    try
    {
        po::store(po::command_line_parser(argc, argv).options(options).positional(positional).run(),
                  vm);
    }
    catch (const po::error& e)
    {
        std::cerr << "lvs-sweep: " << e.what() << "\n";
        return 2;
    }
    if (vm.count("help") || !vm.count("sweep"))
    {
        PrintUsage(std::cout, options);
        return vm.count("help") ? 0 : 2;
    }
    std::string output = vm["output"].as<std::string>();
    SweepSpec spec;
    std::vector<SweepPoint> points;
    try
    {
        points = LoadSweep(vm["sweep"].as<std::string>(), output, &spec);
        if (vm.count("check"))
        {
            for (const auto& point : points)
            {
                std::cout << output << "/" << point.FolderName() << "\n";
            }
            std::cout << "lvs-sweep: " << points.size() << " points, all valid\n";
            return 0;
        }
        MakeFolder(output);
        if (vm.count("emit-jobs"))
        {
            // Absolute paths: the lines may run anywhere the files are.
            namespace fs = std::filesystem;
            if (!spec.scenario.empty())
            {
                spec.scenario = fs::absolute(spec.scenario).string();
            }
            std::string dir = vm["emit-jobs"].as<std::string>();
            size_t runs = EmitJobs(LvsSimPath(), spec, points, fs::absolute(output).string(), dir);
            std::cout << "lvs-sweep: " << runs << " runs in " << dir << "/jobs.txt (parallel < "
                      << dir << "/jobs.txt) and " << dir << "/slurm.sh; then lvs-sweep "
                      << vm["sweep"].as<std::string>() << " --output " << output << " --collect\n";
            return 0;
        }
    }
    catch (const ConfigError& e)
    {
        std::cerr << "lvs-sweep: " << e.what() << "\n";
        return 2;
    }
    if (vm.count("collect"))
    {
        WriteIndexes(spec, points, output);
        size_t complete = 0;
        for (const auto& point : points)
        {
            complete += ResultFolder(output + "/" + point.FolderName()).IsComplete();
        }
        std::cout << "lvs-sweep: " << complete << " of " << points.size()
                  << " runs complete; index in " << output << "/sweep.csv and " << output
                  << "/sweep-points.csv\n";
        return complete == points.size() ? 0 : 1;
    }
    SweepRunner runner(LvsSimPath(), vm["jobs"].as<unsigned>(), std::cerr);
    if (vm.count("find-min") || vm.count("find-max"))
    {
        try
        {
            bool min = vm.count("find-min") > 0;
            SearchAxis axis =
                ParseSearchAxis(vm[min ? "find-min" : "find-max"].as<std::string>(),
                                min ? SearchGoal::SmallestMeeting : SearchGoal::LargestMeeting,
                                min ? "--find-min" : "--find-max");
            CheckSearchAxis(spec, points, axis, output);
            SizingTarget target{vm["target-p99-ms"].as<double>(), vm["target-failed"].as<double>()};
            int status = Search(spec, points, axis, target, output, runner);
            std::cout << "lvs-sweep: runs in " << output << ", answers in " << output
                      << "/find.csv\n";
            return status;
        }
        catch (const ConfigError& e)
        {
            std::cerr << "lvs-sweep: " << e.what() << "\n";
            return 2;
        }
    }
    SweepOutcome outcome = runner.Run(spec, points, output);
    if (spec.maxRuns > 0)
    {
        points = RunUntilPrecise(spec, points, output, runner, &outcome);
    }
    WriteIndexes(spec, points, output);
    std::cout << "lvs-sweep: " << points.size() << " points, " << outcome.run << " run, "
              << outcome.skipped << " skipped (already complete), " << outcome.failed
              << " failed; index in " << output << "/sweep.csv, per point (mean and 95% "
              << "interval) in " << output << "/sweep-points.csv\n";
    return outcome.failed == 0 ? 0 : 1;
}
