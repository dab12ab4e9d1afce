// Rules-driven runs of lvs-sim: two-vips.ini's fwmark persistence, drain and
// ipvsadm views; bad --rules stopping the run with their line; and rules
// pasted from another Director running with their own addresses.
#include "lvs-sim-runner.h"
#include "model/ipvs/ipvs-types.h"
#include "result-checks.h"

#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace ns3::test
{
namespace
{

/// Rows of a headed CSV file as column-name -> value maps.
std::vector<std::map<std::string, std::string>>
ReadCsv(const std::string& path)
{
    CsvTable table = CsvTable::Read(path);
    std::vector<std::map<std::string, std::string>> rows;
    for (size_t row = 0; row < table.Rows(); ++row)
    {
        std::map<std::string, std::string> values;
        for (const auto& column : table.Header())
        {
            values[column] = table.Cell(row, column);
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
    ResultFolder json(folder);
    EXPECT_GT(json.Number("/director/out_packets"), 0)
        << "the NAT server's replies pass the Director";
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
