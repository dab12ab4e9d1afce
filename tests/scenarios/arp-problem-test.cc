// The ARP problem of LVS-DR as Linux really behaves, asserted on the wire
// (the router's capture of the LAN): real servers holding the VIP on lo
// with Linux's default sysctls answer ARP for it; with arp_ignore=1 alone
// their own ARP requests still carry the VIP as sender and move the
// router's entry; with arp_announce=2 as well the VIP stays the Director's.
#include "lvs-sim-runner.h"
#include "result-checks.h"

#include <cstdint>
#include <fstream>
#include <gtest/gtest.h>
#include <regex>

namespace ns3::test
{
namespace
{

struct ArpPacket
{
    bool request = false;
    std::string senderMac;
    std::string senderIp;
    std::string targetIp;
};

std::string
DottedQuad(const std::string& bytes, size_t at)
{
    return std::to_string(uint8_t(bytes[at])) + "." + std::to_string(uint8_t(bytes[at + 1])) + "." +
           std::to_string(uint8_t(bytes[at + 2])) + "." + std::to_string(uint8_t(bytes[at + 3]));
}

std::string
Mac(const std::string& bytes, size_t at)
{
    static const char* hex = "0123456789abcdef";
    std::string mac;
    for (size_t i = 0; i < 6; ++i)
    {
        uint8_t b = uint8_t(bytes[at + i]);
        mac += std::string(i ? ":" : "") + hex[b >> 4] + hex[b & 15];
    }
    return mac;
}

/// The ARP packets of an Ethernet pcap file (little-endian, as ns-3
/// writes it), in order.
std::vector<ArpPacket>
ArpPacketsOf(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<ArpPacket> packets;
    auto word = [&](size_t at) {
        return uint32_t(uint8_t(data[at])) | uint32_t(uint8_t(data[at + 1])) << 8 |
               uint32_t(uint8_t(data[at + 2])) << 16 | uint32_t(uint8_t(data[at + 3])) << 24;
    };
    size_t at = 24; // the file header
    while (at + 16 <= data.size())
    {
        uint32_t length = word(at + 8);
        std::string frame = data.substr(at + 16, length);
        at += 16 + length;
        bool isArp = frame.size() >= 42 && uint8_t(frame[12]) == 0x08 && uint8_t(frame[13]) == 0x06;
        if (isArp)
        {
            packets.push_back({uint8_t(frame[21]) == 1,
                               Mac(frame, 22),
                               DottedQuad(frame, 28),
                               DottedQuad(frame, 38)});
        }
    }
    return packets;
}

/// The MAC of @p node's LAN interface, from the address plan.
std::string
MacOf(const std::string& folder, const std::string& node)
{
    std::string plan = ReadText(folder + "/address-plan.txt");
    std::smatch match;
    std::regex row("\n" + node +
                   " +real-server +if[0-9]+ \\([^)]*\\) +(([0-9a-f]{2}:){5}[0-9a-f]{2})");
    return std::regex_search(plan, match, row) ? match[1].str() : "";
}

const std::string kVip = "10.0.0.100";

struct DrRun
{
    std::string folder;
    std::vector<ArpPacket> routerLan;
    std::vector<std::string> serverMacs;
    std::string out; ///< what lvs-sim printed

    /// ARP packets a real server sent with the VIP as sender address.
    int FromServersAsVip(bool requests) const
    {
        int count = 0;
        for (const auto& p : routerLan)
        {
            bool fromServer =
                std::find(serverMacs.begin(), serverMacs.end(), p.senderMac) != serverMacs.end();
            count += fromServer && p.senderIp == kVip && p.request == requests;
        }
        return count;
    }
};

DrRun
RunDr(const std::string& options)
{
    DrRun run{TempFolder(), {}, {}, ""};
    Outcome outcome = RunLvsSim("--forwarding dr --servers 2 --server-weights 1 --scheduler rr"
                                " --duration-s 2 --arrival-rate-per-s 100 --pcap true"
                                " --progress off " +
                                options + " --output " + run.folder);
    EXPECT_EQ(outcome.exitCode, 0) << outcome.err;
    run.out = outcome.out;
    run.routerLan = ArpPacketsOf(run.folder + "/pcap/router-lan.pcap");
    for (const char* server : {"rs-1", "rs-2"})
    {
        run.serverMacs.push_back(MacOf(run.folder, server));
        EXPECT_FALSE(run.serverMacs.back().empty()) << server;
    }
    return run;
}

TEST(ArpProblem, WithLinuxDefaultsTheServersAnswerForTheVipOnLoopback)
{
    DrRun run = RunDr("--arp-ignore 0 --arp-announce 0");
    EXPECT_GE(run.FromServersAsVip(false), 1) << "arp_ignore=0: replies for the VIP from lo";
    ResultFolder json(run.folder);
    EXPECT_EQ(json.Summary().at("vip_arp_owner").get<std::string>().rfind("rs-", 0), 0u);
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
    // harmless.
    DrRun run = RunDr("--real-server-network rip --arp-ignore 0 --arp-announce 0");
    ResultFolder json(run.folder);
    EXPECT_EQ(json.Summary().at("vip_arp_owner"), "director");
    EXPECT_EQ(json.Number("/bypassed_director"), 0);
}

} // namespace
} // namespace ns3::test
