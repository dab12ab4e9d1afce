// Rewrites addresses and ports of a TCP or UDP packet the way IPVS's NAT
// does (linux ip_vs_xmit.c / ip_vs_proto_{tcp,udp}.c), keeping the L4
// checksum right when ns-3's ChecksumEnabled is on.
#ifndef LVS_L4_HEADER_REWRITER_H
#define LVS_L4_HEADER_REWRITER_H

#include "ns3/ipv4-header.h"
#include "ns3/packet.h"

namespace ns3
{

/// Which end of the packet to rewrite.
enum class RewriteEnd
{
    Source,
    Destination,
};

/// Returns a copy of @p packet (the L4 segment, IP header removed) with the
/// chosen end's port set to @p port, and sets the same end of @p header to
/// @p address.  The L4 checksum follows: TCP's is updated incrementally
/// for the changed words (RFC 1624, as the kernel does), UDP's recomputed.
/// The rewritten TCP header goes back as bytes (a PatchedTcpHeader), so
/// ns-3's Packet::EnableChecking, which insists that a TcpHeader is
/// removed as the header type that was added, cannot be used with NAT.
Ptr<Packet> RewriteL4Endpoint(Ptr<const Packet> packet,
                              Ipv4Header& header,
                              RewriteEnd end,
                              Ipv4Address address,
                              uint16_t port);

} // namespace ns3

#endif
