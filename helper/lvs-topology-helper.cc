#include "helper/lvs-topology-helper.h"

#include "helper/ipvs-director-helper.h"
#include "helper/topology-building.h"
#include "model/hosts/client-address-routing.h"
#include "model/hosts/icmp-redirect-acceptor.h"
#include "model/hosts/ipip-decapsulation.h"
#include "model/hosts/linux-arp.h"

#include "ns3/boolean.h"
#include "ns3/bridge-helper.h"
#include "ns3/csma-helper.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/point-to-point-helper.h"

#include <algorithm>
#include <set>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("LvsTopologyHelper");

namespace
{

using topology::AddInterfaceAddress;
using topology::Prefix;
using topology::StaticRoutingOf;
using topology::ToString;

/// True when [begin, end) and the network of @p net / @p mask share an address.
bool
OverlapsNetwork(uint64_t begin, uint64_t end, Ipv4Address net, Ipv4Mask mask)
{
    uint64_t first = net.CombineMask(mask).Get();
    uint64_t last = first | ~mask.Get();
    return begin <= last && first < end;
}

} // namespace

LvsTopologyHelper::LvsTopologyHelper(const LvsTopologyConfig& config)
    : m_config(config)
{
}

uint32_t
LvsTopologyHelper::CipBlockSize() const
{
    uint32_t perNode = (m_config.clientAddresses + m_config.clientNodes - 1) / m_config.clientNodes;
    uint32_t block = 4;
    while (block < perNode + 2)
    {
        block *= 2;
    }
    return block;
}

std::string
LvsTopologyHelper::Validate() const
{
    const LvsTopologyConfig& c = m_config;
    if (c.clientNodes == 0 || c.clientNodes > LvsTopologyConfig::kMaxClientNodes)
    {
        return "client-nodes must be 1.." + std::to_string(LvsTopologyConfig::kMaxClientNodes);
    }
    if (c.clientAddresses < c.clientNodes)
    {
        return "client-addresses must be at least client-nodes (one CIP per client node)";
    }
    if (c.realServers == 0)
    {
        return "there must be at least one real server";
    }
    if (c.plainRouterDirector &&
        (c.realServersOnVipNetwork || c.realServersRemote || AnyDirectReplies()))
    {
        return "--director none puts a plain router in the Director's place in the LVS-NAT "
               "layout (real servers on the D/RIP network, the DIP their gateway): it needs "
               "--forwarding nat and --real-server-network rip";
    }
    std::string clients = AnyInternetClients() ? ValidateInternetClients() : "";
    if (!clients.empty())
    {
        return clients;
    }
    if (!(c.vip.CombineMask(c.vipMask) == c.vipNetwork.CombineMask(c.vipMask)) ||
        !(c.routerVipAddress.CombineMask(c.vipMask) == c.vipNetwork.CombineMask(c.vipMask)))
    {
        return "the VIP and the router's VIP-network address must be in " +
               Prefix(c.vipNetwork, c.vipMask);
    }
    uint64_t ripBroadcast = c.ripNetwork.CombineMask(c.ripMask).Get() | ~c.ripMask.Get();
    std::string subnets = ValidateRipSubnets();
    if (!subnets.empty())
    {
        return subnets;
    }
    for (Ipv4Address rip : c.rips)
    {
        RipSubnet subnet = SubnetOf(rip);
        uint64_t broadcast = subnet.network.CombineMask(subnet.mask).Get() | ~subnet.mask.Get();
        if (!(rip.CombineMask(subnet.mask) == subnet.network.CombineMask(subnet.mask)) ||
            rip == subnet.dip || rip == subnet.router || rip.Get() >= broadcast)
        {
            return "the RIP " + ToString(rip) + " must be in " +
                   Prefix(subnet.network, subnet.mask) +
                   " and differ from the DIP (set --rip-network and --dip to match the rules)";
        }
    }
    std::string vips = ValidateExtraVips();
    if (!vips.empty())
    {
        return vips;
    }
    uint64_t lastRip = uint64_t(c.firstRip.Get()) + c.realServers - 1;
    if (!c.rips.empty())
    {
        lastRip = c.firstRip.Get(); // explicit RIPs were checked above
    }
    bool sequentialRips = c.rips.empty();
    if (!(c.dip.CombineMask(c.ripMask) == c.ripNetwork.CombineMask(c.ripMask)) ||
        (sequentialRips &&
         !(c.firstRip.CombineMask(c.ripMask) == c.ripNetwork.CombineMask(c.ripMask))) ||
        (sequentialRips && lastRip >= ripBroadcast))
    {
        return "the DIP and all " + std::to_string(c.realServers) + " RIPs from " +
               ToString(c.firstRip) + " must fit in " + Prefix(c.ripNetwork, c.ripMask);
    }
    if (c.rips.empty() && c.dip.Get() >= c.firstRip.Get() && c.dip.Get() <= lastRip)
    {
        return "the DIP " + ToString(c.dip) + " collides with a RIP";
    }
    if (c.vip == c.routerVipAddress)
    {
        return "the VIP and the router's address are the same";
    }
    return ValidateLocalClients();
}

