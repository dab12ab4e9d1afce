// Fuzzes the keepalived.conf reader: any input is either read (and its
// start rules and later servers applied as lvs-sim checks them) or
// refused with a ConfError or an IpvsadmError; nothing else may happen.
#include "model/ipvs/ipvsadm-listing.h"
#include "model/ipvs/ipvsadm/ipvsadm-command.h"
#include "model/keepalived/keepalived-conf.h"

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    std::string text(reinterpret_cast<const char*>(data), size);
    keepalived::LooksLikeKeepalivedConf(text);
    std::istringstream in(text);
    try
    {
        keepalived::KeepalivedConf conf = keepalived::ReadKeepalivedConf(in, "fuzz");
        ipvs::IpvsEngine engine;
        for (const auto& rules : {keepalived::StartRules(conf), keepalived::LaterServers(conf)})
        {
            for (const auto& rule : rules)
            {
                ipvs::ApplyIpvsadmCommand(engine, rule.command, 0);
            }
        }
        ipvs::FormatRules(engine);
    }
    catch (const keepalived::ConfError&)
    {
    }
    catch (const ipvs::IpvsadmError&)
    {
    }
    return 0;
}
