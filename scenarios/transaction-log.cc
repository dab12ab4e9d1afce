#include "scenarios/transaction-log.h"

#include "scenarios/result-folder.h"
#include "scenarios/scenario-config.h"

#include <cstdio>

namespace ns3
{

namespace
{

/// Milliseconds or seconds with fixed decimals, without the cost of a
/// stream manipulator per field (a million lines are written per run).
const char*
Fixed(char* buffer, size_t size, double value, int digits)
{
    std::snprintf(buffer, size, "%.*f", digits, value);
    return buffer;
}

} // namespace

TransactionLog::TransactionLog(std::string folder)
    : m_folder(std::move(folder))
{
}

void
TransactionLog::Open()
{
    MakeFolder(m_folder);
    // A summary.json left by an earlier run would mark the folder complete
    // while this run rewrites it (it is written last, at the end).
    std::remove((m_folder + "/summary.json").c_str());
    std::string path = m_folder + "/transactions.csv";
    m_out.open(path);
    if (!m_out)
    {
        throw ConfigError(path + ": cannot write");
    }
    m_out << "id,client_node,cip,cport,vip,vport,start_s,connect_ms,end_s,latency_ms,"
             "request_bytes,response_bytes,received_bytes,server,outcome\n";
}

void
TransactionLog::Write(const TransactionRecord& t)
{
    if (!m_out.is_open())
    {
        Open();
    }
    char start[32];
    char connect[32];
    char end[32];
    char latency[32];
    double connectMs = t.connected.IsNegative() ? -1 : (t.connected - t.start).GetSeconds() * 1e3;
    m_out << t.id << "," << t.clientNode << "," << t.cip << "," << t.cport << "," << t.vip << ","
          << t.vport << "," << Fixed(start, sizeof start, t.start.GetSeconds(), 6) << ","
          << Fixed(connect, sizeof connect, connectMs, 3) << ","
          << Fixed(end, sizeof end, t.end.GetSeconds(), 6) << ","
          << Fixed(latency, sizeof latency, (t.end - t.start).GetSeconds() * 1e3, 3) << ","
          << t.requestBytes << "," << t.responseBytes << "," << t.receivedBytes << ",";
    if (t.outcome == TransactionOutcome::Ok)
    {
        m_out << t.server;
    }
    m_out << "," << TransactionOutcomeName(t.outcome) << "\n";
}

void
TransactionLog::Finish()
{
    if (!m_out.is_open())
    {
        Open();
    }
    m_out.flush();
    if (!m_out)
    {
        throw ConfigError(m_folder + "/transactions.csv: cannot write");
    }
}

} // namespace ns3
