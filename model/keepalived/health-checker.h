// keepalived's health checker for one real server, on the Director: a
// TCP_CHECK (the connection completes within connect_timeout) or an
// HTTP_GET (a request whose response arrives within connect_timeout of
// the connect, and again of the request), timed and judged as
// checker-state.h says.  Check traffic is real: it leaves from the
// Director's address on the real server's network (the DIP), shows in
// pcap and loads the real server like any request.
//
// The checker reports verdicts through the Verdict trace source; what a
// verdict does to IPVS is the helper's business (health-check-helper.h).
#ifndef KEEPALIVED_HEALTH_CHECKER_H
#define KEEPALIVED_HEALTH_CHECKER_H

#include "model/apps/transaction-protocol.h"
#include "model/keepalived/checker-state.h"

#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/random-variable-stream.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <memory>

namespace ns3
{

class HealthChecker : public Application
{
  public:
    static TypeId GetTypeId();
    HealthChecker();
    ~HealthChecker() override;

    /// The check's kind and timings (before the application starts);
    /// @p alpha: the server starts down.
    void SetCheck(keepalived::CheckKind kind,
                  const keepalived::CheckTimings& timings,
                  bool alpha = false);

    uint64_t GetChecks() const
    {
        return m_checks;
    }

    uint64_t GetFailedChecks() const
    {
        return m_failedChecks;
    }

    /// Up as far as the checker knows.
    bool IsUp() const;

    /// Its Director dies: no more checks.
    void Crash();
    /// Its Director is back: keepalived starts afresh (the first check 1 s
    /// plus a random part of the warm-up from now).
    void Restart();

    /// Fixes the warm-up's random stream; returns streams used.
    int64_t AssignStreams(int64_t stream);

    /// Signature of the Verdict trace source: the server's new state.
    typedef void (*VerdictTracedCallback)(bool up);
    /// Signature of the Check trace source: one check's result and why.
    typedef void (*CheckTracedCallback)(bool success, const std::string& how);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    void StartCheck();
    void HandleConnected(Ptr<Socket> socket);
    void HandleConnectFailed(Ptr<Socket> socket);
    void HandleRead(Ptr<Socket> socket);
    void HandleSend(Ptr<Socket> socket, uint32_t available);
    void HandleTimeout();
    /// Ends the check in hand: closes its socket, judges, schedules the next.
    void Finish(bool success, const std::string& how);
    void DropSocket();

    Ipv4Address m_remote;
    uint16_t m_port = 80;
    uint32_t m_responseBytes = 0;
    keepalived::CheckKind m_kind = keepalived::CheckKind::Tcp;
    keepalived::CheckTimings m_timings;
    bool m_alpha = false;
    std::unique_ptr<keepalived::CheckerState> m_state;
    Ptr<UniformRandomVariable> m_warmup;
    Ptr<Socket> m_socket;
    Ptr<Packet> m_pendingTx;
    MessageAssembler m_assembler;
    EventId m_timeout;
    EventId m_next;
    uint64_t m_checks = 0;
    uint64_t m_failedChecks = 0;
    TracedCallback<bool> m_verdictTrace;
    TracedCallback<bool, const std::string&> m_checkTrace;
};

} // namespace ns3

#endif
