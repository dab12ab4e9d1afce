// DrForwarder and TunForwarder fixtures, the Director's tunnel MTU check
// (tests/reference/ipvs-behaviour.md 7.4, 7.5, 7.6b), and its ICMP port unreachable when no
// server is available (tests/reference/ipvs-behaviour.md 8).
#include "helper/lvs-topology-helper.h"
#include "model/forwarding/dr-forwarder.h"
#include "model/forwarding/tun-forwarder.h"
#include "model/ipvs-director.h"
#include "packet-builder.h"

#include "ns3/boolean.h"
#include "ns3/global-value.h"
#include "ns3/icmpv4.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/simulator.h"

#include <gtest/gtest.h>

namespace ns3::test
{
namespace
{

ipvs::ForwardTarget
TunnelEntry()
{
    ipvs::ForwardTarget t;
    t.method = ipvs::ForwardMethod::Tunnel;
    t.daddr = *ipvs::ParseAddr("192.168.10.12");
    t.dport = 80;
    t.vaddr = *ipvs::ParseAddr("10.0.0.100");
    t.vport = 80;
    return t;
}

TEST(DrForwarder, LeavesTheIpPacketAndRoutesViaTheRip)
{
    PacketBuilder b;
    b.Payload(100);
    ForwardedPacket out = DrForwarder().Inbound(b.Segment(), b.Header(), TunnelEntry());
    EXPECT_EQ(out.header.GetDestination(), Ipv4Address("10.0.0.100"));
    EXPECT_EQ(out.header.GetSource(), Ipv4Address("172.16.0.5"));
    EXPECT_EQ(out.routeTo, Ipv4Address("192.168.10.12"));
    EXPECT_TRUE(out.routeToIsGateway) << "only the link-layer destination changes";
    EXPECT_EQ(out.segment->GetSize(), b.Segment()->GetSize());
}

TEST(TunForwarder, EncapsulatesAsTheKernelDoes)
{
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    PacketBuilder b;
    b.Payload(100);
    Ipv4Header in = b.Header(); // TTL 63 as it reached the Director
    in.SetTos(0x2b);            // DSCP 10, ECN CE
    in.SetDontFragment();
    ForwardedPacket out = TunForwarder().Inbound(b.Segment(), in, TunnelEntry());
    // Outer header: to the RIP, protocol 4, its source from the route (the
    // DIP); TTL one above the inner one, as the IP layer's forward step
    // takes one; TOS copied with CE turned into ECT(0); DF copied; ID 0.
    EXPECT_EQ(out.header.GetDestination(), Ipv4Address("192.168.10.12"));
    EXPECT_EQ(out.header.GetProtocol(), 4);
    EXPECT_TRUE(out.sourceFromRoute);
    EXPECT_EQ(out.header.GetTtl(), 63);
    EXPECT_EQ(out.header.GetTos(), 0x2a);
    EXPECT_TRUE(out.header.IsDontFragment());
    EXPECT_EQ(out.header.GetIdentification(), 0);
    EXPECT_EQ(out.encapsulationBytes, 20u);
    EXPECT_EQ(out.header.GetPayloadSize(), 20 + b.Segment()->GetSize());
    // Inner packet: the client's header with the Director's TTL decrement.
    Ipv4Header inner;
    inner.EnableChecksum();
    Ptr<Packet> copy = out.segment->Copy();
    copy->RemoveHeader(inner);
    EXPECT_TRUE(inner.IsChecksumOk());
    EXPECT_EQ(inner.GetSource(), Ipv4Address("172.16.0.5"));
    EXPECT_EQ(inner.GetDestination(), Ipv4Address("10.0.0.100"));
    EXPECT_EQ(inner.GetTtl(), 62);
    EXPECT_TRUE(ChecksumOk(copy, inner)) << "the TCP segment is untouched";
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(false));
}

/// A TUN service on the one-LAN topology, and SYNs handed straight to the
/// Director's RouteInput.
class TunnelMtuTest : public ::testing::Test
{
  protected:
    void SetUp() override
    {
        LvsTopologyConfig config;
        config.clientNodes = 1;
        config.clientAddresses = 1;
        config.realServers = 1;
        config.realServersOnVipNetwork = true;
        config.serverSetups = {RealServerSetup{true, true}};
        m_topology = LvsTopologyHelper(config).Build();
        ipvs::ServiceConfig service;
        service.addr = m_topology.vip.Get();
        service.port = 80;
        std::string error;
        ipvs::Service* s = m_topology.ipvs->GetEngine().AddService(service, &error);
        ipvs::DestinationConfig d;
        d.addr = m_topology.rips[0].Get();
        d.port = 80;
        d.method = ipvs::ForwardMethod::Tunnel;
        s->AddDestination(d);
        m_topology.ipvs->TraceConnectWithoutContext("Drop",
                                                    MakeCallback(&TunnelMtuTest::OnDrop, this));
    }

