// Writes a run's result folder: summary.json, servers.csv, the Director's
// table as ipvsadm prints it, the address plan and the resolved
// configuration (config.ini, which reruns the same scenario).  Headed files
// only; nothing depends on stdout.  transactions.csv and samples.csv are
// written while the run runs (TransactionLog, SampleLog).
#ifndef LVS_RESULT_WRITER_H
#define LVS_RESULT_WRITER_H

#include "scenarios/scenario-config.h"
#include "scenarios/scenario-runner.h"

#include <ostream>
#include <string>

namespace ns3
{

/// Writes every file of the result folder (created if missing).  Throws
/// ConfigError if the folder cannot be written.
void WriteResultFolder(const ScenarioConfig& config, const ScenarioResult& result);

/// The short summary lvs-sim prints at the end of a run.
void PrintSummary(std::ostream& os, const ScenarioConfig& config, const ScenarioResult& result);

} // namespace ns3

#endif
