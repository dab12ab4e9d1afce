// A population of clients (many CIPs on one node) sending transactions to
// a virtual service.
//
// Open loop: sessions arrive as a Poisson process at ArrivalRate, whatever
// the servers do.  Closed loop: Users sessions run in parallel, each
// starting its next transaction a think time after the previous one ended.
// A session is one connection carrying RequestsPerConnection transactions
// in turn (1: a connection per transaction); each new connection binds one
// of the client addresses, drawn at random.
#ifndef LVS_CLIENT_H
#define LVS_CLIENT_H

#include "model/apps/tcp-retransmission-counter.h"
#include "model/apps/transaction-protocol.h"
#include "model/apps/transaction-record.h"

#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/random-variable-stream.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <memory>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ns3
{

class LvsClient : public Application
{
  public:
    static TypeId GetTypeId();
    LvsClient();
    ~LvsClient() override;

    /// The CIPs this client population uses (addresses of its node).
    void SetLocalAddresses(const std::vector<Ipv4Address>& addresses);
    /// Bypasses the virtual service: each new connection goes to the next
    /// of @p servers in turn (as rr would spread them), instead of to
    /// RemoteAddress:RemotePort.  The "no Director" baseline.
    void SetDirectServers(const std::vector<std::pair<Ipv4Address, uint16_t>>& servers);

    uint64_t GetStartedCount() const
    {
        return m_started;
    }

    /// TCP segments (SYNs included) this client's connections sent again.
    uint64_t GetTcpRetransmissions() const
    {
        return m_retransmissions.GetRetransmissions();
    }

    uint64_t GetFinishedCount() const
    {
        return m_finished;
    }

    /// Fixes every random stream of this application; returns streams used.
    int64_t AssignStreams(int64_t stream);

    /// Signature of the Transaction trace source.
    typedef void (*TransactionTracedCallback)(const TransactionRecord& record);
    /// Signature of the ArrivalsEnded trace source: the client's node id.
    typedef void (*ArrivalsEndedTracedCallback)(uint32_t nodeId);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    struct Session
    {
        Ptr<Socket> socket;
        uint32_t requestsLeft = 0;
        TransactionRecord record;
        bool inTransaction = false;
        bool connected = false;
        Ipv4Address cip;
        Ipv4Address remoteAddress; ///< the VIP, or a RIP without a Director
        uint16_t remotePort = 0;
        MessageAssembler assembler;
        Ptr<Packet> pendingTx;
        EventId timeout;
    };

    using SessionId = uint64_t;

    void ScheduleNextArrival();
    void OnArrival();
    void StartSession();
    /// Opens the next transaction of a session (and sends it if connected).
    void NextTransaction(SessionId id);
    void BeginTransaction(Session& session, SessionId id);
    void SendRequest(Session& session);
    void FinishTransaction(Session& session, TransactionOutcome outcome);
    /// After a response: the next request on this connection, or the end.
    void ContinueSession(SessionId id);
    void EndSession(SessionId id);
    bool MayStartTransaction() const;
    /// No transaction follows the one that just finished on @p session.
    bool IsLastOnConnection(const Session& session) const;
    Ipv4Address PickLocalAddress();
    /// The Zipf rank (1..addresses) generator of AddressZipfExponent.
    Ptr<ZipfRandomVariable> AddressRanks();
    void UseSourceAddress(Ipv4Address cip);

    void HandleConnected(Ptr<Socket> socket);
    void HandleConnectFailed(Ptr<Socket> socket);
    void HandleRead(Ptr<Socket> socket);
    void HandleSend(Ptr<Socket> socket, uint32_t available);
    void HandleNormalClose(Ptr<Socket> socket);
    void HandleErrorClose(Ptr<Socket> socket);
    void HandleTimeout(SessionId id);
    /// The session of a socket, or nullptr (and @p id is set).
    Session* Find(Ptr<Socket> socket, SessionId* id);

    // Attributes
    Ipv4Address m_remoteAddress;
    uint16_t m_remotePort;
    bool m_udp;
    bool m_closedLoop;
    double m_arrivalRate;
    uint32_t m_users;
    uint32_t m_requestsPerConnection;
    uint64_t m_maxTransactions;
    Time m_transactionTimeout;
    Ptr<RandomVariableStream> m_thinkTime;    ///< seconds
    Ptr<RandomVariableStream> m_requestSize;  ///< bytes
    Ptr<RandomVariableStream> m_responseSize; ///< bytes

    Ptr<ExponentialRandomVariable> m_interArrival;
    Ptr<UniformRandomVariable> m_addressPick;
    double m_addressZipfExponent = 0;      ///< 0: uniform address choice
    Ptr<ZipfRandomVariable> m_addressZipf; ///< built by AddressRanks
    int64_t m_addressZipfStream = -1;
    std::vector<Ipv4Address> m_localAddresses;
    std::vector<std::pair<Ipv4Address, uint16_t>> m_directServers;
    size_t m_nextDirectServer = 0;
    std::unordered_map<SessionId, Session> m_sessions;
    std::unordered_map<Socket*, SessionId> m_sessionOfSocket;
    TcpRetransmissionCounter m_retransmissions;
    SessionId m_nextSessionId = 1;
    EventId m_arrivalEvent;
    bool m_running = false;
    uint64_t m_started = 0;
    uint64_t m_finished = 0;
    TracedCallback<const TransactionRecord&> m_transactionTrace;
    TracedCallback<uint32_t> m_arrivalsEndedTrace;
};

} // namespace ns3

#endif
