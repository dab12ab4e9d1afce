// A packet walk: every hop of one transaction's request and reply, from
// packets captured during the run, with each address labelled by its LVS
// role (CIP, VIP, DIP, RIP, router).  For teaching LVS addressing.
#ifndef LVS_PACKET_WALK_H
#define LVS_PACKET_WALK_H

#include "helper/lvs-topology-helper.h"
#include "helper/packet-capture.h"

#include <map>
#include <string>
#include <vector>

namespace ns3
{

/// Who owns which address and which MAC, for labels.
struct WalkLabels
{
    std::map<Ipv4Address, std::string> addressRoles; ///< "VIP", "RIP rs-2", ...
    std::string cipRole = "CIP";                     ///< label of any other address
    std::map<Mac48Address, std::string> macOwners;   ///< "director", "rs-2", ...
};

/// The labels of @p topology: its address roles and MAC owners.
WalkLabels MakeWalkLabels(const LvsTopology& topology);

/// One hop of a walk: a packet as seen on one network, between two nodes.
struct WalkHop
{
    std::string direction; ///< "request", "reply", or "both" (every segment)
    size_t hop = 0;        ///< from 1, per direction
    double timeMs = 0;     ///< since the first packet walked
    std::string from;      ///< the sending node: "client-0", "router", "director", "rs-2"
    std::string to;        ///< the receiving node
    CapturedPacket packet;
};

/// The hops DescribeWalk (or, with @p everySegment, DescribeConversation)
/// prints, as data: what walk.csv holds and analysis/lvs-walk-chart draws.
std::vector<WalkHop> WalkHops(const std::vector<CapturedPacket>& packets,
                              const WalkLabels& labels,
                              Ipv4Address cip,
                              uint16_t cport,
                              bool everySegment);

/// walk.csv: a headed row per hop, addresses with their LVS roles.
void WriteWalkCsv(std::ostream& os, const std::vector<WalkHop>& hops, const WalkLabels& labels);

/// The request and reply hops of the connection from @p cip:@p cport, as
/// an aligned text table.  Only packets that carry data are walked (the
/// request and the first segment of the response), first seen on each
/// network.
std::string DescribeWalk(const std::vector<CapturedPacket>& packets,
                         const WalkLabels& labels,
                         Ipv4Address cip,
                         uint16_t cport);

/// Every segment of the connection from @p cip:@p cport, both ways, in
/// time order, each hop once: the handshake, the data, the teardown, resets
/// and retransmissions, with TCP flags and the IP length of each.
std::string DescribeConversation(const std::vector<CapturedPacket>& packets,
                                 const WalkLabels& labels,
                                 Ipv4Address cip,
                                 uint16_t cport);

} // namespace ns3

#endif
