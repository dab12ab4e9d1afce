#include "helper/transaction-summary.h"

#include <algorithm>
#include <sstream>

namespace ns3
{

LatencyFigures
FiguresOf(const LatencySketch& sketch)
{
    LatencyFigures f;
    f.mean = sketch.Mean();
    f.p50 = sketch.Percentile(50);
    f.p95 = sketch.Percentile(95);
    f.p99 = sketch.Percentile(99);
    f.max = sketch.Max();
    return f;
}

TransactionSummarizer::TransactionSummarizer() = default;

void
TransactionSummarizer::SetWindow(Time windowStart, Time windowEnd)
{
    m_windowStart = windowStart;
    m_windowEnd = windowEnd;
}

void
TransactionSummarizer::EndWindowAfter(Time lastStart)
{
    // One nanosecond on: the last start itself is inside [start, end).
    m_windowEnd = std::max(m_windowStart, std::min(m_windowEnd, lastStart + NanoSeconds(1)));
}

void
TransactionSummarizer::Add(const TransactionRecord& t)
{
    bool ok = t.outcome == TransactionOutcome::Ok;
    m_firstStart = m_run.offered == 0 ? t.start : std::min(m_firstStart, t.start);
    m_lastEnd = m_run.offered == 0 ? t.end : std::max(m_lastEnd, t.end);
    ++m_run.offered;
    switch (t.outcome)
    {
    case TransactionOutcome::Ok:
        ++m_run.ok;
        m_runLatency.Add((t.end - t.start).GetSeconds() * 1e3);
        ++m_servedBy[t.server.Get()];
        break;
    case TransactionOutcome::Refused:
        ++m_run.refused;
        break;
    case TransactionOutcome::TimedOut:
        ++m_run.timedOut;
        break;
    case TransactionOutcome::Reset:
        ++m_run.reset;
        break;
    }
    m_windowCompleted += ok && t.end >= m_windowStart && t.end < m_windowEnd;
    if (t.start < m_windowStart || t.start >= m_windowEnd)
    {
        return;
    }
    ++m_windowStarted;
    m_windowFailed += !ok;
    if (ok)
    {
        m_windowLatency.Add((t.end - t.start).GetSeconds() * 1e3);
    }
}

ResultSummary
TransactionSummarizer::Run() const
{
    ResultSummary s = m_run;
    s.latency = FiguresOf(m_runLatency);
    s.measuredS = s.offered ? (m_lastEnd - m_firstStart).GetSeconds() : 0;
    s.throughputPerS = s.measuredS > 0 ? s.ok / s.measuredS : 0;
    for (const auto& [rip, count] : m_servedBy)
    {
        std::ostringstream text;
        text << Ipv4Address(rip);
        s.servedBy[text.str()] = count;
    }
    return s;
}

WindowSummary
TransactionSummarizer::Window() const
{
    WindowSummary w;
    w.startS = m_windowStart.GetSeconds();
    w.endS = m_windowEnd.GetSeconds();
    w.started = m_windowStarted;
    w.failed = m_windowFailed;
    w.latency = FiguresOf(m_windowLatency);
    w.throughputPerS = w.endS > w.startS ? m_windowCompleted / (w.endS - w.startS) : 0;
    return w;
}

} // namespace ns3
