// The addressing cases newcomers get wrong, end to end: several VIPs on one
// Director from the plain options, clients on the cluster's own networks
// (the VIP network; the D/RIP network, where LVS-NAT fails), and client
// addresses the layout cannot place.
#include "lvs-sim-runner.h"
#include "result-checks.h"

#include <gtest/gtest.h>
#include <regex>
#include <set>
#include <sstream>

namespace ns3::test
{
namespace
{

const std::string kTwoVips = " --vip 10.0.0.100,10.0.0.101 --scheduler rr --servers 2"
                             " --server-weights 1 --server-workers 8 --transactions 200"
                             " --arrival-rate-per-s 200 --progress off";

/// The address plan, collapsed, without its MAC column (a MAC after the
/// interface's closing parenthesis, or "-" for none).
std::string
PlanOf(const std::string& folder)
{
    std::string plan = CollapseSpaces(ReadText(folder + "/address-plan.txt"));
    plan = std::regex_replace(plan, std::regex(R"(\) ([0-9a-f]{2}:){5}[0-9a-f]{2} )"), ") ");
    return std::regex_replace(plan, std::regex(R"(\) - )"), ") ");
}

/// Transactions per VIP, from transactions.csv.
std::map<std::string, uint64_t>
TransactionsPerVip(const std::string& folder)
{
    CsvTable transactions = ResultFolder(folder).Table("transactions.csv");
    std::map<std::string, uint64_t> perVip;
    for (size_t row = 0; row < transactions.Rows(); ++row)
    {
        if (transactions.Cell(row, "outcome") == "ok")
        {
            ++perVip[transactions.Cell(row, "vip")];
        }
    }
    return perVip;
}

class SeveralVipsTest : public ::testing::TestWithParam<std::string>
{
};

TEST_P(SeveralVipsTest, EachVipIsAServiceOfItsOwnAndBothAreServed)
{
    std::string folder = TempFolder();
    Outcome outcome =
        RunLvsSim("--forwarding " + GetParam() + kTwoVips + kArpFix + " --output " + folder);
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    EXPECT_NE(outcome.out.find("TCP port 80 on 2 VIPs"), std::string::npos) << outcome.out;

    // The clients spread evenly over the two VIPs; every transaction completes.
    auto perVip = TransactionsPerVip(folder);
    ASSERT_EQ(perVip.size(), 2u);
    EXPECT_EQ(perVip["10.0.0.100"] + perVip["10.0.0.101"], 200u);
    EXPECT_EQ(perVip["10.0.0.100"], 100u);

    // Two services in the rules view, each with both real servers.
    std::string rules = ReadText(folder + "/ipvsadm-Sn.txt");
    EXPECT_NE(rules.find("-A -t 10.0.0.100:80 -s rr"), std::string::npos) << rules;
    EXPECT_NE(rules.find("-A -t 10.0.0.101:80 -s rr"), std::string::npos) << rules;
    for (const char* vip : {"10.0.0.100:80", "10.0.0.101:80"})
    {
        for (const char* rip : {"192.168.10.11", "192.168.10.12"})
        {
            EXPECT_NE(rules.find(std::string("-a -t ") + vip + " -r " + rip), std::string::npos)
                << vip << " " << rip << "\n"
                << rules;
        }
    }

    // The Director holds the second VIP as a secondary address on the
    // interface of the first.
    std::string plan = PlanOf(folder);
    std::string lan = GetParam() == "nat" ? "(VIP network)" : "(the one LAN)";
    EXPECT_NE(plan.find("director director if1 " + lan +
                        " 10.0.0.0/24 10.0.0.100 VIP the clients: the one address they need\n"),
              std::string::npos)
        << plan;
    EXPECT_NE(plan.find("director director if1 " + lan +
                        " 10.0.0.0/24 10.0.0.101 VIP (secondary address) the clients"),
              std::string::npos)
        << plan;
}

INSTANTIATE_TEST_SUITE_P(Methods, SeveralVipsTest, ::testing::Values("nat", "dr", "tun"));

TEST(SeveralVips, ServiceRatesWeighTheVips)
{
    std::string folder = TempFolder();
    Outcome outcome = RunLvsSim(
        kTwoVips + " --service-rates tcp:10.0.0.100:80=3,tcp:10.0.0.101:80=1 --output " + folder);
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    auto perVip = TransactionsPerVip(folder);
    EXPECT_EQ(perVip["10.0.0.100"] + perVip["10.0.0.101"], 200u);
    EXPECT_GT(perVip["10.0.0.100"], 2 * perVip["10.0.0.101"]);
}

TEST(SeveralVips, AVipOffTheVipNetworkIsRoutedToTheDirector)
{
    // Like a Kubernetes cluster IP: no LAN holds 10.0.1.5; the Director
    // holds it as a /32 and the router has a host route to the Director.
    std::string folder = TempFolder();
    Outcome outcome = RunLvsSim("--vip 10.0.0.100,10.0.1.5 --scheduler rr --servers 2"
                                " --server-weights 1 --transactions 100 --arrival-rate-per-s 100"
                                " --progress off --output " +
                                folder);
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    ResultFolder json(folder);
    EXPECT_EQ(json.Number("/transactions/completed"), 100);
    auto perVip = TransactionsPerVip(folder);
    EXPECT_GT(perVip["10.0.1.5"], 20u);
    EXPECT_EQ(json.Number("/director/connections"), 100);
    std::string plan = CollapseSpaces(ReadText(folder + "/address-plan.txt"));
    EXPECT_NE(plan.find("10.0.1.5/32 10.0.1.5 VIP (secondary address; the router routes it here)"),
              std::string::npos)
        << plan;
}

struct BadVips
{
    std::string args;
    std::string expected;
};

class BadVipsTest : public ::testing::TestWithParam<BadVips>
{
};

TEST_P(BadVipsTest, AreRefusedWithTheReason)
{
    Outcome outcome = RunLvsSim(GetParam().args + " --output " + TempFolder());
    EXPECT_NE(outcome.exitCode, 0);
    EXPECT_NE(outcome.err.find(GetParam().expected), std::string::npos) << outcome.err;
}

INSTANTIATE_TEST_SUITE_P(
    Cases,
    BadVipsTest,
    ::testing::Values(BadVips{"--vip 10.0.0.100,10.0.0.100", "10.0.0.100 is given twice"},
                      BadVips{"--vip 10.0.0.100,10.0.0.x", "'10.0.0.x' is not an IPv4 address"},
                      BadVips{"--vip 10.0.0.100,10.0.0.1",
                              "the VIP 10.0.0.1 is the router's or the Director's own address"},
                      BadVips{"--vip 10.0.0.100,192.168.10.11",
                              "the VIP 192.168.10.11 is a real server's RIP"},
                      BadVips{"--vip 10.0.0.100,192.168.10.50",
                              "the VIP 192.168.10.50 lies in the D/RIP network 192.168.10.0/24"},
                      BadVips{"--vip 10.0.0.100,100.64.0.1",
                              "the VIP 100.64.0.1 lies in the router's client links"},
                      BadVips{"--vip 10.0.0.100,10.0.0.101 --director none",
                              "none has no Director to hold several VIPs"}));

const std::string kOneClient =
    " --scheduler rr --servers 2 --server-weights 1 --server-workers 4 --client-nodes 1"
    " --client-addresses 1 --transactions 3 --walk 1 --progress off";

/// The walk's lines, runs of spaces collapsed.
std::string
WalkOf(const std::string& folder)
{
    return CollapseSpaces(ReadText(folder + "/walk.txt"));
}

class VipNetworkClientTest : public ::testing::TestWithParam<std::string>
{
};

TEST_P(VipNetworkClientTest, ReachesTheDirectorWithoutTheRouter)
{
    std::string folder = TempFolder();
    Outcome outcome = RunLvsSim("--client-placement vip --forwarding " + GetParam() + kOneClient +
                                kArpFix + " --output " + folder);
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    ResultFolder json(folder);
    EXPECT_EQ(json.Number("/transactions/completed"), 3);
    // The client holds its CIP on its VIP-network interface, from the
    // network's upper half, and the router is its gateway.
    std::string plan = PlanOf(folder);
    EXPECT_NE(plan.find("10.0.0.129 - 10.0.0.129 CIP x1 (local; gateway 10.0.0.1)"),
              std::string::npos)
        << plan;
    // Hop 1: from the client straight to the Director on the LAN, TTL 64:
    // the client ARPs for the VIP itself.
    std::string walk = WalkOf(folder);
    std::string lan = GetParam() == "nat" ? "VIP network" : "LAN";
    EXPECT_NE(walk.find("1 " + lan +
                        " client-0 -> director 10.0.0.129 (CIP) -> 10.0.0.100 (VIP) "
                        "49153 -> 80 64"),
              std::string::npos)
        << walk;
    EXPECT_EQ(walk.find("router -> director"), std::string::npos) << walk;
    if (GetParam() == "nat")
    {
        // The Director answers the client on the LAN, from the VIP.
        EXPECT_NE(walk.find("2 VIP network director -> client-0 10.0.0.100 (VIP) -> 10.0.0.129 "
                            "(CIP) 80 -> 49153 63"),
                  std::string::npos)
            << walk;
    }
    else
    {
        // The real server's gateway is the router, whose VIP-network
        // address shares the LAN: the reply passes it and comes back.
        EXPECT_NE(walk.find("router -> client-0 10.0.0.100 (VIP) -> 10.0.0.129 (CIP) 80 -> "
                            "49153 63"),
                  std::string::npos)
            << walk;
    }
}

INSTANTIATE_TEST_SUITE_P(Methods, VipNetworkClientTest, ::testing::Values("nat", "dr", "tun"));

TEST(RipNetworkClient, UnderNatTheReplyComesFromTheRipAndTheClientResetsIt)
{
    std::string folder = TempFolder();
    Outcome outcome = RunLvsSim("--client-placement rip --forwarding nat --walk-packets all" +
                                kOneClient + " --output " + folder);
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    ResultFolder json(folder);
    EXPECT_EQ(json.Number("/transactions/completed"), 0);
    EXPECT_EQ(json.Number("/transactions/timed_out"), 3);
    std::string walk = WalkOf(folder);
    // The SYN reaches rs-2 through the Director, NATed to the RIP ...
    EXPECT_NE(walk.find("D/RIP network director -> rs-2 192.168.10.129 (CIP) -> 192.168.10.12 "
                        "(RIP rs-2) 49153 -> 80 SYN"),
              std::string::npos)
        << walk;
    // ... rs-2 answers its neighbour directly, from its RIP ...
    EXPECT_NE(walk.find("D/RIP network rs-2 -> client-0 192.168.10.12 (RIP rs-2) -> "
                        "192.168.10.129 (CIP) 80 -> 49153 SYN,ACK"),
              std::string::npos)
        << walk;
    // ... and the client, which called the VIP, resets the stranger.
    EXPECT_NE(walk.find("D/RIP network client-0 -> rs-2 192.168.10.129 (CIP) -> 192.168.10.12 "
                        "(RIP rs-2) 49153 -> 80 RST"),
              std::string::npos)
        << walk;
    EXPECT_EQ(walk.find("director -> client-0"), std::string::npos) << walk;
}

TEST(WalkPackets, AllShowsEverySegmentOfABurst)
{
    // 6,000 response bytes: four full segments and a short one, sent back
    // to back (about 12 us apart on the LAN) and alike but for their
    // sequence numbers.
    std::string folder = TempFolder();
    Outcome outcome = RunLvsSim("--walk 1 --walk-packets all --response-bytes const:6000"
                                " --servers 1 --client-nodes 1 --client-addresses 1"
                                " --transactions 1 --progress off --output " +
                                folder);
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    std::istringstream walk(CollapseSpaces(ReadText(folder + "/walk.txt")));
    std::string line;
    int fullSegments = 0;
    while (std::getline(walk, line))
    {
        fullSegments += line.find("D/RIP network rs-1 -> director") != std::string::npos &&
                        line.find(" ACK 1500 ") != std::string::npos;
    }
    EXPECT_EQ(fullSegments, 4) << ReadText(folder + "/walk.txt");
}

TEST(ClientPlacement, ClientsOnOverlappingNetworksGetDistinctAddresses)
{
    // One LAN whose VIP and RIP subnets are the same /24: the D/RIP
    // network's clients skip the VIP network's.
    Outcome outcome = RunLvsSim("--forwarding dr --rip-network 10.0.0.0/24 --dip 10.0.0.2"
                                " --first-rip 10.0.0.11 --client-placement vip,rip"
                                " --client-addresses 4 --show-addresses");
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    std::string plan = CollapseSpaces(outcome.out);
    EXPECT_NE(plan.find("10.0.0.129 - 10.0.0.130 CIP x2 (local; gateway 10.0.0.1)"),
              std::string::npos)
        << plan;
    EXPECT_NE(plan.find("10.0.0.131 - 10.0.0.132 CIP x2 (local; gateway 10.0.0.2)"),
              std::string::npos)
        << plan;
}

TEST(RipNetworkClient, TheFixRoutesTheRepliesThroughTheDirector)
{
    std::string folder = TempFolder();
    Outcome outcome = RunLvsSim("--client-placement rip --forwarding nat --rip-clients-via-director"
                                " --send-redirects 0" +
                                kOneClient + " --output " + folder);
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    EXPECT_EQ(ResultFolder(folder).Number("/transactions/completed"), 3);
    std::string walk = WalkOf(folder);
    // rs-2 sends the reply to the DIP's MAC; the Director rewrites it to
    // come from the VIP and hands it to the client on the same LAN.
    EXPECT_NE(walk.find("1 D/RIP network rs-2 -> director 192.168.10.12 (RIP rs-2) -> "
                        "192.168.10.129 (CIP) 80 -> 49153 64"),
              std::string::npos)
        << walk;
    EXPECT_NE(walk.find("2 D/RIP network director -> client-0 10.0.0.100 (VIP) -> 192.168.10.129 "
                        "(CIP) 80 -> 49153 63"),
              std::string::npos)
        << walk;
    std::string plan = PlanOf(folder);
    EXPECT_NE(plan.find("rs-1 real-server if1 (D/RIP network) 192.168.10.129 - 192.168.10.129 via "
                        "192.168.10.1 route: client-0 through the DIP"),
              std::string::npos)
        << plan;
}

TEST(RipNetworkClient, UnderDrTheReplyGoesStraightToTheClient)
{
    std::string folder = TempFolder();
    Outcome outcome = RunLvsSim("--client-placement rip --forwarding dr" + kOneClient + kArpFix +
                                " --output " + folder);
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    EXPECT_EQ(ResultFolder(folder).Number("/transactions/completed"), 3);
    std::string walk = WalkOf(folder);
    EXPECT_NE(walk.find("1 LAN rs-2 -> client-0 10.0.0.100 (VIP) -> 192.168.10.129 (CIP) 80 -> "
                        "49153 64"),
              std::string::npos)
        << walk;
}

TEST(ShowAddresses, SaysWhoKnowsEachAddressAndWhichAreSecondary)
{
    Outcome outcome = RunLvsSim("--show-addresses --forwarding dr --servers 1 --client-nodes 1"
                                " --client-addresses 1 --vip 10.0.0.100,10.0.0.101");
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    std::string plan = CollapseSpaces(outcome.out);
    EXPECT_NE(plan.find("ADDRESS LVS ROLE KNOWN TO\n"), std::string::npos) << plan;
    // The client needs the VIP alone; the RIP is the Director's business.
    EXPECT_NE(plan.find(" 10.0.0.100 VIP the clients: the one address they need\n"),
              std::string::npos)
        << plan;
    EXPECT_NE(plan.find(" 192.168.10.11 RIP (gateway: router) the Director (its ipvsadm rules); "
                        "never the clients\n"),
              std::string::npos)
        << plan;
    // One LAN: the second VIP and the DIP are secondary addresses of the
    // Director's one interface, each with its MAC.
    EXPECT_NE(plan.find(" 10.0.0.101 VIP (secondary address) "), std::string::npos) << plan;
    EXPECT_NE(plan.find(" 192.168.10.1 DIP (secondary address) "), std::string::npos) << plan;
    EXPECT_TRUE(std::regex_search(
        plan,
        std::regex(R"(director director if1 \(the one LAN\) ([0-9a-f]{2}:){5}[0-9a-f]{2} )")))
        << plan;
}

/// The edges of topology.dot, as (upper, lower) name pairs.
std::vector<std::pair<std::string, std::string>>
DotEdges(const std::string& folder)
{
    std::vector<std::pair<std::string, std::string>> edges;
    std::regex edge(R"re(^  "([^"]+)" -- "([^"]+)";$)re");
    std::istringstream in(ReadText(folder + "/topology.dot"));
    std::string line;
    std::smatch m;
    while (std::getline(in, line))
    {
        if (std::regex_match(line, m, edge))
        {
            edges.emplace_back(m[1], m[2]);
        }
    }
    return edges;
}

class TopologyPictureTest : public ::testing::TestWithParam<std::string>
{
};

TEST_P(TopologyPictureTest, EveryNodeIsJoinedThroughItsNetworksFromTopToBottom)
{
    std::string folder = TempFolder();
    Outcome outcome = RunLvsSim(GetParam() + " --servers 2 --transactions 3 --progress off" +
                                " --output " + folder);
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    auto edges = DotEdges(folder);
    ASSERT_FALSE(edges.empty());
    // Every network joins at least two nodes, and from the router every
    // node can be reached: no real server hangs off a network of its own.
    std::map<std::string, std::set<std::string>> next;
    for (const auto& [a, b] : edges)
    {
        next[a].insert(b);
        next[b].insert(a);
    }
    for (const auto& [name, neighbours] : next)
    {
        if (name.rfind("net:", 0) == 0)
        {
            EXPECT_GE(neighbours.size(), 2u) << name << " joins nothing";
        }
    }
    std::set<std::string> reached{"router"};
    std::vector<std::string> todo{"router"};
    while (!todo.empty())
    {
        std::string at = todo.back();
        todo.pop_back();
        for (const auto& n : next[at])
        {
            if (reached.insert(n).second)
            {
                todo.push_back(n);
            }
        }
    }
    for (const char* node : {"client-0", "client-1", "director", "rs-1", "rs-2"})
    {
        EXPECT_TRUE(reached.count(node)) << node << " is cut off from the router";
    }
    // Drawn top to bottom: clients above their links, the router above the
    // VIP network, the real servers below their networks.
    auto has = [&](const std::string& upper, const std::string& lower) {
        return std::find(edges.begin(), edges.end(), std::make_pair(upper, lower)) != edges.end();
    };
    EXPECT_TRUE(has("client-0", "net:link client-0"));
    EXPECT_TRUE(has("net:link client-0", "router"));
    for (const auto& [a, b] : edges)
    {
        EXPECT_NE(a.rfind("rs-", 0), 0u) << "a real server drawn above " << b;
    }
}

INSTANTIATE_TEST_SUITE_P(Layouts,
                         TopologyPictureTest,
                         ::testing::Values("--forwarding nat",
                                           "--forwarding dr",
                                           "--forwarding tun --real-server-network remote"));

TEST(ClientPlacement, ACipBaseInsideTheVipNetworkPutsTheClientsThere)
{
    std::string folder = TempFolder();
    Outcome outcome =
        RunLvsSim("--cip-base 10.0.0.200 --client-addresses 40 --transactions 20 --progress off"
                  " --output " +
                  folder);
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    EXPECT_EQ(ResultFolder(folder).Number("/transactions/completed"), 20);
    std::string plan = PlanOf(folder);
    EXPECT_NE(plan.find("client-0 client if1 (VIP network) 10.0.0.0/24 10.0.0.200 - 10.0.0.219"),
              std::string::npos)
        << plan;
}

TEST(ClientPlacement, MixesRemoteAndLocalClientsPerNode)
{
    std::string folder = TempFolder();
    Outcome outcome = RunLvsSim("--client-placement internet,vip --transactions 40 --progress off"
                                " --output " +
                                folder);
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    EXPECT_EQ(ResultFolder(folder).Number("/transactions/completed"), 40);
    std::string plan = PlanOf(folder);
    EXPECT_NE(plan.find("client-0 client if1 (p2p to router)"), std::string::npos) << plan;
    EXPECT_NE(plan.find("client-1 client if1 (VIP network) 10.0.0.0/24 10.0.0.129 - 10.0.0.178"),
              std::string::npos)
        << plan;
}

INSTANTIATE_TEST_SUITE_P(
    Placements,
    BadVipsTest,
    ::testing::Values(
        BadVips{"--client-placement lan", "'lan' is not internet, vip or rip"},
        BadVips{"--client-placement vip,vip,vip", "one placement for all client nodes or one per"},
        BadVips{"--client-placement rip --forwarding tun --real-server-network remote",
                "there is no D/RIP network for clients to sit on"},
        BadVips{"--client-placement vip --director none", "--director none keeps the clients"},
        BadVips{"--client-placement vip --client-addresses 300",
                "has no room for those of client-0"}));

} // namespace
} // namespace ns3::test
