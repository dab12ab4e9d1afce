// Director failover (--vrrp, --sync-daemon): the backup takes over within
// RFC 5798's master-down interval and gratuitous ARP moves the router's
// entry for the VIP to it; established connections survive only with
// connection synchronisation; persistence too; preemption, nopreempt and
// preempt_delay decide when the old master takes the VIPs back, and what
// that fail-back costs.
#include "lvs-sim-runner.h"
#include "result-checks.h"

#include <gtest/gtest.h>
#include <map>
#include <set>

namespace ns3::test
{
namespace
{

// Connections that last 5 s (the service time) at 20 a second.
const std::string kLongConnections = "--vrrp true --server-workers 200 --server-service-time-ms "
                                     "const:5000 --arrival-rate-per-s 20 --progress off ";

struct Outcomes
{
    int ok = 0;
    int failed = 0;
};

/// Transactions that started in [fromS, toS).
Outcomes
StartedBetween(const ResultFolder& json, double fromS, double toS)
{
    Outcomes o;
    CsvTable t = json.Table("transactions.csv");
    for (size_t row = 0; row < t.Rows(); ++row)
    {
        double start = std::stod(t.Cell(row, "start_s"));
        if (start >= fromS && start < toS)
        {
            bool ok = t.Cell(row, "outcome") == "ok";
            o.ok += ok;
            o.failed += !ok;
        }
    }
    return o;
}

/// When @p director went to @p state (-1: never), at or after @p fromS.
double
ChangeAt(const ResultFolder& json,
         const std::string& director,
         const std::string& state,
         double fromS = 0)
{
    for (const auto& c : json.Summary().at("failover").at("changes"))
    {
        double at = c.at("at_s").get<double>();
        if (c.at("director") == director && c.at("to") == state && at >= fromS)
        {
            return at;
        }
    }
    return -1;
}

ResultFolder
RunFailover(const std::string& options)
{
    std::string folder = TempFolder();
    Outcome outcome = RunLvsSim(options + " --output " + folder);
    EXPECT_EQ(outcome.exitCode, 0) << outcome.err;
    return ResultFolder(folder);
}

TEST(Failover, TheBackupTakesOverWithinTheMasterDownIntervalAndMovesTheVip)
{
    ResultFolder json =
        RunFailover("--vrrp true --progress off --duration-s 8 --arrival-rate-per-s 100"
                    " --transaction-timeout-s 3 --faults \"3 crash director\"");
    // The last advertisement came at most one interval before the crash;
    // director-2 (priority 100) waits 3 intervals and (256 - 100)/256 s.
    double skew = (256.0 - 100) / 256;
    double takeover = ChangeAt(json, "director-2", "MASTER");
    EXPECT_GE(takeover, 3 + 2 + skew - 0.001);
    EXPECT_LE(takeover, 3 + 3 + skew + 0.001);
    EXPECT_EQ(json.Summary().at("failover").at("master_at_end"), "director-2");
    // Its gratuitous ARP moved the router's entry for the VIP.
    EXPECT_EQ(json.Summary().at("vip_arp_owner"), "director-2");
    EXPECT_EQ(json.Summary().at("vip_arp_learned_from"), "gratuitous");
    Outcomes during = StartedBetween(json, 3, takeover - 0.1);
    Outcomes after = StartedBetween(json, takeover + 0.05, 8);
    EXPECT_GT(during.failed, 100) << "no Director holds the VIP";
    EXPECT_GT(after.ok, 150);
    EXPECT_EQ(after.failed, 0);
}

TEST(Failover, DirectRoutingOnOneLanFailsOverToo)
{
    // The classic LVS-DR layout: router, both Directors and the real
    // servers on one LAN; the VIP and the DIP move with VRRP there.
    ResultFolder json = RunFailover(
        "--vrrp true --sync-daemon true --forwarding dr --arp-ignore 1 --arp-announce 2"
        " --progress off --duration-s 8 --arrival-rate-per-s 50 --transaction-timeout-s 3"
        " --faults \"3 crash director\"");
    double takeover = ChangeAt(json, "director-2", "MASTER");
    EXPECT_GT(takeover, 3);
    EXPECT_LE(takeover, 3 + 3 + (256.0 - 100) / 256 + 0.001);
    EXPECT_EQ(json.Summary().at("vip_arp_owner"), "director-2");
    Outcomes after = StartedBetween(json, takeover + 0.05, 8);
    EXPECT_GT(after.ok, 80);
    EXPECT_EQ(after.failed, 0);
    EXPECT_EQ(json.Number("/bypassed_director"), 0);
}

TEST(Failover, EstablishedConnectionsSurviveOnlyWithConnectionSync)
{
    // Connections started from 4 to 5 s are established and synchronised
    // (3rd packet, sent within 3 s) when the master dies at 8 s; their
    // responses come at 9 to 10 s, through director-2.
    std::string crash = "--duration-s 12 --transaction-timeout-s 15 --faults \"8 crash director\"";
    ResultFolder without = RunFailover(kLongConnections + crash + " --sync-daemon false");
    ResultFolder with = RunFailover(kLongConnections + crash + " --sync-daemon true");
    Outcomes lost = StartedBetween(without, 4, 5);
    Outcomes kept = StartedBetween(with, 4, 5);
    EXPECT_GT(lost.failed + lost.ok, 10);
    EXPECT_EQ(lost.ok, 0) << "director-2 has no entry: their packets are not its";
    EXPECT_GT(kept.ok, 10);
    EXPECT_EQ(kept.failed, 0);
    const auto& sync = with.Summary().at("failover").at("sync");
    EXPECT_GT(sync.at(0).at("entries_sent").get<int>(), 0);
    EXPECT_GT(sync.at(1).at("entries_applied").get<int>(), 0);
}

TEST(Failover, PersistenceSurvivesAFailoverWithSync)
{
    // Ten client addresses, persistent service, rr over four servers: each
    // client keeps its server across the failover only with sync.
    auto serversPerClient = [](const ResultFolder& json) {
        std::map<std::string, std::set<std::string>> seen;
        CsvTable t = json.Table("transactions.csv");
        for (size_t row = 0; row < t.Rows(); ++row)
        {
            if (t.Cell(row, "outcome") == "ok")
            {
                seen[t.Cell(row, "cip")].insert(t.Cell(row, "server"));
            }
        }
        size_t moved = 0;
        for (const auto& [cip, servers] : seen)
        {
            moved += servers.size() > 1;
        }
        return moved;
    };
    std::string options = "--vrrp true --progress off --scheduler rr --persistent-s 300"
                          " --client-addresses 10 --arrival-rate-per-s 50 --duration-s 10"
                          " --transaction-timeout-s 2 --faults \"4 crash director\"";
    EXPECT_EQ(serversPerClient(RunFailover(options + " --sync-daemon true")), 0u);
    EXPECT_GT(serversPerClient(RunFailover(options + " --sync-daemon false")), 3u);
}

TEST(Failover, TheOldMasterPreemptsOnItsReturnUnlessNopreempt)
{
    std::string faults = " --duration-s 14 --arrival-rate-per-s 20 --progress off"
                         " --faults \"3 crash director, 8 recover director\"";
    // Preemption: back as a backup, director (150) discards director-2's
    // (100) advertisements and takes over after one interval and 1/256 s.
    ResultFolder preempt = RunFailover("--vrrp true" + faults);
    double back = ChangeAt(preempt, "director", "MASTER", 8);
    EXPECT_NEAR(back, 8 + 1 + 1.0 / 256, 0.01);
    EXPECT_EQ(preempt.Summary().at("failover").at("master_at_end"), "director");
    EXPECT_EQ(preempt.Summary().at("vip_arp_owner"), "director");
    // nopreempt: director-2 keeps the VIPs.
    ResultFolder nopreempt = RunFailover("--vrrp true --vrrp-nopreempt true" + faults);
    EXPECT_EQ(ChangeAt(nopreempt, "director", "MASTER", 8), -1);
    EXPECT_EQ(nopreempt.Summary().at("failover").at("master_at_end"), "director-2");
    // preempt_delay: from the first lower-priority advertisement heard.
    ResultFolder delayed = RunFailover("--vrrp true --vrrp-preempt-delay-s 3" + faults);
    double late = ChangeAt(delayed, "director", "MASTER", 8);
    EXPECT_GE(late, 8 + 3);
    EXPECT_LE(late, 8 + 1 + 3 + 3 + 1);
}

TEST(Failover, FailBackBreaksTheConnectionsMadeWhileAwayEvenWithSync)
{
    // The fail-back: director returns at 10 s and preempts at
    // about 11 s, before director-2's sync daemon (which flushes a message
    // once it is 2 s old, at its 1 s polls) has sent it the connections
    // made from 8 to 10 s.  nopreempt keeps them.
    std::string faults = " --duration-s 16 --transaction-timeout-s 15 --sync-daemon true"
                         " --faults \"3 crash director, 10 recover director\"";
    ResultFolder preempt = RunFailover(kLongConnections + faults);
    ResultFolder nopreempt = RunFailover(kLongConnections + faults + " --vrrp-nopreempt true");
    Outcomes broken = StartedBetween(preempt, 8.5, 10);
    Outcomes kept = StartedBetween(nopreempt, 8.5, 10);
    EXPECT_GT(broken.failed, 10);
    EXPECT_EQ(kept.failed, 0);
    EXPECT_GT(kept.ok, 10);
}

TEST(Failover, ACutLinkLooksLikeADeadMasterAndTheHigherPriorityWinsWhenItHeals)
{
    ResultFolder json = RunFailover("--vrrp true --progress off --duration-s 10"
                                    " --arrival-rate-per-s 20 --faults \"3 down director, 8 up "
                                    "director\"");
    double skew = (256.0 - 100) / 256;
    double takeover = ChangeAt(json, "director-2", "MASTER");
    EXPECT_GE(takeover, 3 + 2 + skew - 0.001);
    EXPECT_LE(takeover, 3 + 3 + skew + 0.001);
    // director never stopped being master: once its advertisements get
    // through again, director-2 (lower priority) steps down.
    EXPECT_EQ(ChangeAt(json, "director", "STOPPED"), -1);
    double stepDown = ChangeAt(json, "director-2", "BACKUP", takeover);
    EXPECT_GE(stepDown, 8);
    EXPECT_LE(stepDown, 9 + 0.001);
    EXPECT_EQ(json.Summary().at("failover").at("master_at_end"), "director");
}

TEST(Failover, BadCombinationsAreRefused)
{
    Outcome sync = RunLvsSim("--sync-daemon true --progress off");
    EXPECT_NE(sync.exitCode, 0);
    EXPECT_NE(sync.err.find("add --vrrp true"), std::string::npos) << sync.err;
    Outcome none = RunLvsSim("--vrrp true --director none --progress off");
    EXPECT_NE(none.exitCode, 0);
    Outcome ghost = RunLvsSim("--faults \"2 crash director-2\" --progress off");
    EXPECT_NE(ghost.exitCode, 0);
    EXPECT_NE(ghost.err.find("'director-2'"), std::string::npos) << ghost.err;
}

} // namespace
} // namespace ns3::test