std::string
LvsTopologyHelper::ValidateInternetClients() const
{
    const LvsTopologyConfig& c = m_config;
    uint32_t block = CipBlockSize();
    if (c.cipBase.Get() % block != 0)
    {
        // Each client node owns an aligned block (one route on the router,
        // one local route on the node).
        return "cip-base " + ToString(c.cipBase) + " is not a multiple of the " +
               std::to_string(block) + "-address block each client node needs; use " +
               ToString(Ipv4Address(c.cipBase.Get() & ~(block - 1)));
    }
    uint64_t cipEnd = uint64_t(c.cipBase.Get()) + uint64_t(block) * c.clientNodes;
    if (cipEnd > 0xE0000000ULL)
    {
        return "the CIP range starting at " + ToString(c.cipBase) + " runs out of unicast space";
    }
    return CipOverlap(c.cipBase.Get(), cipEnd);
}

std::string
LvsTopologyHelper::CipOverlap(uint64_t cipBegin, uint64_t cipEnd) const
{
    const LvsTopologyConfig& c = m_config;
    std::string range = ToString(Ipv4Address(uint32_t(cipBegin))) + " - " +
                        ToString(Ipv4Address(uint32_t(cipEnd - 1)));
    // Clients sit behind the router on links of their own: a CIP inside a
    // cluster network would be an address that network's hosts take for a
    // neighbour, so their replies would never reach the router, and every
    // transaction would time out.
    auto clash = [&](const std::string& what, Ipv4Address net, Ipv4Mask mask) {
        return "the client addresses " + range + " (--cip-base, --client-nodes) overlap " + what +
               " " + Prefix(net, mask) +
               ": clients behind the router (--client-placement internet) need addresses "
               "outside the cluster's networks; move --cip-base, or put the clients on that "
               "network (--client-placement vip or rip)";
    };
    if (OverlapsNetwork(cipBegin, cipEnd, c.vipNetwork, c.vipMask))
    {
        return clash("the VIP network", c.vipNetwork, c.vipMask);
    }
    // Every layout but remote real servers has the D/RIP subnet on a LAN
    // (its own, or the one LAN it shares with the VIP network).
    if (!c.realServersRemote && OverlapsNetwork(cipBegin, cipEnd, c.ripNetwork, c.ripMask))
    {
        return clash("the D/RIP network", c.ripNetwork, c.ripMask);
    }
    for (const auto& subnet : c.extraRipSubnets)
    {
        if (OverlapsNetwork(cipBegin, cipEnd, subnet.network, subnet.mask))
        {
            return clash("the RIP subnet", subnet.network, subnet.mask);
        }
    }
    for (Ipv4Address vip : c.extraVips)
    {
        if (OverlapsNetwork(cipBegin, cipEnd, vip, Ipv4Mask("255.255.255.255")))
        {
            return clash("the VIP", vip, Ipv4Mask("255.255.255.255"));
        }
    }
    Ipv4Mask linkMask = topology::ClientLinksMask(c.clientNodes);
    if (OverlapsNetwork(cipBegin, cipEnd, c.clientLinkBase, linkMask))
    {
        return clash("the router's client links", c.clientLinkBase, linkMask);
    }
    return "";
}

LvsTopology
LvsTopologyHelper::Build() const
{
    NS_LOG_FUNCTION(this);
    LvsTopology t;
    t.clients.Create(m_config.clientNodes);
    t.router = CreateObject<Node>();
    t.director = CreateObject<Node>();
    t.realServers.Create(m_config.realServers);
    t.vip = m_config.vip;
    t.dip = m_config.dip;

    InternetStackHelper stack;
    Ipv4StaticRoutingHelper staticRouting;
    stack.SetRoutingHelper(staticRouting);
    stack.Install(t.router);
    InternetStackHelper clientStack;
    clientStack.SetRoutingHelper(ClientAddressRoutingHelper());
    clientStack.Install(t.clients);
    stack.Install(t.realServers);
    if (m_config.plainRouterDirector)
    {
        stack.Install(t.director);
        t.ipvs = CreateObject<IpvsDirector>();
    }
    else
    {
        InternetStackHelper directorStack;
        directorStack.SetRoutingHelper(IpvsDirectorHelper());
        directorStack.Install(t.director);
        t.ipvs = IpvsDirectorHelper::GetDirector(t.director);
        if (m_config.backupDirector)
        {
            t.backupDirector = CreateObject<Node>();
            directorStack.Install(t.backupDirector);
            t.backupIpvs = IpvsDirectorHelper::GetDirector(t.backupDirector);
        }
    }

    t.clientAddresses.resize(m_config.clientNodes);
    BuildClientSide(t);
    BuildVipNetwork(t);
    BuildRipNetwork(t);
    AddDirectorOwnAddresses(t);
    RouteRipClientsViaDirector(t);
    InstallLinuxArp(t);
    SetUpRedirects(t);
    AddMacsToPlan(t);
    AddCapturePoints(t);
    AddAddressRoles(t);
    return t;
}

void
LvsTopologyHelper::InstallLinuxArp(LvsTopology& t) const
{
    // Every host is a Linux host with its defaults; the real servers carry
    // their own arp_ignore and arp_announce.  The others send only from
    // addresses on the outgoing interface, where every arp_announce picks
    // the same sender, so they keep ns-3's (2) and need no queue disc.
    NodeContainer others(t.router, t.director);
    others.Add(t.clients);
    others.Add(BackupDirectors(t));
    for (uint32_t i = 0; i < others.GetN(); ++i)
    {
        LinuxArp::Install(others.Get(i), 0, 2);
    }
    for (uint32_t i = 0; i < t.realServers.GetN(); ++i)
    {
        RealServerSetup setup = SetupOf(i);
        LinuxArp::Install(t.realServers.Get(i), setup.arpIgnore, setup.arpAnnounce);
    }
}

