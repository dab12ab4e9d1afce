// The ARP problem of LVS-DR as Linux really behaves, asserted on the wire
// (the router's capture of the LAN): real servers holding the VIP on lo
// with Linux's default sysctls answer ARP for it; with arp_ignore=1 alone
// their own ARP requests still carry the VIP as sender and move the
// router's entry; with arp_announce=2 as well the VIP stays the Director's.
#include "lvs-sim-runner.h"
#include "pcap-reader.h"
#include "result-checks.h"

#include <gtest/gtest.h>
#include <regex>

namespace ns3::test
{
namespace
{

/// The MAC of @p node's LAN interface, from the address plan.
std::string
MacOf(const std::string& folder, const std::string& node)
{
    std::string plan = ReadText(folder + "/address-plan.txt");
    std::smatch match;
    std::regex row("\n" + node + " +[a-z-]+ +if[0-9]+ \\([^)]*\\) +(([0-9a-f]{2}:){5}[0-9a-f]{2})");
    return std::regex_search(plan, match, row) ? match[1].str() : "";
}

const std::string kVip = "10.0.0.100";

struct DrRun
{
    std::string folder;
    /// The ARP packets of the router's capture of the LAN where it asks
    /// for the VIP.
    std::vector<ArpPacket> routerLan;
    std::vector<std::string> serverMacs;
    std::string directorMac;
    std::string out; ///< what lvs-sim printed

    bool IsServer(const std::string& mac) const
    {
        return std::find(serverMacs.begin(), serverMacs.end(), mac) != serverMacs.end();
    }

    /// ARP packets a real server sent with the VIP as sender address.
    int FromServersAsVip(bool requests) const
    {
        int count = 0;
        for (const auto& p : routerLan)
        {
            count += IsServer(p.senderMac) && p.senderIp == kVip && p.request == requests;
        }
        return count;
    }

