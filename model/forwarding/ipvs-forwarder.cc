#include "model/forwarding/ipvs-forwarder.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpvsForwarder");

ForwardedPacket
IpvsForwarder::Outbound(Ptr<const Packet> segment,
                        const Ipv4Header& header,
                        const ipvs::ForwardTarget& /*target*/) const
{
    NS_LOG_FUNCTION(this << segment << header);
    return ForwardedPacket{segment->Copy(), header, header.GetDestination(), false};
}

Ipv4Address
ToNs3Address(ipvs::Addr addr)
{
    return Ipv4Address(addr);
}

ipvs::Addr
FromNs3Address(Ipv4Address addr)
{
    return addr.Get();
}

} // namespace ns3
