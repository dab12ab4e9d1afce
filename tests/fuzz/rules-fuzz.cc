// Fuzzes the ipvsadm rules reader: any input is either read (and then
// applied, saved with -Sn, read back and applied again) or rejected with a
// RulesError; nothing else may happen.
#include "model/ipvs/ipvsadm-listing.h"
#include "model/ipvs/ipvsadm/ipvsadm-rules.h"

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
        auto rules = ipvs::ReadRules(in, "fuzz");
        ipvs::IpvsEngine engine;
        ipvs::ApplyInitialRules(engine, rules);
        std::istringstream saved(ipvs::FormatRules(engine));
        ipvs::IpvsEngine again;
        ipvs::ApplyInitialRules(again, ipvs::ReadRules(saved, "saved"));
        if (ipvs::FormatRules(again) != ipvs::FormatRules(engine))
        {
            __builtin_trap(); // -Sn must read back into the same Director
        }
        ipvs::FormatServiceList(engine);
        ipvs::FormatServiceStats(engine);
    }
    catch (const ipvs::RulesError&)
    {
    }
    return 0;
}
