// Static routing for client nodes that hold many client addresses (CIPs).
//
// ns-3 3.37's TCP sets a connecting socket's local address to the source
// the routing protocol picks (TcpSocketBase::SetupEndpoint), whatever the
// socket was bound to, and UDP does the same per datagram: a node with many
// CIPs would send everything from its first address.  This routing lets
// the sender say which of the node's addresses the next route is for, as
// bind() does on a multi-homed Linux host; a route asked for with a local
// source address keeps that source.
//
// The CIPs themselves are a local block, as Linux's "AnyIP" local route
// (`ip route add local 172.16.0.0/22 dev lo`) makes them: the node accepts
// and sends from every address of the block without an interface address
// each.  ns-3 scans every interface address of a node for every packet it
// sends and receives (Ipv4L3Protocol::Send, IsDestinationAddress), each
// lookup walking a list, so thousands of CIPs as interface addresses made
// every packet cost addresses squared.
#ifndef LVS_CLIENT_ADDRESS_ROUTING_H
#define LVS_CLIENT_ADDRESS_ROUTING_H

#include "ns3/ipv4-routing-helper.h"
#include "ns3/ipv4-static-routing.h"

#include <set>
#include <utility>
#include <vector>

namespace ns3
{

class ClientAddressRouting : public Ipv4StaticRouting
{
  public:
    static TypeId GetTypeId();

    /// The next route asked for without a source address gets @p source
    /// (one of this node's addresses) as its source.
    void SetNextSource(Ipv4Address source);

    /// Makes every address of @p base/@p mask local to this node.
    void AddLocalBlock(Ipv4Address base, Ipv4Mask mask);

    /// Delivers packets for a local block's addresses to this node; the
    /// rest as static routing does.
    bool RouteInput(Ptr<const Packet> p,
                    const Ipv4Header& header,
                    Ptr<const NetDevice> idev,
                    UnicastForwardCallback ucb,
                    MulticastForwardCallback mcb,
                    LocalDeliverCallback lcb,
                    ErrorCallback ecb) override;

    Ptr<Ipv4Route> RouteOutput(Ptr<Packet> p,
                               const Ipv4Header& header,
                               Ptr<NetDevice> oif,
                               Socket::SocketErrno& sockerr) override;
    void SetIpv4(Ptr<Ipv4> ipv4) override;
    void NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address) override;

    /// The ClientAddressRouting of @p node, or nullptr.
    static Ptr<ClientAddressRouting> Get(Ptr<Node> node);

  protected:
    void DoDispose() override;

  private:
    bool IsLocal(Ipv4Address address) const;

    Ptr<Ipv4> m_ipv4;
    /// The node's addresses, kept here because Ipv4::GetInterfaceForAddress
    /// scans every address, and this is asked for every packet sent.
    std::set<Ipv4Address> m_localAddresses;
    std::vector<std::pair<Ipv4Address, Ipv4Mask>> m_localBlocks;
    Ipv4Address m_nextSource = Ipv4Address::GetAny();
};

/// Installs ClientAddressRouting (InternetStackHelper::SetRoutingHelper).
class ClientAddressRoutingHelper : public Ipv4RoutingHelper
{
  public:
    ClientAddressRoutingHelper* Copy() const override;
    Ptr<Ipv4RoutingProtocol> Create(Ptr<Node> node) const override;
};

} // namespace ns3

#endif
