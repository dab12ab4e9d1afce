#include "model/ipvs/ipvsadm/ipvsadm-listing-rules.h"

#include <map>
#include <sstream>
#include <stdexcept>

namespace ipvs
{

namespace
{

/// The words of @p line up to a '#' (a comment, or a pasted root prompt
/// such as "# ipvsadm -Ln").
std::vector<std::string>
Words(std::string line)
{
    auto hash = line.find('#');
    if (hash != std::string::npos)
    {
        line.erase(hash);
    }
    std::istringstream in(line);
    std::vector<std::string> words;
    std::string word;
    while (in >> word)
    {
        words.push_back(word);
    }
    return words;
}

bool
IsHeading(const std::vector<std::string>& words)
{
    return (words.size() >= 2 && words[0] == "IP" && words[1] == "Virtual") ||
           (!words.empty() && words[0] == "Prot") ||
           (words.size() >= 2 && words[0] == "->" && words[1] == "RemoteAddress:Port");
}

/// "TCP" -> "-t", ...: the protocol column of a service line.
std::optional<std::string>
ServiceOption(const std::string& protocol)
{
    static const std::map<std::string, std::string> options = {{"TCP", "-t"},
                                                               {"UDP", "-u"},
                                                               {"SCTP", "--sctp-service"},
                                                               {"FWM", "-f"}};
    auto it = options.find(protocol);
    return it != options.end() ? std::optional<std::string>(it->second) : std::nullopt;
}

/// The service line's words after the scheduler: "(flag-1,flag-2)",
/// "persistent T", "mask M", "pe NAME", "ops".
std::vector<std::string>
ServiceFlags(const std::vector<std::string>& words, size_t from)
{
    std::vector<std::string> tokens;
    for (size_t i = from; i < words.size(); ++i)
    {
        const std::string& w = words[i];
        bool hasValue = i + 1 < words.size();
        if (w.size() > 2 && w.front() == '(' && w.back() == ')')
        {
            tokens.insert(tokens.end(), {"-b", w.substr(1, w.size() - 2)});
        }
        else if (w == "persistent" && hasValue)
        {
            tokens.insert(tokens.end(), {"-p", words[++i]});
        }
        else if (w == "mask" && hasValue)
        {
            tokens.insert(tokens.end(), {"-M", words[++i]});
        }
        else if (w == "pe" && hasValue)
        {
            tokens.insert(tokens.end(), {"--pe", words[++i]});
        }
        else if (w == "ops")
        {
            tokens.push_back("-o");
        }
        else
        {
            throw std::invalid_argument("'" + w + "' is not a flag of an ipvsadm -Ln service line");
        }
    }
    return tokens;
}

/// "Masq" -> "-m", ...: the Forward column.
std::string
ForwardOption(const std::string& forward)
{
    if (forward == "Masq")
    {
        return "-m";
    }
    if (forward == "Route")
    {
        return "-g";
    }
    if (forward == "Tunnel")
    {
        return "-i";
    }
    if (forward == "Local")
    {
        throw std::invalid_argument("a 'Local' destination is the Director itself; lvs-sim "
                                    "models real servers only");
    }
    throw std::invalid_argument("'" + forward +
                                "' is not a forwarding method (Masq, Route, Tunnel)");
}

} // namespace

bool
LooksLikeListing(const std::vector<std::string>& lines)
{
    for (const auto& line : lines)
    {
        auto words = Words(line);
        if (words.empty())
        {
            continue;
        }
        // The first line that says anything decides.
        return IsHeading(words) || words[0] == "->" || ServiceOption(words[0]).has_value();
    }
    return false;
}

std::optional<std::vector<std::string>>
ListingLineToCommand(const std::string& line, std::vector<std::string>* service)
{
    auto words = Words(line);
    if (words.empty() || IsHeading(words))
    {
        return std::nullopt;
    }
    if (words[0] == "->")
    {
        if (service->empty())
        {
            throw std::invalid_argument("a destination line before any service line");
        }
        if (words.size() < 4)
        {
            throw std::invalid_argument(
                "expected '-> RemoteAddress:Port Forward Weight ActiveConn InActConn'");
        }
        std::vector<std::string> tokens{"-a"};
        tokens.insert(tokens.end(), service->begin(), service->end());
        tokens.insert(tokens.end(), {"-r", words[1], ForwardOption(words[2]), "-w", words[3]});
        return tokens;
    }
    auto option = ServiceOption(words[0]);
    if (!option || words.size() < 3)
    {
        throw std::invalid_argument("expected 'PROT ADDRESS:PORT SCHEDULER [FLAGS]' or "
                                    "'-> RemoteAddress:Port Forward Weight ...'");
    }
    if (words[2] == "IPv6" || words[1].find('[') != std::string::npos)
    {
        throw std::invalid_argument("IPv6 services are not simulated by lvs-sim");
    }
    *service = {*option, words[1]};
    std::vector<std::string> tokens{"-A", *option, words[1], "-s", words[2]};
    auto flags = ServiceFlags(words, 3);
    tokens.insert(tokens.end(), flags.begin(), flags.end());
    return tokens;
}

std::string
ListingLimits()
{
    return "read as an ipvsadm -Ln listing: services, schedulers, flags, persistence and each "
           "real server's method and weight; a listing does not carry thresholds (-x, -y) or "
           "tunnel types, and its ActiveConn/InActConn counts are ignored (the simulation starts "
           "with an empty connection table)";
}

} // namespace ipvs
