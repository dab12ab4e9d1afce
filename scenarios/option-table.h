// lvs-sim's options, each declared once: name, type, unit, range or
// allowed values, default and role.  Everything else is derived from this
// one table: --help, the configuration file's keys, the error messages of
// bad values, which options --rules replaces, which ones a sweep may set,
// the configuration echo (config.ini, summary.json) and the option tables
// of docs/lvs-sim.md (lvs-sim --options-markdown; a test keeps them equal).
#ifndef LVS_OPTION_TABLE_H
#define LVS_OPTION_TABLE_H

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

enum class OptionType
{
    Text,         ///< free text in a documented format
    Whole,        ///< a whole number in [min, max]
    Real,         ///< a number in [min, max]
    Boolean,      ///< true/false (yes/no, on/off, 1/0); a bare --name means true
    Choice,       ///< one of the declared choices
    Address,      ///< an IPv4 address a.b.c.d
    Network,      ///< a.b.c.d/len, len 8..30
    Distribution, ///< const:X, exp:MEAN, lognormal:MEAN:SD, uniform:MIN:MAX
};

/// What an option is for, beyond its value.
enum OptionRole : uint32_t
{
    kRoleNone = 0,
    /// Shapes the results: echoed in config.ini and summary.json.
    kShapesResults = 1u << 0,
    /// The --rules file replaces it: giving both is an error.
    kSetByRules = 1u << 1,
    /// One value for every real server, or one per server; a default list
    /// repeats over the servers (4,2,1,1 for 8 servers: 4,2,1,1,4,2,1,1).
    kPerServer = 1u << 2,
    /// lvs-sweep sets it for every point itself.
    kSetBySweep = 1u << 3,
};

struct OptionDeclaration
{
    std::string group;
    std::string name;
    OptionType type = OptionType::Text;
    std::string unit; ///< "s", "ms", "Mbit/s", "" for none
    std::string defaultValue;
    double min = 0; ///< Whole and Real
    double max = 0;
    std::vector<std::string> choices; ///< Choice
    /// Choice: what a choice is ("scheduler"), for "unknown scheduler 'x'
    /// (known: ...)"; "" for "'x' is not a, b or c".
    std::string choiceNoun;
    std::string help;
    uint32_t roles = kShapesResults;
    /// With --rules, a different default ("" for the same).
    std::string defaultWithRules;

    bool Has(OptionRole role) const
    {
        return (roles & role) != 0;
    }

    /// "whole number 1..16384", "one of open, closed", "IPv4 address", ...
    std::string Domain() const;
};

/// Every option, in help order (grouped).
const std::vector<OptionDeclaration>& OptionTable();

/// The declaration of @p name, or nullptr.
const OptionDeclaration* FindOption(const std::string& name);

/// The options of a role, in table order.
std::vector<std::string> OptionsWith(OptionRole role);

/// "a, b or c" for messages.
std::string JoinChoices(const std::vector<std::string>& choices);

/// A number as options print it: no trailing zeros ("0.001", "1e+06").
std::string FormatNumber(double value);

/// The option tables of docs/lvs-sim.md, one Markdown table per group.
void WriteOptionsMarkdown(std::ostream& os);

} // namespace ns3

#endif
