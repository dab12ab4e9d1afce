// Trace replays: the kernel's own answers (traces/kernel/), answers worked
// out by hand (traces/hand/, at least three for every replayable scheduler),
// what a replay means by its events (the FTP data port, `expired`), and
// malformed traces that must be rejected with their line number.
#include "model/ipvs/scheduler-registry.h"
#include "model/ipvs/trace/scheduler-trace.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <string>
#include <vector>

namespace ipvs
{
namespace
{

std::string
ReadFile(const std::string& path)
{
    std::ifstream in(path);
    EXPECT_TRUE(in) << "cannot read " << path;
    std::ostringstream os;
    os << in.rdbuf();
    return os.str();
}

/// Trace names (without .trace) in tests/ipvs/traces/FOLDER.
std::vector<std::string>
TracesIn(const std::string& folder)
{
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(std::string(LVS_TEST_DATA_DIR) +
                                                                 "/ipvs/traces/" + folder))
    {
        if (entry.path().extension() == ".trace")
        {
            names.push_back(folder + "/" + entry.path().stem().string());
        }
    }
    std::sort(names.begin(), names.end());
    return names;
}

std::string
TestName(const ::testing::TestParamInfo<std::string>& info)
{
    std::string name = info.param.substr(info.param.find('/') + 1);
    for (char& c : name)
    {
        c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    }
    return name;
}

/// Replays traces/NAME.trace and expects exactly traces/NAME.out.
class TraceReplayTest : public ::testing::TestWithParam<std::string>
{
};

TEST_P(TraceReplayTest, GivesTheExpectedDecisions)
{
    std::string base = std::string(LVS_TEST_DATA_DIR) + "/ipvs/traces/" + GetParam();
    std::istringstream trace(ReadFile(base + ".trace"));
    TraceReplayResult result = ReplaySchedulerTrace(trace);
    std::string output;
    for (const auto& line : result.lines)
    {
        output += line + "\n";
    }
    EXPECT_EQ(output, ReadFile(base + ".out"));
}

// The answers a real Linux 6.1 kernel gave (traces/kernel/README.md).
INSTANTIATE_TEST_SUITE_P(Kernel61,
                         TraceReplayTest,
                         ::testing::ValuesIn(TracesIn("kernel")),
                         TestName);

// Expected outputs worked out by hand from the IPVS reference, with the
// reasoning in each trace's comments.
INSTANTIATE_TEST_SUITE_P(Hand, TraceReplayTest, ::testing::ValuesIn(TracesIn("hand")), TestName);

/// Every registered scheduler but twos (random: tested statistically
/// instead).
std::vector<std::string>
ReplayableSchedulers()
{
    std::vector<std::string> names = SchedulerNames();
    names.erase(std::remove(names.begin(), names.end(), "twos"), names.end());
    return names;
}

class EveryReplayableScheduler : public ::testing::TestWithParam<std::string>
{
};

TEST_P(EveryReplayableScheduler, HasThreeHandTraces)
{
    auto hand = TracesIn("hand");
    auto count = std::count_if(hand.begin(), hand.end(), [&](const std::string& name) {
        return name.rfind("hand/" + GetParam() + "-", 0) == 0;
    });
    EXPECT_GE(count, 3);
}

INSTANTIATE_TEST_SUITE_P(Registry,
                         EveryReplayableScheduler,
                         ::testing::ValuesIn(ReplayableSchedulers()),
                         [](const auto& info) { return info.param; });

struct BadTrace
{
    const char* what;
    const char* text;
    int line;
};

class BadTraceTest : public ::testing::TestWithParam<BadTrace>
{
};

TEST_P(BadTraceTest, IsRejectedWithItsLine)
{
    std::istringstream trace(GetParam().text);
    try
    {
        ReplaySchedulerTrace(trace);
        FAIL() << "accepted: " << GetParam().what;
    }
    catch (const TraceError& e)
    {
        EXPECT_EQ(e.GetLine(), GetParam().line) << e.what();
        EXPECT_EQ(std::string(e.what()).rfind(std::to_string(GetParam().line) + ": ", 0), 0u);
    }
}

constexpr const char* kHeader =
    "service tcp 10.0.0.100:80 scheduler=rr\nserver 10.1.0.1:80 weight=1\n";

INSTANTIATE_TEST_SUITE_P(
    Malformed,
    BadTraceTest,
    ::testing::Values(
        BadTrace{"empty input", "# nothing\n\n", 1},
        BadTrace{"unknown scheduler", "service tcp 10.0.0.100:80 scheduler=xyz\n", 1},
        BadTrace{"event before service", "0 connect c1 10.0.0.1:1000\n", 1},
        BadTrace{"bad protocol", "service sctp 10.0.0.100:80 scheduler=rr\n", 1},
        BadTrace{"weight out of range",
                 "service tcp 10.0.0.100:80 scheduler=rr\nserver 10.1.0.1:80 weight=65536\n",
                 2},
        BadTrace{
            "lower above upper",
            "service tcp 10.0.0.100:80 scheduler=rr\nserver 10.1.0.1:80 weight=1 upper=5 lower=6\n",
            2},
        BadTrace{"multicast real server",
                 "service tcp 10.0.0.100:80 scheduler=rr\nserver 224.0.0.1:80 weight=1\n",
                 2},
        BadTrace{"option twice", "service tcp 10.0.0.100:80 scheduler=rr scheduler=wlc\n", 1},
        BadTrace{"sh flag on rr", "service tcp 10.0.0.100:80 scheduler=rr flags=sh-port\n", 1},
        BadTrace{"malformed address", "service tcp 10.0.0.300:80 scheduler=rr\n", 1},
        BadTrace{"duplicate id",
                 "service tcp 10.0.0.100:80 scheduler=rr\nserver 10.1.0.1:80 weight=1\n"
                 "0 connect c1 10.2.0.1:1000\n1 connect c1 10.2.0.2:1000\n",
                 4},
        BadTrace{"time goes backwards",
                 "service tcp 10.0.0.100:80 scheduler=rr\nserver 10.1.0.1:80 weight=1\n"
                 "5 connect c1 10.2.0.1:1000\n4 connect c2 10.2.0.2:1000\n",
                 4},
        BadTrace{"established for an unknown id",
                 "service tcp 10.0.0.100:80 scheduler=rr\nserver 10.1.0.1:80 weight=1\n0 "
                 "established c9\n",
                 3},
        BadTrace{"established after closed",
                 "service tcp 10.0.0.100:80 scheduler=rr\nserver 10.1.0.1:80 weight=1\n"
                 "0 connect c1 10.2.0.1:1000\n0 closed c1\n0 established c1\n",
                 5},
        BadTrace{"remove of an absent server",
                 "service tcp 10.0.0.100:80 scheduler=rr\nserver 10.1.0.1:80 weight=1\n0 remove "
                 "10.1.0.2:80\n",
                 3},
        BadTrace{"server added twice",
                 "service tcp 10.0.0.100:80 scheduler=rr\nserver 10.1.0.1:80 weight=1\nserver "
                 "10.1.0.1:80 weight=2\n",
                 3},
        BadTrace{"established on udp",
                 "service udp 10.0.0.100:53 scheduler=rr\nserver 10.1.0.1:53 weight=1\n"
                 "0 connect c1 10.2.0.1:1000\n0 established c1\n",
                 4},
        BadTrace{"bad time",
                 "service tcp 10.0.0.100:80 scheduler=rr\n1e3 connect c1 10.2.0.1:1000\n",
                 2},
        BadTrace{"unknown event", "service tcp 10.0.0.100:80 scheduler=rr\n0 explode\n", 2}),
    [](const auto& info) { return "case" + std::to_string(info.index); });

TEST(SchedulerTrace, FtpDataSourcePortIsNeverScheduled)
{
    std::istringstream trace(std::string(kHeader) +
                             "0 connect c1 10.2.0.1:20\n0 connect c2 10.2.0.1:21\n");
    auto result = ReplaySchedulerTrace(trace);
    ASSERT_EQ(result.lines.size(), 2u);
    EXPECT_EQ(result.lines[0], "c1 -");
    EXPECT_EQ(result.lines[1], "c2 10.1.0.1:80");
}

TEST(SchedulerTrace, EntriesLeaveOnlyWithTheirExpiredEvent)
{
    // docs/scheduler-trace.md: a connection's timeout is its `expired` event.
    // g1 (closed, inactive) still counts on .12 at t=1000, so wlc sends g2
    // to the empty .11 (list order .12, .11).
    std::istringstream trace("service tcp 10.0.0.100:80 scheduler=wlc\n"
                             "server 10.1.0.11:80 weight=1\nserver 10.1.0.12:80 weight=1\n"
                             "0 connect g1 10.2.0.1:1000\n0 closed g1\n"
                             "1000 connect g2 10.2.0.2:1000\n");
    auto result = ReplaySchedulerTrace(trace);
    ASSERT_EQ(result.lines.size(), 2u);
    EXPECT_EQ(result.lines[0], "g1 10.1.0.12:80");
    EXPECT_EQ(result.lines[1], "g2 10.1.0.11:80");
}

} // namespace
} // namespace ipvs
