#include "model/apps/lvs-real-server.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("LvsRealServer");
NS_OBJECT_ENSURE_REGISTERED(LvsRealServer);

namespace
{

/// Payload bytes per response datagram over UDP (fits a 1500-byte MTU).
constexpr uint32_t kUdpChunkBytes = 1400;

} // namespace

TypeId
LvsRealServer::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::LvsRealServer")
            .SetParent<Application>()
            .SetGroupName("Lvs")
            .AddConstructor<LvsRealServer>()
            .AddAttribute("Udp",
                          "Serve over UDP instead of TCP.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&LvsRealServer::m_udp),
                          MakeBooleanChecker())
            .AddAttribute("Port",
                          "Port to listen on (the real port of the service).",
                          UintegerValue(80),
                          MakeUintegerAccessor(&LvsRealServer::m_port),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("Workers",
                          "Requests served at once; further ones queue (0 = unlimited).",
                          UintegerValue(8),
                          MakeUintegerAccessor(&LvsRealServer::m_workers),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("ServerAddress",
                          "The RIP reported in each response header.",
                          Ipv4AddressValue(),
                          MakeIpv4AddressAccessor(&LvsRealServer::m_serverAddress),
                          MakeIpv4AddressChecker())
            .AddAttribute("ServiceTime",
                          "Service time of one request, in seconds.",
                          StringValue("ns3::ConstantRandomVariable[Constant=0.001]"),
                          MakePointerAccessor(&LvsRealServer::m_serviceTime),
                          MakePointerChecker<RandomVariableStream>())
            .AddTraceSource("Served",
                            "A response was sent: time waited in the queue, service time.",
                            MakeTraceSourceAccessor(&LvsRealServer::m_servedTrace),
                            "ns3::LvsRealServer::ServedTracedCallback");
    return tid;
}

LvsRealServer::LvsRealServer()
{
    NS_LOG_FUNCTION(this);
}

LvsRealServer::~LvsRealServer()
{
    NS_LOG_FUNCTION(this);
}

int64_t
LvsRealServer::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    m_serviceTime->SetStream(stream);
    return 1;
}

void
LvsRealServer::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_listener = nullptr;
    m_connections.clear();
    m_queue.clear();
    m_serviceTime = nullptr;
    Application::DoDispose();
}

void
LvsRealServer::StartApplication()
{
    NS_LOG_FUNCTION(this);
    if (m_down || m_listener)
    {
        return; // crashed before the start (Restart starts it), or started
    }
    TypeId factory = m_udp ? UdpSocketFactory::GetTypeId() : TcpSocketFactory::GetTypeId();
    m_listener = Socket::CreateSocket(GetNode(), factory);
    int bound = m_listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port));
    NS_ABORT_MSG_IF(bound != 0, "real server: port " << m_port << " is taken");
    if (m_udp)
    {
        m_listener->SetRecvCallback(MakeCallback(&LvsRealServer::HandleUdpRead, this));
        return;
    }
    m_listener->Listen();
    m_listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                  MakeCallback(&LvsRealServer::HandleAccept, this));
}

void
LvsRealServer::StopApplication()
{
    NS_LOG_FUNCTION(this);
    if (m_listener)
    {
        m_listener->Close();
    }
}

void
LvsRealServer::Crash()
{
    NS_LOG_FUNCTION(this);
    ++m_life;
    m_down = true;
    m_queue.clear();
    m_busy = 0;
    for (auto& [socket, connection] : m_connections)
    {
        Ptr<Socket> s(socket);
        s->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        s->SetSendCallback(MakeNullCallback<void, Ptr<Socket>, uint32_t>());
        s->SetCloseCallbacks(MakeNullCallback<void, Ptr<Socket>>(),
                             MakeNullCallback<void, Ptr<Socket>>());
        m_retransmissions.Forget(s);
        s->Close();
    }
    m_connections.clear();
    if (m_listener)
    {
        m_listener->Close();
        m_listener = nullptr;
    }
}

void
LvsRealServer::Restart()
{
    NS_LOG_FUNCTION(this);
    m_down = false;
    StartApplication();
}

void
LvsRealServer::SetSlowdown(double factor)
{
    m_slowdown = factor;
}

