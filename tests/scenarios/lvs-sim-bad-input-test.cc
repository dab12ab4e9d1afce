// Bad input to lvs-sim: a message naming the problem (with file:line for
// configuration files), a non-zero exit, no crash and no result folder.
#include "lvs-sim-runner.h"

#include <fstream>
#include <gtest/gtest.h>
#include <string>
#include <sys/stat.h>
#include <vector>

namespace ns3::test
{
namespace
{

struct BadInput
{
    const char* what;
    std::string args;
    std::string configText; ///< written to a file and passed with --config
    std::vector<std::string> expectedInMessage;
};

class BadInputTest : public ::testing::TestWithParam<BadInput>
{
};

TEST_P(BadInputTest, IsRejectedWithAClearMessage)
{
    const BadInput& c = GetParam();
    std::string folder = TempFolder();
    std::string args = c.args + " --output " + folder + "/results";
    if (!c.configText.empty())
    {
        std::ofstream(folder + "/bad.ini") << c.configText;
        args += " --config " + folder + "/bad.ini";
    }
    Outcome outcome = RunLvsSim(args);
    EXPECT_NE(outcome.exitCode, 0) << c.what;
    EXPECT_LT(outcome.exitCode, 128) << c.what << ": crashed";
    for (const auto& text : c.expectedInMessage)
    {
        std::string expected = text;
        size_t pos = expected.find("DIR");
        if (pos != std::string::npos)
        {
            expected.replace(pos, 3, folder);
        }
        EXPECT_NE(outcome.err.find(expected), std::string::npos)
            << c.what << ": stderr was: " << outcome.err;
    }
    struct stat info;
    EXPECT_NE(stat((folder + "/results").c_str(), &info), 0) << "nothing may be written";
}

INSTANTIATE_TEST_SUITE_P(
    Cases,
    BadInputTest,
    ::testing::Values(
        BadInput{"unknown option", "--bogus 3", "", {"bogus"}},
        BadInput{"malformed address",
                 "--vip 10.0.0.300",
                 "",
                 {"--vip", "10.0.0.300", "not an IPv4 address"}},
        BadInput{"negative weight",
                 "--server-weights 4,-1,1,1",
                 "",
                 {"--server-weights", "-1", "negative"}},
        BadInput{"unknown scheduler",
                 "--scheduler fastest",
                 "",
                 {"--scheduler", "unknown scheduler 'fastest'", "wlc"}},
        BadInput{"wrong number of weights",
                 "--servers 3 --server-weights 1,2",
                 "",
                 {"--server-weights", "2 values for 3 servers"}},
        BadInput{"missing config file",
                 "--config /nonexistent/x.ini",
                 "",
                 {"/nonexistent/x.ini", "cannot read"}},
        BadInput{"config file is a folder", "--config /tmp", "", {"/tmp", "not a regular file"}},
        BadInput{"negative weight in a file",
                 "",
                 "scheduler = wrr\n# weights\nserver-weights = 1,-2,3,4\n",
                 {"DIR/bad.ini:3", "server-weights", "negative"}},
        BadInput{"malformed line in a file",
                 "",
                 "servers = 2\nthis is not a setting\n",
                 {"DIR/bad.ini:2", "key = value"}},
        BadInput{"unknown key in a file",
                 "",
                 "\n\nweight = 3\n",
                 {"DIR/bad.ini:3", "unknown option 'weight'"}},
        BadInput{"key twice in a file", "", "seed = 1\nseed = 2\n", {"DIR/bad.ini:2", "set twice"}},
        BadInput{"bad distribution",
                 "--server-service-time-ms gauss:3",
                 "",
                 {"--server-service-time-ms", "unknown distribution 'gauss'"}},
        BadInput{"bad protocol", "--protocol sctp", "", {"--protocol", "sctp"}},
        BadInput{"threshold order",
                 "--server-upper-threshold 10 --server-lower-threshold 20",
                 "",
                 {"lower threshold 20"}},
        BadInput{"RIPs outside the network",
                 "--servers 300 --server-weights 1 --server-workers 1",
                 "",
                 {"RIPs", "192.168.10.0/24"}},
        BadInput{
            "unaligned CIP blocks",
            "--cip-base 172.16.0.128 --client-addresses 1000",
            "",
            {"cip-base 172.16.0.128 is not a multiple of the 512-address block", "use 172.16.0.0"}},
        // Clients behind the router with CIPs inside a cluster network used
        // to give a run whose every transaction timed out.
        BadInput{"CIPs inside the VIP network",
                 "--cip-base 10.0.0.0 --client-placement internet",
                 "",
                 {"client addresses 10.0.0.0 - 10.0.0.127", "overlap the VIP network 10.0.0.0/24"}},
        BadInput{"CIPs inside the D/RIP network",
                 "--cip-base 192.168.8.0 --client-addresses 2000",
                 "",
                 {"overlap the D/RIP network 192.168.10.0/24"}},
        BadInput{"CIPs inside the D/RIP subnet of DR's one LAN",
                 "--forwarding dr --cip-base 192.168.10.0 --client-placement internet",
                 "",
                 {"overlap the D/RIP network 192.168.10.0/24"}},
        BadInput{"CIPs on the router's client links",
                 "--cip-base 100.64.0.0",
                 "",
                 {"overlap the router's client links 100.64.0.0/29"}}),
    [](const auto& info) { return "case" + std::to_string(info.index); });

} // namespace
} // namespace ns3::test
