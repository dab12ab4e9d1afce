#include "model/ipvs-director.h"

#include "model/forwarding/dr-forwarder.h"
#include "model/forwarding/nat-forwarder.h"
#include "model/forwarding/tun-forwarder.h"

#include "ns3/boolean.h"
#include "ns3/icmpv4-l4-protocol.h"
#include "ns3/ipv4-list-routing.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-l4-protocol.h"
#include "ns3/udp-header.h"
#include "ns3/udp-l4-protocol.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpvsDirector");
NS_OBJECT_ENSURE_REGISTERED(IpvsDirector);

namespace
{

/// ip_vs_in accepts what matches no service, and a TCP segment that may
/// not open an entry: the Director's own stack gets them.
bool
IsForTheLocalStack(ipvs::DropReason reason)
{
    return reason == ipvs::DropReason::NoService || reason == ipvs::DropReason::NoEntry;
}

} // namespace

TypeId
IpvsDirector::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::IpvsDirector")
            .SetParent<Ipv4RoutingProtocol>()
            .SetGroupName("Lvs")
            .AddConstructor<IpvsDirector>()
            .AddAttribute("ExpiryInterval",
                          "How often idle connection entries are expired between packets "
                          "(packets themselves always see an up-to-date table).",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&IpvsDirector::m_expiryInterval),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("Cpu",
                          "The Director's processing model (off while every cost is zero).",
                          PointerValue(),
                          MakePointerAccessor(&IpvsDirector::m_cpu),
                          MakePointerChecker<DirectorCpu>())
            .AddAttribute("SendRedirects",
                          "net.ipv4.conf.all.send_redirects: redirect the sender of a packet "
                          "forwarded out of the interface it came in on (Linux's default).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&IpvsDirector::m_sendRedirects),
                          MakeBooleanChecker())
            .AddTraceSource("Drop",
                            "A packet the Director dropped, with the reason.",
                            MakeTraceSourceAccessor(&IpvsDirector::m_dropTrace),
                            "ns3::IpvsDirector::DropTracedCallback")
            .AddTraceSource("NewConnection",
                            "A connection entry was created by scheduling.",
                            MakeTraceSourceAccessor(&IpvsDirector::m_newConnectionTrace),
                            "ns3::IpvsDirector::ConnectionTracedCallback");
    return tid;
}

IpvsDirector::Ns3RandomSource::Ns3RandomSource()
    : m_variable(CreateObject<UniformRandomVariable>())
{
}

uint32_t
IpvsDirector::Ns3RandomSource::UniformInclusive(uint32_t maxInclusive)
{
    return m_variable->GetInteger(0, maxInclusive);
}

IpvsDirector::IpvsDirector()
    : m_cpu(CreateObject<DirectorCpu>())
{
    NS_LOG_FUNCTION(this);
    m_engine.SetRandomSource(&m_random);
    m_forwarders[size_t(ipvs::ForwardMethod::Masq)] = std::make_unique<NatForwarder>();
    m_forwarders[size_t(ipvs::ForwardMethod::DirectRoute)] = std::make_unique<DrForwarder>();
    m_forwarders[size_t(ipvs::ForwardMethod::Tunnel)] = std::make_unique<TunForwarder>();
}

IpvsDirector::~IpvsDirector()
{
    NS_LOG_FUNCTION(this);
}

void
IpvsDirector::DoInitialize()
{
    NS_LOG_FUNCTION(this);
    m_expiryEvent = Simulator::Schedule(m_expiryInterval, &IpvsDirector::ExpireConnections, this);
    Ipv4RoutingProtocol::DoInitialize();
}

void
IpvsDirector::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_expiryEvent.Cancel();
    if (m_inner)
    {
        m_inner->Dispose();
    }
    m_inner = nullptr;
    m_ipv4 = nullptr;
    if (m_cpu)
    {
        m_cpu->Dispose();
    }
    m_cpu = nullptr;
    Ipv4RoutingProtocol::DoDispose();
}