    /// The senders of the replies for the VIP, in the order they came.
    std::vector<std::string> VipRepliers() const
    {
        std::vector<std::string> macs;
        for (const auto& p : routerLan)
        {
            if (!p.request && p.senderIp == kVip)
            {
                macs.push_back(p.senderMac);
            }
        }
        return macs;
    }
};

DrRun
RunDr(const std::string& options, const std::string& routerCapture = "router-lan.pcap")
{
    DrRun run{TempFolder(), {}, {}, "", ""};
    Outcome outcome = RunLvsSim("--forwarding dr --servers 2 --server-weights 1 --scheduler rr"
                                " --duration-s 2 --arrival-rate-per-s 100 --pcap true"
                                " --progress off " +
                                options + " --output " + run.folder);
    EXPECT_EQ(outcome.exitCode, 0) << outcome.err;
    run.out = outcome.out;
    run.routerLan = ArpPacketsOf(run.folder + "/pcap/" + routerCapture);
    for (const char* server : {"rs-1", "rs-2"})
    {
        run.serverMacs.push_back(MacOf(run.folder, server));
        EXPECT_FALSE(run.serverMacs.back().empty()) << server;
    }
    run.directorMac = MacOf(run.folder, "director");
    // The capture is the right one and was read: the Director answered
    // the router's request for the VIP, whatever the servers did.
    auto repliers = run.VipRepliers();
    EXPECT_NE(std::find(repliers.begin(), repliers.end(), run.directorMac), repliers.end())
        << routerCapture << ": no reply from the Director (" << run.directorMac << ")";
    return run;
}

TEST(ArpProblem, WithLinuxDefaultsTheServersAnswerForTheVipOnLoopback)
{
    DrRun run = RunDr("--arp-ignore 0 --arp-announce 0");
    EXPECT_GE(run.FromServersAsVip(false), 1) << "arp_ignore=0: replies for the VIP from lo";
    // Three answers to one request: the first wins (Linux's locktime), the
    // later ones, the Director's among them, do not move the entry.
    auto repliers = run.VipRepliers();
    ASSERT_EQ(repliers.size(), 3u);
    ASSERT_EQ(repliers.front(), run.serverMacs.front()) << "rs-1 is attached first";
    ResultFolder json(run.folder);
    EXPECT_EQ(json.Summary().at("vip_arp_owner"), "rs-1");
    EXPECT_EQ(json.Summary().at("vip_arp_learned_from"), "reply");
    EXPECT_GT(json.Number("/bypassed_director"), 150);
    EXPECT_EQ(json.Number("/director/connections"), 0) << "the Director's table misses them all";
}

TEST(ArpProblem, ArpIgnoreAloneStillLetsTheServersRequestsMoveTheRoutersEntry)
{
    DrRun run = RunDr("--arp-ignore 1 --arp-announce 0");
    EXPECT_EQ(run.FromServersAsVip(false), 0) << "arp_ignore=1: no reply for the VIP";
    EXPECT_GE(run.FromServersAsVip(true), 1) << "arp_announce=0: 'who has the router? tell VIP'";
    ResultFolder json(run.folder);
    EXPECT_EQ(json.Summary().at("vip_arp_owner").get<std::string>().rfind("rs-", 0), 0u);
    EXPECT_EQ(json.Summary().at("vip_arp_learned_from"), "request");
    // The first connection reaches the Director; the router learns the VIP
    // from the reply's ARP request, and the rest go past.
    EXPECT_GT(json.Number("/director/connections"), 0);
    EXPECT_GT(json.Number("/bypassed_director"), 150);
}

TEST(ArpProblem, BothSysctlsKeepTheVipWithTheDirector)
{
    DrRun run = RunDr("--arp-ignore 1 --arp-announce 2");
    EXPECT_EQ(run.FromServersAsVip(false), 0);
    EXPECT_EQ(run.FromServersAsVip(true), 0);
    ResultFolder json(run.folder);
    EXPECT_EQ(json.Summary().at("vip_arp_owner"), "director");
    EXPECT_EQ(json.Number("/bypassed_director"), 0);
    EXPECT_EQ(json.Number("/director/connections"), json.Number("/transactions/completed"));
}

TEST(ArpProblem, ArpAnnounceOneIsEnoughUnlessTheVipSharesTheRouterSubnet)
{
    // The real servers' gateway is in the RIP subnet, the VIP is not: the
    // VIP is not announced to it.  With the RIPs in the VIP's /24 it is.
    DrRun apart = RunDr("--arp-ignore 1 --arp-announce 1");
    EXPECT_EQ(apart.FromServersAsVip(true), 0);
    EXPECT_EQ(ResultFolder(apart.folder).Number("/bypassed_director"), 0);

    DrRun shared = RunDr("--arp-ignore 1 --arp-announce 1 --rip-network 10.0.0.0/24 --dip 10.0.0.2"
                         " --first-rip 10.0.0.11");
    EXPECT_GE(shared.FromServersAsVip(true), 1);
    EXPECT_GT(ResultFolder(shared.folder).Number("/bypassed_director"), 150);
}

TEST(ArpProblem, TheVipOnTheLanInterfaceIsAnsweredWhateverTheSysctls)
{
    DrRun run = RunDr("--vip-on-real-servers lan --arp-ignore 1 --arp-announce 2");
    EXPECT_GE(run.FromServersAsVip(false), 1);
    ResultFolder json(run.folder);
    EXPECT_EQ(json.Summary().at("vip_arp_owner").get<std::string>().rfind("rs-", 0), 0u);
    EXPECT_GT(json.Number("/bypassed_director"), 150);
}

TEST(ArpProblem, TheSummarySaysWhichSysctlWouldHaveStoppedIt)
{
    DrRun reply = RunDr("--arp-ignore 0 --arp-announce 2");
    EXPECT_NE(reply.out.find("from its ARP reply for the VIP: see --arp-ignore"), std::string::npos)
        << reply.out;
    DrRun request = RunDr("--arp-ignore 1 --arp-announce 0");
    EXPECT_NE(request.out.find("from its own ARP request sent from the VIP: see --arp-announce"),
              std::string::npos)
        << request.out;
}

TEST(ArpProblem, TheAddressPlanSaysWhatEachServerDoesWithTheVip)
{
    Outcome outcome = RunLvsSim("--show-addresses --forwarding dr --servers 3"
                                " --arp-ignore 0,1,1 --arp-announce 0,0,2");
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    std::string plan = CollapseSpaces(outcome.out);
    for (const char* role :
         {"rs-1 real-server if0 (loopback) - 10.0.0.100/32 10.0.0.100 VIP (answers ARP for it: "
          "arp_ignore=0; its ARP requests announce it: arp_announce=0)",
          "rs-2 real-server if0 (loopback) - 10.0.0.100/32 10.0.0.100 VIP (no ARP replies: "
          "arp_ignore=1; its ARP requests announce it: arp_announce=0)",
          "rs-3 real-server if0 (loopback) - 10.0.0.100/32 10.0.0.100 VIP (no ARP replies: "
          "arp_ignore=1; never announced: arp_announce=2)"})
    {
        EXPECT_NE(plan.find(role), std::string::npos) << role << "\n" << plan;
    }
}

TEST(ArpProblem, DoesNotAriseWhenTheServersAreNotOnTheVipNetwork)
{
    // DR with the router on the D/RIP network too: it learns the VIP on the
    // VIP network, where no real server listens, so Linux's defaults are
    // harmless although the servers do announce the VIP on the D/RIP
    // network.
    DrRun run = RunDr("--real-server-network rip --arp-ignore 0 --arp-announce 0",
                      "router-vip-network.pcap");
    EXPECT_EQ(run.FromServersAsVip(false), 0);
    EXPECT_EQ(run.FromServersAsVip(true), 0);
    int announced = 0;
    for (const auto& p : ArpPacketsOf(run.folder + "/pcap/router-d-rip-network.pcap"))
    {
        announced += run.IsServer(p.senderMac) && p.request && p.senderIp == kVip;
    }
    EXPECT_GE(announced, 1) << "the servers' requests 'tell 10.0.0.100' on the D/RIP network";
    ResultFolder json(run.folder);
    EXPECT_EQ(json.Summary().at("vip_arp_owner"), "director");
    EXPECT_EQ(json.Number("/bypassed_director"), 0);
}

} // namespace
} // namespace ns3::test
