// LVS-TUN, IP-in-IP tunnelling (ipvsadm -i), after linux ip_vs_tunnel_xmit:
// the client's packet, its TTL decremented, goes inside an outer IPv4
// header from the Director (DIP) to the RIP, protocol 4.  Outer fields as
// the kernel sets them: TTL = the inner TTL, TOS copied (inner ECN CE
// becomes ECT(0)), DF copied, IP ID 0.  The real server decapsulates
// (IpIpDecapsulation) and replies straight to the client.
#ifndef LVS_TUN_FORWARDER_H
#define LVS_TUN_FORWARDER_H

#include "model/forwarding/ipvs-forwarder.h"

namespace ns3
{

/// Bytes an IPIP outer header adds.
constexpr uint32_t kIpIpOverheadBytes = 20;

class TunForwarder : public IpvsForwarder
{
  public:
    ForwardedPacket Inbound(Ptr<const Packet> segment,
                            const Ipv4Header& header,
                            const ipvs::ForwardTarget& target) const override;
};

} // namespace ns3

#endif
