// Fuzzes the scheduler-trace replayer: any input is replayed or rejected
// with a TraceError naming its line.
#include "model/ipvs/trace/scheduler-trace.h"

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    try
    {
        ipvs::TraceReplayOptions options;
        options.explain = size % 2 == 0;
        ipvs::ReplaySchedulerTrace(in, options);
    }
    catch (const ipvs::TraceError& e)
    {
        if (e.GetLine() < 1)
        {
            __builtin_trap(); // every error names a line
        }
    }
    return 0;
}
