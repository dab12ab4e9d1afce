// The transmit step of the Director: one small class per forwarding method
// (NatForwarder, DrForwarder, TunForwarder), chosen once per
// connection entry as linux ip_vs_bind_xmit does.
#ifndef LVS_IPVS_FORWARDER_H
#define LVS_IPVS_FORWARDER_H

#include "model/ipvs/ipvs-engine.h"

#include "ns3/ipv4-address.h"
#include "ns3/ipv4-header.h"
#include "ns3/packet.h"

namespace ns3
{

/// A packet ready for the IP layer's forwarding step: its L4 segment and
/// the IP header it will carry, and where to route it.
struct ForwardedPacket
{
    Ptr<Packet> segment;
    Ipv4Header header;
    /// The address the route lookup is made for (the next hop's target).
    Ipv4Address routeTo;
    /// Send to routeTo as gateway even though the header's destination
    /// differs (direct routing).
    bool routeToIsGateway = false;
    /// Take the header's source from the route (a tunnel's outer header
    /// leaves from the Director's own address towards the RIP, the DIP).
    bool sourceFromRoute = false;
    /// Bytes the method adds (20 for IPIP): the packet must fit the route's
    /// MTU less this, or, with DF set, the client gets ICMP
    /// fragmentation-needed.
    uint32_t encapsulationBytes = 0;
    /// The client's packet had DF set.
    bool dontFragment = false;
};

class IpvsForwarder
{
  public:
    virtual ~IpvsForwarder() = default;

    /// A client packet on its way to the real server.
    virtual ForwardedPacket Inbound(Ptr<const Packet> segment,
                                    const Ipv4Header& header,
                                    const ipvs::ForwardTarget& target) const = 0;

    /// A real server's reply passing through the Director; by default it is
    /// forwarded unchanged.
    virtual ForwardedPacket Outbound(Ptr<const Packet> segment,
                                     const Ipv4Header& header,
                                     const ipvs::ForwardTarget& target) const;
};

Ipv4Address ToNs3Address(ipvs::Addr addr);
ipvs::Addr FromNs3Address(Ipv4Address addr);

} // namespace ns3

#endif
