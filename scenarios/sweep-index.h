// What a sweep's runs amount to: the lvs-sim command line of each run,
// sweep.csv (one row per run) and sweep-points.csv (one row per point:
// mean and 95% interval of each figure over its runs).  Built from the
// result folders alone, so a sweep run elsewhere (--emit-jobs) is indexed
// the same way (--collect).
#ifndef LVS_SWEEP_INDEX_H
#define LVS_SWEEP_INDEX_H

#include "scenarios/run-statistics.h"
#include "scenarios/sweep-spec.h"

#include <map>
#include <string>
#include <vector>

namespace ns3
{

/// The lvs-sim arguments of one run (argv[0] is "lvs-sim"), writing into
/// @p folder.
std::vector<std::string> SweepArguments(const SweepSpec& spec,
                                        const SweepPoint& point,
                                        const std::string& folder);

/// sweep.csv: per run, the varied values, the outcome counts and the
/// measurement window's throughput and latency.
void WriteSweepIndex(const SweepSpec& spec,
                     const std::vector<SweepPoint>& points,
                     const std::string& output);

/// sweep-points.csv: per point, mean and 95% interval of each figure.
void WritePointIndex(const SweepSpec& spec,
                     const std::vector<SweepPoint>& points,
                     const std::string& output);

/// The figures of one point over its complete runs' folders, by name
/// (throughput_per_s, latency_p99_ms, failed_fraction, ...).
std::map<std::string, MeanInterval> SummarizePoint(const std::vector<std::string>& runFolders);

} // namespace ns3

#endif
