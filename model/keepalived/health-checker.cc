#include "model/keepalived/health-checker.h"

#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-address.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("HealthChecker");
NS_OBJECT_ENSURE_REGISTERED(HealthChecker);

TypeId
HealthChecker::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::HealthChecker")
            .SetParent<Application>()
            .SetGroupName("Lvs")
            .AddConstructor<HealthChecker>()
            .AddAttribute("RemoteAddress",
                          "The real server's address (keepalived's connect_ip: the RIP).",
                          Ipv4AddressValue(),
                          MakeIpv4AddressAccessor(&HealthChecker::m_remote),
                          MakeIpv4AddressChecker())
            .AddAttribute("RemotePort",
                          "The port checked (connect_port: the real server's port).",
                          UintegerValue(80),
                          MakeUintegerAccessor(&HealthChecker::m_port),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("ResponseBytes",
                          "HTTP_GET: the size of the response asked for.",
                          UintegerValue(512),
                          MakeUintegerAccessor(&HealthChecker::m_responseBytes),
                          MakeUintegerChecker<uint32_t>(kMessageHeaderBytes))
            .AddTraceSource("Verdict",
                            "The checker declared the server up (true) or down (false).",
                            MakeTraceSourceAccessor(&HealthChecker::m_verdictTrace),
                            "ns3::HealthChecker::VerdictTracedCallback")
            .AddTraceSource("Check",
                            "A check finished: its result and how it ended.",
                            MakeTraceSourceAccessor(&HealthChecker::m_checkTrace),
                            "ns3::HealthChecker::CheckTracedCallback");
    return tid;
}

HealthChecker::HealthChecker()
    : m_timings(keepalived::CheckTimings::Defaults(keepalived::CheckKind::Tcp)),
      m_warmup(CreateObject<UniformRandomVariable>())
{
    NS_LOG_FUNCTION(this);
}

HealthChecker::~HealthChecker()
{
    NS_LOG_FUNCTION(this);
}

void
HealthChecker::SetCheck(keepalived::CheckKind kind,
                        const keepalived::CheckTimings& timings,
                        bool alpha)
{
    m_kind = kind;
    m_timings = timings;
    m_alpha = alpha;
}

bool
HealthChecker::IsUp() const
{
    return m_state ? m_state->IsUp() : !m_alpha;
}

int64_t
HealthChecker::AssignStreams(int64_t stream)
{
    m_warmup->SetStream(stream);
    return 1;
}

void
HealthChecker::DoDispose()
{
    DropSocket();
    m_next.Cancel();
    m_state.reset();
    Application::DoDispose();
}

void
HealthChecker::StartApplication()
{
    m_state = std::make_unique<keepalived::CheckerState>(m_kind, m_timings, m_alpha);
    double first = keepalived::FirstCheckDelayS(m_timings, m_warmup->GetValue(0, 1));
    m_next = Simulator::Schedule(Seconds(first), &HealthChecker::StartCheck, this);
}

void
HealthChecker::Crash()
{
    m_next.Cancel();
    DropSocket();
}

void
HealthChecker::Restart()
{
    Crash();
    StartApplication();
}

void
HealthChecker::StopApplication()
{
    m_next.Cancel();
    DropSocket();
}

void
HealthChecker::StartCheck()
{
    NS_LOG_FUNCTION(this << m_remote << m_port);
    ++m_checks;
    m_socket = Socket::CreateSocket(GetNode(), TcpSocketFactory::GetTypeId());
    m_socket->Bind();
    m_socket->SetConnectCallback(MakeCallback(&HealthChecker::HandleConnected, this),
                                 MakeCallback(&HealthChecker::HandleConnectFailed, this));
    // A reset ends the connection at once: the check fails.
    m_socket->SetCloseCallbacks(MakeCallback(&HealthChecker::HandleConnectFailed, this),
                                MakeCallback(&HealthChecker::HandleConnectFailed, this));
    m_socket->SetRecvCallback(MakeCallback(&HealthChecker::HandleRead, this));
    m_socket->SetSendCallback(MakeCallback(&HealthChecker::HandleSend, this));
    m_timeout = Simulator::Schedule(Seconds(m_timings.connectTimeoutS),
                                    &HealthChecker::HandleTimeout,
                                    this);
    m_socket->Connect(InetSocketAddress(m_remote, m_port));
}

void
HealthChecker::HandleConnected(Ptr<Socket> socket)
{
    if (m_kind == keepalived::CheckKind::Tcp)
    {
        Finish(true, "connected");
        return;
    }
    // HTTP_GET: the request, then the response within connect_timeout.
    m_timeout.Cancel();
    m_timeout = Simulator::Schedule(Seconds(m_timings.connectTimeoutS),
                                    &HealthChecker::HandleTimeout,
                                    this);
    m_assembler = MessageAssembler();
    m_pendingTx = MakeMessage(kMessageHeaderBytes, m_responseBytes);
    DrainToSocket(socket, m_pendingTx);
}

void
HealthChecker::HandleSend(Ptr<Socket> socket, uint32_t /*available*/)
{
    if (m_pendingTx)
    {
        DrainToSocket(socket, m_pendingTx);
    }
}

void
HealthChecker::HandleRead(Ptr<Socket> socket)
{
    bool answered = false;
    while (Ptr<Packet> chunk = socket->Recv())
    {
        m_assembler.Feed(chunk, [&](const MessageHeader&) { answered = true; });
    }
    if (answered && m_kind == keepalived::CheckKind::Http)
    {
        Finish(true, "response");
    }
}

void
HealthChecker::HandleConnectFailed(Ptr<Socket> /*socket*/)
{
    Finish(false, "refused");
}

void
HealthChecker::HandleTimeout()
{
    Finish(false, "timeout");
}

void
HealthChecker::Finish(bool success, const std::string& how)
{
    NS_LOG_FUNCTION(this << m_remote << success << how);
    DropSocket();
    if (!success)
    {
        ++m_failedChecks;
    }
    m_checkTrace(success, how);
    keepalived::CheckerState::Outcome outcome = m_state->OnResult(success);
    if (outcome.becameUp)
    {
        m_verdictTrace(*outcome.becameUp);
    }
    m_next = Simulator::Schedule(Seconds(outcome.nextCheckInS), &HealthChecker::StartCheck, this);
}

void
HealthChecker::DropSocket()
{
    m_timeout.Cancel();
    m_pendingTx = nullptr;
    if (!m_socket)
    {
        return;
    }
    Ptr<Socket> socket = m_socket;
    m_socket = nullptr;
    socket->SetConnectCallback(MakeNullCallback<void, Ptr<Socket>>(),
                               MakeNullCallback<void, Ptr<Socket>>());
    socket->SetCloseCallbacks(MakeNullCallback<void, Ptr<Socket>>(),
                              MakeNullCallback<void, Ptr<Socket>>());
    socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
    socket->SetSendCallback(MakeNullCallback<void, Ptr<Socket>, uint32_t>());
    socket->Close(); // a FIN once connected, as keepalived's close()
}

} // namespace ns3
