#include "scenarios/sweep-spec.h"

#include "scenarios/config-file.h"
#include "scenarios/option-table.h"

#include <sstream>

namespace ns3
{

namespace
{

std::string
Trim(const std::string& s)
{
    size_t first = s.find_first_not_of(" \t\r");
    if (first == std::string::npos)
    {
        return "";
    }
    return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

std::vector<std::string>
SplitValues(const std::string& text)
{
    std::vector<std::string> values;
    std::stringstream ss(text);
    std::string value;
    while (std::getline(ss, value, ','))
    {
        value = Trim(value);
        if (!value.empty())
        {
            values.push_back(value);
        }
    }
    return values;
}

bool
IsOptionName(const std::string& name)
{
    return !name.empty() &&
           name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string::npos;
}

bool
IsCount(const std::string& text)
{
    return !text.empty() && text.size() <= 4 &&
           text.find_first_not_of("0123456789") == std::string::npos && std::stoul(text) > 0;
}

/// `N`, or `MIN..MAX until ci < P%`.
void
ParseRuns(const std::string& text, const std::string& where, SweepSpec* spec)
{
    if (IsCount(text))
    {
        spec->runs = unsigned(std::stoul(text));
        return;
    }
    std::istringstream words(text);
    std::string range;
    std::string until;
    std::string ci;
    std::string less;
    std::string percent;
    words >> range >> until >> ci >> less >> percent;
    size_t dots = range.find("..");
    std::string rest;
    bool ok = dots != std::string::npos && until == "until" && ci == "ci" && less == "<" &&
              !(words >> rest) && percent.size() > 1 && percent.back() == '%' &&
              IsCount(range.substr(0, dots)) && IsCount(range.substr(dots + 2));
    char* end = nullptr;
    double p = ok ? std::strtod(percent.c_str(), &end) : 0;
    ok = ok && end == percent.c_str() + percent.size() - 1 && p > 0 && p < 100;
    if (!ok)
    {
        throw ConfigError(where +
                          "runs must be a whole number from 1 to 9999, or MIN..MAX until ci < P% "
                          "(e.g. runs = 3..20 until ci < 5%)");
    }
    spec->runs = unsigned(std::stoul(range.substr(0, dots)));
    spec->maxRuns = unsigned(std::stoul(range.substr(dots + 2)));
    spec->ciRelative = p / 100;
    if (spec->runs < 2 || spec->maxRuns < spec->runs)
    {
        throw ConfigError(where +
                          "runs MIN..MAX needs 2 <= MIN <= MAX (an interval needs two runs)");
    }
}

/// The `VALUE when AXIS = AXIS_VALUE` of a `set OPTION = ...` line.
ConditionalSet
ParseCondition(const std::string& option,
               const std::string& right,
               size_t when,
               const std::string& where)
{
    ConditionalSet c;
    c.option = option;
    c.value = Trim(right.substr(0, when));
    c.where = where;
    std::string condition = right.substr(when + 6);
    auto eq = condition.find('=');
    if (eq != std::string::npos)
    {
        c.whenOption = Trim(condition.substr(0, eq));
        c.whenValue = Trim(condition.substr(eq + 1));
    }
    if (c.value.empty() || !IsOptionName(c.whenOption) || c.whenValue.empty())
    {
        throw ConfigError(where + "expected 'set " + option +
                          " = VALUE when VARIED-OPTION = ONE-OF-ITS-VALUES'");
    }
    return c;
}

/// A condition names a varied option and one of its values, and its option
/// is set nowhere else (lvs-sim would refuse it twice).
void
CheckConditions(const SweepSpec& spec)
{
    for (const ConditionalSet& c : spec.conditional)
    {
        const SweepAxis* axis = nullptr;
        for (const auto& candidate : spec.axes)
        {
            axis = candidate.option == c.whenOption ? &candidate : axis;
            if (candidate.option == c.option)
            {
                throw ConfigError(c.where + "'" + c.option + "' is varied and set");
            }
        }
        if (!axis)
        {
            throw ConfigError(c.where + "'when " + c.whenOption +
                              "': only a varied option can choose what is set");
        }
        bool known = false;
        for (const auto& value : axis->values)
        {
            known = known || value == c.whenValue;
        }
        if (!known)
        {
            throw ConfigError(c.where + "'" + c.whenOption + "' is never " + c.whenValue);
        }
        for (const auto& [option, value] : spec.fixed)
        {
            if (option == c.option)
            {
                throw ConfigError(c.where + "'" + c.option + "' is set both always and when " +
                                  c.whenOption + " = " + c.whenValue);
            }
        }
        // Two conditions may set one option only if no point meets both:
        // the same varied option, different values.
        for (const ConditionalSet& other : spec.conditional)
        {
            bool exclusive = other.whenOption == c.whenOption && other.whenValue != c.whenValue;
            if (&other != &c && other.option == c.option && !exclusive)
            {
                throw ConfigError(c.where + "'" + c.option + "' may be set twice for a point (" +
                                  other.where + "sets it too)");
            }
        }
    }
}

} // namespace

std::string
SweepPoint::FolderName() const
{
    std::string name;
    for (const auto& [option, value] : values)
    {
        name += (name.empty() ? "" : ",") + option + "=" + value;
    }
    return (name.empty() ? std::string("base") : name) + "/run-" + std::to_string(run);
}

SweepSpec
ParseSweepSpec(std::istream& in, const std::string& file)
{
    SweepSpec spec;
    std::string text;
    int number = 0;
    while (std::getline(in, text))
    {
        ++number;
        std::string line = Trim(text.substr(0, text.find('#')));
        if (line.empty())
        {
            continue;
        }
        std::string where = file + ":" + std::to_string(number) + ": ";
        auto eq = line.find('=');
        if (eq == std::string::npos)
        {
            throw ConfigError(where +
                              "expected 'scenario = FILE', 'runs = N', 'set OPTION = VALUE' or "
                              "'vary OPTION = V1, V2, ...'");
        }
        std::string left = Trim(line.substr(0, eq));
        std::string right = Trim(line.substr(eq + 1));
        std::string keyword = left.substr(0, left.find(' '));
        std::string option = Trim(left.substr(keyword.size()));
        if (left == "scenario")
        {
            spec.scenario = right;
            auto slash = file.rfind('/');
            if (!right.empty() && right[0] != '/' && slash != std::string::npos)
            {
                spec.scenario = file.substr(0, slash + 1) + right;
            }
        }
        else if (left == "runs")
        {
            ParseRuns(right, where, &spec);
        }
        else if ((keyword == "set" || keyword == "vary") && IsOptionName(option))
        {
            const OptionDeclaration* declared = FindOption(option);
            if (option == "config" || (declared && declared->Has(kSetBySweep)))
            {
                throw ConfigError(where + "'" + option + "' is set by lvs-sweep itself");
            }
            if (!declared)
            {
                throw ConfigError(where + "unknown option '" + option + "' (see lvs-sim --help)");
            }
            if (keyword == "set")
            {
                // " when " searched from a space before the value, so that
                // "set X = when A = B" (no value) is a condition too.
                auto when = (" " + right).find(" when ");
                if (when == std::string::npos)
                {
                    spec.fixed.emplace_back(option, right);
                    continue;
                }
                spec.conditional.push_back(ParseCondition(option, " " + right, when, where));
                continue;
            }
            auto values = SplitValues(right);
            if (values.empty())
            {
                throw ConfigError(where + "vary " + option + " needs at least one value");
            }
            for (const auto& axis : spec.axes)
            {
                if (axis.option == option)
                {
                    throw ConfigError(where + "'" + option + "' is varied twice");
                }
            }
            spec.axes.push_back(SweepAxis{option, values});
        }
        else
        {
            throw ConfigError(where + "unknown line '" + left + " = ...'");
        }
    }
    CheckConditions(spec);
    return spec;
}

std::vector<std::pair<std::string, std::string>>
SweepSpec::ConditionalFor(const std::vector<std::pair<std::string, std::string>>& values) const
{
    std::vector<std::pair<std::string, std::string>> applying;
    for (const ConditionalSet& c : conditional)
    {
        for (const auto& [option, value] : values)
        {
            if (option == c.whenOption && value == c.whenValue)
            {
                applying.emplace_back(c.option, c.value);
            }
        }
    }
    return applying;
}

std::vector<SweepPoint>
ExpandSweep(const SweepSpec& spec)
{
    std::vector<std::vector<std::pair<std::string, std::string>>> combinations{{}};
    for (const auto& axis : spec.axes)
    {
        std::vector<std::vector<std::pair<std::string, std::string>>> next;
        for (const auto& combination : combinations)
        {
            for (const auto& value : axis.values)
            {
                auto extended = combination;
                extended.emplace_back(axis.option, value);
                next.push_back(extended);
            }
        }
        combinations = next;
    }
    std::vector<SweepPoint> points;
    for (const auto& combination : combinations)
    {
        for (unsigned run = 1; run <= spec.runs; ++run)
        {
            points.push_back(SweepPoint{combination, run});
        }
    }
    return points;
}

} // namespace ns3
