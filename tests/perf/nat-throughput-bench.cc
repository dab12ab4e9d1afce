// Benchmark: how fast lvs-sim simulates a fixed LVS-NAT scenario.
// Prints figures (docs/performance.md); it is not a timed test.
//
//   build/lvs-bench-nat [extra lvs-sim options, e.g. --transactions 20000]
//
// Scenario: 16 real servers (wlc, weights 1), 1,000 client addresses on 4
// client nodes, 100,000 one-request connections at 2,000 per second.
#include "scenarios/result-writer.h"
#include "scenarios/scenario-config.h"
#include "scenarios/scenario-runner.h"

#include <cstdio>
#include <iostream>
#include <string>
#include <sys/resource.h>
#include <vector>

int
main(int argc, char** argv)
{
    using namespace ns3;
    std::vector<std::string> args = {"lvs-bench-nat",
                                     "--servers=16",
                                     "--server-weights=1",
                                     "--server-workers=16",
                                     "--server-service-time-ms=exp:10",
                                     "--client-nodes=4",
                                     "--client-addresses=1000",
                                     "--arrival-rate-per-s=2000",
                                     "--transactions=100000",
                                     "--duration-s=60",
                                     "--progress=on",
                                     "--output=lvs-bench-nat-results"};
    // Options given on the command line replace the benchmark's own.
    for (int i = 1; i < argc; ++i)
    {
        std::string given = argv[i];
        std::string name = given.substr(0, given.find('='));
        for (auto it = args.begin() + 1; it != args.end(); ++it)
        {
            if (it->substr(0, it->find('=')) == name)
            {
                args.erase(it);
                break;
            }
        }
        args.push_back(given);
    }
    std::vector<const char*> argvCopy;
    for (const auto& a : args)
    {
        argvCopy.push_back(a.c_str());
    }
    try
    {
        ScenarioConfig config;
        if (ParseScenarioConfig(int(argvCopy.size()), argvCopy.data(), &config, std::cout) !=
            CommandLineAction::Run)
        {
            return 0;
        }
        ScenarioResult result = RunScenario(config);
        const ResultSummary& summary = result.summary;
        struct rusage usage;
        getrusage(RUSAGE_SELF, &usage);
        std::printf("transactions completed      %llu of %llu\n",
                    (unsigned long long)summary.ok,
                    (unsigned long long)summary.offered);
        std::printf("simulated time              %.1f s\n", result.simulatedS);
        std::printf("wall time                   %.1f s\n", result.wallS);
        std::printf("transactions per wall second %.0f\n", summary.ok / result.wallS);
        std::printf("peak memory (max RSS)       %.0f MiB\n", usage.ru_maxrss / 1024.0);
        return 0;
    }
    catch (const ConfigError& e)
    {
        std::cerr << "lvs-bench-nat: " << e.what() << "\n";
        return 2;
    }
}
