// The figures of a run's transactions, computed as they finish: nothing
// is kept per transaction, so a run of a million transactions summarizes
// in the same memory as one of a thousand.  Latency percentiles come from
// a LatencySketch (within 0.1% of the exact nearest-rank value); counts,
// means, maxima, windows and throughputs are exact.
#ifndef LVS_TRANSACTION_SUMMARY_H
#define LVS_TRANSACTION_SUMMARY_H

#include "helper/latency-sketch.h"
#include "model/apps/transaction-record.h"

#include "ns3/nstime.h"

#include <cstdint>
#include <map>
#include <string>

namespace ns3
{

/// Latency statistics of completed transactions, in ms.
struct LatencyFigures
{
    double mean = 0;
    double p50 = 0;
    double p95 = 0;
    double p99 = 0;
    double max = 0;
};

/// Reads the figures off a sketch.
LatencyFigures FiguresOf(const LatencySketch& sketch);

/// Latency and outcome figures over every transaction of the run.
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

/// Takes finished transactions one at a time, in the order they finish.
class TransactionSummarizer
{
  public:
    /// The window is the whole run until SetWindow says otherwise.
    TransactionSummarizer();
    /// The window runs from @p windowStart to @p windowEnd unless
    /// EndWindowAfter moves its end earlier.  Before the first Add.
    void SetWindow(Time windowStart, Time windowEnd);

    /// The arrivals ended with a transaction started at @p lastStart: the
    /// window ends just after it (if that is earlier than its end; never
    /// before its start: arrivals that end in the warm-up leave it empty).  Every
    /// transaction started up to now is still to come or already added,
    /// and none added so far started later, so nothing must be recounted.
    void EndWindowAfter(Time lastStart);

    void Add(const TransactionRecord& record);

    uint64_t Count() const
    {
        return m_run.offered;
    }

    ResultSummary Run() const;
    WindowSummary Window() const;

    /// The measurement window [start, end), as set and as the arrivals ended it.
    Time WindowStart() const
    {
        return m_windowStart;
    }

    Time WindowEnd() const
    {
        return m_windowEnd;
    }

  private:
    Time m_windowStart = Time(0);
    Time m_windowEnd = Time::Max();
    ResultSummary m_run; ///< counts; the rest is filled in by Run()
    std::map<uint32_t, uint64_t> m_servedBy;
    LatencySketch m_runLatency;
    Time m_firstStart;
    Time m_lastEnd;
    uint64_t m_windowStarted = 0;
    uint64_t m_windowFailed = 0;
    uint64_t m_windowCompleted = 0;
    LatencySketch m_windowLatency;
};

} // namespace ns3

#endif
