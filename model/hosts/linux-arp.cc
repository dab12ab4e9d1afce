#include "model/hosts/linux-arp.h"

#include "model/hosts/arp-announce-queue-disc.h"

#include "ns3/arp-l3-protocol.h"
#include "ns3/arp-queue-disc-item.h"
#include "ns3/boolean.h"
#include "ns3/ipv4-interface.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/traffic-control-layer.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("LinuxArp");
NS_OBJECT_ENSURE_REGISTERED(LinuxArp);

TypeId
LinuxArp::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::LinuxArp")
            .SetParent<Object>()
            .SetGroupName("Lvs")
            .AddConstructor<LinuxArp>()
            .AddAttribute("ArpIgnore",
                          "net.ipv4.conf.all.arp_ignore: 0 answers a request for any local "
                          "address, 1 only for the receiving interface's addresses",
                          UintegerValue(0),
                          MakeUintegerAccessor(&LinuxArp::m_arpIgnore),
                          MakeUintegerChecker<uint32_t>(0, 1))
            .AddAttribute("ArpAnnounce",
                          "net.ipv4.conf.all.arp_announce: the sender address of the node's "
                          "requests is 0 the waiting packet's source, 1 that source when it is "
                          "on the target's subnet, 2 the outgoing interface's address",
                          UintegerValue(0),
                          MakeUintegerAccessor(&LinuxArp::m_arpAnnounce),
                          MakeUintegerChecker<uint32_t>(0, 2))
            .AddAttribute("LockTime",
                          "neigh locktime: an entry younger than this keeps its MAC against "
                          "another sender's (the first of several replies wins)",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&LinuxArp::m_lockTime),
                          MakeTimeChecker())
            .AddTraceSource("Learned",
                            "An ARP entry was made, resolved or changed its MAC",
                            MakeTraceSourceAccessor(&LinuxArp::m_learnedTrace),
                            "ns3::LinuxArp::LearnedCallback");
    return tid;
}

Ptr<LinuxArp>
LinuxArp::Install(Ptr<Node> node, uint32_t arpIgnore, uint32_t arpAnnounce)
{
    Ptr<LinuxArp> arp = CreateObjectWithAttributes<LinuxArp>("ArpIgnore",
                                                             UintegerValue(arpIgnore),
                                                             "ArpAnnounce",
                                                             UintegerValue(arpAnnounce));
    arp->m_node = PeekPointer(node);
    arp->m_ipv4 = PeekPointer(node->GetObject<Ipv4L3Protocol>());
    NS_ASSERT_MSG(arp->m_ipv4, "LinuxArp needs the node's IPv4 stack");
    node->AggregateObject(arp);
    if (arp->Announces())
    {
        // Only the announce queue disc reads the sources: other hosts pay
        // nothing per packet.
        arp->m_ipv4->TraceConnectWithoutContext(
            "SendOutgoing",
            MakeCallback(&LinuxArp::NoteSource, PeekPointer(arp)));
    }
    for (uint32_t i = 0; i < node->GetNDevices(); ++i)
    {
        Ptr<NetDevice> device = node->GetDevice(i);
        if (device->IsBroadcast() && arp->CacheOf(device))
        {
            arp->Hook(device);
        }
    }
    return arp;
}

void
LinuxArp::Hook(Ptr<NetDevice> device)
{
    // Registered after ns-3's ArpL3Protocol, so it sees each packet after
    // ns-3 has answered it and resolved its own pending entries.
    m_node->RegisterProtocolHandler(MakeCallback(&LinuxArp::Receive, this),
                                    ArpL3Protocol::PROT_NUMBER,
                                    device);
    if (Announces())
    {
        // A host with one address announces it whatever the sysctl says:
        // only a second one (a VIP) can make arp_announce matter, so only
        // such a host gets the queue disc (a 1000-packet FIFO, as Linux's
        // default qdisc, in front of the device's own queue).
        Ptr<ArpAnnounceQueueDisc> announcer = CreateObject<ArpAnnounceQueueDisc>();
        announcer->SetAnnouncer(this, device);
        m_node->GetObject<TrafficControlLayer>()->SetRootQueueDiscOnDevice(device, announcer);
    }
}

bool
LinuxArp::Announces() const
{
    return m_arpAnnounce < 2 && HoldsSeveralAddresses();
}