void
LvsTopologyHelper::SetUpRedirects(LvsTopology& t) const
{
    t.ipvs->SetAttribute("SendRedirects", BooleanValue(m_config.directorSendsRedirects));
    if (t.backupIpvs)
    {
        t.backupIpvs->SetAttribute("SendRedirects", BooleanValue(m_config.directorSendsRedirects));
    }
    for (uint32_t i = 0; i < t.realServers.GetN(); ++i)
    {
        IcmpRedirectAcceptor::Install(t.realServers.Get(i), SetupOf(i).acceptsRedirects);
    }
}

void
LvsTopologyHelper::AddMacsToPlan(LvsTopology& t) const
{
    for (const auto& devices : {t.vipNetworkDevices, t.ripNetworkDevices})
    {
        for (uint32_t i = 0; i < devices.GetN(); ++i)
        {
            Ptr<NetDevice> device = devices.Get(i);
            int32_t interface = device->GetNode()->GetObject<Ipv4>()->GetInterfaceForDevice(device);
            if (interface >= 0)
            {
                std::ostringstream mac;
                mac << Mac48Address::ConvertFrom(device->GetAddress());
                t.plan.SetMac(t.NameOf(device->GetNode()), uint32_t(interface), mac.str());
            }
        }
    }
}

void
LvsTopologyHelper::AddCapturePoints(LvsTopology& t) const
{
    for (uint32_t i = 1; i < t.clientLinkDevices.GetN(); i += 2)
    {
        Ptr<NetDevice> clientSide = t.clientLinkDevices.Get(i);
        t.capturePoints.push_back({t.NameOf(clientSide->GetNode()) + " link", clientSide});
    }
    for (uint32_t i = 0; i + 1 < t.remoteLinkDevices.GetN(); i += 2)
    {
        t.capturePoints.push_back(
            {"rs-" + std::to_string(i / 2 + 1) + " WAN link", t.remoteLinkDevices.Get(i + 1)});
    }
    bool ripLan = t.ripNetworkDevices.GetN() > 0;
    // A shared segment is seen whole from one device; a switched LAN only
    // from all of its hosts' devices together (each frame is then seen
    // twice, sent and received, and walks keep the first).
    auto watch = [&](const NetDeviceContainer& devices, const std::string& network) {
        uint32_t count = m_config.switchedLans ? devices.GetN() : 1;
        for (uint32_t i = 0; i < count; ++i)
        {
            t.capturePoints.push_back({network, devices.Get(i)});
        }
    };
    watch(t.vipNetworkDevices, t.OnOneLan() ? "LAN" : "VIP network");
    if (ripLan)
    {
        watch(t.ripNetworkDevices, "D/RIP network");
    }
}

void
LvsTopologyHelper::AddAddressRoles(LvsTopology& t) const
{
    for (Ipv4Address vip : AllVips())
    {
        t.addressRoles[vip] = "VIP";
    }
    t.addressRoles[t.dip] = "DIP";
    for (size_t i = 0; i < t.rips.size(); ++i)
    {
        t.addressRoles[t.rips[i]] = "RIP rs-" + std::to_string(i + 1);
    }
    t.addressRoles[m_config.routerVipAddress] = "router";
    t.addressRoles[m_config.routerRipAddress] = "router";
}

void
LvsTopologyHelper::EnablePcap(const std::string& folder, const LvsTopology& t)
{
    // Named by node and network, as the address plan names them, so that
    // the names do not shift with the number of clients.
    auto file = [&](Ptr<NetDevice> device, const std::string& network) {
        return folder + "/" + t.NameOf(device->GetNode()) + "-" + network + ".pcap";
    };
    CsmaHelper csma;
    for (uint32_t i = 0; i < t.vipNetworkDevices.GetN(); ++i)
    {
        Ptr<NetDevice> device = t.vipNetworkDevices.Get(i);
        csma.EnablePcap(file(device, t.OnOneLan() ? "lan" : "vip-network"), device, false, true);
    }
    for (uint32_t i = 0; i < t.ripNetworkDevices.GetN(); ++i)
    {
        Ptr<NetDevice> device = t.ripNetworkDevices.Get(i);
        csma.EnablePcap(file(device, "d-rip-network"), device, false, true);
    }
    PointToPointHelper p2p;
    for (const auto* links : {&t.clientLinkDevices, &t.remoteLinkDevices})
    {
        // Pairs: the router's end, then the far end.
        for (uint32_t i = 0; i + 1 < links->GetN(); i += 2)
        {
            std::string far = t.NameOf(links->Get(i + 1)->GetNode());
            p2p.EnablePcap(file(links->Get(i), "link-" + far), links->Get(i), false, true);
            p2p.EnablePcap(file(links->Get(i + 1), "link-router"), links->Get(i + 1), false, true);
        }
    }
}

