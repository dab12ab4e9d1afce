// transactions.csv and samples.csv, written a line at a time as
// transactions finish and samples are taken, so that a run keeps no record
// in memory however long it runs.
#ifndef LVS_TRANSACTION_LOG_H
#define LVS_TRANSACTION_LOG_H

#include "helper/cluster-monitor.h"
#include "model/apps/transaction-record.h"

#include <fstream>
#include <string>

namespace ns3
{

class TransactionLog
{
  public:
    /// Nothing is created until the first record or Finish (so that a
    /// configuration refused while building leaves no folder behind).
    explicit TransactionLog(std::string folder);

    /// Appends one line (creates the folder and the file on first use,
    /// removing the summary.json of an earlier run).  Throws ConfigError if
    /// the file cannot be created.
    void Write(const TransactionRecord& record);
    /// Flushes, and writes the header alone if no transaction finished.
    /// Throws ConfigError if any line could not be written.
    void Finish();

  private:
    void Open();

    std::string m_folder;
    std::ofstream m_out;
};

/// samples.csv, one line per real server per sample, as TransactionLog.
class SampleLog
{
  public:
    explicit SampleLog(std::string folder);

    void Write(const ServerSample& sample);
    void Finish();

  private:
    void Open();

    std::string m_folder;
    std::ofstream m_out;
};

} // namespace ns3

#endif