void
LvsRealServer::HandleAccept(Ptr<Socket> socket, const Address& from)
{
    NS_LOG_FUNCTION(this << socket << from);
    m_connections[PeekPointer(socket)] = Connection{};
    m_retransmissions.Watch(socket);
    socket->SetRecvCallback(MakeCallback(&LvsRealServer::HandleTcpRead, this));
    socket->SetSendCallback(MakeCallback(&LvsRealServer::HandleSend, this));
    socket->SetCloseCallbacks(MakeCallback(&LvsRealServer::HandleClose, this),
                              MakeCallback(&LvsRealServer::HandleClose, this));
}

void
LvsRealServer::HandleTcpRead(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    auto it = m_connections.find(PeekPointer(socket));
    Ptr<Packet> chunk;
    while ((chunk = socket->Recv()) && chunk->GetSize() > 0)
    {
        if (it == m_connections.end())
        {
            continue;
        }
        it->second.assembler.Feed(chunk, [&](const MessageHeader& request) {
            Enqueue(Job{socket, Address(), request.value, Simulator::Now()});
        });
    }
}

void
LvsRealServer::HandleUdpRead(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    Address from;
    Ptr<Packet> datagram;
    while ((datagram = socket->RecvFrom(from)))
    {
        MessageAssembler assembler; // each request is one datagram
        assembler.Feed(datagram, [&](const MessageHeader& request) {
            Enqueue(Job{socket, from, request.value, Simulator::Now()});
        });
    }
}

void
LvsRealServer::HandleSend(Ptr<Socket> socket, uint32_t /*available*/)
{
    auto it = m_connections.find(PeekPointer(socket));
    if (it != m_connections.end())
    {
        DrainToSocket(socket, it->second.pendingTx);
    }
}

void
LvsRealServer::HandleClose(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    // The client closes once it has its last response; close our side too.
    m_connections.erase(PeekPointer(socket));
    m_retransmissions.Forget(socket);
    socket->Close();
}

void
LvsRealServer::Enqueue(Job job)
{
    if (m_workers == 0 || m_busy < m_workers)
    {
        StartJob(job);
        return;
    }
    m_queue.push_back(job);
}

void
LvsRealServer::StartJob(Job job)
{
    ++m_busy;
    Time waited = Simulator::Now() - job.arrival;
    Time serviceTime = Seconds(std::max(0.0, m_serviceTime->GetValue()) * m_slowdown);
    Simulator::Schedule(serviceTime,
                        &LvsRealServer::FinishJob,
                        this,
                        job,
                        waited,
                        serviceTime,
                        m_life);
}

void
LvsRealServer::FinishJob(Job job, Time waited, Time serviceTime, uint64_t life)
{
    NS_LOG_FUNCTION(this);
    if (life != m_life)
    {
        return; // started before a crash: lost with the host
    }
    --m_busy;
    SendResponse(job);
    m_servedTrace(waited, serviceTime);
    ++m_jobTimes.jobs;
    m_jobTimes.waited += waited;
    m_jobTimes.served += serviceTime;
    if (!m_queue.empty())
    {
        Job next = m_queue.front();
        m_queue.pop_front();
        StartJob(next);
    }
}

void
LvsRealServer::SendResponse(const Job& job)
{
    uint32_t rip = m_serverAddress.Get();
    if (m_udp)
    {
        Ptr<Packet> message = MakeMessage(job.responseBytes, rip);
        for (uint32_t offset = 0; offset < message->GetSize(); offset += kUdpChunkBytes)
        {
            uint32_t n = std::min(kUdpChunkBytes, message->GetSize() - offset);
            job.socket->SendTo(message->CreateFragment(offset, n), 0, job.peer);
        }
        ++m_served;
        return;
    }
    auto it = m_connections.find(PeekPointer(job.socket));
    if (it == m_connections.end())
    {
        return; // the client went away while we worked
    }
    Ptr<Packet>& pending = it->second.pendingTx;
    if (pending)
    {
        pending->AddAtEnd(MakeMessage(job.responseBytes, rip));
    }
    else
    {
        pending = MakeMessage(job.responseBytes, rip);
    }
    DrainToSocket(job.socket, pending);
    ++m_served;
}

} // namespace ns3