std::string
LvsTopology::NameOf(Ptr<Node> node) const
{
    if (node == router)
    {
        return "router";
    }
    if (node == director)
    {
        return "director";
    }
    if (backupDirector && node == backupDirector)
    {
        return "director-2";
    }
    for (uint32_t i = 0; i < realServers.GetN(); ++i)
    {
        if (node == realServers.Get(i))
        {
            return "rs-" + std::to_string(i + 1);
        }
    }
    for (uint32_t k = 0; k < clients.GetN(); ++k)
    {
        if (node == clients.Get(k))
        {
            return "client-" + std::to_string(k);
        }
    }
    return "node " + std::to_string(node->GetId());
}

std::map<Mac48Address, std::string>
LvsTopology::MacOwners() const
{
    std::map<Mac48Address, std::string> owners;
    for (const auto& devices : {vipNetworkDevices, ripNetworkDevices})
    {
        for (uint32_t i = 0; i < devices.GetN(); ++i)
        {
            owners[Mac48Address::ConvertFrom(devices.Get(i)->GetAddress())] =
                NameOf(devices.Get(i)->GetNode());
        }
    }
    return owners;
}

void
LvsTopologyHelper::BuildClientSide(LvsTopology& t) const
{
    PointToPointHelper p2p = LinkHelper(m_config.clientLinkRate, m_config.clientLinkDelay);
    Ipv4Mask linkMask("255.255.255.252");
    uint32_t block = CipBlockSize();
    Ipv4Mask blockMask(~(block - 1));
    for (uint32_t k = 0; k < m_config.clientNodes; ++k)
    {
        if (PlacementOf(k) != ClientPlacement::Internet)
        {
            continue; // attached to its LAN with the LAN
        }
        Ptr<Node> client = t.clients.Get(k);
        NetDeviceContainer link = p2p.Install(t.router, client);
        t.clientLinkDevices.Add(link);
        t.links.push_back({"router to client-" + std::to_string(k), link.Get(0)});
        t.links.push_back({"client-" + std::to_string(k) + " to router", link.Get(1)});
        Ipv4Address routerSide(m_config.clientLinkBase.Get() + 4 * k + 1);
        Ipv4Address clientSide(m_config.clientLinkBase.Get() + 4 * k + 2);
        uint32_t routerIf = AddInterfaceAddress(t.router, link.Get(0), routerSide, linkMask);
        uint32_t clientIf = AddInterfaceAddress(client, link.Get(1), clientSide, linkMask);

        // This node's CIPs: an aligned block, so the router needs one route.
        uint32_t count = AddressesOfNode(k);
        Ipv4Address blockBase(m_config.cipBase.Get() + k * block);
        // The CIPs are a local block of the node, as a Linux host's local
        // route on lo makes them ("AnyIP"), not one interface address each:
        // ns-3 scans every interface address for every packet
        // (client-address-routing.h).
        ClientAddressRouting::Get(client)->AddLocalBlock(blockBase, blockMask);
        std::vector<Ipv4Address> cips;
        for (uint32_t i = 0; i < count; ++i)
        {
            cips.push_back(Ipv4Address(blockBase.Get() + 1 + i));
        }
        t.clientAddresses[k] = cips;
        StaticRoutingOf(client)->SetDefaultRoute(routerSide, clientIf);
        StaticRoutingOf(t.router)->AddNetworkRouteTo(blockBase, blockMask, clientSide, routerIf);

        std::string node = "client-" + std::to_string(k);
        std::string iface = "if" + std::to_string(clientIf) + " (p2p to router)";
        t.plan.Add(
            AddressKind::Link,
            {node, "client", iface, Prefix(clientSide, linkMask), ToString(clientSide), "link"});
        t.plan.Add(AddressKind::Cip,
                   {node,
                    "client",
                    "if0 (loopback)",
                    Prefix(blockBase, blockMask),
                    ToString(cips.front()) + " - " + ToString(cips.back()),
                    "CIP x" + std::to_string(cips.size())});
        t.plan.Add(AddressKind::Gateway,
                   {"router",
                    "router",
                    "if" + std::to_string(routerIf) + " (p2p to " + node + ")",
                    Prefix(routerSide, linkMask),
                    ToString(routerSide),
                    "gateway of " + node});
    }
}

Ipv4Address
LvsTopologyHelper::RipOf(uint32_t server) const
{
    return m_config.rips.empty() ? Ipv4Address(m_config.firstRip.Get() + server)
                                 : m_config.rips[server];
}

std::vector<Ipv4Address>
LvsTopologyHelper::AllVips() const
{
    std::vector<Ipv4Address> vips{m_config.vip};
    for (Ipv4Address vip : m_config.extraVips)
    {
        if (std::find(vips.begin(), vips.end(), vip) == vips.end())
        {
            vips.push_back(vip);
        }
    }
    return vips;
}

PointToPointHelper
LvsTopologyHelper::LinkHelper(DataRate rate, Time delay)
{
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", DataRateValue(rate));
    p2p.SetChannelAttribute("Delay", TimeValue(delay));
    return p2p;
}

CsmaHelper
LvsTopologyHelper::LanHelper() const
{
    CsmaHelper csma;
    csma.SetChannelAttribute("DataRate", DataRateValue(m_config.lanRate));
    csma.SetChannelAttribute("Delay", TimeValue(m_config.lanDelay));
    return csma;
}

RealServerSetup
LvsTopologyHelper::SetupOf(uint32_t server) const
{
    return server < m_config.serverSetups.size() ? m_config.serverSetups[server]
                                                 : RealServerSetup{};
}

