#include "helper/address-plan.h"

#include "ns3/log.h"

#include <algorithm>
#include <array>
#include <iomanip>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("AddressPlan");

void
AddressPlan::Add(AddressKind kind, AddressPlanEntry entry)
{
    NS_LOG_FUNCTION(this << entry.node << entry.address);
    entry.kind = kind;
    m_entries.push_back(entry);
}

namespace
{

bool
StartsWith(const std::string& text, const std::string& prefix)
{
    return text.rfind(prefix, 0) == 0;
}

} // namespace

std::string
AddressPlan::KnownTo(const AddressPlanEntry& e)
{
    // Who uses the address: the lesson of LVS addressing is that a client
    // needs the VIP alone, and the RIPs are the Director's business.
    switch (e.kind)
    {
    case AddressKind::Cip:
        return "its client; the real servers see it as the source";
    case AddressKind::Vip:
        return e.role == "real-server" ? "this server alone: it accepts the VIP's packets"
                                       : "the clients: the one address they need";
    case AddressKind::Dip:
        return "the Director; NAT real servers (their gateway)";
    case AddressKind::Rip:
        return "the Director (its ipvsadm rules); never the clients";
    case AddressKind::Gateway: {
        // The role reads "gateway of WHO".
        const std::string prefix = "gateway of ";
        return StartsWith(e.lvsRole, prefix) ? e.lvsRole.substr(prefix.size()) : "-";
    }
    case AddressKind::Link:
        return "the router";
    case AddressKind::Route:
        return "-";
    case AddressKind::Host:
        return "the other Director (VRRP advertisements, sync)";
    }
    return "-";
}

void
AddressPlan::SetMac(const std::string& node, uint32_t interface, const std::string& mac)
{
    std::string prefix = "if" + std::to_string(interface) + " ";
    for (auto& e : m_entries)
    {
        if (e.node == node && e.interface.rfind(prefix, 0) == 0)
        {
            e.mac = mac;
        }
    }
}

void
AddressPlan::Print(std::ostream& os) const
{
    using Row = std::array<std::string, 8>;
    std::vector<Row> rows{
        {"NODE", "ROLE", "INTERFACE", "MAC", "NETWORK", "ADDRESS", "LVS ROLE", "KNOWN TO"}};
    // Rows grouped by node: clients, router, Director, real servers, each
    // role's nodes in the order they first appear.
    std::vector<std::string> nodes;
    for (const char* role : {"client", "router", "director", "real-server"})
    {
        for (const auto& e : m_entries)
        {
            if (e.role == role && std::find(nodes.begin(), nodes.end(), e.node) == nodes.end())
            {
                nodes.push_back(e.node);
            }
        }
    }
    for (const auto& node : nodes)
    {
        for (const auto& e : m_entries)
        {
            if (e.node == node)
            {
                rows.push_back({e.node,
                                e.role,
                                e.interface,
                                e.mac,
                                e.network,
                                e.address,
                                e.lvsRole,
                                KnownTo(e)});
            }
        }
    }
    std::array<size_t, 8> width{};
    for (const Row& row : rows)
    {
        for (size_t i = 0; i < row.size(); ++i)
        {
            width[i] = std::max(width[i], row[i].size());
        }
    }
    for (const Row& row : rows)
    {
        for (size_t i = 0; i < row.size(); ++i)
        {
            bool last = i + 1 == row.size();
            os << (last ? row[i] : row[i] + std::string(width[i] - row[i].size() + 2, ' '));
        }
        os << "\n";
    }
}

namespace
{

/// "if3 (VIP network)" -> "VIP network"; point-to-point links are named by
/// their client ("p2p to client-0" and "p2p to router" on client-0 are one
/// link).
std::string
NetworkOf(const AddressPlanEntry& e)
{
    auto open = e.interface.find('(');
    std::string name = open == std::string::npos ? e.interface : e.interface.substr(open + 1);
    if (!name.empty() && name.back() == ')')
    {
        name.pop_back();
    }
    if (name == "p2p to router")
    {
        return "link " + e.node;
    }
    // A WAN link joins the router and one remote real server: named by the
    // server from both ends.
    if (name == "WAN link to router")
    {
        return "WAN link " + e.node;
    }
    if (name.rfind("WAN link to ", 0) == 0)
    {
        return "WAN link " + name.substr(12);
    }
    if (name.rfind("p2p to ", 0) == 0)
    {
        return "link " + name.substr(7);
    }
    if (name.rfind("the one LAN", 0) == 0)
    {
        return "LAN";
    }
    return name;
}

std::string
Quoted(const std::string& s)
{
    std::string out = "\"";
    for (char c : s)
    {
        out += (c == '"') ? std::string("\\\"") : std::string(1, c);
    }
    return out + "\"";
}

} // namespace

namespace
{

/// How far down a node of @p role is drawn: the Internet side on top,
/// the real servers at the bottom, as LVS diagrams draw a cluster.
int
Tier(const std::string& role)
{
    if (role == "client")
    {
        return 0;
    }
    if (role == "router")
    {
        return 1;
    }
    return role == "director" ? 2 : 3;
}

} // namespace

void
AddressPlan::WriteDot(std::ostream& os) const
{
    // Top to bottom: each network is a wide flat bar drawn below the
    // highest of its members (an edge member -- network puts the member
    // above, network -- member below).
    os << "graph lvs {\n  layout=dot; rankdir=TB; nodesep=0.3; ranksep=0.35;\n"
          "  node [fontname=\"Helvetica\", fontsize=10];\n";
    std::vector<std::string> nodes;
    std::map<std::string, std::string> roleOf;
    std::vector<std::string> networks;
    std::vector<std::pair<std::string, std::string>> edges;
    for (const auto& e : m_entries)
    {
        if (std::find(nodes.begin(), nodes.end(), e.node) == nodes.end())
        {
            nodes.push_back(e.node);
        }
        roleOf[e.node] = e.role;
        bool loopback = e.interface.find("loopback") != std::string::npos;
        std::string network = NetworkOf(e);
        if (!loopback && std::find(networks.begin(), networks.end(), network) == networks.end())
        {
            networks.push_back(network);
        }
        if (!loopback &&
            std::find(edges.begin(), edges.end(), std::make_pair(e.node, network)) == edges.end())
        {
            edges.emplace_back(e.node, network);
        }
    }
    for (const auto& node : nodes)
    {
        std::string label;
        for (const auto& e : m_entries)
        {
            if (e.node == node)
            {
                label += "\\n" + e.address + "  " + e.lvsRole;
            }
        }
        os << "  " << Quoted(node)
           << " [shape=box, label=" << Quoted(node + " (" + roleOf[node] + ")" + label) << "];\n";
    }
    std::map<std::string, int> topTier;
    for (const auto& [node, network] : edges)
    {
        int tier = Tier(roleOf[node]);
        topTier[network] = topTier.count(network) ? std::min(topTier[network], tier) : tier;
    }
    for (const auto& network : networks)
    {
        os << "  " << Quoted("net:" + network)
           << " [shape=box, style=filled, fillcolor=lightgrey, height=0.25, width=4, label="
           << Quoted(network) << "];\n";
    }
    for (const auto& [node, network] : edges)
    {
        bool above = Tier(roleOf[node]) == topTier[network];
        os << "  "
           << (above ? Quoted(node) + " -- " + Quoted("net:" + network)
                     : Quoted("net:" + network) + " -- " + Quoted(node))
           << ";\n";
    }
    os << "}\n";
}

} // namespace ns3
