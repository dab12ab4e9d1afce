// lvs-sweep: runs a parameter sweep of lvs-sim (sweep-spec.h), a few
// processes at a time, each run in a folder of its own; a run whose folder
// is complete is skipped, so an interrupted sweep resumes.  Writes
// OUTPUT/sweep.csv (per run) and OUTPUT/sweep-points.csv (per point: mean
// and 95% interval).
//
//   lvs-sweep SWEEP_FILE [--output DIR] [--jobs N] [--check]
//   lvs-sweep SWEEP_FILE --emit-jobs DIR    (command lines for GNU Parallel, Slurm)
//   lvs-sweep SWEEP_FILE --collect          (index the folders that exist)
#include "scenarios/config-file.h"
#include "scenarios/result-folder.h"
#include "scenarios/scenario-config.h"
#include "scenarios/sweep-index.h"
#include "scenarios/sweep-runner.h"
#include "scenarios/sweep-spec.h"

#include <boost/program_options.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
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
        "write the indexes from the result folders that exist, running nothing");
    return options;
}

void
PrintUsage(std::ostream& os, const po::options_description& options)
{
    os << "lvs-sweep: run a parameter sweep of lvs-sim\n"
       << "usage: lvs-sweep SWEEP_FILE [--output DIR] [--jobs N] [--check | --emit-jobs DIR | "
          "--collect]\n\n"
       << options << "\nA sweep file:\n  scenario = FILE\n  runs = 3\n  set duration-s = 5\n"
       << "  vary arrival-rate-per-s = 200, 400, 800\n  vary scheduler = wlc, rr\n";
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
        auto args = SweepArguments(*spec, point, output + "/" + point.FolderName());
        std::vector<const char*> argv;
        for (const auto& a : args)
        {
            argv.push_back(a.c_str());
        }
        ScenarioConfig config;
        std::ostringstream ignored;
        ParseScenarioConfig(int(argv.size()), argv.data(), &config, ignored);
    }
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
    SweepOutcome outcome = runner.Run(spec, points, output);
    WriteIndexes(spec, points, output);
    std::cout << "lvs-sweep: " << points.size() << " points, " << outcome.run << " run, "
              << outcome.skipped << " skipped (already complete), " << outcome.failed
              << " failed; index in " << output << "/sweep.csv, per point (mean and 95% "
              << "interval) in " << output << "/sweep-points.csv\n";
    return outcome.failed == 0 ? 0 : 1;
}
