// lvs-sim runs as a user runs it: reproducible result folders, the default
// scenario, the shipped scenario files (each one doubles as a test), served
// counts that follow the weights, and the command line over a config file.
#include "lvs-sim-runner.h"
#include "result-checks.h"

#include <gtest/gtest.h>
#include <sstream>
#include <string>
#include <vector>

namespace ns3::test
{
namespace
{

const std::vector<std::string> kResultFiles = {"summary.json",
                                               "transactions.csv",
                                               "servers.csv",
                                               "samples.csv",
                                               "config.ini",
                                               "ipvsadm-Ln.txt",
                                               "ipvsadm-Ln-stats.txt",
                                               "address-plan.txt"};

/// The file without the line that reports wall-clock time.
std::string
WithoutWallTime(const std::string& text)
{
    std::istringstream in(text);
    std::string line;
    std::string out;
    while (std::getline(in, line))
    {
        if (line.find("wall_time_s") == std::string::npos)
        {
            out += line + "\n";
        }
    }
    return out;
}

const std::string kShortRun = " --duration-s 2 --arrival-rate-per-s 100 --progress off";

TEST(LvsSimResults, SameSeedAndRunGiveIdenticalFiles)
{
    std::string a = TempFolder();
    std::string b = TempFolder();
    ASSERT_EQ(RunLvsSim("--output " + a + kShortRun).exitCode, 0);
    ASSERT_EQ(RunLvsSim("--output " + b + kShortRun).exitCode, 0);
    for (const auto& file : kResultFiles)
    {
        std::string first = ReadText(a + "/" + file);
        EXPECT_FALSE(first.empty()) << file;
        EXPECT_EQ(WithoutWallTime(first), WithoutWallTime(ReadText(b + "/" + file))) << file;
    }
}

TEST(LvsSimResults, AnotherRunNumberGivesOtherResults)
{
    std::string a = TempFolder();
    std::string b = TempFolder();
    ASSERT_EQ(RunLvsSim("--output " + a + kShortRun + " --run 1").exitCode, 0);
    ASSERT_EQ(RunLvsSim("--output " + b + kShortRun + " --run 2").exitCode, 0);
    EXPECT_NE(ReadText(a + "/transactions.csv"), ReadText(b + "/transactions.csv"));
}

TEST(LvsSimResults, TheDefaultScenarioRunsAndSummarizes)
{
    std::string folder = TempFolder();
    Outcome outcome = RunLvsSim("--output " + folder + " --progress off");
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    EXPECT_NE(outcome.out.find("scheduler wlc"), std::string::npos) << outcome.out;
    EXPECT_NE(outcome.out.find("latency ms"), std::string::npos);
    ResultFolder json(folder);
    EXPECT_GT(json.Number("/transactions/completed"), 3000);
    EXPECT_EQ(json.Number("/transactions/completed"), json.Number("/transactions/offered"));
    EXPECT_NE(ReadText(folder + "/ipvsadm-Ln.txt").find("TCP  10.0.0.100:80 wlc"),
              std::string::npos);
    // wlc with weights 4,2,1,1 on servers sized 16,8,4,4: shares near the weights.
    auto served = ServedByRip(folder);
    double total = json.Number("/transactions/completed");
    EXPECT_NEAR(served["192.168.10.11"] / total, 0.5, 0.05);
    EXPECT_NEAR(served["192.168.10.12"] / total, 0.25, 0.04);
}

/// One shipped scenario file and what its comments promise.
struct ShippedScenario
{
    std::string file;
    void (*check)(const std::string& folder, const ResultFolder& json);
};

void
CheckAllCompleted(const std::string& /*folder*/, const ResultFolder& json)
{
    EXPECT_GT(json.Number("/transactions/completed"), 0);
    EXPECT_EQ(json.Number("/transactions/completed"), json.Number("/transactions/offered"));
    EXPECT_TRUE(json.Summary().at("drops").empty()) << json.Summary().at("drops");
}

void
CheckWrrExact(const std::string& folder, const ResultFolder& json)
{
    CheckAllCompleted(folder, json);
    auto served = ServedByRip(folder);
    EXPECT_EQ(served["192.168.10.11"], 300u);
    EXPECT_EQ(served["192.168.10.12"], 200u);
    EXPECT_EQ(served["192.168.10.13"], 100u);
}

void
CheckUdp(const std::string& folder, const ResultFolder& json)
{
    CheckAllCompleted(folder, json);
    // UDP entries are never active (tests/reference/ipvs-behaviour.md 2.3).
    std::string listing = ReadText(folder + "/ipvsadm-Ln.txt");
    EXPECT_NE(listing.find("UDP  10.0.0.100:53 rr"), std::string::npos) << listing;
    EXPECT_NE(listing.find("Masq    1      0          "), std::string::npos) << listing;
}

void
CheckOverload(const std::string& folder, const ResultFolder& json)
{
    // Each server accepts exactly its upper threshold (100) of entries in a
    // 5 s run, since TIME_WAIT entries live 120 s; the rest find no server.
    auto served = ServedByRip(folder);
    EXPECT_EQ(served["192.168.10.11"], 100u);
    EXPECT_EQ(served["192.168.10.12"], 100u);
    EXPECT_GT(json.NumberOr("/drops/no-destination", 0), 0);
    EXPECT_GT(json.Number("/transactions/timed_out"), 0);
}

void
CheckArpProblem(const std::string& /*folder*/, const ResultFolder& json)
{
    // Linux's defaults: the router learns the VIP from a real server's
    // reply, and every transaction goes past the Director.
    EXPECT_EQ(json.Summary().at("vip_arp_owner").get<std::string>().rfind("rs-", 0), 0u);
    EXPECT_EQ(json.Summary().at("vip_arp_learned_from"), "reply");
    EXPECT_EQ(json.Number("/director/connections"), 0);
    EXPECT_GT(json.Number("/bypassed_director"), 0);
    EXPECT_EQ(json.Number("/bypassed_director"), json.Number("/transactions/completed"));
}

void
CheckOneNetworkNat(const std::string& /*folder*/, const ResultFolder& json)
{
    // Linux's redirects: some real servers take them and answer past the
    // NAT; only the clients named in them lose their transactions.
    EXPECT_GT(json.Number("/icmp_redirects/taken"), 0);
    EXPECT_GT(json.Number("/transactions/timed_out"), 0);
    EXPECT_GT(json.Number("/transactions/completed"), json.Number("/transactions/timed_out"));
}

void
CheckServerCrash(const std::string& /*folder*/, const ResultFolder& json)
{
    // What rs-2 is sent while it is down times out: half of the 300 or so
    // that start from 2 to 5 s, and the few in hand at 2 s; nothing else.
    double timedOut = json.Number("/transactions/timed_out");
    EXPECT_GT(timedOut, 120);
    EXPECT_LT(timedOut, 190);
    EXPECT_EQ(json.Number("/transactions/completed") + timedOut,
              json.Number("/transactions/offered"));
}

void
CheckServerCrashChecked(const std::string& /*folder*/, const ResultFolder& json)
{
    // Lost: what rr gives rs-2 until the checker deletes it, at most 2.3 s
    // after the crash (about 50 a second), not the whole 3 s outage.
    double timedOut = json.Number("/transactions/timed_out");
    EXPECT_GT(timedOut, 30);
    EXPECT_LT(timedOut, 125);
    const auto& events = json.Summary().at("health_checks").at("events");
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events.at(0).at("state"), "down");
    EXPECT_EQ(events.at(1).at("state"), "up");
    EXPECT_LE(json.Summary().at("faults").at(0).at("found_down_after_s").get<double>(), 2.3);
}

void
CheckKeepalivedWeb(const std::string& folder, const ResultFolder& json)
{
    // rs-3 found down by each checker: HTTP_GET on port 80 (weight 0: it
    // has inhibit_on_failure) and TCP_CHECK on 443 (deleted).
    const auto& events = json.Summary().at("health_checks").at("events");
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events.at(0).at("action"), "ipvsadm -e -t 192.0.2.10:80 -r 10.1.0.13:80 -w 0");
    EXPECT_EQ(events.at(1).at("action"), "ipvsadm -d -t 192.0.2.10:443 -r 10.1.0.13:443");
    // Within keepalived's bounds: 6 + 4 x 3 + 3 x 3 s for HTTP_GET, 10 + 2 x 2 + 1 s
    // for TCP_CHECK.
    EXPECT_LE(events.at(0).at("at_s").get<double>(), 5 + 27.0);
    EXPECT_LE(events.at(1).at("at_s").get<double>(), 5 + 15.0);
    // Persistent clients of rs-3 keep going to it at weight 0 and fail.
    double failed = json.Number("/transactions/timed_out");
    EXPECT_GT(failed, 300);
    EXPECT_LT(failed, 800);
    std::string rules = ReadText(folder + "/ipvsadm-Sn.txt");
    EXPECT_NE(rules.find("-a -t 192.0.2.10:80 -r 10.1.0.13:80 -g -w 0"), std::string::npos)
        << rules;
}

