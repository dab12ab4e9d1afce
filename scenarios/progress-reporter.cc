#include "scenarios/progress-reporter.h"

#include "ns3/simulator.h"

#include <algorithm>
#include <cstdio>

namespace ns3
{

namespace
{

constexpr double kQuietWallS = 2.0;
constexpr double kPrintEveryWallS = 0.5;

double
SecondsSince(std::chrono::steady_clock::time_point t)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

} // namespace

ProgressReporter::ProgressReporter(Time expectedEnd,
                                   uint64_t targetTransactions,
                                   std::function<uint64_t()> finished)
    : m_expectedEnd(expectedEnd),
      m_targetTransactions(targetTransactions),
      m_finished(std::move(finished))
{
}

void
ProgressReporter::Start()
{
    m_wallStart = std::chrono::steady_clock::now();
    m_lastPrint = m_wallStart;
    Simulator::Schedule(MilliSeconds(100), &ProgressReporter::Tick, this);
}

void
ProgressReporter::Tick()
{
    double wall = SecondsSince(m_wallStart);
    if (wall >= kQuietWallS && SecondsSince(m_lastPrint) >= kPrintEveryWallS)
    {
        double now = Simulator::Now().GetSeconds();
        double end = m_expectedEnd.GetSeconds();
        uint64_t finished = m_finished();
        double done = end > 0 ? now / end : 0.0;
        if (m_targetTransactions > 0)
        {
            done = std::max(done, double(finished) / m_targetTransactions);
        }
        std::fprintf(stderr,
                     "\r  %3.0f%%  simulated %.1f s  %llu transactions done  wall %.1f s ",
                     100.0 * done,
                     now,
                     (unsigned long long)finished,
                     wall);
        std::fflush(stderr);
        m_lastPrint = std::chrono::steady_clock::now();
        m_printed = true;
    }
    Simulator::Schedule(MilliSeconds(100), &ProgressReporter::Tick, this);
}

void
ProgressReporter::Finish()
{
    if (m_printed)
    {
        std::fprintf(stderr, "\n");
    }
}

} // namespace ns3