void
IpvsDirector::SetInnerRouting(Ptr<Ipv4RoutingProtocol> inner)
{
    NS_LOG_FUNCTION(this << inner);
    m_inner = inner;
    if (m_ipv4)
    {
        m_inner->SetIpv4(m_ipv4);
    }
}

Ptr<Ipv4RoutingProtocol>
IpvsDirector::GetInnerRouting() const
{
    return m_inner;
}

Ptr<Ipv4StaticRouting>
IpvsDirector::GetStaticRouting() const
{
    NS_LOG_FUNCTION(this);
    if (auto staticRouting = DynamicCast<Ipv4StaticRouting>(m_inner))
    {
        return staticRouting;
    }
    auto list = DynamicCast<Ipv4ListRouting>(m_inner);
    for (uint32_t i = 0; list && i < list->GetNRoutingProtocols(); ++i)
    {
        int16_t priority;
        if (auto s = DynamicCast<Ipv4StaticRouting>(list->GetRoutingProtocol(i, priority)))
        {
            return s;
        }
    }
    return nullptr;
}

void
IpvsDirector::AddFwmarkRule(const FwmarkRule& rule)
{
    m_fwmarkRules.push_back(rule);
}

uint32_t
IpvsDirector::Classify(const ipvs::PacketInfo& packet) const
{
    for (const FwmarkRule& rule : m_fwmarkRules)
    {
        if (rule.protocol == packet.protocol && rule.addr.Get() == packet.daddr &&
            rule.port == packet.dport)
        {
            return rule.mark;
        }
    }
    return 0;
}

ipvs::IpvsEngine&
IpvsDirector::GetEngine()
{
    return m_engine;
}

const ipvs::IpvsEngine&
IpvsDirector::GetEngine() const
{
    return m_engine;
}

int64_t
IpvsDirector::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    m_random.m_variable->SetStream(stream);
    return 1;
}

std::map<std::string, uint64_t>
IpvsDirector::GetDropCounts() const
{
    return m_drops;
}

uint64_t
IpvsDirector::GetDropCount(ipvs::DropReason reason) const
{
    auto it = m_drops.find(ipvs::DropReasonName(reason));
    return it != m_drops.end() ? it->second : 0;
}

ipvs::Time
IpvsDirector::Now() const
{
    return Simulator::Now().GetNanoSeconds();
}

void
IpvsDirector::ExpireConnections()
{
    m_engine.AdvanceTo(Now());
    m_expiryEvent = Simulator::Schedule(m_expiryInterval, &IpvsDirector::ExpireConnections, this);
}

std::optional<ipvs::PacketInfo>
IpvsDirector::ReadPacket(Ptr<const Packet> p, const Ipv4Header& header) const
{
    if (header.GetFragmentOffset() != 0)
    {
        return std::nullopt;
    }
    ipvs::PacketInfo info;
    info.saddr = FromNs3Address(header.GetSource());
    info.daddr = FromNs3Address(header.GetDestination());
    info.ipLength = header.GetPayloadSize() + header.GetSerializedSize();
    // Only ports and flags matter here, read straight from the bytes as
    // the kernel reads them: a full TcpHeader would also build an object
    // for every TCP option, on every packet.
    uint8_t l4[14];
    bool tcp = header.GetProtocol() == TcpL4Protocol::PROT_NUMBER;
    bool udp = header.GetProtocol() == UdpL4Protocol::PROT_NUMBER;
    uint32_t needed = tcp ? 14 : 4;
    if (!(tcp || udp) || p->CopyData(l4, needed) < needed)
    {
        return std::nullopt;
    }
    info.protocol = tcp ? ipvs::Protocol::Tcp : ipvs::Protocol::Udp;
    info.sport = uint16_t(l4[0] << 8 | l4[1]);
    info.dport = uint16_t(l4[2] << 8 | l4[3]);
    if (tcp)
    {
        uint8_t flags = l4[13];
        info.tcp.syn = flags & TcpHeader::SYN;
        info.tcp.ack = flags & TcpHeader::ACK;
        info.tcp.fin = flags & TcpHeader::FIN;
        info.tcp.rst = flags & TcpHeader::RST;
    }
    return info;
}