void
CheckServerRemovalAbrupt(const std::string& /*folder*/, const ResultFolder& json)
{
    // What rs-2 was serving at 5 s (half of 40 a second, 1 s of service
    // and the download) hangs: its packets are dropped, the clients time out.
    double timedOut = json.Number("/transactions/timed_out");
    EXPECT_GT(timedOut, 15);
    EXPECT_LT(timedOut, 40);
    EXPECT_GT(json.Number("/drops/destination-deleted"), 0);
}

void
CheckServerRemovalDrain(const std::string& folder, const ResultFolder& json)
{
    CheckAllCompleted(folder, json); // quiesced at 5 s, deleted once drained
    EXPECT_EQ(json.NumberOr("/drops/destination-deleted", 0), 0);
}

void
CheckDirectorFailover(const std::string& /*folder*/, const ResultFolder& json)
{
    EXPECT_EQ(json.Summary().at("failover").at("master_at_end"), "director-2");
    // Without sync some 115 break; with it, only those not yet synchronised.
    EXPECT_LT(json.Number("/transactions/timed_out"), 30);
    EXPECT_GT(json.Number("/transactions/completed"), 320);
}

void
CheckDirectorFailback(const std::string& /*folder*/, const ResultFolder& json)
{
    EXPECT_EQ(json.Summary().at("failover").at("master_at_end"), "director");
    // The connections made through director-2 break when director preempts.
    EXPECT_GT(json.Number("/transactions/timed_out"), 150);
}

