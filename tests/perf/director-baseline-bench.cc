// Benchmark: what the Director costs to simulate, against a plain router.
// Prints figures (docs/performance.md); it is not a timed test.
//
//   build/lvs-bench-director [--runs N] [--modes none,nat,dr,tun]
//                            [--lvs-sim PATH] [--keep DIR] [-- lvs-sim options]
//
// Each round runs lvs-sim once per mode, in turn (the baseline first, the
// order of the others rotating from round to round), as a child process,
// so that each run's peak memory is its own.  Scenario: 16 real servers
// (rr, weight 1, 16 workers, exponential 10 ms service), 1,000 client
// addresses on 20 client nodes (50 each: ns-3 walks a node's TCP endpoints
// for every packet, so one node standing for a thousand hosts would cost
// 13% more; docs/performance.md), 100,000 one-request TCP connections (200-byte
// request, 2,000-byte response) at 2,000 per second: the servers are about
// 8% busy and no link is near its rate.  Mode none is `--director none`
// (a plain router in the Director's place, clients addressing the RIPs in
// turn); nat, dr and tun are the Director with `--forwarding` set.
// Options after `--` replace the scenario's (e.g. `-- --transactions=20000`).
#include "scenarios/result-folder.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utility>
#include <vector>

namespace
{

using Options = std::vector<std::pair<std::string, std::string>>;

const Options kScenario = {{"servers", "16"},
                           {"server-weights", "1"},
                           {"server-workers", "16"},
                           {"server-service-time-ms", "exp:10"},
                           {"scheduler", "rr"},
                           {"client-nodes", "20"},
                           {"client-addresses", "1000"},
                           {"request-bytes", "const:200"},
                           {"response-bytes", "const:2000"},
                           {"arrival-rate-per-s", "2000"},
                           {"transactions", "100000"},
                           {"duration-s", "60"},
                           {"progress", "off"}};

struct Settings
{
    int runs = 3;
    std::vector<std::string> modes = {"none", "nat", "dr", "tun"};
    std::string lvsSim;
    std::string keep;
    Options scenario = kScenario;
};

struct RunFigures
{
    bool ok = false;
    double wallS = 0;
    double completed = 0;
    double offered = 0;
    double events = 0;
    double peakMiB = 0;

    double PerWallSecond() const
    {
        return wallS > 0 ? completed / wallS : 0;
    }

    double EventsPerTransaction() const
    {
        return completed > 0 ? events / completed : 0;
    }
};

void
SetOption(Options& options, const std::string& name, const std::string& value)
{
    for (auto& [n, v] : options)
    {
        if (n == name)
        {
            v = value;
            return;
        }
    }
    options.emplace_back(name, value);
}

std::vector<std::string>
Split(const std::string& list)
{
    std::vector<std::string> items;
    std::istringstream in(list);
    std::string item;
    while (std::getline(in, item, ','))
    {
        items.push_back(item);
    }
    return items;
}

std::string
DefaultLvsSim()
{
    std::error_code error;
    auto self = std::filesystem::read_symlink("/proc/self/exe", error);
    return error ? "lvs-sim" : (self.parent_path() / "lvs-sim").string();
}

/// Reads `--name=value` or `--name value` pairs after `--`.
void
ReadScenarioOptions(int argc, char** argv, int first, Settings& s)
{
    for (int i = first; i < argc; ++i)
    {
        std::string token = argv[i];
        if (token.rfind("--", 0) != 0)
        {
            throw std::runtime_error("expected an lvs-sim option, not '" + token + "'");
        }
        token = token.substr(2);
        size_t equals = token.find('=');
        if (equals != std::string::npos)
        {
            SetOption(s.scenario, token.substr(0, equals), token.substr(equals + 1));
        }
        else if (i + 1 < argc && std::string(argv[i + 1]).rfind("--", 0) != 0)
        {
            SetOption(s.scenario, token, argv[++i]);
        }
        else
        {
            SetOption(s.scenario, token, "true");
        }
    }
}

Settings
ReadSettings(int argc, char** argv)
{
    Settings s;
    s.lvsSim = DefaultLvsSim();
    for (int i = 1; i < argc; ++i)
    {
        std::string arg = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc)
            {
                throw std::runtime_error(arg + " needs a value");
            }
            return argv[++i];
        };
        if (arg == "--")
        {
            ReadScenarioOptions(argc, argv, i + 1, s);
            break;
        }
        if (arg == "--runs")
        {
            s.runs = std::max(1, std::atoi(value().c_str()));
        }
        else if (arg == "--modes")
        {
            s.modes = Split(value());
        }
        else if (arg == "--lvs-sim")
        {
            s.lvsSim = value();
        }
        else if (arg == "--keep")
        {
            s.keep = value();
        }
        else
        {
            throw std::runtime_error("unknown option " + arg + " (see the comment at the top of " +
                                     "tests/perf/director-baseline-bench.cc)");
        }
    }
    for (const std::string& mode : s.modes)
    {
        if (mode != "none" && mode != "nat" && mode != "dr" && mode != "tun")
        {
            throw std::runtime_error("unknown mode " + mode + " (none, nat, dr or tun)");
        }
    }
    return s;
}

