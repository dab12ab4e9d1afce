// NatForwarder, table-driven: each fixture gives a packet, the entry it
// belongs to, and the headers the Director must send on.
#include "model/forwarding/nat-forwarder.h"
#include "packet-builder.h"

#include "ns3/boolean.h"
#include "ns3/global-value.h"
#include "ns3/tcp-option-ts.h"

#include <gtest/gtest.h>
#include <vector>

namespace ns3::test
{
namespace
{

ipvs::ForwardTarget
Entry(uint16_t rport)
{
    ipvs::ForwardTarget t;
    t.method = ipvs::ForwardMethod::Masq;
    t.caddr = *ipvs::ParseAddr("172.16.0.5");
    t.cport = 40000;
    t.vaddr = *ipvs::ParseAddr("10.0.0.100");
    t.vport = 80;
    t.daddr = *ipvs::ParseAddr("192.168.10.11");
    t.dport = rport;
    return t;
}

struct NatCase
{
    const char* description;
    bool inbound;
    bool udp;
    uint16_t rport;
    // expected
    const char* src;
    uint16_t sport;
    const char* dst;
    uint16_t dport;
};

class NatForwarderTest : public ::testing::TestWithParam<NatCase>
{
  protected:
    void SetUp() override
    {
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    }

    void TearDown() override
    {
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(false));
    }
};

TEST_P(NatForwarderTest, RewritesAsTheKernelDoes)
{
    const NatCase& c = GetParam();
    PacketBuilder b;
    if (c.inbound)
    {
        b.From("172.16.0.5", 40000).To("10.0.0.100", 80);
    }
    else
    {
        b.From("192.168.10.11", c.rport).To("172.16.0.5", 40000);
    }
    if (c.udp)
    {
        b.Udp();
    }
    b.Payload(300);
    NatForwarder nat;
    ForwardedPacket out = c.inbound ? nat.Inbound(b.Segment(), b.Header(), Entry(c.rport))
                                    : nat.Outbound(b.Segment(), b.Header(), Entry(c.rport));
    EXPECT_EQ(out.header.GetSource(), Ipv4Address(c.src)) << c.description;
    EXPECT_EQ(out.header.GetDestination(), Ipv4Address(c.dst)) << c.description;
    EXPECT_EQ(out.routeTo, Ipv4Address(c.dst));
    EXPECT_EQ(out.header.GetTtl(), 63) << "the IP layer's forwarding step decrements the TTL";
    EXPECT_EQ(out.segment->GetSize(), b.Segment()->GetSize()) << "payload untouched";
    if (c.udp)
    {
        UdpHeader udp;
        out.segment->PeekHeader(udp);
        EXPECT_EQ(udp.GetSourcePort(), c.sport);
        EXPECT_EQ(udp.GetDestinationPort(), c.dport);
    }
    else
    {
        TcpHeader tcp;
        out.segment->PeekHeader(tcp);
        EXPECT_EQ(tcp.GetSourcePort(), c.sport);
        EXPECT_EQ(tcp.GetDestinationPort(), c.dport);
        EXPECT_EQ(tcp.GetSequenceNumber(), SequenceNumber32(1000)) << "sequence numbers pass";
    }
    EXPECT_TRUE(ChecksumOk(out.segment, out.header)) << c.description;
}

INSTANTIATE_TEST_SUITE_P(Fixtures,
                         NatForwarderTest,
                         ::testing::Values(NatCase{"TCP request: destination VIP:80 -> RIP:80",
                                                   true,
                                                   false,
                                                   80,
                                                   "172.16.0.5",
                                                   40000,
                                                   "192.168.10.11",
                                                   80},
                                           NatCase{
                                               "TCP request with port mapping: VIP:80 -> RIP:8080",
                                               true,
                                               false,
                                               8080,
                                               "172.16.0.5",
                                               40000,
                                               "192.168.10.11",
                                               8080},
                                           NatCase{"TCP reply: source RIP:8080 -> VIP:80",
                                                   false,
                                                   false,
                                                   8080,
                                                   "10.0.0.100",
                                                   80,
                                                   "172.16.0.5",
                                                   40000},
                                           NatCase{"UDP request: VIP:80 -> RIP:5353",
                                                   true,
                                                   true,
                                                   5353,
                                                   "172.16.0.5",
                                                   40000,
                                                   "192.168.10.11",
                                                   5353},
                                           NatCase{"UDP reply: RIP:5353 -> VIP:80",
                                                   false,
                                                   true,
                                                   5353,
                                                   "10.0.0.100",
                                                   80,
                                                   "172.16.0.5",
                                                   40000}),
                         [](const auto& info) { return "case" + std::to_string(info.index); });

/// The segment as a fresh TcpHeader would write it (checksum computed over
/// everything), for comparison with the Director's incremental update.
Ptr<Packet>
FreshSegment(const Ipv4Header& ip, uint16_t sport, uint16_t dport, const std::vector<uint8_t>& data)
{
    Ptr<Packet> p = Create<Packet>(data.data(), uint32_t(data.size()));
    TcpHeader tcp;
    tcp.SetSourcePort(sport);
    tcp.SetDestinationPort(dport);
    tcp.SetSequenceNumber(SequenceNumber32(77777));
    tcp.SetAckNumber(SequenceNumber32(4242));
    tcp.SetFlags(TcpHeader::ACK | TcpHeader::PSH);
    tcp.SetWindowSize(5000);
    Ptr<TcpOptionTS> ts = CreateObject<TcpOptionTS>();
    ts->SetTimestamp(123456);
    ts->SetEcho(654321);
    tcp.AppendOption(ts);
    tcp.EnableChecksums();
    tcp.InitializeChecksum(ip.GetSource(), ip.GetDestination(), 6);
    p->AddHeader(tcp);
    return p;
}

std::vector<uint8_t>
BytesOf(Ptr<const Packet> p)
{
    std::vector<uint8_t> bytes(p->GetSize());
    p->CopyData(bytes.data(), uint32_t(bytes.size()));
    return bytes;
}

TEST_F(NatForwarderTest, TcpOptionsSurviveAndTheChecksumIsWhatAFreshHeaderGets)
{
    std::vector<uint8_t> data(1000);
    for (size_t i = 0; i < data.size(); ++i)
    {
        data[i] = uint8_t(i * 7 + 3);
    }
    Ipv4Header in;
    in.SetSource(Ipv4Address("172.16.0.5"));
    in.SetDestination(Ipv4Address("10.0.0.100"));
    in.SetProtocol(6);
    in.SetTtl(64);
    in.SetPayloadSize(0);
    NatForwarder nat;
    for (uint16_t rport : {80, 8080, 65535})
    {
        ForwardedPacket out = nat.Inbound(FreshSegment(in, 40000, 80, data), in, Entry(rport));
        Ptr<Packet> expected = FreshSegment(out.header, 40000, rport, data);
        EXPECT_EQ(BytesOf(out.segment), BytesOf(expected)) << "RIP port " << rport;
        TcpHeader tcp;
        out.segment->PeekHeader(tcp);
        EXPECT_TRUE(tcp.HasOption(TcpOption::TS));
        EXPECT_TRUE(ChecksumOk(out.segment, out.header));
        // And back: the reply from the RIP becomes the VIP's again.
        Ipv4Header reply;
        reply.SetSource(Ipv4Address("192.168.10.11"));
        reply.SetDestination(Ipv4Address("172.16.0.5"));
        reply.SetProtocol(6);
        reply.SetTtl(64);
        ForwardedPacket back =
            nat.Outbound(FreshSegment(reply, rport, 40000, data), reply, Entry(rport));
        EXPECT_EQ(BytesOf(back.segment), BytesOf(FreshSegment(back.header, 80, 40000, data)));
    }
}

} // namespace
} // namespace ns3::test
