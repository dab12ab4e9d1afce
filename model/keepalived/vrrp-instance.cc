#include "model/keepalived/vrrp-instance.h"

#include "ns3/arp-header.h"
#include "ns3/arp-l3-protocol.h"
#include "ns3/boolean.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-raw-socket-factory.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/mac48-address.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("VrrpInstance");
NS_OBJECT_ENSURE_REGISTERED(VrrpInstance);

namespace
{

constexpr uint8_t kVrrpProtocol = 112;
const Ipv4Address kVrrpGroup("224.0.0.18");
constexpr uint8_t kOwnerPriority = 255;

} // namespace

TypeId
VrrpInstance::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::VrrpInstance")
            .SetParent<Application>()
            .SetGroupName("Lvs")
            .AddConstructor<VrrpInstance>()
            .AddAttribute("VirtualRouterId",
                          "virtual_router_id.",
                          UintegerValue(51),
                          MakeUintegerAccessor(&VrrpInstance::m_vrid),
                          MakeUintegerChecker<uint8_t>(1))
            .AddAttribute("Priority",
                          "priority (255: the address owner, master at once).",
                          UintegerValue(100),
                          MakeUintegerAccessor(&VrrpInstance::m_priority),
                          MakeUintegerChecker<uint8_t>(1))
            .AddAttribute("AdvertInterval",
                          "advert_int.",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&VrrpInstance::m_advertInterval),
                          MakeTimeChecker(MilliSeconds(10)))
            .AddAttribute("WantMaster",
                          "state MASTER (true) or BACKUP.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&VrrpInstance::m_wantMaster),
                          MakeBooleanChecker())
            .AddAttribute("StartAsMaster",
                          "Start as the master, its election over (a run that begins in the "
                          "steady state), instead of as keepalived starts.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&VrrpInstance::m_startAsMaster),
                          MakeBooleanChecker())
            .AddAttribute("Nopreempt",
                          "nopreempt: never take over from a live master.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&VrrpInstance::m_nopreempt),
                          MakeBooleanChecker())
            .AddAttribute("PreemptDelay",
                          "preempt_delay: preempt this long after the first lower-priority "
                          "advertisement.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&VrrpInstance::m_preemptDelay),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("GarpRepeat",
                          "vrrp_garp_master_repeat: gratuitous ARPs per address and batch.",
                          UintegerValue(5),
                          MakeUintegerAccessor(&VrrpInstance::m_garpRepeat),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("GarpMasterDelay",
                          "vrrp_garp_master_delay: the second batch of gratuitous ARPs.",
                          TimeValue(Seconds(5)),
                          MakeTimeAccessor(&VrrpInstance::m_garpMasterDelay),
                          MakeTimeChecker(Seconds(0)))
            .AddTraceSource("StateChanged",
                            "The instance went from one state to another.",
                            MakeTraceSourceAccessor(&VrrpInstance::m_stateTrace),
                            "ns3::VrrpInstance::StateTracedCallback");
    return tid;
}

VrrpInstance::VrrpInstance()
{
    NS_LOG_FUNCTION(this);
}

VrrpInstance::~VrrpInstance()
{
    NS_LOG_FUNCTION(this);
}

std::string
VrrpInstance::StateName(State state)
{
    switch (state)
    {
    case State::Stopped:
        return "STOPPED";
    case State::Backup:
        return "BACKUP";
    case State::Master:
        return "MASTER";
    }
    return "";
}

void
VrrpInstance::SetInterface(Ptr<NetDevice> device, Ipv4Address ownAddress)
{
    m_device = device;
    m_ownAddress = ownAddress;
}

void
VrrpInstance::AddVirtualAddress(Ptr<NetDevice> device, Ipv4Address address, Ipv4Mask mask)
{
    m_addresses.push_back({device, Ipv4InterfaceAddress(address, mask)});
}

void
VrrpInstance::DoDispose()
{
    m_downTimer.Cancel();
    m_advertTimer.Cancel();
    m_garpTimer.Cancel();
    m_socket = nullptr;
    m_device = nullptr;
    m_addresses.clear();
    Application::DoDispose();
}

Time
VrrpInstance::Skew() const
{
    // VRRP version 2: (256 - priority) / 256 s, whatever the interval.
    return Seconds((256.0 - m_priority) / 256.0);
}

Time
VrrpInstance::StartDownTimer() const
{
    // vrrp_init_state: below 255 an instance starts as backup; a wanted
    // master waits one interval (plus the least skew) for a master.
    return m_wantMaster ? m_advertInterval + Seconds(1.0 / 256) : MasterDownInterval();
}

Time
VrrpInstance::MasterDownInterval() const
{
    return 3 * m_advertInterval + Skew();
}

