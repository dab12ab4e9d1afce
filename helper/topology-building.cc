#include "helper/topology-building.h"

#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4.h"

#include <sstream>

namespace ns3::topology
{

std::string
Prefix(Ipv4Address network, Ipv4Mask mask)
{
    std::ostringstream os;
    os << network.CombineMask(mask) << "/" << mask.GetPrefixLength();
    return os.str();
}

std::string
ToString(Ipv4Address a)
{
    std::ostringstream os;
    os << a;
    return os.str();
}

Ipv4Mask
ClientLinksMask(uint32_t clientNodes)
{
    uint32_t power = 1;
    while (power < clientNodes)
    {
        power <<= 1;
    }
    return Ipv4Mask(~uint32_t(4 * power - 1));
}

uint32_t
AddInterfaceAddress(Ptr<Node> node, Ptr<NetDevice> device, Ipv4Address address, Ipv4Mask mask)
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    int32_t interface = ipv4->GetInterfaceForDevice(device);
    if (interface < 0)
    {
        interface = ipv4->AddInterface(device);
    }
    ipv4->AddAddress(interface, Ipv4InterfaceAddress(address, mask));
    ipv4->SetUp(interface);
    return uint32_t(interface);
}

Ptr<Ipv4StaticRouting>
StaticRoutingOf(Ptr<Node> node)
{
    Ipv4StaticRoutingHelper helper;
    return helper.GetStaticRouting(node->GetObject<Ipv4>());
}

} // namespace ns3::topology
