// LVS-DR and LVS-TUN end to end, mixed methods in one service, real
// servers behind WAN links reached through the tunnel, pcap files, and
// packet walks compared with walks worked out by hand
// (tests/scenarios/expected/walk-*.txt).
#include "lvs-sim-runner.h"
#include "result-checks.h"

#include <algorithm>
#include <gtest/gtest.h>

namespace ns3::test
{
namespace
{

/// Comments dropped and runs of spaces collapsed: column widths are
/// layout, not content.
std::string
Normalized(const std::string& text)
{
    std::istringstream in(text);
    std::string line;
    std::string out;
    while (std::getline(in, line))
    {
        if (line.rfind("#", 0) == 0)
        {
            continue;
        }
        out += CollapseSpaces(line) + "\n";
    }
    return out;
}

const std::string kSmall =
    " --scheduler rr --servers 2 --server-weights 1 --server-workers 4 --client-nodes 1"
    " --client-addresses 1 --progress off";

class WalkTest : public ::testing::TestWithParam<std::string>
{
};

TEST_P(WalkTest, MatchesTheWalkWorkedOutByHand)
{
    std::string folder = TempFolder();
    Outcome outcome =
        RunLvsSim("--forwarding " + GetParam() + " --real-port 8080 --transactions 3 --walk 1" +
                  kSmall + kArpFix + " --output " + folder);
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    std::string expected = ReadText(std::string(LVS_SOURCE_DIR) +
                                    "/tests/scenarios/expected/walk-" + GetParam() + ".txt");
    EXPECT_EQ(Normalized(ReadText(folder + "/walk.txt")), Normalized(expected));
    EXPECT_NE(outcome.out.find("request"), std::string::npos) << "the walk is printed too";
}

INSTANTIATE_TEST_SUITE_P(Methods, WalkTest, ::testing::Values("nat", "dr", "tun"));

class DirectReplyTest : public ::testing::TestWithParam<std::string>
{
};

TEST_P(DirectReplyTest, RepliesNeverPassTheDirectorAndEverythingCompletes)
{
    std::string folder = TempFolder();
    Outcome outcome =
        RunLvsSim("--forwarding " + GetParam() + kArpFix +
                  " --duration-s 2 --arrival-rate-per-s 100 --progress off --output " + folder);
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    ResultFolder json(folder);
    EXPECT_GT(json.Number("/transactions/completed"), 150);
    EXPECT_EQ(json.Number("/transactions/completed"), json.Number("/transactions/offered"));
    EXPECT_GT(json.Number("/director/in_packets"), 0);
    EXPECT_EQ(json.Number("/director/out_packets"), 0);
    EXPECT_EQ(json.Number("/director/out_bytes"), 0);
    EXPECT_EQ(json.Number("/bypassed_director"), 0);
    // "%-7s %-6d": the method column, then the weight of rs-1.
    std::string method = GetParam() == "dr" ? "Route  " : "Tunnel ";
    EXPECT_NE(ReadText(folder + "/ipvsadm-Ln.txt").find(method + " 4 "), std::string::npos);
    // "0 packets out" is explained where it is printed.
    EXPECT_NE(outcome.out.find("0 packets out (out counts replies, as ipvsadm does: under DR and "
                               "TUN the real servers answer the clients directly"),
              std::string::npos)
        << outcome.out;
}

INSTANTIATE_TEST_SUITE_P(Methods, DirectReplyTest, ::testing::Values("dr", "tun"));

TEST(MixedForwarding, OneServiceMixesNatDrAndTun)
{
    std::string folder = TempFolder();
    Outcome outcome = RunLvsSim(
        "--forwarding nat,dr,tun --servers 3 --server-weights 1 --server-workers 8 --scheduler rr"
        " --transactions 300 --arrival-rate-per-s 150 --progress off --send-redirects 0" +
        kArpFix + " --output " + folder);
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    ResultFolder json(folder);
    EXPECT_EQ(json.Number("/transactions/completed"), 300);
    // rr: exactly a third each; only the NAT server's replies pass the
    // Director, so it sends out packets, but fewer than it takes in.
    const auto& servers = json.Summary().at("servers");
    ASSERT_EQ(servers.size(), 3u);
    for (const auto& server : servers)
    {
        EXPECT_EQ(server.at("served"), 100) << server.at("rip");
    }
    EXPECT_GT(json.Number("/director/out_packets"), 0);
    EXPECT_LT(json.Number("/director/out_packets"), json.Number("/director/in_packets"));
    EXPECT_NE(outcome.out.find("packets out (out: replies of NAT servers only"), std::string::npos)
        << outcome.out;
    std::string listing = ReadText(folder + "/ipvsadm-Ln.txt");
    for (const char* method : {"Masq", "Route", "Tunnel"})
    {
        EXPECT_NE(listing.find(method), std::string::npos) << method << "\n" << listing;
    }
}

TEST(Pcap, WritesAFilePerNodeAndInterfaceNamedByNodeAndNetwork)
{
    std::string folder = TempFolder();
    ASSERT_EQ(RunLvsSim("--pcap true --transactions 5" + kSmall + " --output " + folder).exitCode,
              0);
    std::string names = folder + "/pcap-list.txt";
    ASSERT_EQ(std::system(("ls " + folder + "/pcap > " + names).c_str()), 0);
    // One client node, two NAT real servers: every host interface once,
    // the switches' ports not at all.
    EXPECT_EQ(ReadText(names),
              "client-0-link-router.pcap\n"
              "director-d-rip-network.pcap\n"
              "director-vip-network.pcap\n"
              "router-link-client-0.pcap\n"
              "router-vip-network.pcap\n"
              "rs-1-d-rip-network.pcap\n"
              "rs-2-d-rip-network.pcap\n");
    // libpcap magic number (little-endian), and Ethernet frames (link type
    // 1) on a LAN.
    std::string lan = ReadText(folder + "/pcap/director-vip-network.pcap");
    ASSERT_GE(lan.size(), 24u);
    EXPECT_EQ(lan.substr(0, 4), std::string("\xd4\xc3\xb2\xa1", 4));
    EXPECT_EQ(lan[20], 1);
    EXPECT_GT(lan.size(), 24u) << "frames were captured";
}

TEST(RemoteTunnel, RealServersBehindWanLinksServeThroughTheTunnel)
{
    std::string folder = TempFolder();
    Outcome walk =
        RunLvsSim("--forwarding tun --real-server-network remote --transactions 3 --walk 1" +
                  kSmall + " --output " + folder);
    ASSERT_EQ(walk.exitCode, 0) << walk.err;
    std::string expected =
        ReadText(std::string(LVS_SOURCE_DIR) + "/tests/scenarios/expected/walk-tun-remote.txt");
    EXPECT_EQ(Normalized(ReadText(folder + "/walk.txt")), Normalized(expected));

    std::string load = TempFolder();
    Outcome outcome = RunLvsSim("--forwarding tun --real-server-network remote --duration-s 2"
                                " --arrival-rate-per-s 100 --progress off --output " +
                                load);
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    ResultFolder json(load);
    EXPECT_GT(json.Number("/transactions/completed"), 150);
    EXPECT_EQ(json.Number("/transactions/completed"), json.Number("/transactions/offered"));
    EXPECT_EQ(json.Number("/director/out_packets"), 0);
    // DR and NAT cannot reach servers behind a router.
    Outcome refused =
        RunLvsSim("--forwarding dr --real-server-network remote --output " + load + "/x");
    EXPECT_EQ(refused.exitCode, 2);
    EXPECT_NE(refused.err.find("remote real servers need --forwarding tun"), std::string::npos)
        << refused.err;
}

} // namespace
} // namespace ns3::test
