// A keepalived.conf as the Director's configuration (--rules FILE.conf):
// the shipped example reads into the services of its ipvsadm rules, the
// sorry server takes a service whose quorum is lost and hands it back, an
// alpha server joins on its first passed check, and bad files are refused
// with file:line.
#include "lvs-sim-runner.h"
#include "result-checks.h"

#include <fstream>
#include <gtest/gtest.h>

namespace ns3::test
{
namespace
{

const std::string kLoad = " --server-workers 8 --server-service-time-ms const:10"
                          " --arrival-rate-per-s 100 --progress off ";

std::string
WriteConf(const std::string& folder,
          const std::string& text,
          const std::string& name = "keepalived.conf")
{
    std::string path = folder + "/" + name;
    std::ofstream(path) << text;
    return path;
}

TEST(KeepalivedConfScenario, TheExampleReadsIntoTheSameServicesAsItsIpvsadmRules)
{
    std::string source = LVS_SOURCE_DIR;
    std::string fromConf = TempFolder();
    Outcome conf = RunLvsSim("--rules " + source + "/scenarios/configs/keepalived-web.conf" +
                             kArpFix + kLoad + "--duration-s 1 --output " + fromConf);
    ASSERT_EQ(conf.exitCode, 0) << conf.err;
    std::string fromRules = TempFolder();
    Outcome rules =
        RunLvsSim("--rules " + source + "/tests/scenarios/expected/keepalived-web.ipvs" + kArpFix +
                  kLoad + "--duration-s 1 --output " + fromRules);
    ASSERT_EQ(rules.exitCode, 0) << rules.err;
    std::string sn = ReadText(fromConf + "/ipvsadm-Sn.txt");
    EXPECT_NE(sn.find("-A -t 192.0.2.10:443 -s wrr -p 300"), std::string::npos) << sn;
    EXPECT_EQ(sn, ReadText(fromRules + "/ipvsadm-Sn.txt"));
    // What keepalived does that this run does not: named, with the line.
    EXPECT_NE(conf.out.find("keepalived-web.conf:21: vrrp_instance VI_WEB: read; --vrrp true "
                            "simulates it with director-2"),
              std::string::npos)
        << conf.out;
}

TEST(KeepalivedConfScenario, ItsVrrpInstanceIsTheFirstDirectorsWithVrrp)
{
    std::string source = LVS_SOURCE_DIR;
    std::string folder = TempFolder();
    Outcome outcome =
        RunLvsSim("--rules " + source + "/scenarios/configs/keepalived-web.conf" + kArpFix + kLoad +
                  "--vrrp true --duration-s 8 --transaction-timeout-s 3"
                  " --faults \"2 crash director\" --output " +
                  folder);
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    EXPECT_NE(outcome.out.find("vrrp_instance VI_WEB: director's; director-2 runs it with "
                               "priority 100"),
              std::string::npos)
        << outcome.out;
    ResultFolder json(folder);
    EXPECT_EQ(json.Summary().at("failover").at("master_at_end"), "director-2");
    EXPECT_EQ(json.Summary().at("vip_arp_owner"), "director-2");
    // Its priority (150) is the file's: refused as an option beside it.
    Outcome both = RunLvsSim("--rules " + source + "/scenarios/configs/keepalived-web.conf" +
                             " --vrrp true --vrrp-priority 200 --progress off");
    EXPECT_NE(both.exitCode, 0);
    EXPECT_NE(both.err.find("has a vrrp_instance"), std::string::npos) << both.err;
}

const char* kSorryFarm = R"(virtual_server 10.0.0.100 80 {
    lb_algo rr
    lb_kind NAT
    sorry_server 192.168.10.99 80
    real_server 192.168.10.11 80 {
        TCP_CHECK {
            delay_loop 1
            connect_timeout 0.5
            retry 0
            warmup 0
        }
    }
    real_server 192.168.10.12 80 {
        TCP_CHECK {
            delay_loop 1
            connect_timeout 0.5
            retry 0
            warmup 0
        }
    }
}
)";

