// lvs-sim's command line as a user reads it: --help lists every option
// group, --show-addresses names every LVS role, and docs/lvs-sim.md
// documents every option --help shows.
#include "lvs-sim-runner.h"

#include <gtest/gtest.h>
#include <sstream>
#include <string>

namespace ns3::test
{
namespace
{

TEST(LvsSimCommandLine, HelpListsEveryOptionGroup)
{
    Outcome outcome = RunLvsSim("--help");
    EXPECT_EQ(outcome.exitCode, 0);
    for (const char* text : {"--config",
                             "--output",
                             "--seed",
                             "--run",
                             "--scheduler",
                             "--show-addresses",
                             "--client-link-delay-ms",
                             "rr, wrr, lc, wlc"})
    {
        EXPECT_NE(outcome.out.find(text), std::string::npos) << text;
    }
}

TEST(LvsSimCommandLine, ShowAddressesPrintsEveryLvsRole)
{
    Outcome outcome =
        RunLvsSim("--show-addresses --servers 2 --server-weights 1 --server-workers 1");
    EXPECT_EQ(outcome.exitCode, 0) << outcome.err;
    for (const char* text : {"CIP x",
                             "VIP",
                             "10.0.0.100",
                             "DIP",
                             "192.168.10.1 ",
                             "RIP",
                             "192.168.10.11",
                             "192.168.10.12",
                             "router"})
    {
        EXPECT_NE(outcome.out.find(text), std::string::npos) << text << " in\n" << outcome.out;
    }
}

TEST(LvsSimDocs, TheUserGuideListsEveryOption)
{
    // Keeps docs/lvs-sim.md true: every option --help shows is documented.
    std::string help = RunLvsSim("--help").out;
    std::string guide = ReadText(std::string(LVS_SOURCE_DIR) + "/docs/lvs-sim.md");
    std::istringstream lines(help);
    std::string line;
    int options = 0;
    while (std::getline(lines, line))
    {
        size_t dash = line.find("--");
        if (dash == std::string::npos || line.find_first_not_of(' ') < dash - 1)
        {
            continue;
        }
        std::string name = line.substr(dash, line.find_first_of(" ]", dash) - dash);
        ++options;
        EXPECT_NE(guide.find("`" + name), std::string::npos)
            << name << " is not in docs/lvs-sim.md";
    }
    EXPECT_GT(options, 40);
}

TEST(LvsSimDocs, TheOptionTablesAreTheDeclarations)
{
    // The tables between the markers are what the option declarations
    // print: regenerate them with lvs-sim --options-markdown.
    std::string tables = RunLvsSim("--options-markdown").out;
    std::string guide = ReadText(std::string(LVS_SOURCE_DIR) + "/docs/lvs-sim.md");
    size_t begin = guide.find("<!-- options:begin");
    size_t end = guide.find("<!-- options:end -->");
    ASSERT_NE(begin, std::string::npos);
    ASSERT_NE(end, std::string::npos);
    begin = guide.find("-->\n\n", begin) + 5;
    EXPECT_EQ(guide.substr(begin, end - begin), tables + "\n");
    EXPECT_NE(tables.find("| `--server-weights` | `4,2,1,1` | whole number 0..2147483647 |"),
              std::string::npos)
        << tables;
}

} // namespace
} // namespace ns3::test
