// Builds the three-network LVS cluster of the LVS literature:
//
//   clients (CIPs) --p2p-- router --VIP network (CSMA)-- Director
//                                                          |
//                          real servers --D/RIP network (CSMA)-- (DIP)
//
// Clients hold many CIPs each and reach the VIP through a router that
// stands for the Internet; the Director holds the VIP on its VIP-network
// interface and the DIP on its D/RIP interface; real servers hold one RIP
// each and use the DIP as default gateway (what LVS-NAT needs).
#ifndef LVS_TOPOLOGY_HELPER_H
#define LVS_TOPOLOGY_HELPER_H

#include "helper/address-plan.h"
#include "model/ipvs-director.h"

#include "ns3/csma-helper.h"
#include "ns3/data-rate.h"
#include "ns3/ipv4-address.h"
#include "ns3/mac48-address.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/point-to-point-helper.h"

#include <map>
#include <string>
#include <vector>

namespace ns3
{

/// How one real server is set up, which depends on its forwarding method.
struct RealServerSetup
{
    /// DR and TUN: replies go straight to the client (default gateway: the
    /// router), and the server holds the VIP itself.  NAT: the gateway is
    /// the DIP so that replies pass the Director.
    bool repliesDirectly = false;
    /// TUN: the server decapsulates IP-in-IP.
    bool decapsulatesIpIp = false;
    /// net.ipv4.conf.all.arp_ignore and arp_announce, Linux's defaults: with
    /// them a server holding the VIP on lo still answers ARP for it and
    /// announces it (LinuxArp).
    uint32_t arpIgnore = 0;
    uint32_t arpAnnounce = 0;
    /// net.ipv4.conf.all.accept_redirects, on by default on Linux hosts.
    bool acceptsRedirects = true;
};

/// The address plan's LVS role of a VIP a DR/TUN server holds: whether it
/// answers ARP for it and whether its own requests announce it.
std::string VipArpRole(const RealServerSetup& setup, bool onLan);

/// A RIP subnet on the D/RIP LAN: the Director's DIP in it (the gateway of
/// its NAT servers) and the router's address in it (the gateway of its
/// DR/TUN servers).
struct RipSubnet
{
    Ipv4Address network;
    Ipv4Mask mask;
    Ipv4Address dip;
    Ipv4Address router;
};

/// Where a client node sits.
enum class ClientPlacement
{
    Internet,   ///< behind the router, on a link of its own (the default)
    VipNetwork, ///< on the VIP network, beside the router and the Director
    RipNetwork, ///< on the D/RIP network, beside the real servers
};

/// "internet", "vip", "rip".
std::string ClientPlacementName(ClientPlacement placement);

struct LvsTopologyConfig
{
    /// Client links are /30s from clientLinkBase (100.64.0.0): 16384 of them
    /// fill 100.64.0.0/16 up to the WAN links of remoteLinkBase.
    static constexpr uint32_t kMaxClientNodes = 16384;

    uint32_t clientNodes = 2;
    uint32_t clientAddresses = 100; ///< CIPs in all, spread over the client nodes
    Ipv4Address cipBase = Ipv4Address("172.16.0.0");
    /// Per client node (missing: Internet).  Local clients (on the VIP or
    /// D/RIP network) hold their CIPs as addresses of their LAN interface,
    /// taken from that network: from cipBase when it lies there, else from
    /// the upper half of the network, skipping addresses already in use.
    std::vector<ClientPlacement> clientPlacements;
    /// The usual fix for clients on the D/RIP network under LVS-NAT: the
    /// NAT real servers route replies to those clients' CIPs through the
    /// DIP (a host route each) instead of straight over the LAN.
    bool ripClientsViaDirector = false;
    Ipv4Address clientLinkBase = Ipv4Address("100.64.0.0"); ///< /30 per client link
    DataRate clientLinkRate = DataRate("1Gbps");
    Time clientLinkDelay = MilliSeconds(10);

