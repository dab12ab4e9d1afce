// lvs-sim runs as a user runs it: reproducible result folders, the
// shipped scenario files (each one doubles as a test), served counts
// that follow the weights.
#include "lvs-sim-runner.h"

#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <set>
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

/// A number after "key": in summary.json.
double
JsonNumber(const std::string& json, const std::string& key)
{
    size_t pos = json.find("\"" + key + "\": ");
    EXPECT_NE(pos, std::string::npos) << key;
    return pos == std::string::npos ? -1 : std::stod(json.substr(pos + key.size() + 4));
}

/// ok_transactions per RIP, from servers.csv.
std::map<std::string, uint64_t>
ServedByRip(const std::string& folder)
{
    std::istringstream in(ReadText(folder + "/servers.csv"));
    std::string line;
    std::getline(in, line);
    EXPECT_EQ(
        line.rfind(
            "server,rip,weight,workers,service_time_ms,ipvs_connections,served,ok_transactions",
            0),
        0u);
    std::map<std::string, uint64_t> served;
    while (std::getline(in, line))
    {
        std::vector<std::string> cells;
        std::istringstream row(line);
        std::string cell;
        while (std::getline(row, cell, ','))
        {
            cells.push_back(cell);
        }
        served[cells.at(1)] = std::stoull(cells.at(7));
    }
    return served;
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
    std::string json = ReadText(folder + "/summary.json");
    EXPECT_GT(JsonNumber(json, "completed"), 3000);
    EXPECT_EQ(JsonNumber(json, "completed"), JsonNumber(json, "offered"));
    EXPECT_NE(ReadText(folder + "/ipvsadm-Ln.txt").find("TCP  10.0.0.100:80 wlc"),
              std::string::npos);
    // wlc with weights 4,2,1,1 on servers sized 16,8,4,4: shares near the weights.
    auto served = ServedByRip(folder);
    double total = JsonNumber(json, "completed");
    EXPECT_NEAR(served["192.168.10.11"] / total, 0.5, 0.05);
    EXPECT_NEAR(served["192.168.10.12"] / total, 0.25, 0.04);
}

/// One shipped scenario file and what its comments promise.
struct ShippedScenario
{
    std::string file;
    void (*check)(const std::string& folder, const std::string& json);
};

void
CheckAllCompleted(const std::string& /*folder*/, const std::string& json)
{
    EXPECT_GT(JsonNumber(json, "completed"), 0);
    EXPECT_EQ(JsonNumber(json, "completed"), JsonNumber(json, "offered"));
    EXPECT_NE(json.find("\"drops\": {}"), std::string::npos);
}

void
CheckWrrExact(const std::string& folder, const std::string& json)
{
    CheckAllCompleted(folder, json);
    auto served = ServedByRip(folder);
    EXPECT_EQ(served["192.168.10.11"], 300u);
    EXPECT_EQ(served["192.168.10.12"], 200u);
    EXPECT_EQ(served["192.168.10.13"], 100u);
}

void
CheckUdp(const std::string& folder, const std::string& json)
{
    CheckAllCompleted(folder, json);
    // UDP entries are never active (ipvs-behaviour 2.3).
    std::string listing = ReadText(folder + "/ipvsadm-Ln.txt");
    EXPECT_NE(listing.find("UDP  10.0.0.100:53 rr"), std::string::npos) << listing;
    EXPECT_NE(listing.find("Masq    1      0          "), std::string::npos) << listing;
}

void
CheckOverload(const std::string& folder, const std::string& json)
{
    // Each server accepts exactly its upper threshold (100) of entries in a
    // 5 s run, since TIME_WAIT entries live 120 s; the rest find no server.
    auto served = ServedByRip(folder);
    EXPECT_EQ(served["192.168.10.11"], 100u);
    EXPECT_EQ(served["192.168.10.12"], 100u);
    EXPECT_GT(JsonNumber(json, "no-destination"), 0);
    EXPECT_GT(JsonNumber(json, "timed_out"), 0);
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
    GetParam().check(folder, ReadText(folder + "/summary.json"));
}

INSTANTIATE_TEST_SUITE_P(
    Files,
    ShippedScenarioTest,
    ::testing::Values(ShippedScenario{"nat-wlc-heterogeneous.ini", CheckAllCompleted},
                      ShippedScenario{"nat-wrr-exact.ini", CheckWrrExact},
                      ShippedScenario{"closed-loop-keepalive.ini", CheckAllCompleted},
                      ShippedScenario{"udp-service.ini", CheckUdp},
                      ShippedScenario{"overload-thresholds.ini", CheckOverload}),
    [](const auto& info) {
        std::string name = info.param.file.substr(0, info.param.file.find('.'));
        for (char& c : name)
        {
            c = c == '-' ? '_' : c;
        }
        return name;
    });

