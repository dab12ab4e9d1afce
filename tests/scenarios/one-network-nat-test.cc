// LVS-NAT with the Director on one network (VIP, DIP and RIPs on the LAN
// the router is on), and ICMP redirects, asserted on the wire: Linux's
// Director redirects the real servers to the router, a server that takes
// the redirect sends its replies past the NAT from its RIP, and the client
// refuses them; send_redirects=0 on the Director, or accept_redirects=0 on
// the servers, keeps every reply on the Director.
#include "lvs-sim-runner.h"
#include "pcap-reader.h"
#include "result-checks.h"

#include <gtest/gtest.h>

namespace ns3::test
{
namespace
{

const std::string kOneNetwork = "--forwarding nat --real-server-network vip --servers 2"
                                " --server-weights 1 --scheduler rr --duration-s 3"
                                " --arrival-rate-per-s 200 --pcap true --progress off ";

bool
IsRip(const std::string& address)
{
    return address.rfind("192.168.10.1", 0) == 0 && address != "192.168.10.1";
}

/// TCP packets from a real server's RIP that reached the router: replies
/// that skipped the Director's NAT.
int
RipSourcedAtRouter(const std::string& folder)
{
    int count = 0;
    for (const auto& p : Ipv4PacketsOf(folder + "/pcap/router-lan.pcap"))
    {
        count += p.protocol == 6 && IsRip(p.source);
    }
    return count;
}

/// ICMP redirects rs-1 received: from the DIP, naming the router.
int
RedirectsToTheRouterAt(const std::string& folder, const std::string& server)
{
    int count = 0;
    for (const auto& p : Ipv4PacketsOf(folder + "/pcap/" + server + "-lan.pcap"))
    {
        bool redirect = p.protocol == 1 && p.payload.size() >= 8 && uint8_t(p.payload[0]) == 5 &&
                        uint8_t(p.payload[1]) == 1;
        count += redirect && p.source == "192.168.10.1" && DottedQuad(p.payload, 4) == "10.0.0.1";
    }
    return count;
}

TEST(OneNetworkNat, TheDirectorsRedirectsSendRepliesPastTheNat)
{
    std::string folder = TempFolder();
    Outcome outcome = RunLvsSim(kOneNetwork + "--output " + folder);
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    ResultFolder json(folder);
    EXPECT_GT(json.Number("/icmp_redirects/sent"), 0);
    EXPECT_GT(json.Number("/icmp_redirects/taken"), 0);
    EXPECT_LE(json.Number("/icmp_redirects/taken"), json.Number("/icmp_redirects/sent"));
    // Linux's rate limit: at most 9 redirects to a host while it keeps
    // sending packets to redirect.
    EXPECT_LE(json.Number("/icmp_redirects/sent"), 2 * 9);
    EXPECT_GE(RedirectsToTheRouterAt(folder, "rs-1") + RedirectsToTheRouterAt(folder, "rs-2"), 2);
    EXPECT_GT(RipSourcedAtRouter(folder), 0) << "replies from a RIP, past the Director";
    EXPECT_GT(json.Number("/transactions/timed_out") + json.Number("/transactions/reset"), 0);
    EXPECT_NE(outcome.out.find("ICMP redirects sent"), std::string::npos) << outcome.out;
}

TEST(OneNetworkNat, WithoutRedirectsEveryReplyPassesTheDirector)
{
    std::string folder = TempFolder();
    Outcome outcome = RunLvsSim(kOneNetwork + "--send-redirects 0 --output " + folder);
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    ResultFolder json(folder);
    EXPECT_EQ(json.Number("/icmp_redirects/sent"), 0);
    EXPECT_EQ(RedirectsToTheRouterAt(folder, "rs-1"), 0);
    EXPECT_EQ(RipSourcedAtRouter(folder), 0);
    EXPECT_GT(json.Number("/transactions/completed"), 500);
    EXPECT_EQ(json.Number("/transactions/completed"), json.Number("/transactions/offered"));
}

TEST(OneNetworkNat, ServersThatRefuseRedirectsKeepSendingThroughTheDirector)
{
    std::string folder = TempFolder();
    Outcome outcome = RunLvsSim(kOneNetwork + "--accept-redirects 0 --output " + folder);
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    ResultFolder json(folder);
    EXPECT_GT(json.Number("/icmp_redirects/sent"), 0);
    EXPECT_EQ(json.Number("/icmp_redirects/taken"), 0);
    EXPECT_EQ(RipSourcedAtRouter(folder), 0);
    EXPECT_EQ(json.Number("/transactions/completed"), json.Number("/transactions/offered"));
}

TEST(OneNetworkNat, TheTwoNetworkDirectorSendsNoRedirects)
{
    // Replies come in on the D/RIP network and leave on the VIP network.
    std::string folder = TempFolder();
    Outcome outcome =
        RunLvsSim("--forwarding nat --duration-s 2 --progress off --output " + folder);
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    EXPECT_EQ(ResultFolder(folder).Number("/icmp_redirects/sent"), 0);
}

TEST(RipNetworkClient, TheRoutesThroughTheDirectorNeedItsRedirectsOff)
{
    // The Director hands the reply back out of the interface it came in
    // on, so it redirects the server to the client itself; once a server
    // takes that, it answers the client from its RIP again.
    std::string config = std::string(LVS_SOURCE_DIR) +
                         "/scenarios/configs/nat-client-on-rip-network.ini"
                         " --rip-clients-via-director --arrival-rate-per-s 100 --duration-s 10"
                         " --progress off";
    std::string redirected = TempFolder();
    ASSERT_EQ(RunLvsSim("--config " + config + " --output " + redirected).exitCode, 0);
    ResultFolder broken(redirected);
    EXPECT_GT(broken.Number("/icmp_redirects/taken"), 0);
    EXPECT_GT(broken.Number("/transactions/timed_out"), 0);

    std::string quiet = TempFolder();
    ASSERT_EQ(RunLvsSim("--config " + config + " --send-redirects 0 --output " + quiet).exitCode,
              0);
    ResultFolder fixed(quiet);
    EXPECT_EQ(fixed.Number("/icmp_redirects/sent"), 0);
    EXPECT_GT(fixed.Number("/transactions/completed"), 100);
    EXPECT_EQ(fixed.Number("/transactions/completed"), fixed.Number("/transactions/offered"));
}

} // namespace
} // namespace ns3::test
