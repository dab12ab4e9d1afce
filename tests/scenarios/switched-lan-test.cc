// Switched LANs: on a switch a real server's port carries only its own
// frames; on the shared segment (a hub) every device hears every frame.
#include "helper/ipvs-director-helper.h"
#include "helper/lvs-topology-helper.h"
#include "helper/lvs-workload-helper.h"
#include "helper/packet-capture.h"

#include "ns3/simulator.h"

#include <gtest/gtest.h>

namespace ns3::test
{
namespace
{

/// Packets rs-1's device saw that were addressed to rs-2's RIP.
struct Seen
{
    size_t forRs2 = 0;
    size_t forRs1 = 0;
    size_t bridgePorts = 0; ///< devices on switch nodes
};

Seen
RunTwoServers(bool switched)
{
    LvsTopologyConfig config;
    config.clientNodes = 1;
    config.clientAddresses = 4;
    config.realServers = 2;
    config.switchedLans = switched;
    LvsTopology t = LvsTopologyHelper(config).Build();
    ipvs::ServiceConfig service;
    service.addr = t.vip.Get();
    service.port = 80;
    service.scheduler = "rr";
    std::vector<ipvs::DestinationConfig> servers(2);
    for (size_t i = 0; i < 2; ++i)
    {
        servers[i].addr = t.rips[i].Get();
        servers[i].port = 80;
    }
    EXPECT_EQ(IpvsDirectorHelper::AddService(t.ipvs, service, servers), "");
    LvsWorkloadConfig load;
    load.servers.resize(2);
    load.listens.assign(2, {ListenPort{ipvs::Protocol::Tcp, 80}});
    load.targets = {ClientTarget{ipvs::Protocol::Tcp, t.vip, 80, 1, {}}};
    load.arrivalRatePerS = 200;
    load.transactions = 20;
    load.durationS = 2;
    load.transactionTimeoutS = 2;
    LvsWorkload apps = LvsWorkloadHelper(load).Install(t, 0);
    PacketCapture rs1Port;
    rs1Port.Attach(t.realServerDevices[0], "rs-1 port");
    Simulator::Stop(Seconds(4));
    Simulator::Run();
    Seen seen;
    for (const auto& p : rs1Port.GetPackets())
    {
        seen.forRs2 += p.destination == t.rips[1];
        seen.forRs1 += p.destination == t.rips[0];
    }
    for (uint32_t i = 0; i < t.switches.GetN(); ++i)
    {
        seen.bridgePorts += t.switches.Get(i)->GetNDevices();
    }
    Simulator::Destroy();
    return seen;
}

TEST(SwitchedLan, ARealServersPortCarriesOnlyItsOwnFrames)
{
    Seen switched = RunTwoServers(true);
    EXPECT_GT(switched.forRs1, 0u);
    EXPECT_EQ(switched.forRs2, 0u) << "a switch sends rs-2's frames only to rs-2";
    // Two switches: the VIP network's 2 ports and the D/RIP network's 3,
    // each switch with its bridge device.
    EXPECT_EQ(switched.bridgePorts, 2u + 1 + 3 + 1);
}

TEST(SwitchedLan, OnTheSharedSegmentEveryDeviceHearsEveryFrame)
{
    Seen shared = RunTwoServers(false);
    EXPECT_GT(shared.forRs1, 0u);
    EXPECT_GT(shared.forRs2, 0u) << "a hub repeats rs-2's frames to rs-1 too";
    EXPECT_EQ(shared.bridgePorts, 0u);
}

} // namespace
} // namespace ns3::test
