#include "analysis/validation/sweep-runs.h"

#include "model/apps/distribution-spec.h"
#include "scenarios/config-file.h"
#include "scenarios/result-folder.h"

#include <cmath>
#include <sstream>

namespace lvs
{
namespace validation
{

using ns3::ConfigError;

double
RunFigures::Option(const std::string& name) const
{
    auto it = config.find(name);
    if (it == config.end())
    {
        throw ConfigError(folder + ": summary.json has no option " + name);
    }
    try
    {
        size_t used = 0;
        double value = std::stod(it->second, &used);
        if (used == it->second.size())
        {
            return value;
        }
    }
    catch (const std::exception&)
    {
    }
    throw ConfigError(folder + ": option " + name + " is not a number: " + it->second);
}

std::vector<std::string>
RunFigures::PerServer(const std::string& name, size_t servers) const
{
    auto it = config.find(name);
    if (it == config.end())
    {
        throw ConfigError(folder + ": summary.json has no option " + name);
    }
    std::vector<std::string> values;
    std::stringstream list(it->second);
    for (std::string value; std::getline(list, value, ',');)
    {
        values.push_back(value);
    }
    std::vector<std::string> repeated;
    for (size_t i = 0; i < servers && !values.empty(); ++i)
    {
        repeated.push_back(values[i % values.size()]);
    }
    return repeated;
}

std::string
SweepPoint::Label() const
{
    std::string label;
    for (const auto& [option, value] : varied)
    {
        label += (label.empty() ? "" : ", ") + option + "=" + value;
    }
    return label;
}

namespace
{

RunFigures
ReadRun(const std::string& folder)
{
    ns3::ResultFolder result(folder);
    RunFigures run;
    run.folder = folder;
    for (const auto& [option, value] : result.Summary().at("config").items())
    {
        run.config[option] = value.get<std::string>();
    }
    run.windowLatencyMeanMs = result.Number("/window/latency_ms/mean");
    run.windowThroughputPerS = result.Number("/window/throughput_per_s");
    run.windowFailed = result.Number("/window/failed");
    run.windowStarted = result.Number("/window/started");
    for (const auto& server : result.Summary().at("servers"))
    {
        run.serverShare.push_back(server.at("share").get<double>());
        run.serverServiceMs.push_back(
            server.contains("service_ms_mean") ? server.at("service_ms_mean").get<double>() : NAN);
    }
    run.directorUtilisation = result.NumberOr("/director/cpu/window_utilisation", 0);
    run.directorPackets =
        result.Number("/director/in_packets") + result.Number("/director/out_packets");
    run.completed = result.Number("/transactions/completed");
    return run;
}

} // namespace

std::vector<SweepPoint>
ReadSweep(const std::string& sweepDir, size_t* incomplete)
{
    size_t unfinished = 0;
    ns3::CsvTable table = ns3::CsvTable::Read(sweepDir + "/sweep.csv");
    size_t runColumn = table.Column("run");
    std::vector<SweepPoint> points;
    std::map<std::string, size_t> pointOfKey;
    for (size_t row = 0; row < table.Rows(); ++row)
    {
        std::map<std::string, std::string> varied;
        std::string key;
        for (size_t c = 0; c < runColumn; ++c)
        {
            const std::string& option = table.Header()[c];
            varied[option] = table.Cell(row, option);
            key += option + "=" + varied[option] + ";";
        }
        ns3::ResultFolder folder(sweepDir + "/" + table.Cell(row, "folder"));
        if (!folder.IsComplete())
        {
            ++unfinished;
            continue;
        }
        auto [it, added] = pointOfKey.emplace(key, points.size());
        if (added)
        {
            points.push_back(SweepPoint{varied, {}});
        }
        points[it->second].runs.push_back(ReadRun(folder.Path()));
    }
    if (points.empty())
    {
        throw ConfigError(sweepDir + ": no complete run in sweep.csv");
    }
    if (incomplete)
    {
        *incomplete = unfinished;
    }
    return points;
}

std::vector<double>
ServiceMeansS(const RunFigures& run)
{
    size_t servers = size_t(run.Option("servers"));
    std::vector<double> means;
    for (const std::string& text : run.PerServer("server-service-time-ms", servers))
    {
        ns3::DistributionSpec spec;
        std::string error;
        if (!ns3::ParseDistributionSpec(text, &spec, &error))
        {
            throw ConfigError(run.folder + ": server-service-time-ms: " + error);
        }
        means.push_back(spec.Mean() / 1000.0);
    }
    return means;
}

} // namespace validation
} // namespace lvs