std::vector<std::string>
CommandOf(const Settings& s, const std::string& mode, const std::string& folder)
{
    Options options = s.scenario;
    if (mode == "none")
    {
        SetOption(options, "director", "none");
    }
    else
    {
        SetOption(options, "forwarding", mode);
    }
    if (mode == "dr" || mode == "tun")
    {
        // The real servers' ARP fixed, as on every working DR cluster.
        SetOption(options, "arp-ignore", "1");
        SetOption(options, "arp-announce", "2");
    }
    SetOption(options, "output", folder);
    std::vector<std::string> command = {s.lvsSim};
    for (const auto& [name, value] : options)
    {
        command.push_back("--" + name + "=" + value);
    }
    return command;
}

/// Runs lvs-sim (its output to FOLDER/lvs-sim.log) and reads the figures.
RunFigures
RunOnce(const Settings& s, const std::string& mode, const std::string& folder)
{
    std::filesystem::create_directories(folder);
    std::vector<std::string> command = CommandOf(s, mode, folder);
    std::fflush(stdout); // or the child would print it again
    pid_t pid = fork();
    if (pid == 0)
    {
        std::string log = folder + "/lvs-sim.log";
        if (!std::freopen(log.c_str(), "w", stdout) || !std::freopen(log.c_str(), "a", stderr))
        {
            _exit(127);
        }
        std::vector<char*> argv;
        for (auto& a : command)
        {
            argv.push_back(a.data());
        }
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        _exit(127);
    }
    int status = 0;
    struct rusage usage = {};
    wait4(pid, &status, 0, &usage);
    RunFigures f;
    f.peakMiB = usage.ru_maxrss / 1024.0;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    {
        std::cerr << "lvs-bench-director: " << mode << " failed, see " << folder
                  << "/lvs-sim.log\n";
        return f;
    }
    ns3::ResultFolder result(folder);
    f.ok = true;
    f.wallS = result.Number("/wall_time_s");
    f.completed = result.Number("/transactions/completed");
    f.offered = result.Number("/transactions/offered");
    f.events = result.Number("/simulator_events");
    return f;
}

