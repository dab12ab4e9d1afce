// A real server: answers requests over TCP (or UDP) after a service time,
// with a bounded number of workers, so that it saturates like a real one.
//
// Requests that find every worker busy wait in a FIFO queue.  Each response
// carries the server's RIP in its header (transaction-protocol.h).
#ifndef LVS_REAL_SERVER_H
#define LVS_REAL_SERVER_H

#include "model/apps/tcp-retransmission-counter.h"
#include "model/apps/transaction-protocol.h"

#include "ns3/address.h"
#include "ns3/application.h"
#include "ns3/ipv4-address.h"
#include "ns3/random-variable-stream.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <deque>
#include <unordered_map>

namespace ns3
{

class LvsRealServer : public Application
{
  public:
    static TypeId GetTypeId();
    LvsRealServer();
    ~LvsRealServer() override;

    /// Responses sent so far.
    uint64_t GetServedCount() const
    {
        return m_served;
    }

    /// Requests finished so far and the time they spent waiting for a
    /// worker and being served, in all (the server's side of the response
    /// time, without the network).
    struct JobTimes
    {
        uint64_t jobs = 0;
        Time waited;
        Time served;
    };

    const JobTimes& GetJobTimes() const
    {
        return m_jobTimes;
    }

    /// Requests waiting for a worker.
    uint32_t GetQueueLength() const
    {
        return uint32_t(m_queue.size());
    }

    /// TCP segments this server's connections sent again.
    uint64_t GetTcpRetransmissions() const
    {
        return m_retransmissions.GetRetransmissions();
    }

    uint32_t GetBusyWorkers() const
    {
        return m_busy;
    }

    /// The host dies: every request in hand or waiting is lost and every
    /// connection forgotten (its sockets are closed, which a dead host's
    /// network card cannot send); nothing is served until Restart.
    void Crash();
    /// Back from a crash with empty state: listening again.
    void Restart();
    /// Service times are @p factor times as long from now on (1: as
    /// configured): a slow-down.
    void SetSlowdown(double factor);

    /// Fixes the random stream of the service time; returns streams used.
    int64_t AssignStreams(int64_t stream);

    /// Signature of the Served trace: waiting time and service time.
    typedef void (*ServedTracedCallback)(Time waited, Time served);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    struct Job
    {
        Ptr<Socket> socket;
        Address peer; ///< UDP only
        uint32_t responseBytes;
        Time arrival;
    };

    struct Connection
    {
        MessageAssembler assembler;
        Ptr<Packet> pendingTx;
    };

    void HandleAccept(Ptr<Socket> socket, const Address& from);
    void HandleTcpRead(Ptr<Socket> socket);
    void HandleUdpRead(Ptr<Socket> socket);
    void HandleSend(Ptr<Socket> socket, uint32_t available);
    void HandleClose(Ptr<Socket> socket);
    void Enqueue(Job job);
    void StartJob(Job job);
    void FinishJob(Job job, Time waited, Time serviceTime, uint64_t life);
    void SendResponse(const Job& job);

    bool m_udp;
    uint16_t m_port;
    uint32_t m_workers; ///< 0 = unlimited
    Ipv4Address m_serverAddress;
    Ptr<RandomVariableStream> m_serviceTime; ///< seconds
    Ptr<Socket> m_listener;
    TcpRetransmissionCounter m_retransmissions;
    std::unordered_map<Socket*, Connection> m_connections;
    std::deque<Job> m_queue;
    uint32_t m_busy = 0;
    /// Counts the crashes: a job started before one never finishes.
    uint64_t m_life = 0;
    bool m_down = false; ///< crashed, not yet restarted
    double m_slowdown = 1;
    uint64_t m_served = 0;
    JobTimes m_jobTimes;
    TracedCallback<Time, Time> m_servedTrace;
};

} // namespace ns3

#endif
