// Writes a run's result folder: summary.json, transactions.csv,
// servers.csv, samples.csv, the Director's table as ipvsadm prints it, the
// address plan and the resolved configuration (config.ini, which reruns
// the same scenario).  Headed files only; nothing depends on stdout.
#ifndef LVS_RESULT_WRITER_H
#define LVS_RESULT_WRITER_H

#include "scenarios/scenario-config.h"
#include "scenarios/scenario-runner.h"

#include <ostream>
#include <string>

namespace ns3
{

/// Latency statistics of completed transactions, in ms (nearest-rank
/// percentiles).
struct LatencyFigures
{
    double mean = 0;
    double p50 = 0;
    double p95 = 0;
    double p99 = 0;
    double max = 0;
};

/// The figures of @p latencies (any order).
LatencyFigures SummarizeLatencies(std::vector<double> latencies);

/// Latency and outcome figures derived from the transactions.
struct ResultSummary
{
    uint64_t offered = 0;
    uint64_t ok = 0;
    uint64_t refused = 0;
    uint64_t timedOut = 0;
    uint64_t reset = 0;
    double measuredS = 0; ///< first request to last response
    double throughputPerS = 0;
    LatencyFigures latency;
    std::map<std::string, uint64_t> servedBy; ///< ok transactions per RIP
};

/// The figures of a measurement window [startS, endS): transactions that
/// started in it, their latencies, and those that completed in it per
/// second of window (throughput without the ramp-up and the drain).
struct WindowSummary
{
    double startS = 0;
    double endS = 0;
    uint64_t started = 0;
    uint64_t failed = 0; ///< started in the window, not ok
    double throughputPerS = 0;
    LatencyFigures latency;
};

ResultSummary Summarize(const ScenarioResult& result);

/// The window from --warmup-s to the end of arrivals (ArrivalsEndS).
WindowSummary SummarizeWindow(const ScenarioResult& result, double startS, double endS);

/// When the clients stopped starting transactions: duration-s, or earlier
/// if --transactions was reached first (when the first client node stopped).
/// The Director's window utilisation still runs to duration-s.
double ArrivalsEndS(const ScenarioConfig& config, const ScenarioResult& result);

/// Writes every file of the result folder (created if missing).  Throws
/// ConfigError if the folder cannot be written.
void WriteResultFolder(const ScenarioConfig& config, const ScenarioResult& result);

/// The short summary lvs-sim prints at the end of a run.
void PrintSummary(std::ostream& os, const ScenarioConfig& config, const ScenarioResult& result);

} // namespace ns3

#endif
