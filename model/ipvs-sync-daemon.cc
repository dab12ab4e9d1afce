#include "model/ipvs-sync-daemon.h"

#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpvsSyncDaemon");
NS_OBJECT_ENSURE_REGISTERED(IpvsSyncDaemon);

namespace
{

const size_t kEntriesPerMessage =
    (ipvs::kSyncMaxMessageBytes - ipvs::kSyncHeaderBytes) / ipvs::kSyncEntryBytes;
const Time kFlushAge = Seconds(2);     // IPVS_SYNC_FLUSH_TIME
const Time kPollPeriod = Seconds(1);   // IPVS_SYNC_CHECK_PERIOD
const Time kWakeUp = MilliSeconds(20); // IPVS_SYNC_WAKEUP_RATE's delay

} // namespace

TypeId
IpvsSyncDaemon::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::IpvsSyncDaemon")
            .SetParent<Application>()
            .SetGroupName("Lvs")
            .AddConstructor<IpvsSyncDaemon>()
            .AddAttribute("SyncId",
                          "--syncid (keepalived: the VRRP instance's virtual_router_id); 0 "
                          "accepts every message.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&IpvsSyncDaemon::m_syncId),
                          MakeUintegerChecker<uint8_t>());
    return tid;
}

IpvsSyncDaemon::IpvsSyncDaemon()
{
    NS_LOG_FUNCTION(this);
}

IpvsSyncDaemon::~IpvsSyncDaemon()
{
    NS_LOG_FUNCTION(this);
}

void
IpvsSyncDaemon::Setup(Ptr<IpvsDirector> director, Ptr<NetDevice> device, Ipv4Address ownAddress)
{
    m_director = director;
    m_device = device;
    m_ownAddress = ownAddress;
}

void
IpvsSyncDaemon::DoDispose()
{
    if (m_director)
    {
        m_director->GetEngine().SetSyncMaster({});
    }
    m_poll.Cancel();
    m_wake.Cancel();
    m_socket = nullptr;
    m_director = nullptr;
    m_device = nullptr;
    Application::DoDispose();
}

void
IpvsSyncDaemon::StartApplication()
{
    OpenSocket();
}

void
IpvsSyncDaemon::StopApplication()
{
    SetRole(Role::None);
}

void
IpvsSyncDaemon::OpenSocket()
{
    m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), ipvs::kSyncPort));
    m_socket->BindToNetDevice(m_device);
    m_socket->SetIpTtl(1);
    m_socket->SetRecvCallback(MakeCallback(&IpvsSyncDaemon::HandleRead, this));
}

void
IpvsSyncDaemon::SetRole(Role role)
{
    if (role == m_role)
    {
        return;
    }
    NS_LOG_INFO(Simulator::Now().As(Time::S)
                << " node " << GetNode()->GetId() << " sync role " << int(role));
    ipvs::IpvsEngine& engine = m_director->GetEngine();
    if (m_role == Role::Master)
    {
        // sync_thread_master drops what it has not sent.
        engine.SetSyncMaster({});
        m_poll.Cancel();
        m_wake.Cancel();
        m_buffer.clear();
        m_queued.clear();
    }
    m_role = role;
    if (role == Role::Master)
    {
        engine.SetSyncMaster([this](const ipvs::SyncEntry& e) { Queue(e); });
        m_poll = Simulator::Schedule(kPollPeriod, &IpvsSyncDaemon::Poll, this);
    }
}

void
IpvsSyncDaemon::Queue(const ipvs::SyncEntry& entry)
{
    if (m_buffer.empty())
    {
        m_bufferSince = Simulator::Now();
    }
    m_buffer.push_back(entry);
    if (m_buffer.size() < kEntriesPerMessage)
    {
        return;
    }
    m_queued.push_back(std::move(m_buffer));
    m_buffer.clear();
    // The sender thread is woken 20 ms after a first queued message, at
    // once when 8 are waiting.
    constexpr size_t kWakeNowQueued = 8;
    if (m_queued.size() >= kWakeNowQueued)
    {
        m_wake.Cancel();
        m_wake = Simulator::ScheduleNow(&IpvsSyncDaemon::SendQueued, this);
    }
    else if (!m_wake.IsRunning())
    {
        m_wake = Simulator::Schedule(kWakeUp, &IpvsSyncDaemon::SendQueued, this);
    }
}

void
IpvsSyncDaemon::Poll()
{
    SendQueued();
    if (!m_buffer.empty() && Simulator::Now() - m_bufferSince >= kFlushAge)
    {
        Send(m_buffer);
        m_buffer.clear();
    }
    m_poll = Simulator::Schedule(kPollPeriod, &IpvsSyncDaemon::Poll, this);
}

void
IpvsSyncDaemon::SendQueued()
{
    for (const auto& message : m_queued)
    {
        Send(message);
    }
    m_queued.clear();
}

void
IpvsSyncDaemon::Send(const std::vector<ipvs::SyncEntry>& entries)
{
    std::vector<uint8_t> bytes = ipvs::EncodeSyncMessage(uint8_t(m_syncId), entries);
    Ptr<Packet> packet = Create<Packet>(bytes.data(), bytes.size());
    m_socket->SendTo(packet, 0, InetSocketAddress(Ipv4Address(ipvs::kSyncGroup), ipvs::kSyncPort));
    ++m_messagesSent;
    m_entriesSent += entries.size();
}

void
IpvsSyncDaemon::HandleRead(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        if (m_role != Role::Backup ||
            InetSocketAddress::ConvertFrom(from).GetIpv4() == m_ownAddress)
        {
            continue;
        }
        std::vector<uint8_t> bytes(packet->GetSize());
        packet->CopyData(bytes.data(), bytes.size());
        auto message = ipvs::DecodeSyncMessage(bytes.data(), bytes.size());
        if (!message || (m_syncId != 0 && message->syncId != m_syncId))
        {
            continue;
        }
        for (const ipvs::SyncEntry& entry : message->entries)
        {
            m_entriesApplied +=
                m_director->GetEngine().ApplySyncEntry(entry, Simulator::Now().GetNanoSeconds());
        }
    }
}

} // namespace ns3
