// Rules as they come from real Directors, run as they are: an `ipvsadm -Ln`
// listing (a Kubernetes node's kube-proxy table) with cluster IPs outside
// the VIP network and RIPs on several /24s, and DR servers on two RIP
// subnets of the one LAN.
#include "lvs-sim-runner.h"
#include "result-checks.h"

#include <fstream>
#include <gtest/gtest.h>

namespace ns3::test
{
namespace
{

std::string
Source(const std::string& path)
{
    return std::string(LVS_SOURCE_DIR) + "/" + path;
}

TEST(RulesFromTheWild, AKubernetesNodesListingRunsAsItIs)
{
    std::string folder = TempFolder();
    Outcome outcome = RunLvsSim("--config " + Source("scenarios/configs/kubernetes-node.ini") +
                                " --output " + folder + " --progress off");
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    EXPECT_NE(outcome.out.find("read as an ipvsadm -Ln listing"), std::string::npos) << outcome.out;
    ResultFolder json(folder);
    EXPECT_GT(json.Number("/transactions/completed"), 500);
    EXPECT_EQ(json.Number("/transactions/completed"), json.Number("/transactions/offered"));
    const auto& servers = json.Summary().at("servers");
    ASSERT_EQ(servers.size(), 8u);
    for (const auto& server : servers)
    {
        EXPECT_GT(server.at("served"), 0) << server.at("rip");
    }
    // The rules as the Director holds them: persistence, UDP, port 1.
    std::string rules = ReadText(folder + "/ipvsadm-Sn.txt");
    for (const char* line : {"-A -t 10.96.45.18:80 -s rr -p 10800\n",
                             "-A -u 10.96.0.10:53 -s rr\n",
                             "-a -t 10.96.120.7:1 -r 10.244.2.12:1 -m -w 1\n"})
    {
        EXPECT_NE(rules.find(line), std::string::npos) << line << rules;
    }
    // A DIP per RIP /24, each server's gateway in its own subnet, and the
    // cluster IPs off the VIP network held as /32s.
    std::string plan = CollapseSpaces(ReadText(folder + "/address-plan.txt"));
    for (const char* row : {"10.244.1.0/24 10.244.1.1 DIP (secondary address)",
                            "10.244.3.0/24 10.244.3.1 DIP (secondary address)",
                            "10.253.7.0/24 10.253.7.1 DIP ",
                            "10.244.2.0/24 10.244.2.12 RIP (gateway: DIP 10.244.2.1)",
                            "10.96.45.18/32 10.96.45.18 VIP (secondary address; the router "
                            "routes it here)"})
    {
        EXPECT_NE(plan.find(row), std::string::npos) << row << "\n" << plan;
    }
}

TEST(RulesFromTheWild, AGivenRipNetworkMustHoldEveryRip)
{
    Outcome outcome = RunLvsSim("--rules " + Source("scenarios/configs/kubernetes-node.ipvs") +
                                " --rip-network 10.253.7.0/24 --dip 10.253.7.1 --show-addresses");
    EXPECT_NE(outcome.exitCode, 0);
    EXPECT_NE(outcome.err.find("the RIP 10.244.1.4 must be in 10.253.7.0/24"), std::string::npos)
        << outcome.err;
}

TEST(RulesFromTheWild, DrServersOnTwoRipSubnetsReplyThroughTheirOwnGateway)
{
    std::string folder = TempFolder();
    std::string rules = folder + "/two-subnets.ipvs";
    std::ofstream(rules) << "TCP  10.0.0.100:80 rr\n"
                            "  -> 192.168.10.11:80             Route   1      0          0\n"
                            "  -> 192.168.20.11:80             Route   1      0          0\n";
    Outcome outcome = RunLvsSim("--rules " + rules + kArpFix +
                                " --transactions 100 --arrival-rate-per-s 100 --progress off"
                                " --output " +
                                folder + "/out");
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    ResultFolder json(folder + "/out");
    EXPECT_EQ(json.Number("/transactions/completed"), 100);
    EXPECT_EQ(json.Number("/bypassed_director"), 0);
    for (const auto& server : json.Summary().at("servers"))
    {
        EXPECT_EQ(server.at("served"), 50) << server.at("rip");
    }
    std::string plan = CollapseSpaces(ReadText(folder + "/out/address-plan.txt"));
    EXPECT_NE(plan.find("192.168.20.0/24 192.168.20.254 gateway of DR/TUN real servers"),
              std::string::npos)
        << plan;
    EXPECT_NE(plan.find("192.168.20.11 RIP (gateway: router 192.168.20.254)"), std::string::npos)
        << plan;
}

} // namespace
} // namespace ns3::test