void
CheckSeveralVips(const std::string& folder, const ResultFolder& json)
{
    CheckAllCompleted(folder, json);
    EXPECT_EQ(json.Number("/bypassed_director"), 0) << "the real servers carry the ARP fix";
    // Three services, one per VIP, each holding all three real servers.
    std::string rules = ReadText(folder + "/ipvsadm-Sn.txt");
    for (const char* vip : {"10.0.0.100:80", "10.0.0.101:80", "10.0.0.102:80"})
    {
        EXPECT_NE(rules.find(std::string("-A -t ") + vip + " -s wlc"), std::string::npos) << rules;
        EXPECT_NE(rules.find(std::string("-a -t ") + vip + " -r 192.168.10.13:80 -g -w 1"),
                  std::string::npos)
            << rules;
    }
    CsvTable transactions = json.Table("transactions.csv");
    std::map<std::string, uint64_t> perVip;
    for (size_t row = 0; row < transactions.Rows(); ++row)
    {
        ++perVip[transactions.Cell(row, "vip")];
    }
    EXPECT_EQ(perVip.size(), 3u);
}

void
CheckClientsOnVipNetwork(const std::string& folder, const ResultFolder& json)
{
    CheckAllCompleted(folder, json);
    // Both client nodes' transactions complete, the local one's CIPs in
    // the VIP network.
    CsvTable transactions = json.Table("transactions.csv");
    size_t local = 0;
    for (size_t row = 0; row < transactions.Rows(); ++row)
    {
        local += transactions.Cell(row, "cip").rfind("10.0.0.", 0) == 0;
    }
    EXPECT_GT(local, 0u);
    EXPECT_LT(local, transactions.Rows());
}

void
CheckNatClientOnRipNetwork(const std::string& /*folder*/, const ResultFolder& json)
{
    // Every transaction times out: the replies come from the RIPs.
    EXPECT_GT(json.Number("/transactions/offered"), 0);
    EXPECT_EQ(json.Number("/transactions/completed"), 0);
    EXPECT_EQ(json.Number("/transactions/timed_out"), json.Number("/transactions/offered"));
    EXPECT_GT(json.Number("/director/in_packets"), 0);
    EXPECT_EQ(json.Number("/director/out_packets"), 0);
}