namespace
{

/// A hash of the packet's addresses and ports that is the same in both
/// directions, so both directions of a flow share a CPU.
uint32_t
FlowHash(const Ipv4Header& header, const std::optional<ipvs::PacketInfo>& info)
{
    uint64_t a = header.GetSource().Get();
    uint64_t b = header.GetDestination().Get();
    if (info)
    {
        a = a << 16 | info->sport;
        b = b << 16 | info->dport;
    }
    uint64_t h = (std::min(a, b) * 0x9E3779B97F4A7C15ULL) ^ (std::max(a, b) + header.GetProtocol());
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 32;
    return uint32_t(h);
}

} // namespace

template <typename Action>
void
IpvsDirector::RunOnCpu(uint32_t cpu,
                       CpuWork work,
                       Ptr<const Packet> p,
                       const Ipv4Header& header,
                       Action&& action)
{
    if (m_cpu->IsOff())
    {
        action();
        return;
    }
    m_cpu->Submit(cpu,
                  work,
                  header.GetSerializedSize() + p->GetSize(),
                  std::function<void()>(std::forward<Action>(action)));
}

bool
IpvsDirector::RouteInput(Ptr<const Packet> p,
                         const Ipv4Header& header,
                         Ptr<const NetDevice> idev,
                         UnicastForwardCallback ucb,
                         MulticastForwardCallback mcb,
                         LocalDeliverCallback lcb,
                         ErrorCallback ecb)
{
    NS_LOG_FUNCTION(this << p << header << idev);
    auto info = ReadPacket(p, header);
    bool costsCpu = !m_cpu->IsOff();
    uint32_t cpu = costsCpu ? m_cpu->CpuOf(FlowHash(header, info)) : 0;
    if (costsCpu && !m_cpu->HasRoom(cpu))
    {
        // The input queue overflows before IPVS sees the packet.
        Drop(p, header, ipvs::DropReason::CpuQueueFull);
        return true;
    }
    int32_t iif = m_ipv4->GetInterfaceForDevice(idev);
    bool local = m_ipv4->IsDestinationAddress(header.GetDestination(), iif);
    if (!local)
    {
        RedirectIfSameLink(p, header, iif); // ip_forward: before the FORWARD hook
    }
    if (info)
    {
        m_engine.AdvanceTo(Now());
        // LOCAL_IN: a packet for one of the Director's own addresses (the VIP).
        if (local)
        {
            info->fwmark = Classify(*info); // the mangle table runs first
            if (HandleInbound(p, header, *info, ucb, cpu))
            {
                return true;
            }
            // Not IPVS's: the Director's own stack takes it below.
        }
        // FORWARD: perhaps a real server's NAT reply.
        else if (HandleOutbound(p, header, *info, ucb, cpu))
        {
            return true;
        }
    }
    if (!costsCpu)
    {
        return m_inner->RouteInput(p, header, idev, ucb, mcb, lcb, ecb);
    }
    // Routed or delivered by the inner routing once the CPU gets to it.
    RunOnCpu(cpu, local ? CpuWork::Local : CpuWork::Forward, p, header, [=]() {
        if (!m_inner->RouteInput(p, header, idev, ucb, mcb, lcb, ecb))
        {
            Drop(p, header, ipvs::DropReason::NoRoute);
        }
    });
    return true;
}

