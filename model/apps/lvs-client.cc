#include "model/apps/lvs-client.h"

#include "model/hosts/client-address-routing.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/inet-socket-address.h"
#include "ns3/integer.h"
#include "ns3/log.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("LvsClient");
NS_OBJECT_ENSURE_REGISTERED(LvsClient);

std::string
TransactionOutcomeName(TransactionOutcome outcome)
{
    switch (outcome)
    {
    case TransactionOutcome::Ok:
        return "ok";
    case TransactionOutcome::Refused:
        return "refused";
    case TransactionOutcome::TimedOut:
        return "timed-out";
    case TransactionOutcome::Reset:
        return "reset";
    }
    return "unknown";
}

namespace
{

uint32_t
DrawBytes(Ptr<RandomVariableStream> rv)
{
    double value = std::round(rv->GetValue());
    return uint32_t(std::clamp(value, double(kMessageHeaderBytes), 1e9));
}

} // namespace

TypeId
LvsClient::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::LvsClient")
            .SetParent<Application>()
            .SetGroupName("Lvs")
            .AddConstructor<LvsClient>()
            .AddAttribute("RemoteAddress",
                          "The virtual IP address (VIP) of the service.",
                          Ipv4AddressValue(),
                          MakeIpv4AddressAccessor(&LvsClient::m_remoteAddress),
                          MakeIpv4AddressChecker())
            .AddAttribute("RemotePort",
                          "The virtual port of the service.",
                          UintegerValue(80),
                          MakeUintegerAccessor(&LvsClient::m_remotePort),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("Udp",
                          "Use UDP datagrams instead of TCP connections.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&LvsClient::m_udp),
                          MakeBooleanChecker())
            .AddAttribute("ClosedLoop",
                          "Closed loop (Users with think time) instead of Poisson arrivals.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&LvsClient::m_closedLoop),
                          MakeBooleanChecker())
            .AddAttribute("ArrivalRate",
                          "Open loop: new sessions per second.",
                          DoubleValue(100),
                          MakeDoubleAccessor(&LvsClient::m_arrivalRate),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("AddressZipfExponent",
                          "How often each local address (CIP) is used: 0 uniformly; s > 0 "
                          "Zipf, the k-th address with weight 1/k^s (a few addresses, such as "
                          "proxy farms, carrying most of the load).",
                          DoubleValue(0),
                          MakeDoubleAccessor(&LvsClient::m_addressZipfExponent),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("Users",
                          "Closed loop: sessions running in parallel.",
                          UintegerValue(10),
                          MakeUintegerAccessor(&LvsClient::m_users),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("RequestsPerConnection",
                          "Transactions carried by one connection (1: no keep-alive).",
                          UintegerValue(1),
                          MakeUintegerAccessor(&LvsClient::m_requestsPerConnection),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("MaxTransactions",
                          "Stop starting transactions after this many (0: no limit).",
                          UintegerValue(0),
                          MakeUintegerAccessor(&LvsClient::m_maxTransactions),
                          MakeUintegerChecker<uint64_t>())
            .AddAttribute("TransactionTimeout",
                          "A transaction without a complete response after this is timed out.",
                          TimeValue(Seconds(10)),
                          MakeTimeAccessor(&LvsClient::m_transactionTimeout),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("ThinkTime",
                          "Closed loop: pause between transactions, in seconds.",
                          StringValue("ns3::ConstantRandomVariable[Constant=1]"),
                          MakePointerAccessor(&LvsClient::m_thinkTime),
                          MakePointerChecker<RandomVariableStream>())
            .AddAttribute("RequestSize",
                          "Request size in bytes (at least 8).",
                          StringValue("ns3::ConstantRandomVariable[Constant=200]"),
                          MakePointerAccessor(&LvsClient::m_requestSize),
                          MakePointerChecker<RandomVariableStream>())
            .AddAttribute("ResponseSize",
                          "Response size in bytes (at least 8).",
                          StringValue("ns3::ConstantRandomVariable[Constant=2000]"),
                          MakePointerAccessor(&LvsClient::m_responseSize),
                          MakePointerChecker<RandomVariableStream>())
            .AddTraceSource("Transaction",
                            "A transaction finished (whatever its outcome).",
                            MakeTraceSourceAccessor(&LvsClient::m_transactionTrace),
                            "ns3::LvsClient::TransactionTracedCallback")
            .AddTraceSource("ArrivalsEnded",
                            "The client started its last transaction (MaxTransactions reached).",
                            MakeTraceSourceAccessor(&LvsClient::m_arrivalsEndedTrace),
                            "ns3::LvsClient::ArrivalsEndedTracedCallback");
    return tid;
}

LvsClient::LvsClient()
    : m_interArrival(CreateObject<ExponentialRandomVariable>()),
      m_addressPick(CreateObject<UniformRandomVariable>())
{
    NS_LOG_FUNCTION(this);
}

LvsClient::~LvsClient()
{
    NS_LOG_FUNCTION(this);
}

void
LvsClient::SetLocalAddresses(const std::vector<Ipv4Address>& addresses)
{
    m_localAddresses = addresses;
}

void
LvsClient::SetDirectServers(const std::vector<std::pair<Ipv4Address, uint16_t>>& servers)
{
    m_directServers = servers;
    m_nextDirectServer = 0;
}

int64_t
LvsClient::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    m_thinkTime->SetStream(stream);
    m_requestSize->SetStream(stream + 1);
    m_responseSize->SetStream(stream + 2);
    m_interArrival->SetStream(stream + 3);
    m_addressPick->SetStream(stream + 4);
    // Only one of the two address pickers draws in a run: they share the
    // stream, so a Zipf run does not shift the streams of other objects.
    m_addressZipfStream = stream + 4;
    return 5;
}

void
LvsClient::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_sessions.clear();
    m_sessionOfSocket.clear();
    m_thinkTime = nullptr;
    m_requestSize = nullptr;
    m_responseSize = nullptr;
    Application::DoDispose();
}

void
LvsClient::StartApplication()
{
    NS_LOG_FUNCTION(this);
    m_running = true;
    if (!m_closedLoop)
    {
        ScheduleNextArrival();
        return;
    }
    for (uint32_t user = 0; user < m_users; ++user)
    {
        // Users start a think time apart rather than all in the same instant.
        Simulator::Schedule(Seconds(m_thinkTime->GetValue()), &LvsClient::StartSession, this);
    }
}

void
LvsClient::StopApplication()
{
    NS_LOG_FUNCTION(this);
    m_running = false;
    m_arrivalEvent.Cancel();
}

bool
LvsClient::IsLastOnConnection(const Session& session) const
{
    return session.requestsLeft == 0 || !MayStartTransaction();
}

bool
LvsClient::MayStartTransaction() const
{
    return m_running && (m_maxTransactions == 0 || m_started < m_maxTransactions);
}

void
LvsClient::ScheduleNextArrival()
{
    if (m_arrivalRate <= 0)
    {
        return;
    }
    m_interArrival->SetAttribute("Mean", DoubleValue(1.0 / m_arrivalRate));
    m_arrivalEvent =
        Simulator::Schedule(Seconds(m_interArrival->GetValue()), &LvsClient::OnArrival, this);
}

void
LvsClient::OnArrival()
{
    StartSession();
    ScheduleNextArrival();
}

Ipv4Address
LvsClient::PickLocalAddress()
{
    if (m_localAddresses.empty())
    {
        return Ipv4Address::GetAny();
    }
    if (m_addressZipfExponent > 0)
    {
        return m_localAddresses[AddressRanks()->GetInteger() - 1];
    }
    return m_localAddresses[m_addressPick->GetInteger(0, m_localAddresses.size() - 1)];
}

Ptr<ZipfRandomVariable>
LvsClient::AddressRanks()
{
    // Built on first use: the number of addresses is known only once
    // SetLocalAddresses has run.
    if (!m_addressZipf)
    {
        m_addressZipf = CreateObject<ZipfRandomVariable>();
        m_addressZipf->SetAttribute("N", IntegerValue(int64_t(m_localAddresses.size())));
        m_addressZipf->SetAttribute("Alpha", DoubleValue(m_addressZipfExponent));
        m_addressZipf->SetStream(m_addressZipfStream);
    }
    return m_addressZipf;
}

void
LvsClient::UseSourceAddress(Ipv4Address cip)
{
    // ns-3 takes a connection's (and a datagram's) source address from the
    // route, not from bind(): tell the client routing which CIP is meant.
    if (auto routing = ClientAddressRouting::Get(GetNode()))
    {
        routing->SetNextSource(cip);
    }
}

void
LvsClient::StartSession()
{
    if (!MayStartTransaction())
    {
        return;
    }
    NS_LOG_FUNCTION(this);
    TypeId factory = m_udp ? UdpSocketFactory::GetTypeId() : TcpSocketFactory::GetTypeId();
    Ptr<Socket> socket = Socket::CreateSocket(GetNode(), factory);
    Ipv4Address cip = PickLocalAddress();
    socket->Bind(InetSocketAddress(cip, 0));
    SessionId id = m_nextSessionId++;
    Session& session = m_sessions[id];
    session.socket = socket;
    session.requestsLeft = m_requestsPerConnection;
    m_sessionOfSocket[PeekPointer(socket)] = id;
    m_retransmissions.Watch(socket);
    socket->SetRecvCallback(MakeCallback(&LvsClient::HandleRead, this));
    if (!m_udp)
    {
        socket->SetConnectCallback(MakeCallback(&LvsClient::HandleConnected, this),
                                   MakeCallback(&LvsClient::HandleConnectFailed, this));
        socket->SetSendCallback(MakeCallback(&LvsClient::HandleSend, this));
        socket->SetCloseCallbacks(MakeCallback(&LvsClient::HandleNormalClose, this),
                                  MakeCallback(&LvsClient::HandleErrorClose, this));
    }
    session.cip = cip;
    session.remoteAddress = m_remoteAddress;
    session.remotePort = m_remotePort;
    if (!m_directServers.empty())
    {
        std::tie(session.remoteAddress, session.remotePort) = m_directServers[m_nextDirectServer];
        m_nextDirectServer = (m_nextDirectServer + 1) % m_directServers.size();
    }
    UseSourceAddress(cip);
    socket->Connect(InetSocketAddress(session.remoteAddress, session.remotePort));
    BeginTransaction(session, id);
    if (m_udp)
    {
        session.connected = true;
        session.record.connected = Simulator::Now();
        SendRequest(session);
    }
}

void
LvsClient::BeginTransaction(Session& session, SessionId id)
{
    ++m_started;
    if (m_maxTransactions > 0 && m_started == m_maxTransactions)
    {
        m_arrivalsEndedTrace(GetNode()->GetId());
    }
    TransactionRecord& r = session.record;
    r = TransactionRecord{};
    r.id = m_started;
    r.clientNode = GetNode()->GetId();
    r.udp = m_udp;
    Address local;
    session.socket->GetSockName(local);
    InetSocketAddress inet = InetSocketAddress::ConvertFrom(local);
    r.cip = inet.GetIpv4();
    r.cport = inet.GetPort();
    r.vip = session.remoteAddress;
    r.vport = session.remotePort;
    r.start = Simulator::Now();
    if (session.connected)
    {
        r.connected = r.start;
    }
    r.requestBytes = DrawBytes(m_requestSize);
    r.responseBytes = DrawBytes(m_responseSize);
    session.inTransaction = true;
    session.timeout =
        Simulator::Schedule(m_transactionTimeout, &LvsClient::HandleTimeout, this, id);
}

void
LvsClient::SendRequest(Session& session)
{
    Ptr<Packet> message = MakeMessage(session.record.requestBytes, session.record.responseBytes);
    if (m_udp)
    {
        UseSourceAddress(session.cip);
        session.socket->Send(message);
        return;
    }
    if (session.pendingTx)
    {
        session.pendingTx->AddAtEnd(message);
    }
    else
    {
        session.pendingTx = message;
    }
    DrainToSocket(session.socket, session.pendingTx);
}

void
LvsClient::FinishTransaction(Session& session, TransactionOutcome outcome)
{
    if (!session.inTransaction)
    {
        return;
    }
    session.inTransaction = false;
    session.timeout.Cancel();
    session.record.end = Simulator::Now();
    session.record.outcome = outcome;
    --session.requestsLeft;
    ++m_finished;
    // Every failure ends the session; after a response, ContinueSession
    // decides as this does.
    session.record.lastOnConnection =
        outcome != TransactionOutcome::Ok || IsLastOnConnection(session);
    m_transactionTrace(session.record);
}

LvsClient::Session*
LvsClient::Find(Ptr<Socket> socket, SessionId* id)
{
    auto it = m_sessionOfSocket.find(PeekPointer(socket));
    if (it == m_sessionOfSocket.end())
    {
        return nullptr;
    }
    *id = it->second;
    auto session = m_sessions.find(it->second);
    return session == m_sessions.end() ? nullptr : &session->second;
}

void
LvsClient::HandleConnected(Ptr<Socket> socket)
{
    SessionId id;
    Session* session = Find(socket, &id);
    if (!session)
    {
        return;
    }
    session->connected = true;
    session->record.connected = Simulator::Now();
    SendRequest(*session);
}

void
LvsClient::HandleConnectFailed(Ptr<Socket> socket)
{
    SessionId id;
    if (Session* session = Find(socket, &id))
    {
        FinishTransaction(*session, TransactionOutcome::Refused);
        EndSession(id);
    }
}

void
LvsClient::HandleRead(Ptr<Socket> socket)
{
    SessionId id;
    Session* session = Find(socket, &id);
    if (!session)
    {
        return;
    }
    std::vector<MessageHeader> responses;
    Ptr<Packet> chunk;
    while ((chunk = socket->Recv()) && chunk->GetSize() > 0)
    {
        session->assembler.Feed(chunk, [&](const MessageHeader& h) { responses.push_back(h); });
    }
    for (const MessageHeader& response : responses)
    {
        if (session->inTransaction)
        {
            session->record.server = Ipv4Address(response.value);
            session->record.receivedBytes = response.length;
            FinishTransaction(*session, TransactionOutcome::Ok);
        }
    }
    if (!responses.empty() && !session->inTransaction)
    {
        ContinueSession(id);
    }
}

void
LvsClient::ContinueSession(SessionId id)
{
    Session& session = m_sessions.at(id);
    if (IsLastOnConnection(session))
    {
        EndSession(id);
        return;
    }
    if (m_closedLoop)
    {
        Simulator::Schedule(Seconds(m_thinkTime->GetValue()),
                            &LvsClient::NextTransaction,
                            this,
                            id);
    }
    else
    {
        NextTransaction(id);
    }
}

void
LvsClient::NextTransaction(SessionId id)
{
    auto it = m_sessions.find(id);
    if (it == m_sessions.end())
    {
        return; // the connection died while we were thinking
    }
    BeginTransaction(it->second, id);
    SendRequest(it->second);
}

void
LvsClient::HandleSend(Ptr<Socket> socket, uint32_t /*available*/)
{
    SessionId id;
    if (Session* session = Find(socket, &id))
    {
        DrainToSocket(socket, session->pendingTx);
    }
}

void
LvsClient::HandleNormalClose(Ptr<Socket> socket)
{
    SessionId id;
    if (Session* session = Find(socket, &id))
    {
        FinishTransaction(*session, TransactionOutcome::Reset);
        EndSession(id);
    }
}

void
LvsClient::HandleErrorClose(Ptr<Socket> socket)
{
    HandleNormalClose(socket);
}

void
LvsClient::HandleTimeout(SessionId id)
{
    auto it = m_sessions.find(id);
    if (it == m_sessions.end())
    {
        return;
    }
    FinishTransaction(it->second, TransactionOutcome::TimedOut);
    EndSession(id);
}

void
LvsClient::EndSession(SessionId id)
{
    auto it = m_sessions.find(id);
    if (it == m_sessions.end())
    {
        return;
    }
    Ptr<Socket> socket = it->second.socket;
    it->second.timeout.Cancel();
    m_sessionOfSocket.erase(PeekPointer(socket));
    m_sessions.erase(it);
    m_retransmissions.Forget(socket);
    socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
    socket->SetSendCallback(MakeNullCallback<void, Ptr<Socket>, uint32_t>());
    socket->SetConnectCallback(MakeNullCallback<void, Ptr<Socket>>(),
                               MakeNullCallback<void, Ptr<Socket>>());
    socket->SetCloseCallbacks(MakeNullCallback<void, Ptr<Socket>>(),
                              MakeNullCallback<void, Ptr<Socket>>());
    socket->Close();
    if (m_closedLoop && MayStartTransaction())
    {
        Simulator::Schedule(Seconds(m_thinkTime->GetValue()), &LvsClient::StartSession, this);
    }
}

} // namespace ns3
