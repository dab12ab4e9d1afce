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

/// Creates @p folder/@p file with @p header (the folder too).
void
OpenCsv(std::ofstream& out, const std::string& folder, const std::string& file, const char* header)
{
    MakeFolder(folder);
    // A summary.json left by an earlier run would mark the folder complete
    // while this run rewrites it (it is written last, at the end).
    std::remove((folder + "/summary.json").c_str());
    out.open(folder + "/" + file);
    if (!out)
    {
        throw ConfigError(folder + "/" + file + ": cannot write");
    }
    out << header;
}

/// Flushes @p out, throwing if any line could not be written.
void
FinishCsv(std::ofstream& out, const std::string& folder, const std::string& file)
{
    out.flush();
    if (!out)
    {
        throw ConfigError(folder + "/" + file + ": cannot write");
    }
}

} // namespace

TransactionLog::TransactionLog(std::string folder)
    : m_folder(std::move(folder))
{
}

void
TransactionLog::Open()
{
    OpenCsv(m_out,
            m_folder,
            "transactions.csv",
            "id,client_node,cip,cport,vip,vport,start_s,connect_ms,end_s,latency_ms,"
            "request_bytes,response_bytes,received_bytes,server,outcome\n");
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
    FinishCsv(m_out, m_folder, "transactions.csv");
}

SampleLog::SampleLog(std::string folder)
    : m_folder(std::move(folder))
{
}

void
SampleLog::Open()
{
    OpenCsv(m_out,
            m_folder,
            "samples.csv",
            "time_s,server,rip,active_conns,inactive_conns,connections,served,queued,"
            "director_cpu_utilisation,director_waiting,director_queue_drops,"
            "busiest_link_utilisation,link_queue_drops,tcp_retransmissions\n");
}

void
SampleLog::Write(const ServerSample& s)
{
    if (!m_out.is_open())
    {
        Open();
    }
    char time[32];
    char cpu[32];
    char link[32];
    m_out << Fixed(time, sizeof time, s.timeS, 3) << "," << s.server << "," << s.rip << ","
          << s.activeConns << "," << s.inactiveConns << "," << s.connections << "," << s.served
          << "," << s.queued << "," << Fixed(cpu, sizeof cpu, s.directorUtilisation, 4) << ","
          << s.directorWaiting << "," << s.directorQueueDrops << ","
          << Fixed(link, sizeof link, s.busiestLinkUtilisation, 4) << "," << s.linkQueueDrops << ","
          << s.tcpRetransmissions << "\n";
}

void
SampleLog::Finish()
{
    if (!m_out.is_open())
    {
        Open();
    }
    FinishCsv(m_out, m_folder, "samples.csv");
}

} // namespace ns3
