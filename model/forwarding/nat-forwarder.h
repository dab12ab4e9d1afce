// LVS-NAT (ipvsadm -m), after linux ip_vs_nat_xmit and the NAT reply path
// of ip_vs_core.c: requests get destination RIP:rport, replies get source
// VIP:vport back.  Client addresses are never touched.
#ifndef LVS_NAT_FORWARDER_H
#define LVS_NAT_FORWARDER_H

#include "model/forwarding/ipvs-forwarder.h"

namespace ns3
{

class NatForwarder : public IpvsForwarder
{
  public:
    ForwardedPacket Inbound(Ptr<const Packet> segment,
                            const Ipv4Header& header,
                            const ipvs::ForwardTarget& target) const override;
    ForwardedPacket Outbound(Ptr<const Packet> segment,
                             const Ipv4Header& header,
                             const ipvs::ForwardTarget& target) const override;
};

} // namespace ns3

#endif