bool
LinuxArp::HoldsSeveralAddresses() const
{
    uint32_t addresses = 0;
    for (uint32_t i = 0; i < m_ipv4->GetNInterfaces(); ++i)
    {
        for (uint32_t j = 0; j < m_ipv4->GetNAddresses(i); ++j)
        {
            addresses += IsLocal(m_ipv4->GetAddress(i, j).GetLocal());
        }
    }
    return addresses > 1;
}

void
LinuxArp::DoDispose()
{
    m_node = nullptr;
    m_ipv4 = nullptr;
    m_seen.clear();
    m_solicited.clear();
    Object::DoDispose();
}

Ptr<ArpCache>
LinuxArp::CacheOf(Ptr<NetDevice> device) const
{
    int32_t interface = m_ipv4->GetInterfaceForDevice(device);
    return interface < 0 ? nullptr : m_ipv4->GetInterface(interface)->GetArpCache();
}

bool
LinuxArp::IsLocal(Ipv4Address address) const
{
    // Linux never answers for 127/8 (arp_process drops loopback targets).
    bool loopbackNet = (address.Get() >> 24) == 127;
    return !loopbackNet && m_ipv4->GetInterfaceForAddress(address) >= 0;
}

void
LinuxArp::NoteSource(const Ipv4Header& header, Ptr<const Packet>, uint32_t interface)
{
    m_lastSource[interface] = header.GetSource();
}

Ipv4Address
LinuxArp::AnnouncedSender(Ptr<NetDevice> device, const ArpHeader& request) const
{
    Ipv4Address chosen = request.GetSourceIpv4Address(); // ns-3's: arp_announce=2
    int32_t interface = m_ipv4->GetInterfaceForDevice(device);
    auto last = m_lastSource.find(uint32_t(interface));
    if (m_arpAnnounce >= 2 || interface < 0 || last == m_lastSource.end() || !IsLocal(last->second))
    {
        return chosen;
    }
    Ipv4Address source = last->second;
    if (m_arpAnnounce == 0)
    {
        return source;
    }
    // arp_announce=1: the source only if one of the interface's subnets
    // holds both it and the target (inet_addr_onlink).
    Ipv4Address target = request.GetDestinationIpv4Address();
    for (uint32_t i = 0; i < m_ipv4->GetNAddresses(interface); ++i)
    {
        Ipv4InterfaceAddress a = m_ipv4->GetAddress(interface, i);
        Ipv4Mask mask = a.GetMask();
        if (mask.IsMatch(a.GetLocal(), target) && mask.IsMatch(a.GetLocal(), source))
        {
            return source;
        }
    }
    return chosen;
}

void
LinuxArp::Receive(Ptr<NetDevice> device,
                  Ptr<const Packet> packet,
                  uint16_t,
                  const Address&,
                  const Address&,
                  NetDevice::PacketType)
{
    Ptr<ArpCache> cache = CacheOf(device);
    ArpHeader arp;
    Ptr<Packet> copy = packet->Copy();
    if (!cache || copy->RemoveHeader(arp) == 0 ||
        arp.GetSourceIpv4Address() == Ipv4Address::GetAny())
    {
        return; // duplicate-address probes announce no one
    }
    Ipv4Address target = arp.GetDestinationIpv4Address();
    if (arp.IsRequest() && IsLocal(target))
    {
        bool onThisInterface =
            m_ipv4->GetInterfaceForAddress(target) == m_ipv4->GetInterfaceForDevice(device);
        if (!onThisInterface && m_arpIgnore >= 1)
        {
            return; // not answered, and then Linux learns nothing from it either
        }
        if (!onThisInterface)
        {
            AnswerForAnotherInterface(device, arp);
        }
        // neigh_event_ns: the sender of a request to us is learned, always.
        Learn(device, cache, arp, true, true, "request");
        return;
    }
    bool gratuitous = arp.GetSourceIpv4Address() == target;
    bool solicited = arp.IsReply() && m_solicited.erase(std::make_pair(PeekPointer(cache),
                                                                       arp.GetSourceIpv4Address()));
    Learn(device,
          cache,
          arp,
          solicited,
          gratuitous,
          gratuitous ? "gratuitous" : (arp.IsRequest() ? "request" : "reply"));
}

bool
LinuxArp::Knows(Ptr<NetDevice> device, Ipv4Address ip) const
{
    Ptr<ArpCache> cache = CacheOf(device);
    ArpCache::Entry* entry = cache ? cache->Lookup(ip) : nullptr;
    return entry && (entry->IsAlive() || entry->IsPermanent()) && !entry->IsExpired();
}