bool
LvsTopologyHelper::AnyDirectReplies() const
{
    for (uint32_t i = 0; i < m_config.realServers; ++i)
    {
        if (SetupOf(i).repliesDirectly)
        {
            return true;
        }
    }
    return false;
}

NetDeviceContainer
LvsTopologyHelper::InstallLan(LvsTopology& t,
                              const NodeContainer& members,
                              const std::string& network) const
{
    CsmaHelper csma = LanHelper();
    if (!m_config.switchedLans)
    {
        NetDeviceContainer hosts = csma.Install(members); // one shared segment: a hub
        for (uint32_t i = 0; i < hosts.GetN(); ++i)
        {
            t.links.push_back({t.NameOf(members.Get(i)) + " on " + network, hosts.Get(i)});
        }
        return hosts;
    }
    // A switch: one CSMA link per port, so a frame travels only the links
    // to its destination (flooded to all ports while the switch learns, and
    // for broadcasts).  Ports are attached in member order, so a broadcast
    // is delivered in that order, as on the shared segment.
    Ptr<Node> lanSwitch = CreateObject<Node>();
    t.switches.Add(lanSwitch);
    NetDeviceContainer hosts;
    NetDeviceContainer ports;
    for (uint32_t i = 0; i < members.GetN(); ++i)
    {
        NetDeviceContainer link = csma.Install(NodeContainer(members.Get(i), lanSwitch));
        hosts.Add(link.Get(0));
        ports.Add(link.Get(1));
        std::string host = t.NameOf(members.Get(i));
        t.links.push_back({host + " to " + network + " switch", link.Get(0)});
        t.links.push_back({network + " switch to " + host, link.Get(1)});
    }
    BridgeHelper bridge;
    bridge.Install(lanSwitch, ports);
    return hosts;
}

void
LvsTopologyHelper::BuildVipNetwork(LvsTopology& t) const
{
    if (m_config.realServersOnVipNetwork)
    {
        // ns-3 hands a broadcast to a segment's devices in the order they
        // were attached, and the first ARP reply to reach the router wins.
        // Attaching the real servers before the Director makes them win the
        // race whenever they answer ARP for the VIP (the naive DR set-up);
        // on a real LAN the winner is a matter of timing.
        // Local clients join last, whichever subnet they take addresses from.
        NodeContainer vipClients = ClientsOf(t, ClientPlacement::VipNetwork);
        NodeContainer ripClients = ClientsOf(t, ClientPlacement::RipNetwork);
        uint32_t servers = t.realServers.GetN();
        NetDeviceContainer devices = InstallLan(t,
                                                NodeContainer(NodeContainer(t.router),
                                                              t.realServers,
                                                              NodeContainer(t.director),
                                                              vipClients,
                                                              ripClients,
                                                              BackupDirectors(t)),
                                                "LAN");
        t.vipNetworkDevices.Add(devices.Get(0));
        t.vipNetworkDevices.Add(devices.Get(servers + 1));
        for (uint32_t i = 1; i <= servers; ++i)
        {
            t.vipNetworkDevices.Add(devices.Get(i));
        }
        NetDeviceContainer vipClientDevices;
        NetDeviceContainer ripClientDevices;
        for (uint32_t i = servers + 2; i < devices.GetN() - BackupDirectors(t).GetN(); ++i)
        {
            t.vipNetworkDevices.Add(devices.Get(i));
            (i < servers + 2 + vipClients.GetN() ? vipClientDevices : ripClientDevices)
                .Add(devices.Get(i));
        }
        AttachLocalClients(t, ClientPlacement::VipNetwork, vipClientDevices, " (the one LAN)");
        AttachLocalClients(t, ClientPlacement::RipNetwork, ripClientDevices, " (the one LAN)");
        if (t.backupDirector)
        {
            t.vipNetworkDevices.Add(devices.Get(devices.GetN() - 1)); // director-2, last
        }
    }
    else
    {
        NodeContainer vipClients = ClientsOf(t, ClientPlacement::VipNetwork);
        t.vipNetworkDevices = InstallLan(
            t,
            NodeContainer(NodeContainer(t.router, t.director), vipClients, BackupDirectors(t)),
            "VIP network");
        NetDeviceContainer clientDevices;
        for (uint32_t i = 2; i < t.vipNetworkDevices.GetN() - BackupDirectors(t).GetN(); ++i)
        {
            clientDevices.Add(t.vipNetworkDevices.Get(i));
        }
        AttachLocalClients(t, ClientPlacement::VipNetwork, clientDevices, " (VIP network)");
    }
    uint32_t routerIf = AddInterfaceAddress(t.router,
                                            t.vipNetworkDevices.Get(0),
                                            m_config.routerVipAddress,
                                            m_config.vipMask);
    uint32_t directorIf =
        AddInterfaceAddress(t.director, t.vipNetworkDevices.Get(1), m_config.vip, m_config.vipMask);
    // Replies from the Director to clients go back through the router.
    Ptr<Ipv4StaticRouting> directorRouting =
        m_config.plainRouterDirector ? StaticRoutingOf(t.director) : t.ipvs->GetStaticRouting();
    directorRouting->SetDefaultRoute(m_config.routerVipAddress, directorIf);
    if (m_config.plainRouterDirector)
    {
        // Clients address the RIPs themselves: the router reaches them
        // through the Director's node.
        StaticRoutingOf(t.router)->AddNetworkRouteTo(m_config.ripNetwork,
                                                     m_config.ripMask,
                                                     m_config.vip,
                                                     routerIf);
    }
    std::string network = Prefix(m_config.vipNetwork, m_config.vipMask);
    std::string lan = m_config.realServersOnVipNetwork ? " (the one LAN)" : " (VIP network)";
    t.plan.Add(AddressKind::Gateway,
               {"router",
                "router",
                "if" + std::to_string(routerIf) + lan,
                network,
                ToString(m_config.routerVipAddress),
                "gateway of the Director"});
    t.plan.Add(AddressKind::Vip,
               {"director",
                "director",
                "if" + std::to_string(directorIf) + lan,
                network,
                ToString(m_config.vip),
                "VIP"});
    for (Ipv4Address vip : AllVips())
    {
        if (vip == m_config.vip)
        {
            continue;
        }
        bool offNetwork = IsOffNetworkVip(vip);
        Ipv4Mask mask = offNetwork ? Ipv4Mask("255.255.255.255") : m_config.vipMask;
        AddInterfaceAddress(t.director, t.vipNetworkDevices.Get(1), vip, mask);
        if (offNetwork)
        {
            // Like a Kubernetes cluster IP: no LAN holds it, the router
            // sends it to the Director.
            StaticRoutingOf(t.router)->AddHostRouteTo(vip, m_config.vip, routerIf);
        }
        t.plan.Add(AddressKind::Vip,
                   {"director",
                    "director",
                    "if" + std::to_string(directorIf) + lan,
                    offNetwork ? ToString(vip) + "/32" : network,
                    ToString(vip),
                    offNetwork ? "VIP (secondary address; the router routes it here)"
                               : "VIP (secondary address)"});
    }
    if (!m_config.realServersOnVipNetwork)
    {
        return;
    }
    // One segment: the RIP subnet shares the LAN; the Director's DIP and
    // the router's gateway address for DR/TUN servers sit on it too.
    std::string ripNetwork = Prefix(m_config.ripNetwork, m_config.ripMask);
    AddInterfaceAddress(t.director, t.vipNetworkDevices.Get(1), m_config.dip, m_config.ripMask);
    t.plan.Add(AddressKind::Dip,
               {"director",
                "director",
                "if" + std::to_string(directorIf) + lan,
                ripNetwork,
                ToString(m_config.dip),
                "DIP (secondary address)"});
    if (AnyDirectReplies())
    {
        AddInterfaceAddress(t.router,
                            t.vipNetworkDevices.Get(0),
                            m_config.routerRipAddress,
                            m_config.ripMask);
        t.plan.Add(AddressKind::Gateway,
                   {"router",
                    "router",
                    "if" + std::to_string(routerIf) + lan,
                    ripNetwork,
                    ToString(m_config.routerRipAddress),
                    "gateway of DR/TUN real servers"});
    }
    AddExtraRipSubnets(t,
                       t.vipNetworkDevices.Get(1),
                       AnyDirectReplies() ? t.vipNetworkDevices.Get(0) : nullptr,
                       lan);
    AddRealServers(t, t.vipNetworkDevices, 2, lan);
}

