#include "scenarios/option-reader.h"

#include <cmath>
#include <cstdlib>
#include <sstream>

namespace ns3
{

std::vector<std::string>
SplitList(const std::string& text, bool keepEmpty)
{
    std::vector<std::string> items;
    std::stringstream ss(text);
    std::string item;
    while (std::getline(ss, item, ','))
    {
        item.erase(0, item.find_first_not_of(" \t"));
        item.erase(item.find_last_not_of(" \t") + 1);
        if (keepEmpty || !item.empty())
        {
            items.push_back(item);
        }
    }
    return items;
}

void
OptionReader::Fail(const std::string& name, const std::string& problem) const
{
    throw ConfigError(Origin(name) + ": " + problem);
}

std::string
OptionReader::Origin(const std::string& name) const
{
    auto it = m_origins.find(name);
    return it != m_origins.end() ? it->second : "default of --" + name;
}

const OptionDeclaration&
OptionReader::Declaration(const std::string& name) const
{
    const OptionDeclaration* d = FindOption(name);
    if (!d)
    {
        // A programming error: every option read must be declared.
        throw ConfigError("internal: option --" + name + " is not declared");
    }
    return *d;
}

std::string
OptionReader::Text(const std::string& name) const
{
    return m_vm[name].as<std::string>();
}

uint64_t
OptionReader::WholeIn(const std::string& name,
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
        Fail(name, text + " is out of range " + std::to_string(min) + ".." + std::to_string(max));
    }
    return value;
}

uint64_t
OptionReader::WholeOf(const std::string& name, const std::string& text) const
{
    const OptionDeclaration& d = Declaration(name);
    return WholeIn(name, text, uint64_t(d.min), uint64_t(d.max));
}

double
OptionReader::Real(const std::string& name) const
{
    const OptionDeclaration& d = Declaration(name);
    std::string text = Text(name);
    char* end = nullptr;
    double value = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(value))
    {
        Fail(name, "'" + text + "' is not a number");
    }
    if (value < d.min || value > d.max)
    {
        Fail(name, text + " is out of range " + FormatNumber(d.min) + ".." + FormatNumber(d.max));
    }
    return value;
}

bool
OptionReader::Boolean(const std::string& name) const
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

std::string
OptionReader::ChoiceOf(const std::string& name, const std::string& text) const
{
    const OptionDeclaration& d = Declaration(name);
    for (const auto& choice : d.choices)
    {
        if (text == choice)
        {
            return text;
        }
    }
    if (!d.choiceNoun.empty())
    {
        std::string known;
        for (const auto& choice : d.choices)
        {
            known += (known.empty() ? "" : ", ") + choice;
        }
        Fail(name, "unknown " + d.choiceNoun + " '" + text + "' (known: " + known + ")");
    }
    Fail(name, "'" + text + "' is not " + JoinChoices(d.choices));
}

ipvs::Addr
OptionReader::Address(const std::string& name) const
{
    auto addr = ipvs::ParseAddr(Text(name));
    if (!addr)
    {
        Fail(name, "'" + Text(name) + "' is not an IPv4 address (a.b.c.d)");
    }
    return *addr;
}

std::vector<ipvs::Addr>
OptionReader::Addresses(const std::string& name) const
{
    std::vector<ipvs::Addr> addresses;
    for (const auto& item : SplitList(Text(name), true))
    {
        auto addr = ipvs::ParseAddr(item);
        if (!addr)
        {
            Fail(name, "'" + item + "' is not an IPv4 address (a.b.c.d)");
        }
        if (std::find(addresses.begin(), addresses.end(), *addr) != addresses.end())
        {
            Fail(name, item + " is given twice");
        }
        addresses.push_back(*addr);
    }
    if (addresses.empty())
    {
        Fail(name, "needs at least one address");
    }
    return addresses;
}

std::pair<ipvs::Addr, int>
OptionReader::Network(const std::string& name) const
{
    std::string text = Text(name);
    auto slash = text.find('/');
    auto addr = ipvs::ParseAddr(text.substr(0, slash));
    if (slash == std::string::npos || !addr)
    {
        Fail(name, "'" + text + "' is not a network (a.b.c.d/len)");
    }
    int length = int(WholeIn(name, text.substr(slash + 1), 8, 30));
    return {*addr, length};
}

DistributionSpec
OptionReader::DistributionOf(const std::string& name, const std::string& text) const
{
    DistributionSpec spec;
    std::string error;
    if (!ParseDistributionSpec(text, &spec, &error))
    {
        Fail(name, error);
    }
    return spec;
}

std::vector<std::string>
OptionReader::PerServer(const std::string& name, size_t count, bool withRules) const
{
    const OptionDeclaration& d = Declaration(name);
    if (!IsSet(name))
    {
        // The default list repeats over the servers, so any --servers works
        // with the defaults of every per-server option.
        std::string pattern =
            withRules && !d.defaultWithRules.empty() ? d.defaultWithRules : Text(name);
        std::vector<std::string> defaults = SplitList(pattern, true);
        std::vector<std::string> items;
        for (size_t i = 0; i < count; ++i)
        {
            items.push_back(defaults[i % defaults.size()]);
        }
        return items;
    }
    std::vector<std::string> items = SplitList(Text(name), true);
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

} // namespace ns3
