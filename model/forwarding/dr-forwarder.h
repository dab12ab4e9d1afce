// LVS-DR, direct routing (ipvsadm -g), after linux ip_vs_dr_xmit: the IP
// packet is left as the client sent it (destination VIP) and sent to the
// real server's MAC by routing it with the RIP as next hop.  The real
// server holds the VIP on an interface that does not answer ARP for it and
// replies straight to the client.
#ifndef LVS_DR_FORWARDER_H
#define LVS_DR_FORWARDER_H

#include "model/forwarding/ipvs-forwarder.h"

namespace ns3
{

class DrForwarder : public IpvsForwarder
{
  public:
    ForwardedPacket Inbound(Ptr<const Packet> segment,
                            const Ipv4Header& header,
                            const ipvs::ForwardTarget& target) const override;
};

} // namespace ns3

#endif