void
LvsTopologyHelper::BuildRemoteServers(LvsTopology& t) const
{
    PointToPointHelper p2p = LinkHelper(m_config.remoteLinkRate, m_config.remoteLinkDelay);
    Ipv4Mask linkMask("255.255.255.252");
    for (uint32_t i = 0; i < m_config.realServers; ++i)
    {
        Ptr<Node> server = t.realServers.Get(i);
        NetDeviceContainer link = p2p.Install(t.router, server);
        t.remoteLinkDevices.Add(link);
        t.links.push_back({"router to rs-" + std::to_string(i + 1) + " (WAN)", link.Get(0)});
        t.links.push_back({"rs-" + std::to_string(i + 1) + " to router (WAN)", link.Get(1)});
        Ipv4Address routerSide(m_config.remoteLinkBase.Get() + 4 * i + 1);
        Ipv4Address serverSide(m_config.remoteLinkBase.Get() + 4 * i + 2);
        Ipv4Address rip = RipOf(i);
        uint32_t routerIf = AddInterfaceAddress(t.router, link.Get(0), routerSide, linkMask);
        uint32_t serverIf =
            AddInterfaceAddress(server, link.Get(1), rip, Ipv4Mask("255.255.255.255"));
        AddInterfaceAddress(server, link.Get(1), serverSide, linkMask);
        StaticRoutingOf(t.router)->AddHostRouteTo(rip, serverSide, routerIf);
        StaticRoutingOf(server)->SetDefaultRoute(routerSide, serverIf);
        t.rips.push_back(rip);
        t.realServerDevices.push_back(link.Get(1));
        std::string name = "rs-" + std::to_string(i + 1);
        std::string network = " (WAN link to router)";
        t.plan.Add(AddressKind::Rip,
                   {name,
                    "real-server",
                    "if" + std::to_string(serverIf) + network,
                    ToString(rip) + "/32",
                    ToString(rip),
                    "RIP (gateway: router)"});
        t.plan.Add(AddressKind::Gateway,
                   {"router",
                    "router",
                    "if" + std::to_string(routerIf) + " (WAN link to " + name + ")",
                    Prefix(routerSide, linkMask),
                    ToString(routerSide),
                    "gateway of " + name});
        HoldVips(t, i, link.Get(1), network);
    }
}