class ShippedScenarioTest : public ::testing::TestWithParam<ShippedScenario>
{
};

TEST_P(ShippedScenarioTest, KeepsWhatItsCommentsPromise)
{
    std::string folder = TempFolder();
    std::string config = std::string(LVS_SOURCE_DIR) + "/scenarios/configs/" + GetParam().file;
    Outcome outcome = RunLvsSim("--config " + config + " --output " + folder + " --progress off");
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    GetParam().check(folder, ResultFolder(folder));
}

INSTANTIATE_TEST_SUITE_P(
    Files,
    ShippedScenarioTest,
    ::testing::Values(ShippedScenario{"nat-wlc-heterogeneous.ini", CheckAllCompleted},
                      ShippedScenario{"nat-wrr-exact.ini", CheckWrrExact},
                      ShippedScenario{"closed-loop-keepalive.ini", CheckAllCompleted},
                      ShippedScenario{"udp-service.ini", CheckUdp},
                      ShippedScenario{"overload-thresholds.ini", CheckOverload},
                      ShippedScenario{"several-vips.ini", CheckSeveralVips},
                      ShippedScenario{"dr-arp-problem.ini", CheckArpProblem},
                      ShippedScenario{"one-network-nat.ini", CheckOneNetworkNat},
                      ShippedScenario{"server-crash.ini", CheckServerCrash},
                      ShippedScenario{"server-crash-checked.ini", CheckServerCrashChecked},
                      ShippedScenario{"keepalived-web.ini", CheckKeepalivedWeb},
                      ShippedScenario{"server-removal-abrupt.ini", CheckServerRemovalAbrupt},
                      ShippedScenario{"server-removal-drain.ini", CheckServerRemovalDrain},
                      ShippedScenario{"director-failover.ini", CheckDirectorFailover},
                      ShippedScenario{"director-failback.ini", CheckDirectorFailback},
                      ShippedScenario{"clients-on-vip-network.ini", CheckClientsOnVipNetwork},
                      ShippedScenario{"nat-client-on-rip-network.ini", CheckNatClientOnRipNetwork}),
    [](const auto& info) {
        std::string name = info.param.file.substr(0, info.param.file.find('.'));
        for (char& c : name)
        {
            c = c == '-' ? '_' : c;
        }
        return name;
    });

TEST(LvsSimResults, TheMeasurementWindowLeavesOutRampUpAndDrain)
{
    // 400 connections/s for 10 s from the default cluster: over 2..10 s
    // the window sees the offered rate, whatever the drain after 10 s.
    std::string folder = TempFolder();
    Outcome outcome = RunLvsSim("--warmup-s 2 --output " + folder + " --progress off");
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    ResultFolder result(folder);
    EXPECT_EQ(result.Number("/window/start_s"), 2);
    EXPECT_EQ(result.Number("/window/end_s"), 10);
    EXPECT_NEAR(result.Number("/window/throughput_per_s"), 400, 400 * 0.05);
    EXPECT_NEAR(result.Number("/window/started"), 400 * 8, 400 * 8 * 0.05);
    EXPECT_EQ(result.Number("/window/failed"), 0);
    EXPECT_GT(result.Number("/window/latency_ms/p99"), result.Number("/window/latency_ms/p50"));
    EXPECT_NE(outcome.out.find("window        2.0-10.0 s"), std::string::npos) << outcome.out;

    Outcome bad = RunLvsSim("--warmup-s 10 --output " + TempFolder());
    EXPECT_EQ(bad.exitCode, 2);
    EXPECT_NE(bad.err.find("--warmup-s: the warm-up must end before the arrivals do"),
              std::string::npos)
        << bad.err;
}

TEST(LvsSimResults, CommandLineOverridesTheConfigFile)
{
    std::string folder = TempFolder();
    std::string config = std::string(LVS_SOURCE_DIR) + "/scenarios/configs/nat-wrr-exact.ini";
    Outcome outcome = RunLvsSim("--config " + config + " --transactions 60 --output " + folder +
                                " --progress off");
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    ResultFolder json(folder);
    EXPECT_EQ(json.Number("/transactions/completed"), 60);
    EXPECT_EQ(json.Summary().at("config").at("scheduler"), "wrr");
}

} // namespace
} // namespace ns3::test