TEST(KeepalivedConfScenario, TheSorryServerHoldsTheServiceWhileTheQuorumIsLost)
{
    std::string folder = TempFolder();
    std::string conf = WriteConf(folder, kSorryFarm);
    Outcome outcome = RunLvsSim("--rules " + conf + kLoad +
                                "--duration-s 8 --transaction-timeout-s 2 --faults \"2 crash "
                                "rs-1, 2 crash rs-2, 5 recover rs-1\" --output " +
                                folder + "/out");
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    ResultFolder json(folder + "/out");
    const auto& events = json.Summary().at("health_checks").at("events");
    std::vector<std::string> seen;
    double lostAt = -1;
    double regainedAt = -1;
    for (const auto& e : events)
    {
        seen.push_back(e.at("server").get<std::string>() + " " + e.at("state").get<std::string>() +
                       " " + e.at("action").get<std::string>());
        if (e.at("action") == "ipvsadm -a -t 10.0.0.100:80 -r 192.168.10.99:80 -w 1")
        {
            lostAt = e.at("at_s").get<double>();
        }
        if (e.at("action") == "ipvsadm -d -t 10.0.0.100:80 -r 192.168.10.99:80")
        {
            regainedAt = e.at("at_s").get<double>();
        }
    }
    // Both found down (2.5 s: the 2 s checks time out), the sorry server in.
    // rs-1 found up after its recovery changes nothing by itself (the sorry
    // server holds the service); the quorum it brings back takes the sorry
    // server out and puts rs-1 in.
    ASSERT_EQ(seen.size(), 6u) << outcome.out;
    EXPECT_EQ(seen[0], "rs-1 down ipvsadm -d -t 10.0.0.100:80 -r 192.168.10.11:80");
    EXPECT_EQ(seen[1], "rs-2 down ipvsadm -d -t 10.0.0.100:80 -r 192.168.10.12:80");
    EXPECT_EQ(seen[2], "rs-3 up ipvsadm -a -t 10.0.0.100:80 -r 192.168.10.99:80 -w 1");
    EXPECT_EQ(seen[3], "rs-1 up none: the sorry server holds the service");
    EXPECT_EQ(seen[4], "rs-3 down ipvsadm -d -t 10.0.0.100:80 -r 192.168.10.99:80");
    EXPECT_EQ(seen[5], "rs-1 up ipvsadm -a -t 10.0.0.100:80 -r 192.168.10.11:80 -w 1");
    EXPECT_NEAR(lostAt, 2.5, 0.01);
    EXPECT_GE(regainedAt, 5);
    EXPECT_LE(regainedAt, 5 + 0.5 + 1 + 0.01);

    CsvTable t = json.Table("transactions.csv");
    int sorryServed = 0;
    int failedWhileSorry = 0;
    int rs1After = 0;
    for (size_t row = 0; row < t.Rows(); ++row)
    {
        double start = std::stod(t.Cell(row, "start_s"));
        bool ok = t.Cell(row, "outcome") == "ok";
        bool sorry = t.Cell(row, "server") == "192.168.10.99";
        // Those still open on the sorry server when it is deleted are cut
        // (their packets dropped as destination-deleted): a transaction
        // takes some 50 ms.
        if (start > lostAt + 0.01 && start < regainedAt - 0.1)
        {
            sorryServed += ok && sorry;
            failedWhileSorry += !ok;
        }
        rs1After += start > regainedAt + 0.01 && ok && t.Cell(row, "server") == "192.168.10.11";
        EXPECT_FALSE(sorry && start < lostAt - 0.05) << "row " << row;
    }
    EXPECT_GT(sorryServed, 150);
    EXPECT_EQ(failedWhileSorry, 0);
    EXPECT_GT(rs1After, 100);
}

TEST(KeepalivedConfScenario, AnAlphaServerJoinsOnItsFirstPassedCheck)
{
    std::string folder = TempFolder();
    std::string conf = WriteConf(folder, R"(virtual_server 10.0.0.100 80 {
    lb_algo rr
    real_server 192.168.10.11 80 {
    }
    real_server 192.168.10.12 80 {
        TCP_CHECK {
            alpha
            delay_loop 1
            warmup 0
        }
    }
}
)");
    Outcome outcome =
        RunLvsSim("--rules " + conf + kLoad + "--duration-s 2 --output " + folder + "/out");
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    ResultFolder json(folder + "/out");
    const auto& events = json.Summary().at("health_checks").at("events");
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events.at(0).at("action"), "ipvsadm -a -t 10.0.0.100:80 -r 192.168.10.12:80 -w 1");
    double joined = events.at(0).at("at_s").get<double>();
    EXPECT_NEAR(joined, 1, 0.01) << "the first check: 1 s after start, no warm-up";
    CsvTable t = json.Table("transactions.csv");
    int rs2Before = 0;
    int rs2After = 0;
    for (size_t row = 0; row < t.Rows(); ++row)
    {
        double start = std::stod(t.Cell(row, "start_s"));
        bool rs2 = t.Cell(row, "server") == "192.168.10.12";
        // A SYN takes about 10 ms from the client to the Director.
        rs2Before += rs2 && start < joined - 0.05;
        rs2After += rs2 && start > joined;
    }
    EXPECT_EQ(rs2Before, 0);
    EXPECT_GT(rs2After, 30);
}

TEST(KeepalivedConfScenario, BadFilesAreRefusedWithFileAndLine)
{
    std::string folder = TempFolder();
    std::string conf = WriteConf(folder,
                                 "virtual_server 10.0.0.100 80 {\n"
                                 "    lb_algo rr\n"
                                 "    lb_kind FAST\n"
                                 "    real_server 192.168.10.11 80 {\n    }\n}\n");
    Outcome bad = RunLvsSim("--rules " + conf + " --progress off");
    EXPECT_NE(bad.exitCode, 0);
    EXPECT_NE(bad.err.find(conf + ":3: lb_kind 'FAST' is not NAT, DR or TUN"), std::string::npos)
        << bad.err;

    std::string good = WriteConf(folder,
                                 "virtual_server 10.0.0.100 80 {\n    lb_algo rr\n"
                                 "    real_server 192.168.10.11 80 {\n    }\n}\n");
    Outcome both = RunLvsSim("--rules " + good + " --health-check tcp --progress off");
    EXPECT_NE(both.exitCode, 0);
    EXPECT_NE(both.err.find("sets the checks"), std::string::npos) << both.err;

    // A check on a server the cluster does not have.
    std::string ghostCheck =
        WriteConf(folder,
                  "virtual_server 10.0.0.100 80 {\n    lb_algo rr\n"
                  "    real_server 192.168.10.11 80 {\n        TCP_CHECK {\n"
                  "            connect_ip 192.168.10.77\n        }\n    }\n}\n",
                  "ghost-check.conf");
    Outcome nowhere = RunLvsSim("--rules " + ghostCheck + " --progress off");
    EXPECT_NE(nowhere.exitCode, 0);
    EXPECT_NE(nowhere.err.find(ghostCheck + ":4: connect_ip 192.168.10.77 is no real server"),
              std::string::npos)
        << nowhere.err;

    // A fault on a server the file does not have.
    Outcome ghost = RunLvsSim("--rules " + good + " --faults \"1 crash rs-2\" --progress off");
    EXPECT_NE(ghost.exitCode, 0);
    EXPECT_NE(ghost.err.find("no node or network 'rs-2'"), std::string::npos) << ghost.err;
}

} // namespace
} // namespace ns3::test
