#include "model/forwarding/tun-forwarder.h"

#include "model/hosts/ipip-decapsulation.h"

#include "ns3/log.h"
#include "ns3/node.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TunForwarder");

namespace
{

constexpr uint8_t kEcnMask = 0x03;
constexpr uint8_t kEcnCe = 0x03;
constexpr uint8_t kEcnEct0 = 0x02;

} // namespace

ForwardedPacket
TunForwarder::Inbound(Ptr<const Packet> segment,
                      const Ipv4Header& header,
                      const ipvs::ForwardTarget& target) const
{
    NS_LOG_FUNCTION(this << segment << header);
    // The inner packet carries the Director's TTL decrement; the IP layer
    // will decrement the outer TTL when it forwards, so the outer header
    // starts one higher and leaves equal to the inner one.
    Ipv4Header inner = header;
    inner.SetTtl(header.GetTtl() - 1);
    if (Node::ChecksumEnabled())
    {
        inner.EnableChecksum();
    }
    Ptr<Packet> encapsulated = segment->Copy();
    encapsulated->AddHeader(inner);

    Ipv4Header outer;
    outer.SetDestination(ToNs3Address(target.daddr));
    outer.SetProtocol(IpIpDecapsulation::PROT_NUMBER);
    outer.SetTtl(header.GetTtl());
    uint8_t tos = header.GetTos();
    if ((tos & kEcnMask) == kEcnCe)
    {
        tos = (tos & ~kEcnMask) | kEcnEct0;
    }
    outer.SetTos(tos);
    if (header.IsDontFragment())
    {
        outer.SetDontFragment();
    }
    else
    {
        outer.SetMayFragment();
    }
    outer.SetIdentification(0);
    outer.SetPayloadSize(encapsulated->GetSize());
    if (Node::ChecksumEnabled())
    {
        outer.EnableChecksum(); // the IP layer serialises it when it forwards
    }

    ForwardedPacket out;
    out.segment = encapsulated;
    out.header = outer;
    out.routeTo = ToNs3Address(target.daddr);
    out.sourceFromRoute = true;
    out.encapsulationBytes = kIpIpOverheadBytes;
    out.dontFragment = header.IsDontFragment();
    return out;
}

} // namespace ns3