bool
IpvsDirector::HandleInbound(Ptr<const Packet> p,
                            const Ipv4Header& header,
                            const ipvs::PacketInfo& info,
                            const UnicastForwardCallback& ucb,
                            uint32_t cpu)
{
    ipvs::InboundDecision decision = m_engine.ProcessInbound(info, Now());
    if (!decision.forward && IsForTheLocalStack(decision.reason))
    {
        // ip_vs_in returns NF_ACCEPT: the Director's own sockets get the
        // packet (a health check's answers), and with no socket its stack
        // answers as Linux does, TCP with a reset, UDP with port unreachable.
        NS_LOG_LOGIC("to the local stack " << header << ": "
                                           << ipvs::DropReasonName(decision.reason));
        return false;
    }
    if (!decision.forward)
    {
        if (decision.reason == ipvs::DropReason::NoDestination)
        {
            // ip_vs_leave: a service without an available server answers
            // ICMP port unreachable, for TCP and UDP alike.
            if (auto icmp = m_ipv4->GetObject<Icmpv4L4Protocol>())
            {
                icmp->SendDestUnreachPort(header, p);
            }
        }
        Drop(p, header, decision.reason);
        return true;
    }
    if (decision.target.created)
    {
        m_newConnectionTrace(decision.target);
    }
    ForwardedPacket forwarded =
        ForwarderFor(decision.target.method).Inbound(p, header, decision.target);
    RunOnCpu(cpu, CpuWork::Forward, p, header, [=]() { Transmit(forwarded, p, header, ucb); });
    return true;
}

bool
IpvsDirector::HandleOutbound(Ptr<const Packet> p,
                             const Ipv4Header& header,
                             const ipvs::PacketInfo& info,
                             const UnicastForwardCallback& ucb,
                             uint32_t cpu)
{
    ipvs::OutboundDecision decision = m_engine.ProcessOutbound(info, Now());
    if (!decision.matched)
    {
        return false;
    }
    ForwardedPacket forwarded =
        ForwarderFor(decision.target.method).Outbound(p, header, decision.target);
    RunOnCpu(cpu, CpuWork::Reply, p, header, [=]() { Transmit(forwarded, p, header, ucb); });
    return true;
}

const IpvsForwarder&
IpvsDirector::ForwarderFor(ipvs::ForwardMethod method) const
{
    const auto& forwarder = m_forwarders[size_t(method)];
    NS_ABORT_MSG_IF(!forwarder,
                    "forwarding method " << ipvs::ForwardMethodName(method)
                                         << " is not supported by this Director");
    return *forwarder;
}

Ptr<Ipv4Route>
IpvsDirector::LookupRoute(const ForwardedPacket& packet)
{
    Ipv4Header lookup = packet.header;
    lookup.SetDestination(packet.routeTo);
    Socket::SocketErrno error;
    Ptr<Ipv4Route> route = m_inner->RouteOutput(nullptr, lookup, nullptr, error);
    if (route && packet.routeToIsGateway)
    {
        route->SetGateway(packet.routeTo);
    }
    return route;
}

void
IpvsDirector::RedirectIfSameLink(Ptr<const Packet> p, const Ipv4Header& header, int32_t iif)
{
    if (!m_sendRedirects || iif < 0 || header.GetTtl() <= 1 ||
        header.GetDestination().IsBroadcast() || header.GetDestination().IsMulticast())
    {
        return; // a packet out of TTL earns a time-exceeded instead
    }
    // The sender must be on the link (fib_validate_source); the redirect
    // comes from the Director's address on the sender's subnet.
    std::optional<Ipv4Address> own;
    for (uint32_t i = 0; i < m_ipv4->GetNAddresses(iif) && !own; ++i)
    {
        Ipv4InterfaceAddress a = m_ipv4->GetAddress(iif, i);
        if (a.GetMask().IsMatch(a.GetLocal(), header.GetSource()))
        {
            own = a.GetLocal();
        }
    }
    if (!own)
    {
        return;
    }
    Socket::SocketErrno error;
    Ptr<Ipv4Route> route = m_inner->RouteOutput(nullptr, header, nullptr, error);
    if (!route || m_ipv4->GetInterfaceForDevice(route->GetOutputDevice()) != iif ||
        !m_redirectLimit.Allow(header.GetSource(), Simulator::Now()))
    {
        return;
    }
    Ipv4Address gateway = route->GetGateway() == Ipv4Address::GetZero() ? header.GetDestination()
                                                                        : route->GetGateway();
    SendIcmpRedirect(m_ipv4, *own, header, p, gateway);
    ++m_redirectsSent;
}