    void TearDown() override
    {
        Simulator::Destroy();
    }

    void OnDrop(Ptr<const Packet>, const Ipv4Header&, ipvs::DropReason reason)
    {
        m_drops.push_back(reason);
    }

    void OnForward(Ptr<Ipv4Route>, Ptr<const Packet> p, const Ipv4Header& h)
    {
        m_forwarded.push_back(h.GetSerializedSize() + p->GetSize());
    }

    /// A DF SYN whose IP datagram is @p length bytes long.
    void Send(uint32_t length, uint16_t port)
    {
        PacketBuilder b;
        b.From("172.16.0.1", port).Flags(TcpHeader::SYN).Payload(length - 40);
        Ipv4Header h = b.Header();
        h.SetDontFragment();
        m_topology.ipvs->RouteInput(b.Segment(),
                                    h,
                                    m_topology.vipNetworkDevices.Get(1),
                                    MakeCallback(&TunnelMtuTest::OnForward, this),
                                    Ipv4RoutingProtocol::MulticastForwardCallback(),
                                    Ipv4RoutingProtocol::LocalDeliverCallback(),
                                    Ipv4RoutingProtocol::ErrorCallback());
    }

    LvsTopology m_topology;
    std::vector<ipvs::DropReason> m_drops;
    std::vector<uint32_t> m_forwarded;
};

TEST_F(TunnelMtuTest, ADfPacketThatNoLongerFitsIsRefused)
{
    // LAN MTU 1500, tunnel MTU 1480: a 1480-byte packet fits (1500 with
    // its outer header); a 1500-byte one gets ICMP fragmentation-needed.
    Send(1480, 40001);
    ASSERT_EQ(m_forwarded.size(), 1u);
    EXPECT_EQ(m_forwarded[0], 1500u);
    EXPECT_TRUE(m_drops.empty());
    Send(1500, 40002);
    EXPECT_EQ(m_forwarded.size(), 1u);
    ASSERT_EQ(m_drops.size(), 1u);
    EXPECT_EQ(m_drops[0], ipvs::DropReason::FragmentationNeeded);
}

TEST_F(TunnelMtuTest, NoAvailableServerAnswersPortUnreachable)
{
    // tests/reference/ipvs-behaviour.md 8: with its only server quiesced, the service drops
    // the SYN and the client gets ICMP destination unreachable, port
    // unreachable (type 3 code 3).
    ipvs::Service& s = *m_topology.ipvs->GetEngine().GetServices().front();
    ipvs::DestinationConfig d;
    d.addr = m_topology.rips[0].Get();
    d.port = 80;
    d.method = ipvs::ForwardMethod::Tunnel;
    d.weight = 0;
    s.EditDestination(d);
    std::vector<std::pair<uint8_t, uint8_t>> icmp;
    auto client = m_topology.clients.Get(0)->GetObject<Ipv4L3Protocol>();
    client->TraceConnectWithoutContext("LocalDeliver",
                                       MakeBoundCallback(
                                           +[](std::vector<std::pair<uint8_t, uint8_t>>* seen,
                                               const Ipv4Header& h,
                                               Ptr<const Packet> p,
                                               uint32_t) {
                                               if (h.GetProtocol() == 1)
                                               {
                                                   Icmpv4Header icmpHeader;
                                                   p->PeekHeader(icmpHeader);
                                                   seen->emplace_back(icmpHeader.GetType(),
                                                                      icmpHeader.GetCode());
                                               }
                                           },
                                           &icmp));
    Send(60, 40003);
    Simulator::Run();
    ASSERT_EQ(m_drops.size(), 1u);
    EXPECT_EQ(m_drops[0], ipvs::DropReason::NoDestination);
    ASSERT_EQ(icmp.size(), 1u);
    EXPECT_EQ(icmp[0].first, Icmpv4Header::ICMPV4_DEST_UNREACH);
    EXPECT_EQ(icmp[0].second, Icmpv4DestinationUnreachable::ICMPV4_PORT_UNREACHABLE);
}

} // namespace
} // namespace ns3::test
