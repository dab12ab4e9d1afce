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

std::string
RoleOf(const WalkLabels& labels, Ipv4Address a)
{
    auto it = labels.addressRoles.find(a);
    return it != labels.addressRoles.end() ? it->second : labels.cipRole;
}

/// The sending and receiving node of @p p: the owners of its MACs on a
/// LAN; on a point-to-point link ("client-0 link", "rs-1 WAN link") the
/// named node and the router, the named node receiving what is addressed
/// to it (its CIP, or its RIP outside a tunnel's header).
std::pair<std::string, std::string>
Ends(const CapturedPacket& p, const WalkLabels& labels)
{
    if (p.hasMac)
    {
        return {MacLabel(labels, p.macSource), MacLabel(labels, p.macDestination)};
    }
    std::string node = p.network;
    for (const char* suffix : {" WAN link", " link"})
    {
        std::string s = suffix;
        if (node.size() > s.size() && node.compare(node.size() - s.size(), s.size(), s) == 0)
        {
            node.erase(node.size() - s.size());
            break;
        }
    }
    Ipv4Address destination = p.tunnelled ? p.outerDestination : p.destination;
    std::string role = RoleOf(labels, destination);
    bool towardNode =
        role == "RIP " + node || (role == labels.cipRole && node.rfind("rs-", 0) != 0);
    return towardNode ? std::make_pair(std::string("router"), node)
                      : std::make_pair(node, std::string("router"));
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

/// FlagNames joined by '+', for a CSV field ("SYN+ACK").
std::string
CsvFlags(uint8_t flags)
{
    std::string names = FlagNames(flags);
    std::replace(names.begin(), names.end(), ',', '+');
    return names;
}

bool
OfConnection(const CapturedPacket& p, Ipv4Address cip, uint16_t cport)
{
    return (p.source == cip && p.sourcePort == cport) ||
           (p.destination == cip && p.destinationPort == cport);
}

} // namespace

namespace
{

/// Every segment of the connection, both ways, each hop once, in time
/// order.  A frame is seen once per capturing device (twice on a switched
/// LAN: sent and received); segments differ in sequence or ack numbers,
/// and a retransmission, alike in all, comes at least a timeout later.
std::vector<CapturedPacket>
ConversationPackets(const std::vector<CapturedPacket>& packets, Ipv4Address cip, uint16_t cport)
{
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
    return hops;
}

WalkHop
MakeHop(const std::string& direction, size_t hop, const CapturedPacket& p, const WalkLabels& labels)
{
    auto [from, to] = Ends(p, labels);
    return {direction, hop, 0, from, to, p};
}

std::string
Milliseconds(double ms)
{
    std::ostringstream os;
    os << std::fixed << std::setprecision(3) << ms;
    return os.str();
}

} // namespace

std::vector<WalkHop>
WalkHops(const std::vector<CapturedPacket>& packets,
         const WalkLabels& labels,
         Ipv4Address cip,
         uint16_t cport,
         bool everySegment)
{
    std::vector<WalkHop> hops;
    if (everySegment)
    {
        size_t n = 0;
        for (const auto& p : ConversationPackets(packets, cip, cport))
        {
            hops.push_back(MakeHop("both", ++n, p, labels));
        }
    }
    else
    {
        for (bool request : {true, false})
        {
            size_t n = 0;
            for (const auto& p : Hops(packets, request, cip, cport))
            {
                hops.push_back(MakeHop(request ? "request" : "reply", ++n, p, labels));
            }
        }
    }
    if (!hops.empty())
    {
        Time first = hops.front().packet.time;
        for (const auto& h : hops)
        {
            first = std::min(first, h.packet.time);
        }
        for (auto& h : hops)
        {
            h.timeMs = (h.packet.time - first).GetSeconds() * 1e3;
        }
    }
    return hops;
}

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
    for (const auto& h : WalkHops(packets, labels, cip, cport, true))
    {
        Row hop = HopRow(0, h.packet, labels);
        rows.push_back({Milliseconds(h.timeMs),
                        hop[1],
                        hop[2],
                        hop[3],
                        hop[4],
                        FlagNames(h.packet.tcpFlags),
                        std::to_string(h.packet.ipBytes),
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
    auto hops = WalkHops(packets, labels, cip, cport, false);
    std::string out;
    for (const char* direction : {"request", "reply"})
    {
        out += std::string(direction) + "\n";
        std::vector<Row> rows{{"hop",
                               "network",
                               "link src -> dst",
                               "IP src -> dst",
                               "ports",
                               "TTL",
                               "tunnel (outer IP)"}};
        for (const auto& h : hops)
        {
            if (h.direction == direction)
            {
                rows.push_back(HopRow(h.hop, h.packet, labels));
            }
        }
        out += Table(rows);
    }
    return out;
}

void
WriteWalkCsv(std::ostream& os, const std::vector<WalkHop>& hops, const WalkLabels& labels)
{
    os << "direction,hop,time_ms,network,from,to,ip_src,ip_src_role,ip_dst,ip_dst_role,sport,"
          "dport,flags,ip_bytes,ttl,outer_src,outer_src_role,outer_dst,outer_dst_role,outer_ttl\n";
    for (const auto& h : hops)
    {
        const CapturedPacket& p = h.packet;
        os << h.direction << "," << h.hop << "," << Milliseconds(h.timeMs) << "," << p.network
           << "," << h.from << "," << h.to << "," << Text(p.source) << ","
           << RoleOf(labels, p.source) << "," << Text(p.destination) << ","
           << RoleOf(labels, p.destination) << "," << p.sourcePort << "," << p.destinationPort
           << "," << CsvFlags(p.tcpFlags) << "," << p.ipBytes << "," << int(p.ttl) << ","
           << (p.tunnelled ? Text(p.outerSource) : "") << ","
           << (p.tunnelled ? RoleOf(labels, p.outerSource) : "") << ","
           << (p.tunnelled ? Text(p.outerDestination) : "") << ","
           << (p.tunnelled ? RoleOf(labels, p.outerDestination) : "") << ","
           << (p.tunnelled ? std::to_string(p.outerTtl) : "") << "\n";
    }
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
