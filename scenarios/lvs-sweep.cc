// lvs-sweep: runs a parameter sweep of lvs-sim (sweep-spec.h), one process
// per core, each point in a folder of its own; a point whose folder already
// holds a complete summary.json is skipped, so an interrupted sweep
// resumes.  Writes OUTPUT/sweep.csv with every point's headline figures.
//
//   lvs-sweep SWEEP_FILE [--output DIR] [--jobs N] [--check]
#include "scenarios/config-file.h"
#include "scenarios/result-folder.h"
#include "scenarios/run-statistics.h"
#include "scenarios/scenario-config.h"
#include "scenarios/sweep-spec.h"

#include <boost/program_options.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>
#include <sys/stat.h>
#include <sys/wait.h>
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

/// The lvs-sim arguments of one point.
std::vector<std::string>
Arguments(const SweepSpec& spec, const SweepPoint& point, const std::string& folder)
{
    std::vector<std::string> args{"lvs-sim"};
    if (!spec.scenario.empty())
    {
        args.insert(args.end(), {"--config", spec.scenario});
    }
    for (const auto& [option, value] : spec.fixed)
    {
        args.insert(args.end(), {"--" + option, value});
    }
    for (const auto& [option, value] : point.values)
    {
        args.insert(args.end(), {"--" + option, value});
    }
    args.insert(args.end(), {"--run", std::to_string(point.run), "--output", folder});
    // No progress lines in the runs' logs, unless the sweep file asks.
    bool progressSet = false;
    for (const auto& [option, value] : spec.fixed)
    {
        progressSet = progressSet || option == "progress";
    }
    for (const auto& [option, value] : point.values)
    {
        progressSet = progressSet || option == "progress";
    }
    if (!progressSet)
    {
        args.insert(args.end(), {"--progress", "off"});
    }
    return args;
}

