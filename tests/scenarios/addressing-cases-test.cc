// The addressing cases newcomers get wrong, end to end: several VIPs on one
// Director from the plain options, and client addresses the layout cannot
// place.
#include "lvs-sim-runner.h"
#include "result-checks.h"

#include <gtest/gtest.h>

namespace ns3::test
{
namespace
{

const std::string kTwoVips = " --vip 10.0.0.100,10.0.0.101 --scheduler rr --servers 2"
                             " --server-weights 1 --server-workers 8 --transactions 200"
                             " --arrival-rate-per-s 200 --progress off";

/// Runs of spaces as one: the plan's column widths are layout.
std::string
Collapsed(const std::string& text)
{
    std::string out;
    for (char c : text)
    {
        if (!(c == ' ' && !out.empty() && out.back() == ' '))
        {
            out += c;
        }
    }
    return out;
}

/// Transactions per VIP, from transactions.csv.
std::map<std::string, uint64_t>
TransactionsPerVip(const std::string& folder)
{
    CsvTable transactions = ResultFolder(folder).Table("transactions.csv");
    std::map<std::string, uint64_t> perVip;
    for (size_t row = 0; row < transactions.Rows(); ++row)
    {
        if (transactions.Cell(row, "outcome") == "ok")
        {
            ++perVip[transactions.Cell(row, "vip")];
        }
    }
    return perVip;
}

class SeveralVipsTest : public ::testing::TestWithParam<std::string>
{
};

TEST_P(SeveralVipsTest, EachVipIsAServiceOfItsOwnAndBothAreServed)
{
    std::string folder = TempFolder();
    Outcome outcome = RunLvsSim("--forwarding " + GetParam() + kTwoVips + " --output " + folder);
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    EXPECT_NE(outcome.out.find("TCP port 80 on 2 VIPs"), std::string::npos) << outcome.out;

    // The clients spread evenly over the two VIPs; every transaction completes.
    auto perVip = TransactionsPerVip(folder);
    ASSERT_EQ(perVip.size(), 2u);
    EXPECT_EQ(perVip["10.0.0.100"] + perVip["10.0.0.101"], 200u);
    EXPECT_EQ(perVip["10.0.0.100"], 100u);

    // Two services in the rules view, each with both real servers.
    std::string rules = ReadText(folder + "/ipvsadm-Sn.txt");
    EXPECT_NE(rules.find("-A -t 10.0.0.100:80 -s rr"), std::string::npos) << rules;
    EXPECT_NE(rules.find("-A -t 10.0.0.101:80 -s rr"), std::string::npos) << rules;
    for (const char* vip : {"10.0.0.100:80", "10.0.0.101:80"})
    {
        for (const char* rip : {"192.168.10.11", "192.168.10.12"})
        {
            EXPECT_NE(rules.find(std::string("-a -t ") + vip + " -r " + rip), std::string::npos)
                << vip << " " << rip << "\n"
                << rules;
        }
    }

    // The Director holds the second VIP as a secondary address on the
    // interface of the first.
    std::string plan = Collapsed(ReadText(folder + "/address-plan.txt"));
    std::string lan = GetParam() == "nat" ? "(VIP network)" : "(the one LAN)";
    EXPECT_NE(plan.find("director director if1 " + lan + " 10.0.0.0/24 10.0.0.100 VIP\n"),
              std::string::npos)
        << plan;
    EXPECT_NE(plan.find("director director if1 " + lan +
                        " 10.0.0.0/24 10.0.0.101 VIP (secondary address)\n"),
              std::string::npos)
        << plan;
}

INSTANTIATE_TEST_SUITE_P(Methods, SeveralVipsTest, ::testing::Values("nat", "dr", "tun"));

TEST(SeveralVips, ServiceRatesWeighTheVips)
{
    std::string folder = TempFolder();
    Outcome outcome = RunLvsSim(
        kTwoVips + " --service-rates tcp:10.0.0.100:80=3,tcp:10.0.0.101:80=1 --output " + folder);
    ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
    auto perVip = TransactionsPerVip(folder);
    EXPECT_EQ(perVip["10.0.0.100"] + perVip["10.0.0.101"], 200u);
    EXPECT_GT(perVip["10.0.0.100"], 2 * perVip["10.0.0.101"]);
}

struct BadVips
{
    std::string args;
    std::string expected;
};

class BadVipsTest : public ::testing::TestWithParam<BadVips>
{
};

TEST_P(BadVipsTest, AreRefusedWithTheReason)
{
    Outcome outcome = RunLvsSim(GetParam().args + " --output " + TempFolder());
    EXPECT_NE(outcome.exitCode, 0);
    EXPECT_NE(outcome.err.find(GetParam().expected), std::string::npos) << outcome.err;
}

INSTANTIATE_TEST_SUITE_P(
    Cases,
    BadVipsTest,
    ::testing::Values(BadVips{"--vip 10.0.0.100,10.0.0.100", "10.0.0.100 is given twice"},
                      BadVips{"--vip 10.0.0.100,10.0.0.x", "'10.0.0.x' is not an IPv4 address"},
                      BadVips{"--vip 10.0.0.100,10.0.1.5",
                              "the VIP 10.0.1.5 must be in 10.0.0.0/24"},
                      BadVips{"--vip 10.0.0.100,10.0.0.101 --director none",
                              "none has no Director to hold several VIPs"}));

} // namespace
} // namespace ns3::test
