// Small steps the topology helpers share: addresses on interfaces, static
// routes, and how addresses and prefixes are written in the address plan.
#ifndef LVS_TOPOLOGY_BUILDING_H
#define LVS_TOPOLOGY_BUILDING_H

#include "ns3/ipv4-address.h"
#include "ns3/ipv4-static-routing.h"
#include "ns3/net-device.h"
#include "ns3/node.h"

#include <string>

namespace ns3::topology
{

/// "10.0.0.0/24".
std::string Prefix(Ipv4Address network, Ipv4Mask mask);
/// "10.0.0.100".
std::string ToString(Ipv4Address a);
/// Adds @p address to @p device's interface on @p node (creating and
/// raising the interface if needed); returns the interface index.
uint32_t AddInterfaceAddress(Ptr<Node> node,
                             Ptr<NetDevice> device,
                             Ipv4Address address,
                             Ipv4Mask mask);
Ptr<Ipv4StaticRouting> StaticRoutingOf(Ptr<Node> node);
/// The /30 client links of @p clientNodes nodes from @p base, as one
/// aligned block (the router's side of every client link).
Ipv4Mask ClientLinksMask(uint32_t clientNodes);

} // namespace ns3::topology

#endif