void
VrrpInstance::StartApplication()
{
    m_socket = Socket::CreateSocket(GetNode(), Ipv4RawSocketFactory::GetTypeId());
    m_socket->SetAttribute("Protocol", UintegerValue(kVrrpProtocol));
    // The IP header is ours: from the Director's own address (the peer's
    // tie-breaker, whatever virtual addresses the interface holds), TTL 255.
    m_socket->SetAttribute("IpHeaderInclude", BooleanValue(true));
    m_socket->BindToNetDevice(m_device);
    m_socket->SetRecvCallback(MakeCallback(&VrrpInstance::HandleRead, this));
    if (m_wantMaster)
    {
        // keepalived clears both for state MASTER.
        m_nopreempt = false;
        m_preemptDelay = Seconds(0);
    }
    // Not the master: the virtual addresses are not here.
    SetAddresses(m_startAsMaster);
    if (m_startAsMaster)
    {
        ChangeState(State::Backup);
        BecomeMaster();
        return;
    }
    if (m_wantMaster && m_priority == kOwnerPriority)
    {
        EnterBackup(MicroSeconds(1));
        return;
    }
    EnterBackup(StartDownTimer());
}

void
VrrpInstance::StopApplication()
{
    Crash();
}

void
VrrpInstance::Crash()
{
    NS_LOG_FUNCTION(this);
    m_downTimer.Cancel();
    m_advertTimer.Cancel();
    m_garpTimer.Cancel();
    ChangeState(State::Stopped);
}

void
VrrpInstance::Restart()
{
    NS_LOG_FUNCTION(this);
    SetAddresses(false);
    m_preemptArmed = false;
    EnterBackup(StartDownTimer());
}

void
VrrpInstance::ChangeState(State to)
{
    if (to == m_state)
    {
        return;
    }
    NS_LOG_INFO(Simulator::Now().As(Time::S) << " node " << GetNode()->GetId() << " VRRP "
                                             << StateName(m_state) << " -> " << StateName(to));
    State from = m_state;
    m_state = to;
    m_stateTrace(from, to);
}

void
VrrpInstance::EnterBackup(Time downTimer)
{
    m_advertTimer.Cancel();
    m_downTimer.Cancel();
    ChangeState(State::Backup);
    m_downTimer = Simulator::Schedule(downTimer, &VrrpInstance::BecomeMaster, this);
}

void
VrrpInstance::BecomeMaster()
{
    NS_LOG_FUNCTION(this);
    m_downTimer.Cancel();
    SetAddresses(true);
    ChangeState(State::Master);
    SendGratuitousArps();
    m_garpTimer = Simulator::Schedule(m_garpMasterDelay, &VrrpInstance::SendGratuitousArps, this);
    SendAdvertisement(m_priority);
    ScheduleAdvertisement();
}

void
VrrpInstance::LeaveMaster()
{
    NS_LOG_FUNCTION(this);
    m_garpTimer.Cancel();
    SetAddresses(false); // at once (vrrp_restore_interface)
    m_preemptArmed = false;
    EnterBackup(MasterDownInterval());
}

void
VrrpInstance::ScheduleAdvertisement()
{
    m_advertTimer = Simulator::Schedule(m_advertInterval, [this]() {
        SendAdvertisement(m_priority);
        ScheduleAdvertisement();
    });
}

void
VrrpInstance::SendAdvertisement(uint8_t priority)
{
    // VRRPv2: version 2, type 1; vrid; priority; address count; no
    // authentication; advert_int in seconds; checksum; the addresses;
    // 8 bytes of authentication data.
    std::vector<uint8_t> bytes{0x21,
                               m_vrid,
                               priority,
                               uint8_t(m_addresses.size()),
                               0,
                               uint8_t(std::max<int64_t>(1, m_advertInterval.GetSeconds())),
                               0,
                               0};
    for (const auto& a : m_addresses)
    {
        uint8_t buffer[4];
        a.address.GetLocal().Serialize(buffer);
        bytes.insert(bytes.end(), buffer, buffer + 4);
    }
    bytes.resize(bytes.size() + 8, 0);
    Ptr<Packet> packet = Create<Packet>(bytes.data(), bytes.size());
    Ipv4Header ip;
    ip.SetSource(m_ownAddress);
    ip.SetDestination(kVrrpGroup);
    ip.SetProtocol(kVrrpProtocol);
    ip.SetTtl(255); // RFC 5798: a receiver drops anything else
    ip.SetTos(0xc0);
    ip.SetPayloadSize(packet->GetSize());
    packet->AddHeader(ip);
    m_socket->SendTo(packet, 0, InetSocketAddress(kVrrpGroup, 0));
}

