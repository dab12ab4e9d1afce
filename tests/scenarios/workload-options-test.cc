// Options the validation scenarios rest on, checked on what lvs-sim writes:
// Zipf popularity of client addresses, the TCP segment size, the servers'
// own wait and service times, a window that ends with the arrivals when
// --transactions stops them, and thousands of client addresses as a local
// block of each client node.
#include "helper/lvs-topology-helper.h"
#include "lvs-sim-runner.h"
#include "scenarios/result-folder.h"

#include "ns3/ipv4.h"
#include "ns3/simulator.h"

#include <cmath>
#include <gtest/gtest.h>
#include <map>
#include <set>
#include <string>

namespace ns3::test
{
namespace
{

ResultFolder
RunOk(const std::string& args)
{
    std::string folder = TempFolder();
    Outcome outcome = RunLvsSim(args + " --output " + folder + " --progress off");
    EXPECT_EQ(outcome.exitCode, 0) << outcome.err;
    return ResultFolder(folder);
}

TEST(WorkloadOptions, ZipfPopularityMakesTheFirstAddressAProxyFarm)
{
    // 64 addresses on one node, exponent 1: address k is used with
    // probability (1/k) / H_64, H_64 = 4.7439; the first one 21.1%.
    ResultFolder result = RunOk("--client-nodes 1 --client-addresses 64 --client-address-zipf 1 "
                                "--arrival-rate-per-s 1000 --duration-s 4");
    CsvTable transactions = result.Table("transactions.csv");
    std::map<std::string, double> uses;
    for (size_t row = 0; row < transactions.Rows(); ++row)
    {
        ++uses[transactions.Cell(row, "cip")];
    }
    double n = double(transactions.Rows());
    ASSERT_GT(n, 3000);
    double harmonic = 0;
    for (int k = 1; k <= 64; ++k)
    {
        harmonic += 1.0 / k;
    }
    // Binomial standard deviation of a share near 0.2 over ~4,000 draws is
    // 0.0063; allow four of them.
    EXPECT_NEAR(uses["172.16.0.1"] / n, 1.0 / harmonic, 0.025);
    EXPECT_NEAR(uses["172.16.0.2"] / n, 0.5 / harmonic, 0.02);
    EXPECT_NEAR(uses["172.16.0.10"] / n, 0.1 / harmonic, 0.01);
}

TEST(WorkloadOptions, UniformAddressesStayTheDefault)
{
    ResultFolder result = RunOk("--client-nodes 1 --client-addresses 64 "
                                "--arrival-rate-per-s 1000 --duration-s 4");
    CsvTable transactions = result.Table("transactions.csv");
    double first = 0;
    for (size_t row = 0; row < transactions.Rows(); ++row)
    {
        first += transactions.Cell(row, "cip") == "172.16.0.1";
    }
    EXPECT_NEAR(first / double(transactions.Rows()), 1.0 / 64, 0.01);
}

TEST(WorkloadOptions, SmallerSegmentsMeanMorePacketsThroughTheDirector)
{
    // A 2,000-byte response is 2 segments of 1448 bytes or 4 of 536; under
    // NAT every one of them crosses the Director.
    std::string common = " --arrival-rate-per-s 100 --duration-s 2 --response-bytes const:2000";
    ResultFolder ethernet = RunOk("--tcp-segment-bytes 1448" + common);
    ResultFolder small = RunOk("--tcp-segment-bytes 536" + common);
    double transactions = ethernet.Number("/transactions/completed");
    ASSERT_EQ(small.Number("/transactions/completed"), transactions);
    double extra = small.Number("/director/out_packets") - ethernet.Number("/director/out_packets");
    EXPECT_GE(extra, 2 * transactions) << "two more reply segments per transaction";
}

TEST(WorkloadOptions, ServersReportTheirWaitAndServiceTimes)
{
    // Constant 20 ms service: every server's mean is exactly that.  One
    // worker each, rr at half load: a request waits sometimes, but less
    // than under random arrivals (M/D/1: rho / (2 mu (1 - rho)) = 10 ms).
    ResultFolder result = RunOk("--server-service-time-ms const:20 --server-workers 1 "
                                "--server-weights 1 --scheduler rr "
                                "--arrival-rate-per-s 100 --duration-s 4");
    for (const auto& server : result.Summary().at("servers"))
    {
        EXPECT_NEAR(server.at("service_ms_mean").get<double>(), 20.0, 1e-3);
        EXPECT_GT(server.at("wait_ms_mean").get<double>(), 0.0);
        EXPECT_LT(server.at("wait_ms_mean").get<double>(), 10.0);
    }
    CsvTable servers = result.Table("servers.csv");
    EXPECT_NEAR(servers.Number(0, "service_ms_mean"), 20.0, 1e-3);
}

TEST(WorkloadOptions, TheWindowEndsWhenTheTransactionLimitStopsArrivals)
{
    // 400 per second for 500 transactions: arrivals stop near 1.25 s, long
    // before duration-s; the window must end there, not at 1000 s.
    ResultFolder result =
        RunOk("--transactions 500 --arrival-rate-per-s 400 --duration-s 1000 --warmup-s 0.25");
    EXPECT_LT(result.Number("/window/end_s"), 2.0);
    EXPECT_GT(result.Number("/window/end_s"), 0.8);
    EXPECT_NEAR(result.Number("/window/throughput_per_s"), 400, 80);
}

TEST(WorkloadOptions, ThousandsOfClientAddressesAreALocalBlockNotInterfaceAddresses)
{
    // As Linux's AnyIP local route: the node owns the block without an
    // interface address per CIP (ns-3 scans interface addresses per packet).
    LvsTopologyConfig config;
    config.clientNodes = 1;
    config.clientAddresses = 4096;
    LvsTopology topology = LvsTopologyHelper(config).Build();
    ASSERT_EQ(topology.clientAddresses.at(0).size(), 4096u);
    Ptr<Ipv4> ipv4 = topology.clients.Get(0)->GetObject<Ipv4>();
    uint32_t addresses = 0;
    for (uint32_t i = 0; i < ipv4->GetNInterfaces(); ++i)
    {
        addresses += ipv4->GetNAddresses(i);
    }
    EXPECT_LE(addresses, 2u) << "127.0.0.1 and the link to the router";
    Simulator::Destroy();

    // And the node sends from, and receives at, every one of them, TCP and UDP.
    for (const char* protocol : {"tcp", "udp"})
    {
        ResultFolder result =
            RunOk(std::string("--protocol ") + protocol +
                  " --client-nodes 1 --client-addresses 4096 --arrival-rate-per-s 1000 "
                  "--duration-s 3");
        CsvTable transactions = result.Table("transactions.csv");
        std::set<std::string> cips;
        for (size_t row = 0; row < transactions.Rows(); ++row)
        {
            EXPECT_EQ(transactions.Cell(row, "outcome"), "ok") << protocol << " row " << row;
            cips.insert(transactions.Cell(row, "cip"));
        }
        EXPECT_GT(transactions.Rows(), 2500u) << protocol;
        EXPECT_GT(cips.size(), 1500u) << protocol << ": CIPs drawn from all 4096";
    }
}

} // namespace
} // namespace ns3::test