double
Median(std::vector<double> values)
{
    if (values.empty())
    {
        return 0;
    }
    std::sort(values.begin(), values.end());
    size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/// The baseline first (when asked for), then the others rotated by round.
std::vector<std::string>
OrderOfRound(const std::vector<std::string>& modes, int round)
{
    std::vector<std::string> order;
    std::vector<std::string> others;
    for (const auto& m : modes)
    {
        (m == "none" ? order : others).push_back(m);
    }
    if (!others.empty())
    {
        std::rotate(others.begin(), others.begin() + round % others.size(), others.end());
    }
    order.insert(order.end(), others.begin(), others.end());
    return order;
}

void
PrintRow(const char* round, const std::string& mode, const RunFigures& f, double ratio)
{
    std::printf("%-6s %-5s %9.1f %12.0f %12.1f %10.1f",
                round,
                mode.c_str(),
                f.wallS,
                f.PerWallSecond(),
                f.EventsPerTransaction(),
                f.peakMiB);
    if (ratio > 0)
    {
        std::printf(" %9.3f", ratio);
    }
    if (f.completed < f.offered)
    {
        std::printf("   (%.0f of %.0f completed)", f.completed, f.offered);
    }
    std::printf("\n");
}

/// Every mode once per round, each Director run paired with the
/// round's baseline.
struct Results
{
    std::map<std::string, std::vector<RunFigures>> runs; ///< completed runs only
    std::map<std::string, std::vector<double>> ratios;
    bool allOk = true;
};

Results
RunRounds(const Settings& s, const std::string& root)
{
    Results results;
    for (int round = 0; round < s.runs; ++round)
    {
        std::map<std::string, RunFigures> thisRound;
        for (const std::string& mode : OrderOfRound(s.modes, round))
        {
            std::string folder = root + "/" + std::to_string(round + 1) + "-" + mode;
            RunFigures f = RunOnce(s, mode, folder);
            thisRound[mode] = f;
            double ratio = 0;
            const RunFigures& baseline = thisRound["none"];
            if (mode != "none" && f.ok && baseline.ok)
            {
                ratio = f.wallS / baseline.wallS;
                results.ratios[mode].push_back(ratio);
            }
            if (f.ok)
            {
                results.runs[mode].push_back(f);
            }
            results.allOk = results.allOk && f.ok;
            PrintRow(std::to_string(round + 1).c_str(), mode, f, ratio);
            std::fflush(stdout);
        }
    }
    return results;
}

void
PrintMedians(const Settings& s, Results& results)
{
    std::printf("\nmedians of the completed runs (the ratio: the median of each round's "
                "Director/baseline wall time)\n");
    for (const std::string& mode : s.modes)
    {
        std::vector<double> wall;
        std::vector<double> perWall;
        std::vector<double> events;
        std::vector<double> peak;
        for (const RunFigures& f : results.runs[mode])
        {
            wall.push_back(f.wallS);
            perWall.push_back(f.PerWallSecond());
            events.push_back(f.EventsPerTransaction());
            peak.push_back(f.peakMiB);
        }
        std::printf("%-6s %-5s %9.1f %12.0f %12.1f %10.1f",
                    "median",
                    mode.c_str(),
                    Median(wall),
                    Median(perWall),
                    Median(events),
                    Median(peak));
        if (!results.ratios[mode].empty())
        {
            std::printf(" %9.3f", Median(results.ratios[mode]));
        }
        std::printf("   (%zu runs)\n", results.runs[mode].size());
    }
}

void
PrintHeader(const Settings& s)
{
    std::string modes;
    for (const auto& m : s.modes)
    {
        modes += (modes.empty() ? "" : ",") + m;
    }
    std::printf("lvs-bench-director: %d rounds of %s; lvs-sim options:", s.runs, modes.c_str());
    for (const auto& [name, value] : s.scenario)
    {
        std::printf(" --%s=%s", name.c_str(), value.c_str());
    }
    std::printf("\n\n%-6s %-5s %9s %12s %12s %10s %9s\n",
                "round",
                "mode",
                "wall s",
                "trans/wall s",
                "events/trans",
                "peak MiB",
                "/baseline");
}

} // namespace

int
main(int argc, char** argv)
{
    Settings s;
    try
    {
        s = ReadSettings(argc, argv);
    }
    catch (const std::exception& e)
    {
        std::cerr << "lvs-bench-director: " << e.what() << "\n";
        return 2;
    }
    std::string root = s.keep;
    if (root.empty())
    {
        char name[] = "/tmp/lvs-bench-director-XXXXXX";
        root = mkdtemp(name) ? name : "/tmp/lvs-bench-director";
    }
    PrintHeader(s);
    Results results = RunRounds(s, root);
    PrintMedians(s, results);
    if (s.keep.empty())
    {
        std::error_code error;
        std::filesystem::remove_all(root, error);
    }
    return results.allOk ? 0 : 1;
}
