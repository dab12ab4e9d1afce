#include "model/hosts/client-address-routing.h"

#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("ClientAddressRouting");
NS_OBJECT_ENSURE_REGISTERED(ClientAddressRouting);

TypeId
ClientAddressRouting::GetTypeId()
{
    static TypeId tid = TypeId("ns3::ClientAddressRouting")
                            .SetParent<Ipv4StaticRouting>()
                            .SetGroupName("Lvs")
                            .AddConstructor<ClientAddressRouting>();
    return tid;
}

void
ClientAddressRouting::SetNextSource(Ipv4Address source)
{
    NS_LOG_FUNCTION(this << source);
    m_nextSource = source;
}

void
ClientAddressRouting::AddLocalBlock(Ipv4Address base, Ipv4Mask mask)
{
    NS_LOG_FUNCTION(this << base << mask);
    m_localBlocks.emplace_back(base.CombineMask(mask), mask);
}

bool
ClientAddressRouting::IsLocal(Ipv4Address address) const
{
    for (const auto& [base, mask] : m_localBlocks)
    {
        if (address.CombineMask(mask) == base)
        {
            return true;
        }
    }
    return m_localAddresses.count(address) > 0;
}

bool
ClientAddressRouting::RouteInput(Ptr<const Packet> p,
                                 const Ipv4Header& header,
                                 Ptr<const NetDevice> idev,
                                 UnicastForwardCallback ucb,
                                 MulticastForwardCallback mcb,
                                 LocalDeliverCallback lcb,
                                 ErrorCallback ecb)
{
    NS_LOG_FUNCTION(this << header);
    if (!lcb.IsNull() && IsLocal(header.GetDestination()))
    {
        lcb(p, header, m_ipv4->GetInterfaceForDevice(idev));
        return true;
    }
    return Ipv4StaticRouting::RouteInput(p, header, idev, ucb, mcb, lcb, ecb);
}

Ptr<Ipv4Route>
ClientAddressRouting::RouteOutput(Ptr<Packet> p,
                                  const Ipv4Header& header,
                                  Ptr<NetDevice> oif,
                                  Socket::SocketErrno& sockerr)
{
    NS_LOG_FUNCTION(this << header);
    Ptr<Ipv4Route> route = Ipv4StaticRouting::RouteOutput(p, header, oif, sockerr);
    if (!route)
    {
        return route;
    }
    Ipv4Address wanted = header.GetSource();
    if (!IsLocal(wanted))
    {
        wanted = m_nextSource;
        m_nextSource = Ipv4Address::GetAny();
    }
    if (IsLocal(wanted))
    {
        route->SetSource(wanted);
    }
    return route;
}

void
ClientAddressRouting::SetIpv4(Ptr<Ipv4> ipv4)
{
    m_ipv4 = ipv4;
    Ipv4StaticRouting::SetIpv4(ipv4);
}

void
ClientAddressRouting::NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address)
{
    m_localAddresses.insert(address.GetLocal());
    Ipv4StaticRouting::NotifyAddAddress(interface, address);
}

void
ClientAddressRouting::NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address)
{
    m_localAddresses.erase(address.GetLocal());
    Ipv4StaticRouting::NotifyRemoveAddress(interface, address);
}

void
ClientAddressRouting::DoDispose()
{
    m_ipv4 = nullptr;
    Ipv4StaticRouting::DoDispose();
}

Ptr<ClientAddressRouting>
ClientAddressRouting::Get(Ptr<Node> node)
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    return ipv4 ? DynamicCast<ClientAddressRouting>(ipv4->GetRoutingProtocol()) : nullptr;
}

ClientAddressRoutingHelper*
ClientAddressRoutingHelper::Copy() const
{
    return new ClientAddressRoutingHelper(*this);
}

Ptr<Ipv4RoutingProtocol>
ClientAddressRoutingHelper::Create(Ptr<Node> /*node*/) const
{
    return CreateObject<ClientAddressRouting>();
}

} // namespace ns3
