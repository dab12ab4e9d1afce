// Fuzzes lvs-sim's INI configuration reader: any input is read into
// key = value entries or rejected with a ConfigError.
#include "scenarios/config-file.h"

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
        for (const auto& entry : ns3::ParseConfigText(in, "fuzz.ini"))
        {
            if (entry.key.empty() || entry.line < 1)
            {
                __builtin_trap();
            }
        }
    }
    catch (const ns3::ConfigError&)
    {
    }
    return 0;
}
