#include "helper/packet-walk.h"

#include "ns3/log.h"
#include "ns3/tcp-header.h"

#include <algorithm>
#include <array>
#include <iomanip>
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

template <size_t N>
std::string
Table(const std::vector<std::array<std::string, N>>& rows)
{
    std::array<size_t, N> width{};
    for (const auto& row : rows)
    {
        for (size_t i = 0; i < row.size(); ++i)
        {
            width[i] = std::max(width[i], row[i].size());
        }
    }
    std::string out;
    for (const auto& row : rows)
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

/// "SYN,ACK"; "-" for none.
std::string
FlagNames(uint8_t flags)
{
    std::string names;
    for (auto [bit, name] : {std::pair<uint8_t, const char*>{TcpHeader::SYN, "SYN"},
                             {TcpHeader::FIN, "FIN"},
                             {TcpHeader::RST, "RST"},
                             {TcpHeader::PSH, "PSH"},
                             {TcpHeader::ACK, "ACK"}})
    {
        if (flags & bit)
        {
            names += (names.empty() ? "" : ",") + std::string(name);
        }
    }
    return names.empty() ? "-" : names;
}

bool
OfConnection(const CapturedPacket& p, Ipv4Address cip, uint16_t cport)
{
    return (p.source == cip && p.sourcePort == cport) ||
           (p.destination == cip && p.destinationPort == cport);
}

} // namespace

std::string
DescribeConversation(const std::vector<CapturedPacket>& packets,
                     const WalkLabels& labels,
                     Ipv4Address cip,
                     uint16_t cport)
{
    using Row9 = std::array<std::string, 9>;
    std::vector<Row9> rows{{"time ms",
                            "network",
                            "link src -> dst",
                            "IP src -> dst",
                            "ports",
                            "flags",
                            "IP bytes",
                            "TTL",
                            "tunnel (outer IP)"}};
    // A frame is seen once per capturing device (twice on a switched LAN:
    // sent and received); segments differ in sequence or ack numbers, and
    // a retransmission, alike in all, comes at least a timeout later.
    std::map<std::string, Time> lastSeen;
    std::vector<CapturedPacket> hops;
    for (const auto& p : packets)
    {
        if (!OfConnection(p, cip, cport))
        {
            continue;
        }
        std::ostringstream key;
        key << p.network << " " << p.macSource << " " << p.macDestination << " " << p.source << ":"
            << p.sourcePort << " " << p.destination << ":" << p.destinationPort << " " << int(p.ttl)
            << " " << int(p.tcpFlags) << " " << p.payloadBytes << " " << p.tcpSequence << " "
            << p.tcpAck;
        auto seen = lastSeen.find(key.str());
        bool repeat = seen != lastSeen.end() && p.time - seen->second < MilliSeconds(1);
        lastSeen[key.str()] = p.time;
        if (!repeat)
        {
            hops.push_back(p);
        }
    }
    std::stable_sort(hops.begin(), hops.end(), [](const auto& a, const auto& b) {
        return a.time < b.time;
    });
    for (const auto& p : hops)
    {
        Row hop = HopRow(0, p, labels);
        std::ostringstream ms;
        ms << std::fixed << std::setprecision(3) << (p.time - hops.front().time).GetSeconds() * 1e3;
        rows.push_back({ms.str(),
                        hop[1],
                        hop[2],
                        hop[3],
                        hop[4],
                        FlagNames(p.tcpFlags),
                        std::to_string(p.ipBytes),
                        hop[5],
                        hop[6]});
    }
    return "conversation (every segment, both ways)\n" + Table(rows);
}

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
