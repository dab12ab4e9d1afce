// Real servers on several RIP subnets and VIPs outside the VIP network, as
// the rules of a real Director have them (a Kubernetes node's kube-proxy
// table: cluster IPs in one range, pods in per-node /24s, API servers on the
// hosts' /24).  The extra subnets share the D/RIP LAN: the Director holds a
// DIP in each, the router (for DR/TUN servers) a gateway address in each,
// and every server's gateway is the one in its own subnet.
#include "helper/lvs-topology-helper.h"
#include "helper/topology-building.h"

#include "ns3/ipv4.h"

#include <algorithm>

namespace ns3
{

using topology::AddInterfaceAddress;
using topology::Prefix;
using topology::ToString;

RipSubnet
LvsTopologyHelper::SubnetOf(Ipv4Address rip) const
{
    for (const auto& subnet : m_config.extraRipSubnets)
    {
        if (subnet.mask.IsMatch(subnet.network, rip))
        {
            return subnet;
        }
    }
    return {m_config.ripNetwork, m_config.ripMask, m_config.dip, m_config.routerRipAddress};
}

bool
LvsTopologyHelper::IsOffNetworkVip(Ipv4Address vip) const
{
    return !m_config.vipMask.IsMatch(m_config.vipNetwork, vip);
}

void
LvsTopologyHelper::AddExtraRipSubnets(LvsTopology& t,
                                      Ptr<NetDevice> directorDevice,
                                      Ptr<NetDevice> routerDevice,
                                      const std::string& lan) const
{
    for (const auto& subnet : m_config.extraRipSubnets)
    {
        std::string network = Prefix(subnet.network, subnet.mask);
        uint32_t directorIf =
            AddInterfaceAddress(t.director, directorDevice, subnet.dip, subnet.mask);
        t.plan.Add(AddressKind::Dip,
                   {"director",
                    "director",
                    "if" + std::to_string(directorIf) + lan,
                    network,
                    ToString(subnet.dip),
                    "DIP (secondary address)"});
        t.addressRoles[subnet.dip] = "DIP";
        if (routerDevice)
        {
            uint32_t routerIf =
                AddInterfaceAddress(t.router, routerDevice, subnet.router, subnet.mask);
            t.plan.Add(AddressKind::Gateway,
                       {"router",
                        "router",
                        "if" + std::to_string(routerIf) + lan,
                        network,
                        ToString(subnet.router),
                        "gateway of DR/TUN real servers"});
            t.addressRoles[subnet.router] = "router";
        }
    }
}

std::string
LvsTopologyHelper::ValidateExtraVips() const
{
    const LvsTopologyConfig& c = m_config;
    std::vector<Ipv4Address> own{c.routerVipAddress, c.dip, c.routerRipAddress};
    for (const auto& subnet : c.extraRipSubnets)
    {
        own.insert(own.end(), {subnet.dip, subnet.router});
    }
    Ipv4Mask linkMask = topology::ClientLinksMask(c.clientNodes);
    for (Ipv4Address vip : c.extraVips)
    {
        std::string name = "the VIP " + ToString(vip);
        if (std::find(own.begin(), own.end(), vip) != own.end())
        {
            return name + " is the router's or the Director's own address";
        }
        for (uint32_t i = 0; i < c.realServers; ++i)
        {
            if (vip == RipOf(i))
            {
                return name + " is a real server's RIP";
            }
        }
        if (!c.realServersRemote && c.ripMask.IsMatch(c.ripNetwork, vip))
        {
            return name + " lies in the D/RIP network " + Prefix(c.ripNetwork, c.ripMask);
        }
        for (const auto& subnet : c.extraRipSubnets)
        {
            if (subnet.mask.IsMatch(subnet.network, vip))
            {
                return name + " lies in the RIP subnet " + Prefix(subnet.network, subnet.mask);
            }
        }
        if (linkMask.IsMatch(c.clientLinkBase, vip))
        {
            return name + " lies in the router's client links " +
                   Prefix(c.clientLinkBase, linkMask);
        }
    }
    return "";
}

std::string
LvsTopologyHelper::ValidateRipSubnets() const
{
    const LvsTopologyConfig& c = m_config;
    for (const auto& subnet : c.extraRipSubnets)
    {
        if (!subnet.mask.IsMatch(subnet.network, subnet.dip) ||
            !subnet.mask.IsMatch(subnet.network, subnet.router) || subnet.dip == subnet.router)
        {
            return "the RIP subnet " + Prefix(subnet.network, subnet.mask) +
                   " needs a DIP and a router address of its own inside it";
        }
        for (const auto& other : c.extraRipSubnets)
        {
            if (&other != &subnet && (subnet.mask.IsMatch(subnet.network, other.network) ||
                                      other.mask.IsMatch(other.network, subnet.network)))
            {
                return "the RIP subnets " + Prefix(subnet.network, subnet.mask) + " and " +
                       Prefix(other.network, other.mask) + " overlap";
            }
        }
        if (subnet.mask.IsMatch(subnet.network, c.ripNetwork) ||
            c.ripMask.IsMatch(c.ripNetwork, subnet.network) ||
            subnet.mask.IsMatch(subnet.network, c.vipNetwork) ||
            c.vipMask.IsMatch(c.vipNetwork, subnet.network))
        {
            return "the RIP subnet " + Prefix(subnet.network, subnet.mask) +
                   " overlaps the D/RIP or the VIP network";
        }
    }
    return "";
}

} // namespace ns3