pid_t
Start(const std::vector<std::string>& args, const std::string& folder)
{
    try
    {
        MakeFolder(folder);
    }
    catch (const ConfigError& e)
    {
        std::cerr << "lvs-sweep: " << e.what() << "\n";
        return -1;
    }
    pid_t pid = fork();
    if (pid == 0)
    {
        int log = open((folder + "/lvs-sim.log").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(log, 1);
        dup2(log, 2);
        std::vector<char*> argv;
        for (const auto& a : args)
        {
            argv.push_back(const_cast<char*>(a.c_str()));
        }
        argv.push_back(nullptr);
        execv(LvsSimPath().c_str(), argv.data());
        std::perror("lvs-sweep: cannot start lvs-sim");
        _exit(127);
    }
    return pid;
}

/// A figure of a point's summary.json as it is written there ("" if the
/// point has none: it failed).
std::string
SummaryFigure(const ResultFolder& folder, const std::string& pointer)
{
    try
    {
        nlohmann::json::json_pointer at(pointer);
        const nlohmann::json& summary = folder.Summary();
        return summary.contains(at) ? summary.at(at).dump() : "";
    }
    catch (const ConfigError&)
    {
        return "";
    }
}

void
WriteIndex(const SweepSpec& spec, const std::vector<SweepPoint>& points, const std::string& output)
{
    std::ofstream out(output + "/sweep.csv");
    for (const auto& axis : spec.axes)
    {
        out << axis.option << ",";
    }
    out << "run,offered,completed,refused,timed_out,reset,throughput_per_s,latency_mean_ms,latency_"
           "p50_ms,"
           "latency_p95_ms,latency_p99_ms,folder\n";
    for (const auto& point : points)
    {
        std::string folder = output + "/" + point.FolderName();
        ResultFolder result(folder);
        for (const auto& [option, value] : point.values)
        {
            out << value << ",";
        }
        out << point.run;
        for (const char* pointer : {"/transactions/offered",
                                    "/transactions/completed",
                                    "/transactions/refused",
                                    "/transactions/timed_out",
                                    "/transactions/reset",
                                    "/throughput_per_s",
                                    "/latency_ms/mean",
                                    "/latency_ms/p50",
                                    "/latency_ms/p95",
                                    "/latency_ms/p99"})
        {
            out << "," << SummaryFigure(result, pointer);
        }
        // Quoted: a folder name holds commas when several options vary.
        out << ",\"" << point.FolderName() << "\"\n";
    }
}

/// One figure of a run, from its summary.json (NaN if absent).
struct Figure
{
    const char* column;
    double (*read)(const ResultFolder&);
};

double
BusiestShare(const ResultFolder& run)
{
    double busiest = 0;
    for (const auto& server : run.Summary().at("servers"))
    {
        busiest = std::max(busiest, server.at("share").get<double>());
    }
    return busiest;
}

const std::vector<Figure>&
PointFigures()
{
    static const std::vector<Figure> kFigures = {
        {"throughput_per_s",
         [](const ResultFolder& r) { return r.Number("/window/throughput_per_s"); }},
        {"latency_mean_ms",
         [](const ResultFolder& r) { return r.Number("/window/latency_ms/mean"); }},
        {"latency_p50_ms",
         [](const ResultFolder& r) { return r.Number("/window/latency_ms/p50"); }},
        {"latency_p95_ms",
         [](const ResultFolder& r) { return r.Number("/window/latency_ms/p95"); }},
        {"latency_p99_ms",
         [](const ResultFolder& r) { return r.Number("/window/latency_ms/p99"); }},
        {"failed", [](const ResultFolder& r) { return r.Number("/window/failed"); }},
        {"busiest_server_share", BusiestShare},
        {"director_utilisation",
         [](const ResultFolder& r) { return r.NumberOr("/director/cpu/utilisation", 0); }},
    };
    return kFigures;
}

std::string
Cell(double value)
{
    std::ostringstream os;
    os << std::setprecision(6) << value;
    return os.str();
}

/// sweep-points.csv: per point, the mean and the 95% confidence interval
/// half-width of each figure over its complete runs (measurement window
/// figures: --warmup-s to --duration-s).
void
WritePointIndex(const SweepSpec& spec,
                const std::vector<SweepPoint>& points,
                const std::string& output)
{
    std::map<std::vector<std::pair<std::string, std::string>>, std::vector<std::string>> runsOf;
    std::vector<std::vector<std::pair<std::string, std::string>>> order;
    for (const auto& point : points)
    {
        if (!runsOf.count(point.values))
        {
            order.push_back(point.values);
        }
        runsOf[point.values].push_back(output + "/" + point.FolderName());
    }
    std::ofstream out(output + "/sweep-points.csv");
    for (const auto& axis : spec.axes)
    {
        out << axis.option << ",";
    }
    out << "runs";
    for (const auto& figure : PointFigures())
    {
        out << "," << figure.column << "_mean," << figure.column << "_ci95";
    }
    out << "\n";
    for (const auto& values : order)
    {
        std::vector<std::vector<double>> samples(PointFigures().size());
        for (const auto& folder : runsOf[values])
        {
            ResultFolder run(folder);
            if (!run.IsComplete())
            {
                continue;
            }
            for (size_t f = 0; f < PointFigures().size(); ++f)
            {
                samples[f].push_back(PointFigures()[f].read(run));
            }
        }
        for (const auto& [option, value] : values)
        {
            out << value << ",";
        }
        out << samples.front().size();
        for (const auto& figure : samples)
        {
            MeanInterval m = MeanWithInterval(figure);
            out << "," << (m.n ? Cell(m.mean) : "") << "," << (m.n > 1 ? Cell(m.halfWidth) : "");
        }
        out << "\n";
    }
}

} // namespace

