// The ICMP redirect as it goes on the wire, and Linux's rate limit on the
// redirects a router sends one host (net/ipv4/route.c ip_rt_send_redirect).
#include "model/hosts/icmp-redirect.h"

#include "ns3/packet.h"

#include <gtest/gtest.h>

namespace ns3::test
{
namespace
{

TEST(IcmpRedirect, CarriesTheGatewayTheQuotedHeaderAndEightBytes)
{
    Ipv4Header quoted;
    quoted.SetSource(Ipv4Address("192.168.10.12"));
    quoted.SetDestination(Ipv4Address("172.16.0.1"));
    quoted.SetProtocol(6);
    quoted.SetPayloadSize(20);
    uint8_t tcp[20] = {0, 80, 0xc0, 0x01, 1, 2, 3, 4, 9, 9};
    IcmpRedirect redirect;
    redirect.SetGateway(Ipv4Address("10.0.0.1"));
    redirect.SetQuoted(quoted, Create<Packet>(tcp, sizeof tcp));
    Ptr<Packet> wire = Create<Packet>();
    wire->AddHeader(redirect);
    EXPECT_EQ(wire->GetSize(), 4u + 20u + 8u);
    uint8_t bytes[32];
    wire->CopyData(bytes, sizeof bytes);
    EXPECT_EQ(bytes[0], 10); // the gateway, in network order
    EXPECT_EQ(bytes[3], 1);
    EXPECT_EQ(bytes[24], 0); // the quoted TCP header's first 8 bytes
    EXPECT_EQ(bytes[25], 80);
    EXPECT_EQ(bytes[31], 4);

    IcmpRedirect read;
    wire->RemoveHeader(read);
    EXPECT_EQ(read.GetGateway(), Ipv4Address("10.0.0.1"));
    EXPECT_EQ(read.GetQuotedHeader().GetDestination(), Ipv4Address("172.16.0.1"));
    EXPECT_EQ(read.GetQuotedHeader().GetSource(), Ipv4Address("192.168.10.12"));
}

TEST(RedirectRateLimit, DoublesTheWaitUpToNineThenKeepsQuietWhileTheHostKeepsSending)
{
    RedirectRateLimit limit;
    Ipv4Address host("192.168.10.11");
    // The first at once; the n-th after 20 ms << (n - 1) since the last.
    Time t = Seconds(1);
    ASSERT_TRUE(limit.Allow(host, t));
    for (uint32_t sent = 1; sent < 9; ++sent)
    {
        Time wait = MilliSeconds(20 << sent);
        EXPECT_FALSE(limit.Allow(host, t + wait)) << "not after exactly " << wait.As(Time::MS);
        t += wait + MilliSeconds(1);
        EXPECT_TRUE(limit.Allow(host, t)) << "redirect " << sent + 1;
    }
    // Nine sent: none while the host keeps sending, even far apart...
    for (int i = 0; i < 5; ++i)
    {
        t += Seconds(10);
        EXPECT_FALSE(limit.Allow(host, t));
    }
    // ...and again once it has been quiet for 20.48 s.
    EXPECT_TRUE(limit.Allow(host, t + MilliSeconds(20481)));
    // Another host has its own count.
    EXPECT_TRUE(limit.Allow(Ipv4Address("192.168.10.12"), t));
}

} // namespace
} // namespace ns3::test