void
IpvsDirector::Transmit(ForwardedPacket packet,
                       Ptr<const Packet> original,
                       const Ipv4Header& originalHeader,
                       const UnicastForwardCallback& ucb)
{
    Ptr<Ipv4Route> route = LookupRoute(packet);
    if (!route)
    {
        Drop(packet.segment, packet.header, ipvs::DropReason::NoRoute);
        return;
    }
    if (packet.sourceFromRoute)
    {
        packet.header.SetSource(route->GetSource());
    }
    if (!FitsPathMtu(packet, route, original, originalHeader))
    {
        return;
    }
    // The IP layer's forwarding step decrements the TTL and recomputes the
    // IP checksum, as the kernel does for every IPVS transmit.
    ucb(route, packet.segment, packet.header);
}

bool
IpvsDirector::FitsPathMtu(const ForwardedPacket& packet,
                          Ptr<Ipv4Route> route,
                          Ptr<const Packet> original,
                          const Ipv4Header& originalHeader)
{
    if (packet.encapsulationBytes == 0 || !packet.dontFragment)
    {
        return true; // without DF the IP layer fragments the outer packet
    }
    uint32_t mtu = route->GetOutputDevice()->GetMtu();
    uint32_t usable = mtu - packet.encapsulationBytes;
    uint32_t length = originalHeader.GetSerializedSize() + original->GetSize();
    if (length <= usable)
    {
        return true;
    }
    // ICMP fragmentation needed towards the client, with the tunnel's MTU.
    if (auto icmp = m_ipv4->GetObject<Icmpv4L4Protocol>())
    {
        icmp->SendDestUnreachFragNeeded(originalHeader, original, uint16_t(usable));
    }
    Drop(original, originalHeader, ipvs::DropReason::FragmentationNeeded);
    return false;
}

void
IpvsDirector::Drop(Ptr<const Packet> p, const Ipv4Header& header, ipvs::DropReason reason)
{
    NS_LOG_LOGIC("drop " << header << ": " << ipvs::DropReasonName(reason));
    ++m_drops[ipvs::DropReasonName(reason)];
    m_dropTrace(p, header, reason);
}

Ptr<Ipv4Route>
IpvsDirector::RouteOutput(Ptr<Packet> p,
                          const Ipv4Header& header,
                          Ptr<NetDevice> oif,
                          Socket::SocketErrno& sockerr)
{
    return m_inner->RouteOutput(p, header, oif, sockerr);
}

void
IpvsDirector::NotifyInterfaceUp(uint32_t interface)
{
    m_inner->NotifyInterfaceUp(interface);
}

void
IpvsDirector::NotifyInterfaceDown(uint32_t interface)
{
    m_inner->NotifyInterfaceDown(interface);
}

void
IpvsDirector::NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address)
{
    m_inner->NotifyAddAddress(interface, address);
}

void
IpvsDirector::NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address)
{
    m_inner->NotifyRemoveAddress(interface, address);
}

void
IpvsDirector::SetIpv4(Ptr<Ipv4> ipv4)
{
    NS_LOG_FUNCTION(this << ipv4);
    m_ipv4 = ipv4;
    if (m_inner)
    {
        m_inner->SetIpv4(ipv4);
    }
}

void
IpvsDirector::PrintRoutingTable(Ptr<OutputStreamWrapper> stream, Time::Unit unit) const
{
    m_inner->PrintRoutingTable(stream, unit);
}

} // namespace ns3
