// lvs-sched: replays a scheduler trace (docs/scheduler-trace.md) through the
// same IPVS core the Director uses and prints one line per connect:
// "ID RIP:PORT", or "ID -" when no real server was available.
//
//   lvs-sched [--explain] [--table] [TRACE]     (no TRACE, or '-': stdin)
#include "model/ipvs/trace/scheduler-trace.h"

#include <boost/program_options.hpp>
#include <fstream>
#include <iostream>

namespace po = boost::program_options;

int
main(int argc, char** argv)
{
    po::options_description options("lvs-sched options");
    options.add_options()("help,h", "print this help and exit")(
        "explain",
        "after each decision, a line saying why (overheads compared, wrr step, hash bucket...)")(
        "table",
        "after the last event, the service as ipvsadm -Ln shows it")(
        "trace",
        po::value<std::string>()->default_value("-"),
        "trace file, or - for standard input");
    po::positional_options_description positional;
    positional.add("trace", 1);
    po::variables_map vm;
    try
    {
        po::store(po::command_line_parser(argc, argv).options(options).positional(positional).run(),
                  vm);
    }
    catch (const po::error& e)
    {
        std::cerr << "lvs-sched: " << e.what() << "\n";
        return 2;
    }
    if (vm.count("help"))
    {
        std::cout << "lvs-sched: replay an IPVS scheduler trace\n"
                  << "usage: lvs-sched [--explain] [--table] [TRACE]\n\n"
                  << options << "\n";
        return 0;
    }
    std::string path = vm["trace"].as<std::string>();
    std::ifstream file;
    if (path != "-")
    {
        file.open(path);
        if (!file)
        {
            std::cerr << "lvs-sched: " << path << ": cannot read the trace\n";
            return 2;
        }
    }
    std::istream& input = path == "-" ? std::cin : file;
    try
    {
        ipvs::TraceReplayOptions replay;
        replay.explain = vm.count("explain") > 0;
        ipvs::TraceReplayResult result = ipvs::ReplaySchedulerTrace(input, replay);
        for (const auto& line : result.lines)
        {
            std::cout << line << "\n";
        }
        if (vm.count("table"))
        {
            std::cout << result.finalTable;
        }
        return 0;
    }
    catch (const ipvs::TraceError& e)
    {
        std::cerr << e.what() << "\n";
        return 1;
    }
}
