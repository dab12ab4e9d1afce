// Scheduler traces (format: docs/scheduler-trace.md): one virtual service
// driven by connection events, with no packets and no network.  The
// replayer feeds the events to the same IpvsEngine the ns-3 Director uses
// and reports the real server chosen for each connect.
#ifndef IPVS_SCHEDULER_TRACE_H
#define IPVS_SCHEDULER_TRACE_H

#include <istream>
#include <stdexcept>
#include <string>
#include <vector>

namespace ipvs
{

/// A malformed or inconsistent trace line.
class TraceError : public std::runtime_error
{
  public:
    TraceError(int line, const std::string& message);

    int GetLine() const
    {
        return m_line;
    }

  private:
    int m_line;
};

struct TraceReplayOptions
{
    bool explain = false; ///< add a "  # why" line after each decision
};

struct TraceReplayResult
{
    std::vector<std::string> lines; ///< "ID RIP:PORT" or "ID -" (plus notes)
    std::string finalTable;         ///< ipvsadm -Ln after the last event
};

/// Replays a whole trace; throws TraceError on the first bad line.
TraceReplayResult ReplaySchedulerTrace(std::istream& input, const TraceReplayOptions& options = {});

} // namespace ipvs

#endif