std::string
VipArpRole(const RealServerSetup& setup, bool onLan)
{
    // What the server does with the VIP in ARP, which decides whether the
    // router learns the VIP from it: the lesson of the ARP problem.
    std::string answers = onLan                  ? "answers ARP for it: on the LAN interface"
                          : setup.arpIgnore == 0 ? "answers ARP for it: arp_ignore=0"
                                                 : "no ARP replies: arp_ignore=1";
    std::string announces = setup.arpAnnounce == 0 ? "its ARP requests announce it: arp_announce=0"
                            : setup.arpAnnounce == 1
                                ? "announced on its subnet only: arp_announce=1"
                                : "never announced: arp_announce=2";
    return "VIP (" + answers + "; " + announces + ")";
}

void
LvsTopologyHelper::HoldVips(LvsTopology& t,
                            uint32_t server,
                            Ptr<NetDevice> lan,
                            const std::string& network) const
{
    Ptr<Node> node = t.realServers.Get(server);
    std::string name = "rs-" + std::to_string(server + 1);
    bool onLan = m_config.vipAnswersArpOnRealServers;
    Ptr<NetDevice> vipDevice = onLan ? lan : node->GetDevice(0);
    for (Ipv4Address vip : AllVips())
    {
        uint32_t vipIf = AddInterfaceAddress(node, vipDevice, vip, Ipv4Mask("255.255.255.255"));
        t.plan.Add(AddressKind::Vip,
                   {name,
                    "real-server",
                    "if" + std::to_string(vipIf) + (onLan ? network : " (loopback)"),
                    ToString(vip) + "/32",
                    ToString(vip),
                    m_config.realServersRemote ? "VIP (a point-to-point link: no ARP)"
                                               : VipArpRole(SetupOf(server), onLan)});
    }
    if (SetupOf(server).decapsulatesIpIp)
    {
        IpIpDecapsulation::Install(node);
    }
}

void
LvsTopologyHelper::BuildRipNetwork(LvsTopology& t) const
{
    if (m_config.realServersRemote)
    {
        BuildRemoteServers(t);
        return;
    }
    if (m_config.realServersOnVipNetwork)
    {
        return;
    }
    NodeContainer members(NodeContainer(t.director), t.realServers);
    bool routerJoins = AnyDirectReplies();
    if (routerJoins)
    {
        members.Add(t.router); // DR/TUN replies leave through the router
    }
    uint32_t routerDevice = members.GetN() - 1;
    NodeContainer ripClients = ClientsOf(t, ClientPlacement::RipNetwork);
    members.Add(ripClients);
    members.Add(BackupDirectors(t));
    t.ripNetworkDevices = InstallLan(t, members, "D/RIP network");
    uint32_t directorIf =
        AddInterfaceAddress(t.director, t.ripNetworkDevices.Get(0), m_config.dip, m_config.ripMask);
    std::string network = Prefix(m_config.ripNetwork, m_config.ripMask);
    t.plan.Add(AddressKind::Dip,
               {"director",
                "director",
                "if" + std::to_string(directorIf) + " (D/RIP network)",
                network,
                ToString(m_config.dip),
                "DIP"});
    if (routerJoins)
    {
        Ptr<NetDevice> device = t.ripNetworkDevices.Get(routerDevice);
        uint32_t routerIf =
            AddInterfaceAddress(t.router, device, m_config.routerRipAddress, m_config.ripMask);
        t.plan.Add(AddressKind::Gateway,
                   {"router",
                    "router",
                    "if" + std::to_string(routerIf) + " (D/RIP network)",
                    network,
                    ToString(m_config.routerRipAddress),
                    "gateway of DR/TUN real servers"});
    }
    AddExtraRipSubnets(t,
                       t.ripNetworkDevices.Get(0),
                       routerJoins ? t.ripNetworkDevices.Get(routerDevice) : nullptr,
                       " (D/RIP network)");
    AddRealServers(t, t.ripNetworkDevices, 1, " (D/RIP network)");
    NetDeviceContainer clientDevices;
    uint32_t clientsEnd = members.GetN() - BackupDirectors(t).GetN();
    for (uint32_t i = clientsEnd - ripClients.GetN(); i < clientsEnd; ++i)
    {
        clientDevices.Add(t.ripNetworkDevices.Get(i));
    }
    AttachLocalClients(t, ClientPlacement::RipNetwork, clientDevices, " (D/RIP network)");
}

NodeContainer
LvsTopologyHelper::BackupDirectors(const LvsTopology& t) const
{
    return t.backupDirector ? NodeContainer(t.backupDirector) : NodeContainer();
}

namespace
{

/// The first host of @p network/@p mask from .2 up that @p taken lacks.
Ipv4Address
FirstFreeHost(Ipv4Address network, Ipv4Mask mask, const std::set<Ipv4Address>& taken)
{
    uint32_t base = network.CombineMask(mask).Get();
    uint32_t hosts = ~mask.Get();
    for (uint32_t host = 2; host < hosts; ++host)
    {
        Ipv4Address candidate(base + host);
        if (!taken.count(candidate))
        {
            return candidate;
        }
    }
    NS_FATAL_ERROR("no free address in " << network << " for a Director");
}

} // namespace

