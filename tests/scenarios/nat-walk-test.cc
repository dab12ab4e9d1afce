// LVS-NAT end to end: one transaction through client -> router -> Director
// -> real server and back, captured on every network, with the addresses
// each hop must carry (CIP->VIP, CIP->RIP, RIP->CIP, VIP->CIP).
#include "helper/ipvs-director-helper.h"
#include "helper/lvs-topology-helper.h"
#include "helper/lvs-workload-helper.h"
#include "helper/packet-capture.h"

#include "ns3/boolean.h"
#include "ns3/config.h"
#include "ns3/double.h"
#include "ns3/global-value.h"
#include "ns3/simulator.h"
#include "ns3/tcp-header.h"
#include "ns3/uinteger.h"

#include <gtest/gtest.h>

namespace ns3::test
{
namespace
{

constexpr uint16_t kVport = 80;
constexpr uint16_t kRport = 8080;

class NatWalkTest : public ::testing::Test
{
  protected:
    /// The cluster lvs-sim builds, with the same helpers, in a few lines:
    /// one client address, two NAT real servers on port 8080 behind rr.
    void SetUp() override
    {
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
        LvsTopologyConfig config;
        config.clientNodes = 1;
        config.clientAddresses = 1;
        config.realServers = 2;
        m_topology = LvsTopologyHelper(config).Build();
        AddService();
        InstallWorkload();
        for (const CapturePoint& point : m_topology.capturePoints)
        {
            m_capture.Attach(point.device, point.network);
        }
        Simulator::Stop(Seconds(5));
        Simulator::Run();
    }

    void TearDown() override
    {
        Simulator::Destroy();
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(false));
    }

    void AddService()
    {
        ipvs::ServiceConfig service;
        service.addr = m_topology.vip.Get();
        service.port = kVport;
        service.scheduler = "rr";
        std::vector<ipvs::DestinationConfig> servers(m_topology.rips.size());
        for (size_t i = 0; i < servers.size(); ++i)
        {
            servers[i].addr = m_topology.rips[i].Get();
            servers[i].port = kRport;
        }
        ASSERT_EQ(IpvsDirectorHelper::AddService(m_topology.ipvs, service, servers), "");
    }

    void InstallWorkload()
    {
        LvsWorkloadConfig workload;
        workload.servers.resize(m_topology.rips.size());
        workload.listens.assign(m_topology.rips.size(), {ListenPort{ipvs::Protocol::Tcp, kRport}});
        workload.targets = {ClientTarget{ipvs::Protocol::Tcp, m_topology.vip, kVport, 1, {}}};
        workload.arrivalRatePerS = 1000;
        workload.transactions = 1;
        workload.durationS = 5;
        workload.transactionTimeoutS = 5;
        m_workload = LvsWorkloadHelper(workload).Install(m_topology, 0);
        ASSERT_EQ(m_workload.clients.size(), 1u);
        m_workload.clients[0]->TraceConnectWithoutContext("Transaction",
                                                          MakeCallback(&NatWalkTest::Record, this));
    }

    void Record(const TransactionRecord& r)
    {
        m_records.push_back(r);
    }

    /// The first data-carrying packet on @p network from @p src to @p dst.
    const CapturedPacket* Find(const std::string& network, Ipv4Address src, Ipv4Address dst) const
    {
        for (const auto& p : m_capture.GetPackets())
        {
            if (p.network == network && p.source == src && p.destination == dst &&
                p.payloadBytes > 0)
            {
                return &p;
            }
        }
        return nullptr;
    }

    bool AnyPacketMentions(const std::string& network, Ipv4Address addr) const
    {
        for (const auto& p : m_capture.GetPackets())
        {
            if (p.network == network && (p.source == addr || p.destination == addr))
            {
                return true;
            }
        }
        return false;
    }

    LvsTopology m_topology;
    LvsWorkload m_workload;
    PacketCapture m_capture;
    std::vector<TransactionRecord> m_records;
};

TEST_F(NatWalkTest, EveryHopCarriesTheRightAddresses)
{
    ASSERT_EQ(m_records.size(), 1u);
    const TransactionRecord& r = m_records[0];
    ASSERT_EQ(r.outcome, TransactionOutcome::Ok);
    Ipv4Address cip = m_topology.clientAddresses[0][0];
    EXPECT_EQ(r.cip, cip);
    // rr on list [rs-2, rs-1] (newest first) picks rs-2.
    Ipv4Address rip = m_topology.rips[1];
    EXPECT_EQ(r.server, rip);
    Ipv4Address vip = m_topology.vip;

    const CapturedPacket* request1 = Find("client-0 link", cip, vip);
    const CapturedPacket* request2 = Find("VIP network", cip, vip);
    const CapturedPacket* request3 = Find("D/RIP network", cip, rip);
    const CapturedPacket* reply1 = Find("D/RIP network", rip, cip);
    const CapturedPacket* reply2 = Find("VIP network", vip, cip);
    const CapturedPacket* reply3 = Find("client-0 link", vip, cip);
    for (auto* p : {request1, request2, request3, reply1, reply2, reply3})
    {
        ASSERT_NE(p, nullptr);
    }
    // Ports: the Director maps VIP:80 to RIP:8080 and back; the CIP's port
    // is never touched.
    EXPECT_EQ(request1->destinationPort, kVport);
    EXPECT_EQ(request2->destinationPort, kVport);
    EXPECT_EQ(request3->destinationPort, kRport);
    EXPECT_EQ(request3->sourcePort, r.cport);
    EXPECT_EQ(reply1->sourcePort, kRport);
    EXPECT_EQ(reply2->sourcePort, kVport);
    EXPECT_EQ(reply3->sourcePort, kVport);
    EXPECT_EQ(reply3->destinationPort, r.cport);
    // Each router on the way (the router, then the Director) takes one TTL.
    EXPECT_EQ(request2->ttl + 1, request1->ttl);
    EXPECT_EQ(request3->ttl + 1, request2->ttl);
    EXPECT_EQ(reply2->ttl + 1, reply1->ttl);
    // The RIP never leaves the D/RIP network; the client only sees the VIP.
    EXPECT_FALSE(AnyPacketMentions("client-0 link", rip));
    EXPECT_FALSE(AnyPacketMentions("VIP network", rip));
    EXPECT_FALSE(AnyPacketMentions("D/RIP network", vip));
}

TEST_F(NatWalkTest, TheDirectorCountsTheConnectionBothWays)
{
    const auto& engine = m_topology.ipvs->GetEngine();
    const ipvs::IpvsStats& total = engine.GetTotalStats();
    EXPECT_EQ(total.conns, 1u);
    EXPECT_GE(total.inPkts, 4u);  // SYN, ACK, request, FIN (and ACKs)
    EXPECT_GE(total.outPkts, 3u); // SYN+ACK, response, FIN
    EXPECT_TRUE(m_topology.ipvs->GetDropCounts().empty());
}

} // namespace
} // namespace ns3::test
