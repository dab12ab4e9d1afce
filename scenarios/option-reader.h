// Reading lvs-sim's options with their origin: every typed read of an
// option's text names, when it fails, where the value came from (the
// command line, or the configuration file and line).
#ifndef LVS_OPTION_READER_H
#define LVS_OPTION_READER_H

#include "model/apps/distribution-spec.h"
#include "model/ipvs/ipvs-types.h"
#include "scenarios/config-file.h"

#include <boost/program_options.hpp>
#include <cmath>
#include <cstdlib>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace ns3
{

/// Reads typed values and says where a bad one came from.
class OptionReader
{
  public:
    OptionReader(const boost::program_options::variables_map& vm,
                 std::map<std::string, std::string> origins)
        : m_vm(vm),
          m_origins(std::move(origins))
    {
    }

    [[noreturn]] void Fail(const std::string& name, const std::string& problem) const
    {
        throw ConfigError(Origin(name) + ": " + problem);
    }

    std::string Origin(const std::string& name) const
    {
        auto it = m_origins.find(name);
        return it != m_origins.end() ? it->second : "default of --" + name;
    }

    /// Given on the command line or in the file (not a default).
    bool IsSet(const std::string& name) const
    {
        return m_origins.count(name) > 0;
    }

    std::string Text(const std::string& name) const
    {
        return m_vm[name].as<std::string>();
    }

    uint64_t Unsigned(const std::string& name, uint64_t min, uint64_t max) const
    {
        return ParseUnsigned(name, Text(name), min, max);
    }

    uint64_t ParseUnsigned(const std::string& name,
                           const std::string& text,
                           uint64_t min,
                           uint64_t max) const
    {
        if (!text.empty() && text[0] == '-' &&
            text.find_first_not_of("0123456789", 1) == std::string::npos)
        {
            Fail(name, "'" + text + "' is negative");
        }
        if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos ||
            text.size() > 18)
        {
            Fail(name, "'" + text + "' is not a whole number");
        }
        uint64_t value = std::stoull(text);
        if (value < min || value > max)
        {
            Fail(name,
                 text + " is out of range " + std::to_string(min) + ".." + std::to_string(max));
        }
        return value;
    }

    double Real(const std::string& name, double min, double max) const
    {
        std::string text = Text(name);
        char* end = nullptr;
        double value = std::strtod(text.c_str(), &end);
        if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(value))
        {
            Fail(name, "'" + text + "' is not a number");
        }
        if (value < min || value > max)
        {
            std::ostringstream os;
            os << text << " is out of range " << min << ".." << max;
            Fail(name, os.str());
        }
        return value;
    }

    bool Boolean(const std::string& name) const
    {
        std::string text = Text(name);
        if (text == "true" || text == "yes" || text == "on" || text == "1")
        {
            return true;
        }
        if (text == "false" || text == "no" || text == "off" || text == "0")
        {
            return false;
        }
        Fail(name, "'" + text + "' is not true or false");
    }

    ipvs::Addr Address(const std::string& name) const
    {
        auto addr = ipvs::ParseAddr(Text(name));
        if (!addr)
        {
            Fail(name, "'" + Text(name) + "' is not an IPv4 address (a.b.c.d)");
        }
        return *addr;
    }

    /// a.b.c.d/len
    std::pair<ipvs::Addr, int> Prefix(const std::string& name) const
    {
        std::string text = Text(name);
        auto slash = text.find('/');
        auto addr = ipvs::ParseAddr(text.substr(0, slash));
        if (slash == std::string::npos || !addr)
        {
            Fail(name, "'" + text + "' is not a network (a.b.c.d/len)");
        }
        int length = int(ParseUnsigned(name, text.substr(slash + 1), 8, 30));
        return {*addr, length};
    }

    DistributionSpec Distribution(const std::string& name, const std::string& text) const
    {
        DistributionSpec spec;
        std::string error;
        if (!ParseDistributionSpec(text, &spec, &error))
        {
            Fail(name, error);
        }
        return spec;
    }

    /// A comma-separated list of one value (for all) or @p count values.
    std::vector<std::string> List(const std::string& name, size_t count) const
    {
        std::vector<std::string> items;
        std::stringstream ss(Text(name));
        std::string item;
        while (std::getline(ss, item, ','))
        {
            item.erase(0, item.find_first_not_of(" \t"));
            item.erase(item.find_last_not_of(" \t") + 1);
            items.push_back(item);
        }
        if (items.size() == 1)
        {
            items.resize(count, items[0]);
        }
        if (items.size() != count)
        {
            Fail(name,
                 "has " + std::to_string(items.size()) + " values for " + std::to_string(count) +
                     " servers (give one value, or one per server)");
        }
        return items;
    }

  private:
    const boost::program_options::variables_map& m_vm;
    std::map<std::string, std::string> m_origins;
};

} // namespace ns3

#endif
