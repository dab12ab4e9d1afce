// ICMP redirects (type 5) as Linux sends them.  A router that forwards a
// packet out of the interface it came in on, to a sender on that link,
// tells the sender of a better first hop: "for this destination, use that
// gateway" (net.ipv4.conf.all.send_redirects, on by default).  On a
// one-network LVS-NAT Director every real server's reply comes in and goes
// out on the one LAN, so the Director redirects the real servers to the
// router, and a real server that takes the redirect (accept_redirects, on
// by default on hosts: see IcmpRedirectAcceptor) sends its replies past
// the Director, un-NATed.  ns-3 has no ICMP redirect; this is Linux's
// (net/ipv4/route.c ip_rt_send_redirect, net/ipv4/icmp.c).
#ifndef LVS_ICMP_REDIRECT_H
#define LVS_ICMP_REDIRECT_H

#include "ns3/header.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4-header.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <map>

namespace ns3
{

class Ipv4;
class Packet;

/// The body of an ICMP redirect after the 4-byte ICMP header: the gateway
/// to use, then the offending packet's IPv4 header and its first 8 bytes.
class IcmpRedirect : public Header
{
  public:
    static constexpr uint8_t kType = 5;     ///< ICMP_REDIRECT
    static constexpr uint8_t kCodeHost = 1; ///< ICMP_REDIR_HOST, what Linux sends

    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    void Print(std::ostream& os) const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;

    void SetGateway(Ipv4Address gateway);
    Ipv4Address GetGateway() const;
    /// The packet the redirect is about: its header and first 8 bytes.
    void SetQuoted(const Ipv4Header& header, Ptr<const Packet> payload);
    const Ipv4Header& GetQuotedHeader() const;
    /// The TCP sequence number of a quoted TCP segment (bytes 4 to 7).
    uint32_t GetQuotedTcpSequence() const;

  private:
    Ipv4Address m_gateway;
    Ipv4Header m_quoted;
    uint8_t m_data[8] = {};
};

/// Linux's rate limit on the redirects a router sends to one host
/// (ip_rt_send_redirect): the first at once, the n-th 20 ms << (n - 1)
/// after the one before (40 ms, 80 ms, ... 5.12 s), at most 9, and nothing
/// more until the host has sent nothing to redirect for 20.48 s.
class RedirectRateLimit
{
  public:
    /// Whether a redirect to @p host may go now; counts it when it may.
    bool Allow(Ipv4Address host, Time now);

  private:
    struct Peer
    {
        Time rateLast;
        uint32_t redirects = 0;
    };

    std::map<Ipv4Address, Peer> m_peers;
};

/// Sends an ICMP redirect from @p source (the router's address on the
/// sender's link) to the sender of the packet @p header / @p payload,
/// naming @p gateway as the first hop towards its destination.
void SendIcmpRedirect(Ptr<Ipv4> ipv4,
                      Ipv4Address source,
                      const Ipv4Header& header,
                      Ptr<const Packet> payload,
                      Ipv4Address gateway);

} // namespace ns3

#endif
