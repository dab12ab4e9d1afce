#include "helper/packet-walk.h"

#include "ns3/log.h"

#include <algorithm>
#include <array>
#include <set>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("PacketWalk");

namespace
{

std::string
Text(Ipv4Address a)
{
    std::ostringstream os;
    os << a;
    return os.str();
}

std::string
Label(const WalkLabels& labels, Ipv4Address a)
{
    auto it = labels.addressRoles.find(a);
    return Text(a) + " (" + (it != labels.addressRoles.end() ? it->second : labels.cipRole) + ")";
}

std::string
MacLabel(const WalkLabels& labels, Mac48Address mac)
{
    auto it = labels.macOwners.find(mac);
    if (it != labels.macOwners.end())
    {
        return it->second;
    }
    std::ostringstream os;
    os << mac;
    return os.str();
}

using Row = std::array<std::string, 7>;

Row
HopRow(size_t hop, const CapturedPacket& p, const WalkLabels& labels)
{
    std::string link =
        p.hasMac ? MacLabel(labels, p.macSource) + " -> " + MacLabel(labels, p.macDestination)
                 : "point-to-point";
    std::string tunnel = p.tunnelled ? Label(labels, p.outerSource) + " -> " +
                                           Label(labels, p.outerDestination) + " proto 4 TTL " +
                                           std::to_string(p.outerTtl)
                                     : "-";
    return {std::to_string(hop),
            p.network,
            link,
            Label(labels, p.source) + " -> " + Label(labels, p.destination),
            std::to_string(p.sourcePort) + " -> " + std::to_string(p.destinationPort),
            std::to_string(p.ttl),
            tunnel};
}

std::string
Table(const std::vector<Row>& rows)
{
    std::array<size_t, 7> width{};
    for (const Row& row : rows)
    {
        for (size_t i = 0; i < row.size(); ++i)
        {
            width[i] = std::max(width[i], row[i].size());
        }
    }
    std::string out;
    for (const Row& row : rows)
    {
        std::string line = " ";
        for (size_t i = 0; i < row.size(); ++i)
        {
            line += " " + row[i] +
                    (i + 1 < row.size() ? std::string(width[i] - row[i].size() + 1, ' ') : "");
        }
        out += line + "\n";
    }
    return out;
}

/// The data packets of one direction, each hop once (a segment is seen on
/// several networks, and twice on a LAN the Director forwards it back
/// onto), in time order; retransmissions and later segments are left out.
std::vector<CapturedPacket>
Hops(const std::vector<CapturedPacket>& packets, bool request, Ipv4Address cip, uint16_t cport)
{
    std::vector<CapturedPacket> hops;
    std::set<std::string> seen;
    for (const auto& p : packets)
    {
        bool matches = request ? (p.source == cip && p.sourcePort == cport)
                               : (p.destination == cip && p.destinationPort == cport);
        if (!matches || p.payloadBytes == 0)
        {
            continue;
        }
        std::ostringstream hop;
        hop << p.network << " " << (p.hasMac ? p.macSource : Mac48Address()) << " "
            << (p.hasMac ? p.macDestination : Mac48Address()) << " " << int(p.ttl);
        if (seen.insert(hop.str()).second)
        {
            hops.push_back(p);
        }
    }
    std::stable_sort(hops.begin(), hops.end(), [](const auto& a, const auto& b) {
        return a.time < b.time;
    });
    return hops;
}

} // namespace

std::string
DescribeWalk(const std::vector<CapturedPacket>& packets,
             const WalkLabels& labels,
             Ipv4Address cip,
             uint16_t cport)
{
    std::string out;
    for (bool request : {true, false})
    {
        out += request ? "request\n" : "reply\n";
        std::vector<Row> rows{{"hop",
                               "network",
                               "link src -> dst",
                               "IP src -> dst",
                               "ports",
                               "TTL",
                               "tunnel (outer IP)"}};
        size_t hop = 0;
        for (const auto& p : Hops(packets, request, cip, cport))
        {
            rows.push_back(HopRow(++hop, p, labels));
        }
        out += Table(rows);
    }
    return out;
}

WalkLabels
MakeWalkLabels(const LvsTopology& topology)
{
    WalkLabels labels;
    labels.addressRoles = topology.addressRoles;
    labels.macOwners = topology.MacOwners();
    return labels;
}

} // namespace ns3