void
LinuxArp::Solicit(Ptr<NetDevice> device, Ipv4Address ip)
{
    Ptr<ArpCache> cache = CacheOf(device);
    if (!cache || !m_solicited.emplace(PeekPointer(cache), ip).second)
    {
        return; // already asked
    }
    ArpHeader request;
    request.SetRequest(device->GetAddress(),
                       m_ipv4->SelectSourceAddress(device, ip, Ipv4InterfaceAddress::GLOBAL),
                       device->GetBroadcast(),
                       ip);
    m_node->GetObject<TrafficControlLayer>()->Send(
        device,
        Create<ArpQueueDiscItem>(Create<Packet>(),
                                 device->GetBroadcast(),
                                 ArpL3Protocol::PROT_NUMBER,
                                 request));
}

void
LinuxArp::AnswerForAnotherInterface(Ptr<NetDevice> device, const ArpHeader& request)
{
    NS_LOG_LOGIC("node " << m_node->GetId() << " answers for "
                         << request.GetDestinationIpv4Address() << " held on another interface");
    ArpHeader reply;
    reply.SetReply(device->GetAddress(),
                   request.GetDestinationIpv4Address(),
                   request.GetSourceHardwareAddress(),
                   request.GetSourceIpv4Address());
    m_node->GetObject<TrafficControlLayer>()->Send(
        device,
        Create<ArpQueueDiscItem>(Create<Packet>(),
                                 request.GetSourceHardwareAddress(),
                                 ArpL3Protocol::PROT_NUMBER,
                                 reply));
}

void
LinuxArp::Learn(Ptr<NetDevice> device,
                Ptr<ArpCache> cache,
                const ArpHeader& arp,
                bool create,
                bool override,
                const std::string& how)
{
    Ipv4Address ip = arp.GetSourceIpv4Address();
    Address mac = arp.GetSourceHardwareAddress();
    auto key = std::make_pair(PeekPointer(cache), ip);
    Time now = Simulator::Now();
    ArpCache::Entry* entry = cache->Lookup(ip);
    if (!entry)
    {
        if (!create)
        {
            return; // arp_accept=0: no entry from an unsolicited packet
        }
        entry = cache->Add(ip); // a new entry is alive
        entry->SetMacAddress(mac);
        entry->UpdateSeen();
    }
    else if (entry->IsWaitReply())
    {
        ResolveWaitingEntry(cache, entry, ip, mac);
    }
    else if (!entry->IsAlive())
    {
        return; // dead entries wait for the next lookup; permanent ones stay
    }
    else if (entry->GetMacAddress() == mac)
    {
        // Already named: ns-3 resolved it from this very reply, or nothing
        // changed.  A reply that resolved it starts the lock time, as the
        // first sight does; a MAC ns-3 changed is news.
        auto seen = m_seen.find(key);
        bool news = seen == m_seen.end() || seen->second.mac != mac;
        if (news || arp.IsReply())
        {
            m_seen[key] = {mac, now};
        }
        if (news)
        {
            m_learnedTrace(device, ip, mac, how);
        }
        return;
    }
    else
    {
        auto seen = m_seen.find(key);
        bool locked = seen != m_seen.end() && now - seen->second.updated < m_lockTime;
        if (locked && !override)
        {
            return;
        }
        entry->SetMacAddress(mac);
        entry->UpdateSeen();
    }
    m_seen[key] = {mac, now};
    NS_LOG_LOGIC("node " << m_node->GetId() << " learns " << ip << " is-at " << mac << " from a "
                         << how);
    m_learnedTrace(device, ip, mac, how);
}

void
LinuxArp::ResolveWaitingEntry(Ptr<ArpCache> cache,
                              ArpCache::Entry* entry,
                              Ipv4Address ip,
                              const Address& mac)
{
    // What ns-3 does for a reply to its own address; Linux does it for any
    // ARP packet from the awaited host, the reply to a request it sent from
    // an address on another interface included.
    entry->MarkAlive(mac);
    ArpCache::Ipv4PayloadHeaderPair pending = entry->DequeuePending();
    while (pending.first)
    {
        cache->GetInterface()->Send(pending.first, pending.second, ip);
        pending = entry->DequeuePending();
    }
}

} // namespace ns3
