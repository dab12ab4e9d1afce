// Runs a sweep's lvs-sim processes, a few at a time, and keeps a sweep
// resumable at any moment: each run writes into FOLDER.partial, which is
// renamed to FOLDER when the run ends, so a folder with a complete
// summary.json always holds a finished run and a sweep killed and started
// again neither loses nor repeats a point.  Also writes the same runs as
// command lines for other machines (GNU Parallel, Slurm).
#ifndef LVS_SWEEP_RUNNER_H
#define LVS_SWEEP_RUNNER_H

#include "scenarios/sweep-spec.h"

#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

struct SweepOutcome
{
    size_t run = 0;
    size_t skipped = 0; ///< already complete
    size_t failed = 0;
};

class SweepRunner
{
  public:
    /// @p lvsSim: the lvs-sim binary; @p progress: where progress lines go.
    SweepRunner(std::string lvsSim, unsigned jobs, std::ostream& progress);

    /// Runs every point of @p points whose folder under @p output is not
    /// complete yet.
    SweepOutcome Run(const SweepSpec& spec,
                     const std::vector<SweepPoint>& points,
                     const std::string& output);

  private:
    /// Starts one run; -1 if it could not be started.
    int Start(const std::vector<std::string>& args, const std::string& partial);

    std::string m_lvsSim;
    unsigned m_jobs;
    std::ostream& m_progress;
};

/// The command line that runs @p point into its folder under @p output
/// (through FOLDER.partial, renamed at the end), for a shell.
std::string RunCommandLine(const std::string& lvsSim,
                           const SweepSpec& spec,
                           const SweepPoint& point,
                           const std::string& output);

/// Writes @p dir/jobs.txt (one command line per run, for GNU Parallel:
/// `parallel < jobs.txt`, also over ssh hosts) and @p dir/slurm.sh (a job
/// array running line $SLURM_ARRAY_TASK_ID).  Returns the number of runs.
size_t EmitJobs(const std::string& lvsSim,
                const SweepSpec& spec,
                const std::vector<SweepPoint>& points,
                const std::string& output,
                const std::string& dir);

} // namespace ns3

#endif
