#include "scenarios/sweep-index.h"

#include "scenarios/config-file.h"
#include "scenarios/result-folder.h"

#include <cmath>
#include <fstream>
#include <iomanip>
#include <sstream>

namespace ns3
{

namespace
{

/// A figure of a point's summary.json as it is written there ("" if the
/// point has none: it failed).
std::string
SummaryFigure(const ResultFolder& folder, const std::string& pointer)
{
    try
    {
        nlohmann::json::json_pointer at(pointer);
        const nlohmann::json& summary = folder.Summary();
        return summary.contains(at) ? summary.at(at).dump() : "";
    }
    catch (const ConfigError&)
    {
        return "";
    }
}

/// One figure of a run, from its summary.json (NaN if absent).
struct Figure
{
    const char* column;
    double (*read)(const ResultFolder&);
};

double
BusiestShare(const ResultFolder& run)
{
    double busiest = 0;
    for (const auto& server : run.Summary().at("servers"))
    {
        busiest = std::max(busiest, server.at("share").get<double>());
    }
    return busiest;
}

/// Seconds from the first real-server crash to the health checker's
/// verdict (NaN without one).
double
FirstDetection(const ResultFolder& run)
{
    for (const auto& fault : run.Summary().at("faults"))
    {
        if (fault.contains("found_down_after_s") && fault.at("found_down_after_s").is_number())
        {
            return fault.at("found_down_after_s").get<double>();
        }
    }
    return std::nan("");
}

const std::vector<Figure>&
PointFigures()
{
    static const std::vector<Figure> kFigures = {
        {"throughput_per_s",
         [](const ResultFolder& r) { return r.Number("/window/throughput_per_s"); }},
        {"latency_mean_ms",
         [](const ResultFolder& r) { return r.Number("/window/latency_ms/mean"); }},
        {"latency_p50_ms",
         [](const ResultFolder& r) { return r.Number("/window/latency_ms/p50"); }},
        {"latency_p95_ms",
         [](const ResultFolder& r) { return r.Number("/window/latency_ms/p95"); }},
        {"latency_p99_ms",
         [](const ResultFolder& r) { return r.Number("/window/latency_ms/p99"); }},
        {"failed", [](const ResultFolder& r) { return r.Number("/window/failed"); }},
        {"failed_fraction",
         [](const ResultFolder& r) {
             double started = r.Number("/window/started");
             return started > 0 ? r.Number("/window/failed") / started : 0.0;
         }},
        {"busiest_server_share", BusiestShare},
        {"director_utilisation",
         [](const ResultFolder& r) { return r.NumberOr("/director/cpu/window_utilisation", 0); }},
        {"found_down_after_s", FirstDetection},
    };
    return kFigures;
}

std::string
Cell(double value)
{
    std::ostringstream os;
    os << std::setprecision(6) << value;
    return os.str();
}

} // namespace

/// The lvs-sim arguments of one point.
std::vector<std::string>
SweepArguments(const SweepSpec& spec, const SweepPoint& point, const std::string& folder)
{
    std::vector<std::string> args{"lvs-sim"};
    if (!spec.scenario.empty())
    {
        args.insert(args.end(), {"--config", spec.scenario});
    }
    for (const auto& [option, value] : spec.fixed)
    {
        args.insert(args.end(), {"--" + option, value});
    }
    for (const auto& [option, value] : point.values)
    {
        args.insert(args.end(), {"--" + option, value});
    }
    for (const auto& [option, value] : spec.ConditionalFor(point.values))
    {
        args.insert(args.end(), {"--" + option, value});
    }
    args.insert(args.end(), {"--run", std::to_string(point.run), "--output", folder});
    // No progress lines in the runs' logs, unless the sweep file asks.
    bool progressSet = false;
    for (const auto& [option, value] : spec.fixed)
    {
        progressSet = progressSet || option == "progress";
    }
    for (const auto& [option, value] : point.values)
    {
        progressSet = progressSet || option == "progress";
    }
    for (const auto& [option, value] : spec.ConditionalFor(point.values))
    {
        progressSet = progressSet || option == "progress";
    }
    if (!progressSet)
    {
        args.insert(args.end(), {"--progress", "off"});
    }
    return args;
}

void
WriteSweepIndex(const SweepSpec& spec,
                const std::vector<SweepPoint>& points,
                const std::string& output)
{
    std::ofstream out(output + "/sweep.csv");
    for (const auto& axis : spec.axes)
    {
        out << axis.option << ",";
    }
    out << "run,offered,completed,refused,timed_out,reset,throughput_per_s,latency_mean_ms,latency_"
           "p50_ms,"
           "latency_p95_ms,latency_p99_ms,folder\n";
    for (const auto& point : points)
    {
        std::string folder = output + "/" + point.FolderName();
        ResultFolder result(folder);
        for (const auto& [option, value] : point.values)
        {
            out << value << ",";
        }
        out << point.run;
        for (const char* pointer : {"/transactions/offered",
                                    "/transactions/completed",
                                    "/transactions/refused",
                                    "/transactions/timed_out",
                                    "/transactions/reset",
                                    "/window/throughput_per_s",
                                    "/window/latency_ms/mean",
                                    "/window/latency_ms/p50",
                                    "/window/latency_ms/p95",
                                    "/window/latency_ms/p99"})
        {
            out << "," << SummaryFigure(result, pointer);
        }
        // Quoted: a folder name holds commas when several options vary.
        out << ",\"" << point.FolderName() << "\"\n";
    }
}

/// sweep-points.csv: per point, the mean and the 95% confidence interval
/// half-width of each figure over its complete runs (measurement window
/// figures: --warmup-s to --duration-s).
void
WritePointIndex(const SweepSpec& spec,
                const std::vector<SweepPoint>& points,
                const std::string& output)
{
    std::map<std::vector<std::pair<std::string, std::string>>, std::vector<std::string>> runsOf;
    std::vector<std::vector<std::pair<std::string, std::string>>> order;
    for (const auto& point : points)
    {
        if (!runsOf.count(point.values))
        {
            order.push_back(point.values);
        }
        runsOf[point.values].push_back(output + "/" + point.FolderName());
    }
    std::ofstream out(output + "/sweep-points.csv");
    for (const auto& axis : spec.axes)
    {
        out << axis.option << ",";
    }
    out << "runs";
    for (const auto& figure : PointFigures())
    {
        out << "," << figure.column << "_mean," << figure.column << "_ci95";
    }
    out << "\n";
    for (const auto& values : order)
    {
        auto figures = SummarizePoint(runsOf[values]);
        for (const auto& [option, value] : values)
        {
            out << value << ",";
        }
        out << figures["throughput_per_s"].n; // complete runs
        for (const auto& figure : PointFigures())
        {
            MeanInterval m = figures[figure.column];
            out << "," << (m.n ? Cell(m.mean) : "") << "," << (m.n > 1 ? Cell(m.halfWidth) : "");
        }
        out << "\n";
    }
}

std::map<std::string, MeanInterval>
SummarizePoint(const std::vector<std::string>& runFolders)
{
    std::map<std::string, std::vector<double>> samples;
    for (const auto& folder : runFolders)
    {
        ResultFolder run(folder);
        if (!run.IsComplete())
        {
            continue;
        }
        for (const auto& figure : PointFigures())
        {
            double value = figure.read(run);
            if (!std::isnan(value)) // a figure the run does not have
            {
                samples[figure.column].push_back(value);
            }
        }
    }
    std::map<std::string, MeanInterval> figures;
    for (const auto& [name, values] : samples)
    {
        figures[name] = MeanWithInterval(values);
    }
    return figures;
}

} // namespace ns3
