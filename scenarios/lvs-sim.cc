// lvs-sim: the one runner.  Scenarios are configuration files and
// command-line options, never new mains.
#include "scenarios/result-writer.h"
#include "scenarios/scenario-config.h"
#include "scenarios/scenario-runner.h"
#include "scenarios/transaction-log.h"

#include <iostream>

int
main(int argc, char** argv)
{
    using namespace ns3;
    try
    {
        ScenarioConfig config;
        CommandLineAction action = ParseScenarioConfig(argc, argv, &config, std::cout);
        if (action == CommandLineAction::Help)
        {
            return 0;
        }
        if (action == CommandLineAction::ShowAddresses)
        {
            std::cout << DescribeAddressPlan(config);
            return 0;
        }
        TransactionLog log(config.outputDir);
        SampleLog samples(config.outputDir);
        ScenarioResult result = RunScenario(
            config,
            [&log](const TransactionRecord& t) { log.Write(t); },
            [&samples](const ServerSample& s) { samples.Write(s); });
        log.Finish();
        samples.Finish();
        WriteResultFolder(config, result);
        PrintSummary(std::cout, config, result);
        std::cout << result.walk;
        return 0;
    }
    catch (const ConfigError& e)
    {
        std::cerr << "lvs-sim: " << e.what() << "\n";
        return 2;
    }
    catch (const std::exception& e)
    {
        std::cerr << "lvs-sim: error: " << e.what() << "\n";
        return 1;
    }
}
