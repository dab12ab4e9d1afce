#include "model/ipvs/ipvsadm/ipvsadm-rules.h"

#include "model/ipvs/ipvsadm/ipvsadm-listing-rules.h"

#include <algorithm>
#include <sstream>

namespace ipvs
{

RulesError::RulesError(const std::string& file, int line, const std::string& message)
    : std::runtime_error(file + ":" + std::to_string(line) + ": " + message),
      m_line(line)
{
}

namespace
{

std::vector<std::string>
Tokens(std::string text)
{
    auto hash = text.find('#');
    if (hash != std::string::npos)
    {
        text.erase(hash);
    }
    for (char& c : text)
    {
        c = (c == '\t' || c == '\r') ? ' ' : c;
    }
    std::istringstream words(text);
    std::vector<std::string> tokens;
    std::string word;
    while (words >> word)
    {
        tokens.push_back(word);
    }
    return tokens;
}

RuleLine
ParseLine(std::vector<std::string> tokens, int number, const std::string& file)
{
    RuleLine rule;
    rule.line = number;
    if (tokens[0] == "at")
    {
        auto at = tokens.size() > 1 ? ParseSeconds(tokens[1]) : std::nullopt;
        if (!at)
        {
            throw RulesError(file, number, "expected 'at SECONDS' before the command");
        }
        rule.timed = true;
        rule.at = *at;
        tokens.erase(tokens.begin(), tokens.begin() + 2);
    }
    try
    {
        rule.command = ParseIpvsadmCommand(tokens);
    }
    catch (const IpvsadmError& e)
    {
        throw RulesError(file, number, e.what());
    }
    return rule;
}

/// The rules of an `ipvsadm -Ln` listing, each from its line.
std::vector<RuleLine>
ListingRules(const std::vector<std::string>& lines, const std::string& file)
{
    std::vector<RuleLine> rules;
    std::vector<std::string> service;
    for (size_t i = 0; i < lines.size(); ++i)
    {
        int number = int(i + 1);
        try
        {
            if (auto tokens = ListingLineToCommand(lines[i], &service))
            {
                rules.push_back(ParseLine(*tokens, number, file));
            }
        }
        catch (const std::invalid_argument& e)
        {
            throw RulesError(file, number, e.what());
        }
    }
    return rules;
}

} // namespace

std::vector<RuleLine>
ReadRules(std::istream& input, const std::string& file, bool* wasListing)
{
    std::vector<std::string> lines;
    std::string text;
    while (std::getline(input, text))
    {
        lines.push_back(text);
    }
    bool listing = LooksLikeListing(lines);
    if (wasListing)
    {
        *wasListing = listing;
    }
    std::vector<RuleLine> rules;
    if (listing)
    {
        rules = ListingRules(lines, file);
    }
    for (size_t i = 0; i < lines.size() && !listing; ++i)
    {
        auto tokens = Tokens(lines[i]);
        if (!tokens.empty())
        {
            rules.push_back(ParseLine(tokens, int(i + 1), file));
        }
    }
    // Check every rule as it will run: the start state, then the changes
    // in time order (rules at the same time in file order).
    std::vector<const RuleLine*> order;
    for (const auto& r : rules)
    {
        order.push_back(&r);
    }
    std::stable_sort(order.begin(), order.end(), [](const RuleLine* a, const RuleLine* b) {
        return (a->timed ? a->at + 1 : 0) < (b->timed ? b->at + 1 : 0);
    });
    IpvsEngine scratch;
    for (const RuleLine* r : order)
    {
        try
        {
            ApplyIpvsadmCommand(scratch, r->command, r->at);
        }
        catch (const IpvsadmError& e)
        {
            throw RulesError(file, r->line, e.what());
        }
    }
    return rules;
}

void
ApplyInitialRules(IpvsEngine& engine, const std::vector<RuleLine>& rules)
{
    for (const auto& r : rules)
    {
        if (!r.timed)
        {
            ApplyIpvsadmCommand(engine, r.command, 0);
        }
    }
}

} // namespace ipvs
