#include "model/hosts/icmp-redirect.h"

#include "ns3/icmpv4-l4-protocol.h"
#include "ns3/icmpv4.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IcmpRedirect");
NS_OBJECT_ENSURE_REGISTERED(IcmpRedirect);

TypeId
IcmpRedirect::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IcmpRedirect")
                            .SetParent<Header>()
                            .SetGroupName("Lvs")
                            .AddConstructor<IcmpRedirect>();
    return tid;
}

TypeId
IcmpRedirect::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
IcmpRedirect::Print(std::ostream& os) const
{
    os << "redirect to gateway " << m_gateway << " for " << m_quoted.GetDestination();
}

uint32_t
IcmpRedirect::GetSerializedSize() const
{
    return 4 + m_quoted.GetSerializedSize() + 8;
}

void
IcmpRedirect::Serialize(Buffer::Iterator start) const
{
    start.WriteHtonU32(m_gateway.Get());
    uint32_t size = m_quoted.GetSerializedSize();
    m_quoted.Serialize(start);
    start.Next(size);
    start.Write(m_data, 8);
}

uint32_t
IcmpRedirect::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    m_gateway = Ipv4Address(i.ReadNtohU32());
    uint32_t read = m_quoted.Deserialize(i);
    i.Next(read);
    i.Read(m_data, 8);
    return i.GetDistanceFrom(start);
}

void
IcmpRedirect::SetGateway(Ipv4Address gateway)
{
    m_gateway = gateway;
}

Ipv4Address
IcmpRedirect::GetGateway() const
{
    return m_gateway;
}

void
IcmpRedirect::SetQuoted(const Ipv4Header& header, Ptr<const Packet> payload)
{
    m_quoted = header;
    std::fill(m_data, m_data + 8, 0);
    payload->CopyData(m_data, 8);
}

const Ipv4Header&
IcmpRedirect::GetQuotedHeader() const
{
    return m_quoted;
}

uint32_t
IcmpRedirect::GetQuotedTcpSequence() const
{
    return uint32_t(m_data[4]) << 24 | uint32_t(m_data[5]) << 16 | uint32_t(m_data[6]) << 8 |
           uint32_t(m_data[7]);
}

bool
RedirectRateLimit::Allow(Ipv4Address host, Time now)
{
    // ip_rt_redirect_load (HZ/50), ip_rt_redirect_number and
    // ip_rt_redirect_silence ((HZ/50) << (number + 1)).
    const int64_t loadMs = 20;
    const uint32_t number = 9;
    const Time silence = MilliSeconds(loadMs << (number + 1));
    Peer& peer = m_peers[host];
    if (now > peer.rateLast + silence)
    {
        peer.redirects = 0;
    }
    if (peer.redirects >= number)
    {
        peer.rateLast = now; // ignored for too long: keep quiet
        return false;
    }
    if (peer.redirects == 0 || now > peer.rateLast + MilliSeconds(loadMs << peer.redirects))
    {
        peer.rateLast = now;
        ++peer.redirects;
        return true;
    }
    return false;
}

void
SendIcmpRedirect(Ptr<Ipv4> ipv4,
                 Ipv4Address source,
                 const Ipv4Header& header,
                 Ptr<const Packet> payload,
                 Ipv4Address gateway)
{
    NS_LOG_LOGIC("redirect " << header.GetSource() << ": for " << header.GetDestination() << " use "
                             << gateway);
    IcmpRedirect redirect;
    redirect.SetGateway(gateway);
    redirect.SetQuoted(header, payload);
    Ptr<Packet> packet = Create<Packet>();
    packet->AddHeader(redirect);
    Icmpv4Header icmp;
    icmp.SetType(IcmpRedirect::kType);
    icmp.SetCode(IcmpRedirect::kCodeHost);
    if (Node::ChecksumEnabled())
    {
        icmp.EnableChecksum();
    }
    packet->AddHeader(icmp);
    ipv4->Send(packet, source, header.GetSource(), Icmpv4L4Protocol::PROT_NUMBER, nullptr);
}

} // namespace ns3
