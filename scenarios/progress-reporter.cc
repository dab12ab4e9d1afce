#include "progress-reporter.h"

#include "ns3/simulator.h"

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

ProgressReporter::ProgressReporter(Time expectedEnd, std::function<uint64_t()> finished)
    : m_expectedEnd(expectedEnd),
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
        std::fprintf(stderr,
                     "\r  simulated %.1f / %.1f s (%3.0f%%)  %llu transactions done  wall %.1f s ",
                     now,
                     end,
                     end > 0 ? 100.0 * now / end : 0.0,
                     (unsigned long long)m_finished(),
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