void
VrrpInstance::HandleRead(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        Ipv4Header ip;
        packet->RemoveHeader(ip);
        uint8_t header[8];
        if (ip.GetSource() == m_ownAddress || ip.GetTtl() != 255 ||
            packet->GetSize() < sizeof(header))
        {
            continue;
        }
        packet->CopyData(header, sizeof(header));
        if (header[1] != m_vrid || m_state == State::Stopped)
        {
            continue;
        }
        OnAdvertisement(ip.GetSource(), header[2]);
    }
}

void
VrrpInstance::OnAdvertisement(Ipv4Address source, uint8_t priority)
{
    if (m_state == State::Master)
    {
        // vrrp_state_master_rx: a higher priority, or an equal one from a
        // higher address, wins; anything else gets an advertisement back.
        bool theyWin =
            priority > m_priority || (priority == m_priority && source.Get() > m_ownAddress.Get());
        if (priority != 0 && theyWin)
        {
            LeaveMaster();
            return;
        }
        SendAdvertisement(m_priority);
        if (priority != 0)
        {
            // Another master, of lower priority: refresh the neighbours'
            // ARP caches (vrrp_garp_lower_prio_repeat and _delay default
            // to the master's repeat and delay).
            SendGratuitousArps();
            m_garpTimer.Cancel();
            m_garpTimer =
                Simulator::Schedule(m_garpMasterDelay, &VrrpInstance::SendGratuitousArps, this);
        }
        return;
    }
    if (priority == 0)
    {
        // The master is leaving: take over after the skew alone.
        m_downTimer.Cancel();
        m_downTimer = Simulator::Schedule(Skew(), &VrrpInstance::BecomeMaster, this);
        return;
    }
    if (priority >= m_priority)
    {
        m_preemptArmed = false;
    }
    bool delaying = false;
    if (priority < m_priority && m_preemptDelay.IsStrictlyPositive())
    {
        // preempt_delay runs from the first lower-priority advertisement.
        if (!m_preemptArmed)
        {
            m_preemptArmed = true;
            m_preemptAt = Simulator::Now() + m_preemptDelay;
        }
        delaying = Simulator::Now() < m_preemptAt;
    }
    if (m_nopreempt || priority >= m_priority || delaying)
    {
        m_downTimer.Cancel();
        m_downTimer = Simulator::Schedule(MasterDownInterval(), &VrrpInstance::BecomeMaster, this);
    }
    // Otherwise the advertisement is discarded: the down timer runs out
    // and this instance preempts.
}

void
VrrpInstance::SetAddresses(bool present)
{
    for (const auto& a : m_addresses)
    {
        Ptr<Ipv4> ipv4 = GetNode()->GetObject<Ipv4>();
        int32_t interface = ipv4->GetInterfaceForDevice(a.device);
        NS_ABORT_MSG_IF(interface < 0, "VRRP: no IPv4 interface on the device");
        bool has = false;
        for (uint32_t i = 0; i < ipv4->GetNAddresses(interface); ++i)
        {
            has = has || ipv4->GetAddress(interface, i).GetLocal() == a.address.GetLocal();
        }
        if (present && !has)
        {
            ipv4->AddAddress(interface, a.address);
        }
        else if (!present && has)
        {
            ipv4->RemoveAddress(interface, a.address.GetLocal());
            KeepSubnetRoute(ipv4, uint32_t(interface), a.address);
        }
    }
}

void
VrrpInstance::KeepSubnetRoute(Ptr<Ipv4> ipv4, uint32_t interface, Ipv4InterfaceAddress removed)
{
    // ns-3's static routing drops the subnet's route with any address of
    // it; Linux keeps it while the interface holds another (the Director's
    // own address): tell the routing about that one again.
    for (uint32_t i = 0; i < ipv4->GetNAddresses(interface); ++i)
    {
        Ipv4InterfaceAddress left = ipv4->GetAddress(interface, i);
        if (left.GetMask() == removed.GetMask() &&
            left.GetLocal().CombineMask(left.GetMask()) ==
                removed.GetLocal().CombineMask(removed.GetMask()))
        {
            ipv4->GetRoutingProtocol()->NotifyAddAddress(interface, left);
            return;
        }
    }
}

void
VrrpInstance::SendGratuitousArps()
{
    if (m_state != State::Master)
    {
        return;
    }
    for (uint32_t repeat = 0; repeat < m_garpRepeat; ++repeat)
    {
        for (const auto& a : m_addresses)
        {
            Ipv4Address ip = a.address.GetLocal();
            ArpHeader arp;
            arp.SetRequest(a.device->GetAddress(), ip, Mac48Address::GetBroadcast(), ip);
            Ptr<Packet> packet = Create<Packet>();
            packet->AddHeader(arp);
            a.device->Send(packet, a.device->GetBroadcast(), ArpL3Protocol::PROT_NUMBER);
        }
    }
}

} // namespace ns3