    Ipv4Address vipNetwork = Ipv4Address("10.0.0.0");
    Ipv4Mask vipMask = Ipv4Mask("255.255.255.0");
    Ipv4Address routerVipAddress = Ipv4Address("10.0.0.1");
    Ipv4Address vip = Ipv4Address("10.0.0.100");

    Ipv4Address ripNetwork = Ipv4Address("192.168.10.0");
    Ipv4Mask ripMask = Ipv4Mask("255.255.255.0");
    Ipv4Address dip = Ipv4Address("192.168.10.1");
    Ipv4Address firstRip = Ipv4Address("192.168.10.11");
    uint32_t realServers = 4;
    /// Explicit RIPs (from ipvsadm rules); when set, they replace firstRip
    /// and following, and realServers must equal their number.
    std::vector<Ipv4Address> rips;
    /// More VIPs (rules with several virtual addresses): the Director holds
    /// them on its VIP interface, DR/TUN servers on their loopback.  A VIP
    /// outside the VIP network is a /32 the router routes to the Director.
    std::vector<Ipv4Address> extraVips;
    /// More RIP subnets on the same D/RIP LAN (rules whose RIPs span
    /// several /24s, as a Kubernetes node's pods and hosts do), each with a
    /// DIP and a router address of its own.
    std::vector<RipSubnet> extraRipSubnets;
    /// Per server (empty: every server is a NAT server).
    std::vector<RealServerSetup> serverSetups;
    /// Real servers on the VIP network segment, with the router and the
    /// Director (the classic LVS-DR layout: RIPs are a second subnet on the
    /// same LAN, and the Director holds VIP and DIP on one interface).
    bool realServersOnVipNetwork = false;
    /// TUN real servers on networks of their own, each behind a WAN link
    /// from the router (LVS-TUN's remote servers).
    bool realServersRemote = false;
    DataRate remoteLinkRate = DataRate("100Mbps");
    Time remoteLinkDelay = MilliSeconds(20);
    Ipv4Address remoteLinkBase = Ipv4Address("100.65.0.0"); ///< /30 per WAN link
    /// The naive DR set-up: the VIP on the real servers' LAN interface,
    /// which answers ARP for it, instead of on their loopback.
    bool vipAnswersArpOnRealServers = false;
    /// The Director's net.ipv4.conf.all.send_redirects (Linux's default).
    bool directorSendsRedirects = true;
    /// The router's address in the RIP subnet (the gateway of DR/TUN
    /// servers).
    Ipv4Address routerRipAddress = Ipv4Address("192.168.10.254");

    DataRate lanRate = DataRate("1Gbps");
    Time lanDelay = MicroSeconds(1);
    /// The VIP and D/RIP networks as switched Ethernet (a learning bridge
    /// with one link per port) rather than one shared segment (a hub).
    bool switchedLans = true;
    /// No Director: the Director's node is a plain IPv4 router (static
    /// routing, no IPVS hook) in the LVS-NAT layout; the topology's `ipvs`
    /// is then an idle engine that no packet reaches (its tables and
    /// counters stay empty).  The baseline of performance comparisons.
    bool plainRouterDirector = false;
    /// A second Director (director-2) on the same networks, for VRRP
    /// failover: each Director then has an address of its own on each
    /// network (ownAddresses), and the VIPs and the DIP move with the VRRP
    /// master (helper/director-failover.h).
    bool backupDirector = false;
};

/// A device from which one network is watched (a CSMA device sees every
/// frame of its segment, a point-to-point device its link).
struct CapturePoint
{
    std::string network; ///< "client-0 link", "VIP network", "D/RIP network", ...
    Ptr<NetDevice> device;
};

/// A device that sends onto a link, named for reports.
struct LinkEnd
{
    std::string name; ///< "client-0 to router", "rs-2 to D/RIP switch", ...
    Ptr<NetDevice> device;
};

struct LvsTopology
{
    NodeContainer clients;
    Ptr<Node> router;
    Ptr<Node> director;
    NodeContainer realServers;
    std::vector<std::vector<Ipv4Address>> clientAddresses; ///< CIPs per client node
    std::vector<Ipv4Address> rips;
    Ipv4Address vip;
    Ipv4Address dip;
    Ptr<IpvsDirector> ipvs;
    /// With a backup Director: director-2 and its IPVS (else null).
    Ptr<Node> backupDirector;
    Ptr<IpvsDirector> backupIpvs;

