#include "model/apps/distribution-spec.h"

#include "ns3/double.h"
#include "ns3/log.h"

#include <cmath>
#include <cstdlib>
#include <sstream>
#include <vector>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DistributionSpec");

namespace
{

bool
ParseNumber(const std::string& text, double* value)
{
    if (text.empty())
    {
        return false;
    }
    char* end = nullptr;
    *value = std::strtod(text.c_str(), &end);
    return end == text.c_str() + text.size() && std::isfinite(*value);
}

std::vector<std::string>
Split(const std::string& text, char separator)
{
    std::vector<std::string> parts;
    size_t start = 0;
    while (true)
    {
        size_t pos = text.find(separator, start);
        parts.push_back(text.substr(start, pos - start));
        if (pos == std::string::npos)
        {
            return parts;
        }
        start = pos + 1;
    }
}

} // namespace

double
DistributionSpec::Mean() const
{
    if (kind == "uniform")
    {
        return (a + b) / 2;
    }
    return a;
}

bool
ParseDistributionSpec(const std::string& text, DistributionSpec* spec, std::string* error)
{
    auto parts = Split(text, ':');
    const std::string& kind = parts[0];
    size_t expected = (kind == "const" || kind == "exp")           ? 2
                      : (kind == "lognormal" || kind == "uniform") ? 3
                                                                   : 0;
    if (expected == 0)
    {
        *error = "unknown distribution '" + kind + "' in '" + text +
                 "' (use const:V, exp:MEAN, lognormal:MEAN:SD or uniform:MIN:MAX)";
        return false;
    }
    if (parts.size() != expected)
    {
        *error = "'" + text + "': " + kind + " takes " + std::to_string(expected - 1) + " value(s)";
        return false;
    }
    DistributionSpec result;
    result.kind = kind;
    result.text = text;
    for (size_t i = 1; i < parts.size(); ++i)
    {
        double* target = i == 1 ? &result.a : &result.b;
        if (!ParseNumber(parts[i], target) || *target < 0)
        {
            *error = "'" + text + "': '" + parts[i] + "' is not a non-negative number";
            return false;
        }
    }
    if (kind == "exp" && result.a <= 0)
    {
        *error = "'" + text + "': the mean of exp must be positive";
        return false;
    }
    if (kind == "lognormal" && result.a <= 0)
    {
        *error = "'" + text + "': the mean of lognormal must be positive";
        return false;
    }
    if (kind == "uniform" && result.b < result.a)
    {
        *error = "'" + text + "': uniform needs MIN <= MAX";
        return false;
    }
    *spec = result;
    return true;
}

DistributionSpec
DistributionSpec::Constant(double value)
{
    std::ostringstream text;
    text << "const:" << value;
    DistributionSpec spec;
    spec.kind = "const";
    spec.a = value;
    spec.text = text.str();
    return spec;
}

Ptr<RandomVariableStream>
MakeRandomVariable(const DistributionSpec& spec, double scale)
{
    NS_LOG_FUNCTION(spec.text << scale);
    if (spec.kind == "exp")
    {
        auto rv = CreateObject<ExponentialRandomVariable>();
        rv->SetAttribute("Mean", DoubleValue(spec.a * scale));
        return rv;
    }
    if (spec.kind == "lognormal")
    {
        // From the mean m and standard deviation s of the variable itself:
        // sigma^2 = ln(1 + s^2/m^2), mu = ln(m) - sigma^2/2.
        double m = spec.a * scale;
        double s = spec.b * scale;
        double sigma2 = std::log(1 + (s * s) / (m * m));
        auto rv = CreateObject<LogNormalRandomVariable>();
        rv->SetAttribute("Mu", DoubleValue(std::log(m) - sigma2 / 2));
        rv->SetAttribute("Sigma", DoubleValue(std::sqrt(sigma2)));
        return rv;
    }
    if (spec.kind == "uniform")
    {
        auto rv = CreateObject<UniformRandomVariable>();
        rv->SetAttribute("Min", DoubleValue(spec.a * scale));
        rv->SetAttribute("Max", DoubleValue(spec.b * scale));
        return rv;
    }
    auto rv = CreateObject<ConstantRandomVariable>();
    rv->SetAttribute("Constant", DoubleValue(spec.a * scale));
    return rv;
}

} // namespace ns3
