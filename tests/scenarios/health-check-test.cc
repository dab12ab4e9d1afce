// keepalived's health checker on the Director (--health-check): after a
// crash the failures stop within the bound the check timings give, the
// server comes back after its recovery, inhibit_on_failure quiesces
// instead of deleting, HTTP_GET sees a server too slow to answer that
// TCP_CHECK passes, and the checks are real traffic from the DIP.
#include "lvs-sim-runner.h"
#include "pcap-reader.h"
#include "result-checks.h"

#include <gtest/gtest.h>

namespace ns3::test
{
namespace
{

const std::string kTwoServers = "--scheduler rr --servers 2 --server-weights 1"
                                " --server-workers 8 --server-service-time-ms const:10"
                                " --arrival-rate-per-s 100 --progress off ";

// Check timings (seconds) short enough for a test, each distinct.
constexpr double kDelayLoop = 1;
constexpr double kConnectTimeout = 0.5;
constexpr unsigned kRetry = 1;
constexpr double kDelayBeforeRetry = 0.3;
constexpr double kCrash = 3;
constexpr double kRecover = 7;

std::string
CheckOptions(const std::string& kind)
{
    return "--health-check " + kind + " --check-delay-loop-s " + std::to_string(kDelayLoop) +
           " --check-connect-timeout-s " + std::to_string(kConnectTimeout) + " --check-retry " +
           std::to_string(kRetry) + " --check-delay-before-retry-s " +
           std::to_string(kDelayBeforeRetry) + " ";
}

std::string
CrashAndRecovery()
{
    return "--duration-s 10 --transaction-timeout-s 2 --faults \"" + std::to_string(kCrash) +
           " crash rs-2, " + std::to_string(kRecover) + " recover rs-2\" ";
}

/// The latest a crash is found: the last check that passed ended before it,
/// the next starts at most a delay loop later, and the (retry + 1) failures
/// take a connect timeout each with delay_before_retry between them.
double
DetectionBoundS()
{
    return kDelayLoop + (kRetry + 1) * kConnectTimeout + kRetry * kDelayBeforeRetry;
}

TEST(HealthCheck, FailuresStopWithinTheBoundTheCheckTimingsGive)
{
    std::string folder = TempFolder();
    Outcome outcome =
        RunLvsSim(kTwoServers + CrashAndRecovery() + CheckOptions("tcp") + "--output " + folder);
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    ResultFolder json(folder);
    const auto& faults = json.Summary().at("faults");
    double foundDown = faults.at(0).at("found_down_after_s").get<double>();
    EXPECT_GT(foundDown, 0);
    EXPECT_LE(foundDown, DetectionBoundS() + 0.01) << "bound " << DetectionBoundS() << " s";
    double downAt = kCrash + foundDown;
    // Back in service within a connect timeout (a check under way may still
    // fail) and a delay loop of the recovery: one success is enough.
    double foundUp = faults.at(1).at("found_up_after_s").get<double>();
    EXPECT_GT(foundUp, 0);
    EXPECT_LE(foundUp, kConnectTimeout + kDelayLoop + 0.01);
    double upAt = kRecover + foundUp;

    CsvTable t = json.Table("transactions.csv");
    int failedBeforeVerdict = 0;
    int failedAfterVerdict = 0;
    int rs2AfterRecovery = 0;
    for (size_t row = 0; row < t.Rows(); ++row)
    {
        double start = std::stod(t.Cell(row, "start_s"));
        bool ok = t.Cell(row, "outcome") == "ok";
        failedBeforeVerdict += !ok && start > kCrash && start < downAt;
        failedAfterVerdict += !ok && start > downAt + 0.001;
        rs2AfterRecovery += ok && start > upAt && t.Cell(row, "server") == "192.168.10.12";
    }
    EXPECT_GT(failedBeforeVerdict, 10) << "rr gives the dead server half until it is found";
    EXPECT_EQ(failedAfterVerdict, 0) << "deleted at " << downAt << " s";
    EXPECT_GT(rs2AfterRecovery, 50) << "added back at " << upAt << " s";

    const auto& health = json.Summary().at("health_checks");
    EXPECT_EQ(health.at("checker"), "TCP_CHECK");
    ASSERT_EQ(health.at("events").size(), 2u);
    EXPECT_EQ(health.at("events").at(0).at("action"),
              "ipvsadm -d -t 10.0.0.100:80 -r 192.168.10.12:80");
    EXPECT_EQ(health.at("events").at(1).at("action"),
              "ipvsadm -a -t 10.0.0.100:80 -r 192.168.10.12:80 -w 1");
    EXPECT_NE(outcome.out.find("health checks TCP_CHECK"), std::string::npos) << outcome.out;
}

TEST(HealthCheck, InhibitOnFailureSetsWeightZeroAndRestoresIt)
{
    std::string folder = TempFolder();
    Outcome outcome = RunLvsSim(kTwoServers + CrashAndRecovery() + CheckOptions("tcp") +
                                "--inhibit-on-failure true --output " + folder);
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    ResultFolder json(folder);
    const auto& events = json.Summary().at("health_checks").at("events");
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events.at(0).at("action"), "ipvsadm -e -t 10.0.0.100:80 -r 192.168.10.12:80 -w 0");
    EXPECT_EQ(events.at(1).at("action"), "ipvsadm -e -t 10.0.0.100:80 -r 192.168.10.12:80 -w 1");
    // Quiesced, not deleted: its entries stay bound and nothing is dropped
    // as destination-deleted.
    EXPECT_EQ(json.NumberOr("/drops/destination-deleted", 0), 0);
}

TEST(HealthCheck, HttpGetFindsAServerTooSlowToAnswerThatTcpCheckPasses)
{
    // From 2 s rs-2 takes 5 s per request: it still accepts connections.
    std::string slow = "--duration-s 6 --transaction-timeout-s 3 --faults \"2 slow rs-2 500\" ";
    std::string tcpFolder = TempFolder();
    Outcome tcp = RunLvsSim(kTwoServers + slow + CheckOptions("tcp") + "--output " + tcpFolder);
    ASSERT_EQ(tcp.exitCode, 0) << tcp.err;
    EXPECT_TRUE(ResultFolder(tcpFolder).Summary().at("health_checks").at("events").empty());

    std::string httpFolder = TempFolder();
    Outcome http = RunLvsSim(kTwoServers + slow + CheckOptions("http") + "--output " + httpFolder);
    ASSERT_EQ(http.exitCode, 0) << http.err;
    ResultFolder json(httpFolder);
    const auto& health = json.Summary().at("health_checks");
    EXPECT_EQ(health.at("checker"), "HTTP_GET");
    ASSERT_EQ(health.at("events").size(), 1u);
    EXPECT_EQ(health.at("events").at(0).at("server"), "rs-2");
    EXPECT_EQ(health.at("events").at(0).at("state"), "down");
    double at = health.at("events").at(0).at("at_s").get<double>();
    EXPECT_LE(at, 2 + DetectionBoundS() + 0.01);
}

TEST(HealthCheck, ChecksAreConnectionsFromTheDipThatTheServerAnswers)
{
    std::string folder = TempFolder();
    Outcome outcome = RunLvsSim(kTwoServers + "--duration-s 3 --pcap true " + CheckOptions("http") +
                                "--output " + folder);
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    int synsFromDip = 0;
    int repliesToDip = 0;
    for (const auto& p : Ipv4PacketsOf(folder + "/pcap/rs-1-d-rip-network.pcap"))
    {
        bool tcp = p.protocol == 6 && p.payload.size() >= 20;
        bool syn = tcp && (uint8_t(p.payload[13]) & 0x12) == 0x02;
        synsFromDip += syn && p.source == "192.168.10.1" && p.destination == "192.168.10.11";
        repliesToDip += tcp && p.source == "192.168.10.11" && p.destination == "192.168.10.1";
    }
    // Checks every second from 1 to 2 s on (the warm-up is up to the delay
    // loop), over a 3 s run and its drain: at least two per server.
    EXPECT_GE(synsFromDip, 2);
    EXPECT_GE(repliesToDip, 2 * synsFromDip) << "a SYN-ACK and the HTTP response each";
    ResultFolder json(folder);
    const auto& health = json.Summary().at("health_checks");
    EXPECT_EQ(health.at("failed_checks"), 0);
    EXPECT_GE(health.at("checks").get<int>(), 4) << "both servers checked";
    // HTTP_GET requests are served like any other: rs-1 served more than
    // the clients' transactions it completed.
    CsvTable servers = json.Table("servers.csv");
    EXPECT_GT(servers.Number(0, "served"), servers.Number(0, "ok_transactions"));
}

TEST(HealthCheck, ACheckWithoutADirectorIsRefused)
{
    Outcome outcome = RunLvsSim("--director none --health-check tcp --progress off");
    EXPECT_NE(outcome.exitCode, 0);
    EXPECT_NE(outcome.err.find("health-check"), std::string::npos) << outcome.err;
}

} // namespace
} // namespace ns3::test