int
main(int argc, char** argv)
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
        "check the sweep and list its points without running them");
    po::positional_options_description positional;
    positional.add("sweep", 1);
    po::variables_map vm;
    try
    {
        po::store(po::command_line_parser(argc, argv).options(options).positional(positional).run(),
                  vm);
        if (vm.count("help") || !vm.count("sweep"))
        {
            std::cout << "lvs-sweep: run a parameter sweep of lvs-sim\nusage: lvs-sweep SWEEP_FILE "
                         "[--output DIR] "
                         "[--jobs N]\n\n"
                      << options
                      << "\nA sweep file:\n  scenario = FILE\n  runs = 3\n  set duration-s = 5\n"
                      << "  vary arrival-rate-per-s = 200, 400, 800\n  vary scheduler = wlc, rr\n";
            return vm.count("help") ? 0 : 2;
        }
    }
    catch (const po::error& e)
    {
        std::cerr << "lvs-sweep: " << e.what() << "\n";
        return 2;
    }
    std::string file = vm["sweep"].as<std::string>();
    std::string output = vm["output"].as<std::string>();
    unsigned jobs = std::max(1u, vm["jobs"].as<unsigned>());
    SweepSpec spec;
    std::vector<SweepPoint> points;
    try
    {
        std::ifstream in(file);
        if (!in)
        {
            throw ConfigError(file + ": cannot read the sweep file");
        }
        spec = ParseSweepSpec(in, file);
        points = ExpandSweep(spec);
        // Check every point's options before running any.
        for (const auto& point : points)
        {
            auto args = Arguments(spec, point, output + "/" + point.FolderName());
            std::vector<const char*> argvCopy;
            for (const auto& a : args)
            {
                argvCopy.push_back(a.c_str());
            }
            ScenarioConfig config;
            std::ostringstream ignored;
            ParseScenarioConfig(int(argvCopy.size()), argvCopy.data(), &config, ignored);
        }
    }
    catch (const ConfigError& e)
    {
        std::cerr << "lvs-sweep: " << e.what() << "\n";
        return 2;
    }
    if (vm.count("check"))
    {
        for (const auto& point : points)
        {
            std::cout << output << "/" << point.FolderName() << "\n";
        }
        std::cout << "lvs-sweep: " << points.size() << " points, all valid\n";
        return 0;
    }
    try
    {
        MakeFolder(output);
    }
    catch (const ConfigError& e)
    {
        std::cerr << "lvs-sweep: " << e.what() << "\n";
        return 2;
    }
    size_t skipped = 0;
    size_t done = 0;
    size_t failed = 0;
    std::map<pid_t, std::string> running;
    auto reap = [&]() {
        int status = 0;
        pid_t pid = wait(&status);
        if (pid <= 0)
        {
            return;
        }
        bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
        if (!ok)
        {
            ++failed;
            std::cerr << "lvs-sweep: " << running[pid] << " failed (see its lvs-sim.log)\n";
        }
        ++done;
        running.erase(pid);
        std::cerr << "  " << done + skipped << "/" << points.size() << " points done (" << skipped
                  << " skipped as complete)\n";
    };
    for (const auto& point : points)
    {
        std::string folder = output + "/" + point.FolderName();
        if (ResultFolder(folder).IsComplete())
        {
            ++skipped;
            continue;
        }
        while (running.size() >= jobs)
        {
            reap();
        }
        pid_t pid = Start(Arguments(spec, point, folder), folder);
        if (pid < 0)
        {
            ++failed;
            continue;
        }
        running[pid] = folder;
    }
    while (!running.empty())
    {
        reap();
    }
    WriteIndex(spec, points, output);
    WritePointIndex(spec, points, output);
    std::cout << "lvs-sweep: " << points.size() << " points, " << done << " run, " << skipped
              << " skipped (already complete), " << failed << " failed; index in " << output
              << "/sweep.csv, per point (mean and 95% interval) in " << output
              << "/sweep-points.csv\n";
    return failed == 0 ? 0 : 1;
}