    /// With a backup Director: each Director's LAN devices (VIP network
    /// first, then the D/RIP network when it has one of its own) and its
    /// own address on each, which stays when the VRRP addresses move.
    struct DirectorLegs
    {
        std::vector<Ptr<NetDevice>> devices;
        std::vector<Ipv4Address> ownAddresses;
    };

    std::vector<DirectorLegs> directorLegs;
    NetDeviceContainer clientLinkDevices; ///< pairs: router side, client side
    NetDeviceContainer vipNetworkDevices; ///< router, Director (then real servers on one segment)
    NetDeviceContainer
        ripNetworkDevices; ///< Director, real servers (+ router); empty on one segment
    std::vector<Ptr<NetDevice>> realServerDevices; ///< each real server's LAN device
    NetDeviceContainer remoteLinkDevices; ///< remote servers: pairs router side, server side
    NodeContainer switches;               ///< the switches of switched LANs
    AddressPlan plan;
    /// One per network, in the order walks list them: client links, WAN
    /// links, the VIP network (or the one LAN), the D/RIP network.
    std::vector<CapturePoint> capturePoints;
    /// Every sending end of every link (hosts and switch ports).
    std::vector<LinkEnd> links;
    /// The LVS role of the addresses that have one ("VIP", "DIP", "RIP
    /// rs-2", "router"); any other address is a CIP.
    std::map<Ipv4Address, std::string> addressRoles;

    /// The name the address plan gives @p node: "client-0", "router",
    /// "director", "rs-1" ("node N" for a node not of this cluster).
    std::string NameOf(Ptr<Node> node) const;

    /// The DR/TUN layout: router, Director and real servers on one LAN
    /// (no D/RIP network of its own, no WAN links).
    bool OnOneLan() const
    {
        return ripNetworkDevices.GetN() == 0 && remoteLinkDevices.GetN() == 0;
    }

    /// Who owns each MAC address of the VIP and D/RIP networks.
    std::map<Mac48Address, std::string> MacOwners() const;

    /// The router's device on the VIP network (whose ARP cache tells who
    /// answers for the VIP).
    Ptr<NetDevice> RouterVipDevice() const
    {
        return vipNetworkDevices.Get(0);
    }
};

class LvsTopologyHelper
{
  public:
    explicit LvsTopologyHelper(const LvsTopologyConfig& config);

    /// Checks the address plan fits (ranges, overlaps); empty if fine.
    std::string Validate() const;
    /// Creates nodes, links, stacks, addresses and routes.
    LvsTopology Build() const;

    /// One pcap file per node and interface in @p folder, named by node
    /// and network: director-vip-network.pcap, rs-1-d-rip-network.pcap,
    /// client-0-link-router.pcap, router-link-client-0.pcap (one LAN:
    /// NODE-lan.pcap).
    static void EnablePcap(const std::string& folder, const LvsTopology& topology);