void
LvsTopologyHelper::AddDirectorOwnAddresses(LvsTopology& t) const
{
    if (!t.backupDirector)
    {
        return;
    }
    // Every address the plan holds is taken; so are the VIPs and the DIP,
    // which only the VRRP master holds.
    std::set<Ipv4Address> taken;
    for (const auto& row : t.plan.GetEntries())
    {
        if (auto addr = ipvs::ParseAddr(row.address)) // not a range or a route
        {
            taken.insert(Ipv4Address(*addr));
        }
    }
    for (Ipv4Address vip : AllVips())
    {
        taken.insert(vip);
    }
    taken.insert(m_config.dip);

    struct Leg
    {
        NetDeviceContainer* devices;
        Ipv4Address network;
        Ipv4Mask mask;
        std::string name;
    };

    std::vector<Leg> legs{{&t.vipNetworkDevices,
                           m_config.vipNetwork,
                           m_config.vipMask,
                           t.OnOneLan() ? " (the one LAN)" : " (VIP network)"}};
    if (t.ripNetworkDevices.GetN() > 0)
    {
        legs.push_back(
            {&t.ripNetworkDevices, m_config.ripNetwork, m_config.ripMask, " (D/RIP network)"});
    }
    else if (t.OnOneLan())
    {
        // The RIP subnet shares the one LAN: an own address there too, for
        // the checks and the sync daemon.
        legs.push_back(
            {&t.vipNetworkDevices, m_config.ripNetwork, m_config.ripMask, " (the one LAN)"});
    }
    std::vector<Ptr<Node>> directors{t.director, t.backupDirector};
    t.directorLegs.assign(2, {});
    for (const Leg& leg : legs)
    {
        // The Director's device comes first on the VIP network and the
        // D/RIP network but after the router and the servers on one LAN;
        // director-2's is the last of each.
        Ptr<NetDevice> first = nullptr;
        for (uint32_t i = 0; i < leg.devices->GetN(); ++i)
        {
            if (leg.devices->Get(i)->GetNode() == t.director)
            {
                first = leg.devices->Get(i);
            }
        }
        Ptr<NetDevice> second = leg.devices->Get(leg.devices->GetN() - 1);
        std::vector<Ptr<NetDevice>> devices{first, second};
        for (size_t d = 0; d < 2; ++d)
        {
            Ipv4Address own = FirstFreeHost(leg.network, leg.mask, taken);
            taken.insert(own);
            uint32_t interface = AddInterfaceAddress(directors[d], devices[d], own, leg.mask);
            t.directorLegs[d].devices.push_back(devices[d]);
            t.directorLegs[d].ownAddresses.push_back(own);
            std::string name = d == 0 ? "director" : "director-2";
            t.plan.Add(AddressKind::Host,
                       {name,
                        "director",
                        "if" + std::to_string(interface) + leg.name,
                        Prefix(leg.network, leg.mask),
                        ToString(own),
                        "its own address (VRRP moves the VIP and the DIP)"});
        }
    }
    Ptr<Ipv4StaticRouting> routing = t.backupIpvs->GetStaticRouting();
    uint32_t vipIf =
        t.backupDirector->GetObject<Ipv4>()->GetInterfaceForDevice(t.directorLegs[1].devices[0]);
    routing->SetDefaultRoute(m_config.routerVipAddress, vipIf);
}

void
LvsTopologyHelper::AddRealServers(LvsTopology& t,
                                  const NetDeviceContainer& devices,
                                  uint32_t firstDevice,
                                  const std::string& network) const
{
    for (uint32_t i = 0; i < m_config.realServers; ++i)
    {
        Ptr<Node> server = t.realServers.Get(i);
        Ptr<NetDevice> device = devices.Get(firstDevice + i);
        Ipv4Address rip = RipOf(i);
        RipSubnet subnet = SubnetOf(rip);
        std::string ripNetwork = Prefix(subnet.network, subnet.mask);
        // With several RIP subnets, which of the DIPs (router addresses).
        bool several = !m_config.extraRipSubnets.empty();
        std::string which =
            several ? " " + ToString(SetupOf(i).repliesDirectly ? subnet.router : subnet.dip) : "";
        uint32_t serverIf = AddInterfaceAddress(server, device, rip, subnet.mask);
        t.rips.push_back(rip);
        t.realServerDevices.push_back(device);
        std::string name = "rs-" + std::to_string(i + 1);
        std::string iface = "if" + std::to_string(serverIf) + network;
        RealServerSetup setup = SetupOf(i);
        if (!setup.repliesDirectly)
        {
            // LVS-NAT: replies must pass the Director, so the DIP is the gateway.
            StaticRoutingOf(server)->SetDefaultRoute(subnet.dip, serverIf);
            t.plan.Add(AddressKind::Rip,
                       {name,
                        "real-server",
                        iface,
                        ripNetwork,
                        ToString(rip),
                        "RIP (gateway: DIP" + which + ")"});
            continue;
        }
        StaticRoutingOf(server)->SetDefaultRoute(subnet.router, serverIf);
        t.plan.Add(AddressKind::Rip,
                   {name,
                    "real-server",
                    iface,
                    ripNetwork,
                    ToString(rip),
                    "RIP (gateway: router" + which + ")"});
        // DR and TUN: the server owns the VIP, on an interface that does not
        // answer ARP for it (loopback) unless the set-up is the naive one.
        HoldVips(t, i, device, network);
    }
}

} // namespace ns3
