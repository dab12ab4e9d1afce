// Clients on the cluster's own networks (docs/addressing.md, "Clients on
// the cluster's networks"): on the VIP network beside the router, or on the
// D/RIP network beside the real servers.  They hold their CIPs as addresses
// of their LAN interface, so the LAN's hosts reach them by ARP, with no
// router in between.
#include "helper/lvs-topology-helper.h"
#include "helper/topology-building.h"

#include "ns3/ipv4.h"

#include <algorithm>

namespace ns3
{

using topology::AddInterfaceAddress;
using topology::Prefix;
using topology::StaticRoutingOf;
using topology::ToString;

std::string
ClientPlacementName(ClientPlacement placement)
{
    switch (placement)
    {
    case ClientPlacement::Internet:
        return "internet";
    case ClientPlacement::VipNetwork:
        return "vip";
    case ClientPlacement::RipNetwork:
        return "rip";
    }
    return "";
}

ClientPlacement
LvsTopologyHelper::PlacementOf(uint32_t clientNode) const
{
    const auto& placements = m_config.clientPlacements;
    return clientNode < placements.size() ? placements[clientNode] : ClientPlacement::Internet;
}

bool
LvsTopologyHelper::AnyInternetClients() const
{
    for (uint32_t k = 0; k < m_config.clientNodes; ++k)
    {
        if (PlacementOf(k) == ClientPlacement::Internet)
        {
            return true;
        }
    }
    return false;
}

uint32_t
LvsTopologyHelper::AddressesOfNode(uint32_t k) const
{
    // An even share, the remainder one each to the last nodes (what "what
    // is left, divided by the nodes still to come" gives, node by node).
    uint32_t share = m_config.clientAddresses / m_config.clientNodes;
    uint32_t extra = m_config.clientAddresses % m_config.clientNodes;
    return share + (k >= m_config.clientNodes - extra ? 1 : 0);
}

std::pair<Ipv4Address, Ipv4Mask>
LvsTopologyHelper::LocalNetworkOf(ClientPlacement placement) const
{
    if (placement == ClientPlacement::VipNetwork)
    {
        return {m_config.vipNetwork, m_config.vipMask};
    }
    return {m_config.ripNetwork, m_config.ripMask};
}

std::map<uint32_t, std::vector<Ipv4Address>>
LvsTopologyHelper::LocalCips(ClientPlacement placement) const
{
    auto [network, mask] = LocalNetworkOf(placement);
    uint32_t first = network.CombineMask(mask).Get();
    uint32_t broadcast = first | ~mask.Get();
    // From --cip-base when it lies in this network, else from the upper
    // half of it, where the default plan puts nothing.
    bool baseHere = m_config.cipBase.CombineMask(mask) == network.CombineMask(mask);
    uint32_t next = baseHere ? std::max(m_config.cipBase.Get(), first + 1)
                             : first + (broadcast - first + 1) / 2 + 1;
    std::vector<Ipv4Address> taken = AllVips();
    taken.insert(taken.end(), {m_config.routerVipAddress, m_config.dip, m_config.routerRipAddress});
    for (uint32_t i = 0; i < m_config.realServers; ++i)
    {
        taken.push_back(RipOf(i));
    }
    if (placement == ClientPlacement::RipNetwork)
    {
        // The two networks may overlap (one LAN): the VIP network's
        // clients took theirs first.
        for (const auto& [k, cips] : LocalCips(ClientPlacement::VipNetwork))
        {
            taken.insert(taken.end(), cips.begin(), cips.end());
        }
    }
    std::map<uint32_t, std::vector<Ipv4Address>> cips;
    for (uint32_t k = 0; k < m_config.clientNodes; ++k)
    {
        if (PlacementOf(k) != placement)
        {
            continue;
        }
        std::vector<Ipv4Address>& mine = cips[k];
        for (uint32_t count = AddressesOfNode(k); mine.size() < count && next < broadcast; ++next)
        {
            if (std::find(taken.begin(), taken.end(), Ipv4Address(next)) == taken.end())
            {
                mine.emplace_back(next);
            }
        }
    }
    return cips;
}

std::string
LvsTopologyHelper::ValidateLocalClients() const
{
    for (auto placement : {ClientPlacement::VipNetwork, ClientPlacement::RipNetwork})
    {
        auto cips = LocalCips(placement);
        if (cips.empty())
        {
            continue;
        }
        std::string where =
            placement == ClientPlacement::VipNetwork ? "the VIP network" : "the D/RIP network";
        if (m_config.plainRouterDirector)
        {
            return "--director none keeps the clients behind the router: give "
                   "--client-placement internet";
        }
        if (placement == ClientPlacement::RipNetwork && m_config.realServersRemote)
        {
            return "the real servers are remote (behind WAN links): there is no D/RIP network "
                   "for clients to sit on";
        }
        for (const auto& [k, mine] : cips)
        {
            if (mine.size() < AddressesOfNode(k))
            {
                auto [network, mask] = LocalNetworkOf(placement);
                return "the clients on " + where + " need " + std::to_string(AddressesOfNode(k)) +
                       " addresses each, and " + Prefix(network, mask) +
                       " has no room for those of client-" + std::to_string(k) +
                       ": lower --client-addresses or move --cip-base";
            }
        }
    }
    return "";
}

void
LvsTopologyHelper::RouteRipClientsViaDirector(LvsTopology& t) const
{
    if (!m_config.ripClientsViaDirector)
    {
        return;
    }
    for (const auto& [k, cips] : LocalCips(ClientPlacement::RipNetwork))
    {
        for (uint32_t i = 0; i < m_config.realServers; ++i)
        {
            if (SetupOf(i).repliesDirectly)
            {
                continue; // DR and TUN replies come from the VIP: they work
            }
            Ptr<Node> server = t.realServers.Get(i);
            auto interface =
                uint32_t(server->GetObject<Ipv4>()->GetInterfaceForDevice(t.realServerDevices[i]));
            Ipv4Address dip = SubnetOf(RipOf(i)).dip; // the DIP on this server's subnet
            for (Ipv4Address cip : cips)
            {
                StaticRoutingOf(server)->AddHostRouteTo(cip, dip, interface);
            }
            t.plan.Add(AddressKind::Route,
                       {"rs-" + std::to_string(i + 1),
                        "real-server",
                        "if" + std::to_string(interface) + " (D/RIP network)",
                        ToString(cips.front()) + " - " + ToString(cips.back()),
                        "via " + ToString(dip),
                        "route: client-" + std::to_string(k) + " through the DIP, not the LAN"});
        }
    }
}

NodeContainer
LvsTopologyHelper::ClientsOf(const LvsTopology& t, ClientPlacement placement) const
{
    NodeContainer nodes;
    for (uint32_t k = 0; k < t.clients.GetN(); ++k)
    {
        if (PlacementOf(k) == placement)
        {
            nodes.Add(t.clients.Get(k));
        }
    }
    return nodes;
}

void
LvsTopologyHelper::AttachLocalClients(LvsTopology& t,
                                      ClientPlacement placement,
                                      const NetDeviceContainer& devices,
                                      const std::string& network) const
{
    auto [net, mask] = LocalNetworkOf(placement);
    // The way out of the LAN towards the VIP: the router on the VIP
    // network; the Director (its DIP) on the D/RIP network.
    Ipv4Address gateway =
        placement == ClientPlacement::VipNetwork ? m_config.routerVipAddress : m_config.dip;
    uint32_t device = 0;
    for (auto& [k, cips] : LocalCips(placement))
    {
        Ptr<Node> client = t.clients.Get(k);
        Ptr<NetDevice> lan = devices.Get(device++);
        uint32_t interface = 0;
        for (Ipv4Address cip : cips)
        {
            interface = AddInterfaceAddress(client, lan, cip, mask);
        }
        StaticRoutingOf(client)->SetDefaultRoute(gateway, interface);
        t.clientAddresses[k] = cips;
        std::string node = "client-" + std::to_string(k);
        t.plan.Add(AddressKind::Cip,
                   {node,
                    "client",
                    "if" + std::to_string(interface) + network,
                    Prefix(net, mask),
                    ToString(cips.front()) + " - " + ToString(cips.back()),
                    "CIP x" + std::to_string(cips.size()) + " (local; gateway " +
                        ToString(gateway) + ")"});
    }
}

} // namespace ns3
