#include "model/forwarding/nat-forwarder.h"

#include "model/forwarding/l4-header-rewriter.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("NatForwarder");

ForwardedPacket
NatForwarder::Inbound(Ptr<const Packet> segment,
                      const Ipv4Header& header,
                      const ipvs::ForwardTarget& target) const
{
    NS_LOG_FUNCTION(this << segment << header);
    ForwardedPacket out;
    out.header = header;
    out.segment = RewriteL4Endpoint(segment,
                                    out.header,
                                    RewriteEnd::Destination,
                                    ToNs3Address(target.daddr),
                                    target.dport);
    out.routeTo = out.header.GetDestination();
    return out;
}

ForwardedPacket
NatForwarder::Outbound(Ptr<const Packet> segment,
                       const Ipv4Header& header,
                       const ipvs::ForwardTarget& target) const
{
    NS_LOG_FUNCTION(this << segment << header);
    ForwardedPacket out;
    out.header = header;
    out.segment = RewriteL4Endpoint(segment,
                                    out.header,
                                    RewriteEnd::Source,
                                    ToNs3Address(target.vaddr),
                                    target.vport);
    out.routeTo = out.header.GetDestination();
    return out;
}

} // namespace ns3
