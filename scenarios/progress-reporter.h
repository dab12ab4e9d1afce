// A progress line on stderr during long runs: simulated time, share done,
// transactions finished and wall time, rewritten in place.
#ifndef LVS_PROGRESS_REPORTER_H
#define LVS_PROGRESS_REPORTER_H

#include "ns3/nstime.h"

#include <chrono>
#include <cstdint>
#include <functional>

namespace ns3
{

class ProgressReporter
{
  public:
    /// @p finished reports the transactions finished so far; when the run
    /// stops after @p targetTransactions (0: no such limit), the share done
    /// is the larger of the time and transaction fractions.
    ProgressReporter(Time expectedEnd,
                     uint64_t targetTransactions,
                     std::function<uint64_t()> finished);
    /// Starts reporting (every 0.1 s of simulated time it looks at the wall
    /// clock; it prints after 2 s of wall time, at most twice a second).
    void Start();
    /// Ends the line if anything was printed.
    void Finish();

  private:
    void Tick();

    Time m_expectedEnd;
    uint64_t m_targetTransactions;
    std::function<uint64_t()> m_finished;
    std::chrono::steady_clock::time_point m_wallStart;
    std::chrono::steady_clock::time_point m_lastPrint;
    bool m_printed = false;
};

} // namespace ns3

#endif
