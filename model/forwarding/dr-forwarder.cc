#include "model/forwarding/dr-forwarder.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DrForwarder");

ForwardedPacket
DrForwarder::Inbound(Ptr<const Packet> segment,
                     const Ipv4Header& header,
                     const ipvs::ForwardTarget& target) const
{
    NS_LOG_FUNCTION(this << segment << header);
    ForwardedPacket out;
    out.segment = segment->Copy();
    out.header = header;
    out.routeTo = ToNs3Address(target.daddr);
    out.routeToIsGateway = true;
    return out;
}

} // namespace ns3