TEST(LvsSimResults, CommandLineOverridesTheConfigFile)
{
    std::string folder = TempFolder();
    std::string config = std::string(LVS_SOURCE_DIR) + "/scenarios/configs/nat-wrr-exact.ini";
    Outcome outcome = RunLvsSim("--config " + config + " --transactions 60 --output " + folder +
                                " --progress off");
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    std::string json = ReadText(folder + "/summary.json");
    EXPECT_EQ(JsonNumber(json, "completed"), 60);
    EXPECT_NE(json.find("\"scheduler\": \"wrr\""), std::string::npos);
}

} // namespace
} // namespace ns3::test

#include "model/ipvs/scheduler-registry.h"

namespace ns3::test
{
namespace
{

class EverySchedulerInTheDirector : public ::testing::TestWithParam<std::string>
{
};

TEST_P(EverySchedulerInTheDirector, ServesALightLoad)
{
    // 50 connections per second for a second, under every scheduler: all
    // complete, and the ipvsadm listing names the scheduler.
    std::string folder = TempFolder();
    std::string flags = GetParam() == "sh" || GetParam() == "mh"
                            ? " --scheduler-flags " + GetParam() + "-port"
                            : "";
    Outcome outcome =
        RunLvsSim("--scheduler " + GetParam() + flags +
                  " --duration-s 1 --arrival-rate-per-s 50 --progress off --output " + folder);
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    std::string json = ReadText(folder + "/summary.json");
    EXPECT_GT(JsonNumber(json, "completed"), 20);
    EXPECT_EQ(JsonNumber(json, "completed"), JsonNumber(json, "offered"));
    EXPECT_NE(ReadText(folder + "/ipvsadm-Ln.txt").find("TCP  10.0.0.100:80 " + GetParam()),
              std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Registry,
                         EverySchedulerInTheDirector,
                         ::testing::ValuesIn(ipvs::SchedulerNames()),
                         [](const auto& info) { return info.param; });

} // namespace
} // namespace ns3::test

namespace ns3::test
{
namespace
{

/// Rows of a headed CSV file as column-name -> value maps.
std::vector<std::map<std::string, std::string>>
ReadCsv(const std::string& path)
{
    std::istringstream in(ReadText(path));
    std::string line;
    std::getline(in, line);
    std::vector<std::string> header;
    std::istringstream head(line);
    std::string cell;
    while (std::getline(head, cell, ','))
    {
        header.push_back(cell);
    }
    std::vector<std::map<std::string, std::string>> rows;
    while (std::getline(in, line))
    {
        std::istringstream row(line);
        std::map<std::string, std::string> values;
        for (size_t i = 0; i < header.size() && std::getline(row, cell, ','); ++i)
        {
            values[header[i]] = cell;
        }
        rows.push_back(values);
    }
    return rows;
}

TEST(RulesScenario, ShowsThePersistenceTheDrainAndTheViews)
{
    // scenarios/configs/two-vips.ini: fwmark 1 (10.0.0.100:80 and :443)
    // persistent per /28 under rr over .11 and .12; 10.0.0.101:8080 under
    // wlc over .12 (DR), .13 (TUN, drained at 3 s) and .14 (NAT).
    std::string folder = TempFolder();
    std::string config = std::string(LVS_SOURCE_DIR) + "/scenarios/configs/two-vips.ini";
    Outcome outcome = RunLvsSim("--config " + config + " --output " + folder + " --progress off");
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    auto rows = ReadCsv(folder + "/transactions.csv");
    ASSERT_GT(rows.size(), 1000u);
    std::map<std::string, std::set<std::string>> serversOfNetwork; // fwmark service
    std::set<std::string> fwmarkPorts;
    int apiToDrainedBefore = 0;
    int apiToDrainedAfter = 0;
    for (auto& t : rows)
    {
        ASSERT_EQ(t["outcome"], "ok");
        if (t["vip"] == "10.0.0.100")
        {
            uint32_t cip = ipvs::ParseAddr(t["cip"]).value();
            serversOfNetwork[ipvs::AddrToString(cip & 0xfffffff0)].insert(t["server"]);
            fwmarkPorts.insert(t["vport"]);
            EXPECT_TRUE(t["server"] == "192.168.10.11" || t["server"] == "192.168.10.12")
                << t["server"];
        }
        else
        {
            EXPECT_EQ(t["vip"], "10.0.0.101");
            double start = std::stod(t["start_s"]);
            bool drained = t["server"] == "192.168.10.13";
            apiToDrainedBefore += drained && start < 3.0;
            apiToDrainedAfter += drained && start > 3.0;
        }
    }
    // Persistence: each /28 network of clients stays on one server, for
    // http and https alike; rr spread the networks over both servers.
    EXPECT_EQ(fwmarkPorts, (std::set<std::string>{"80", "443"}));
    std::set<std::string> used;
    for (const auto& [network, servers] : serversOfNetwork)
    {
        EXPECT_EQ(servers.size(), 1u) << network;
        used.insert(servers.begin(), servers.end());
    }
    EXPECT_EQ(used.size(), 2u);
    // The drain: .13 (weight 2) took API connections until 3 s, none after.
    EXPECT_GT(apiToDrainedBefore, 20);
    EXPECT_EQ(apiToDrainedAfter, 0);
    // The views before and after the drain, and -Sn at the end.
    EXPECT_NE(
        ReadText(folder + "/ipvsadm/2.500s-Ln.txt").find("192.168.10.13:8080           Tunnel  2 "),
        std::string::npos);
    EXPECT_NE(
        ReadText(folder + "/ipvsadm/5.500s-Ln.txt").find("192.168.10.13:8080           Tunnel  0 "),
        std::string::npos);
    EXPECT_NE(ReadText(folder + "/ipvsadm/5.500s-Lnc.txt").find("IP  "), std::string::npos)
        << "fwmark templates are listed with protocol IP";
    std::string saved = ReadText(folder + "/ipvsadm-Sn.txt");
    EXPECT_NE(saved.find("-A -f 1 -s rr -p 300 -M 255.255.255.240\n"), std::string::npos) << saved;
    EXPECT_NE(saved.find("-a -t 10.0.0.101:8080 -r 192.168.10.13:8080 -i -w 0 --tun-type ipip\n"),
              std::string::npos);
    std::string json = ReadText(folder + "/summary.json");
    EXPECT_GT(JsonNumber(json, "out_packets"), 0) << "the NAT server's replies pass the Director";
}

TEST(RulesScenario, BadRulesStopTheRunWithTheirLine)
{
    std::string folder = TempFolder();
    std::ofstream(folder + "/bad.rules") << "-A -t 10.0.0.100:80 -s wlc\n"
                                            "-a -t 10.0.0.100:80 -r 192.168.10.11:80 -m -w 1\n"
                                            "-a -t 10.0.0.100:80 -r 192.168.10.11:80 -m -w 2\n";
    Outcome outcome =
        RunLvsSim("--rules " + folder + "/bad.rules --output " + folder + "/out --progress off");
    EXPECT_EQ(outcome.exitCode, 2);
    EXPECT_NE(outcome.err.find(folder + "/bad.rules:3: Destination already exists"),
              std::string::npos)
        << outcome.err;
    Outcome clash =
        RunLvsSim("--rules " + folder + "/bad.rules --scheduler rr --output " + folder + "/out");
    EXPECT_NE(clash.err.find("--scheduler: the rules file sets services"), std::string::npos)
        << clash.err;
}

} // namespace
} // namespace ns3::test

namespace ns3::test
{
namespace
{

TEST(RulesScenario, PastedRulesRunWithTheirOwnAddresses)
{
    // A Director's rules from elsewhere: the VIP and RIP networks follow the
    // rules (the /24 of the first VIP and RIP), wrr 5:1 shows in the shares.
    std::string folder = TempFolder();
    std::ofstream(folder + "/site.rules") << "-A -t 203.0.113.10:443 -s wrr\n"
                                             "-a -t 203.0.113.10:443 -r 10.20.30.41:443 -m -w 5\n"
                                             "-a -t 203.0.113.10:443 -r 10.20.30.42:443 -m -w 1\n";
    Outcome outcome = RunLvsSim("--rules " + folder +
                                "/site.rules --transactions 120 --arrival-rate-per-s 100"
                                " --progress off --output " +
                                folder + "/out");
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    auto served = ServedByRip(folder + "/out");
    EXPECT_EQ(served["10.20.30.41"], 100u);
    EXPECT_EQ(served["10.20.30.42"], 20u);
    std::string plan = ReadText(folder + "/out/address-plan.txt");
    EXPECT_NE(plan.find("203.0.113.10"), std::string::npos);
    EXPECT_NE(plan.find("10.20.30.1 "), std::string::npos)
        << "the DIP: first free host of the RIPs' /24";
}

} // namespace
} // namespace ns3::test