  private:
    void BuildClientSide(LvsTopology& t) const;
    void BuildVipNetwork(LvsTopology& t) const;
    void BuildRipNetwork(LvsTopology& t) const;
    void BuildRemoteServers(LvsTopology& t) const;
    /// director-2's addresses and routes, and each Director's own address
    /// on each network (backupDirector).
    void AddDirectorOwnAddresses(LvsTopology& t) const;
    /// The backup Director, as a LAN member (empty without one).
    NodeContainer BackupDirectors(const LvsTopology& t) const;
    void AddCapturePoints(LvsTopology& t) const;
    /// The LAN interfaces' MACs in the address plan.
    void AddMacsToPlan(LvsTopology& t) const;
    void AddAddressRoles(LvsTopology& t) const;
    /// Linux's ARP on every host (LinuxArp), the real servers' sysctls
    /// from their setups.
    void InstallLinuxArp(LvsTopology& t) const;
    /// What the real servers do with ICMP redirects, and whether the
    /// Director sends them.
    void SetUpRedirects(LvsTopology& t) const;
    /// DR/TUN: the server holds every VIP (on loopback, or on @p lan in the
    /// naive set-up) and, for TUN, decapsulates IP-in-IP.
    void HoldVips(LvsTopology& t,
                  uint32_t server,
                  Ptr<NetDevice> lan,
                  const std::string& network) const;
    void AddRealServers(LvsTopology& t,
                        const NetDeviceContainer& devices,
                        uint32_t firstDevice,
                        const std::string& network) const;
    bool AnyDirectReplies() const;
    /// The subnet of @p rip: the primary one (--rip-network, --dip) or one
    /// of the extra ones.
    RipSubnet SubnetOf(Ipv4Address rip) const;
    /// The extra RIP subnets' DIPs on the Director's @p directorDevice and,
    /// for DR/TUN servers, their gateways on the router's @p routerDevice.
    void AddExtraRipSubnets(LvsTopology& t,
                            Ptr<NetDevice> directorDevice,
                            Ptr<NetDevice> routerDevice,
                            const std::string& lan) const;
    /// A VIP outside the VIP network: a host route on the router to the
    /// Director's VIP-network address.
    bool IsOffNetworkVip(Ipv4Address vip) const;
    /// Why the extra RIP subnets do not fit, or "".
    std::string ValidateRipSubnets() const;
    /// Why an extra VIP cannot be one (another host's address, inside a
    /// RIP subnet or the client links), or "".
    std::string ValidateExtraVips() const;
    /// A CSMA helper for the VIP and D/RIP LANs.
    CsmaHelper LanHelper() const;
    /// A LAN of @p members (switched or shared); the members' devices, in
    /// member order.
    NetDeviceContainer InstallLan(LvsTopology& t,
                                  const NodeContainer& members,
                                  const std::string& network) const;
    /// A point-to-point helper for client and WAN links.
    static PointToPointHelper LinkHelper(DataRate rate, Time delay);
    RealServerSetup SetupOf(uint32_t server) const;
    Ipv4Address RipOf(uint32_t server) const;
    /// The VIP and the extra VIPs.
    std::vector<Ipv4Address> AllVips() const;
    uint32_t CipBlockSize() const;
    ClientPlacement PlacementOf(uint32_t clientNode) const;
    bool AnyInternetClients() const;
    /// Why the CIP blocks of the clients behind the router cannot be
    /// placed, or "".
    std::string ValidateInternetClients() const;
    /// How many CIPs client node @p k holds (the total spread evenly).
    uint32_t AddressesOfNode(uint32_t k) const;
    /// The network local clients of @p placement take their CIPs from.
    std::pair<Ipv4Address, Ipv4Mask> LocalNetworkOf(ClientPlacement placement) const;
    /// The CIPs of every local client node of @p placement, in node order
    /// (fewer than needed when the network has no room: Validate says so).
    std::map<uint32_t, std::vector<Ipv4Address>> LocalCips(ClientPlacement placement) const;
    /// Why the local clients cannot be placed, or "".
    std::string ValidateLocalClients() const;
    /// ripClientsViaDirector: host routes on the NAT real servers.
    void RouteRipClientsViaDirector(LvsTopology& t) const;
    /// The client nodes of @p placement.
    NodeContainer ClientsOf(const LvsTopology& t, ClientPlacement placement) const;
    /// Addresses, routes and plan rows of the local clients whose LAN
    /// devices are @p devices (in ClientsOf order).
    void AttachLocalClients(LvsTopology& t,
                            ClientPlacement placement,
                            const NetDeviceContainer& devices,
                            const std::string& network) const;
    /// Why the CIPs [cipBegin, cipEnd) cannot be placed, or "".
    std::string CipOverlap(uint64_t cipBegin, uint64_t cipEnd) const;

    LvsTopologyConfig m_config;
};

} // namespace ns3

#endif
