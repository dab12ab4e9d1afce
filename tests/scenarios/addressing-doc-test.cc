// docs/addressing.md teaches with pasted lvs-sim output: every walk and
// every address plan in it is run again here and must come out as printed,
// so the chapter (and the answers its readers work out from it) cannot
// drift from what the simulator does.
#include "lvs-sim-runner.h"

#include <gtest/gtest.h>
#include <sstream>
#include <vector>

namespace ns3::test
{
namespace
{

/// One fenced example: the command after "$ build/lvs-sim " and the
/// output lines printed under it.
struct DocExample
{
    int line = 0;
    std::string arguments;
    std::vector<std::string> output;
};

std::vector<DocExample>
ExamplesOf(const std::string& text)
{
    std::vector<DocExample> examples;
    std::istringstream in(text);
    std::string line;
    int number = 0;
    bool inBlock = false;
    bool inExample = false; ///< in a block that started with the prompt
    const std::string prompt = "$ build/lvs-sim ";
    while (std::getline(in, line))
    {
        ++number;
        if (line.rfind("```", 0) == 0)
        {
            inBlock = !inBlock;
            inExample = false;
        }
        else if (inBlock && line.rfind(prompt, 0) == 0)
        {
            examples.push_back({number, line.substr(prompt.size()), {}});
            inExample = true;
        }
        else if (inExample)
        {
            examples.back().output.push_back(line);
        }
    }
    return examples;
}

/// From the first line starting with @p from to the end, collapsed.
std::string
TailFrom(const std::vector<std::string>& lines, const std::string& from)
{
    std::string out;
    bool on = false;
    for (const auto& line : lines)
    {
        on = on || line.rfind(from, 0) == 0;
        if (on)
        {
            out += CollapseSpaces(line) + "\n";
        }
    }
    return out;
}

std::vector<std::string>
Lines(const std::string& text)
{
    std::vector<std::string> lines;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line))
    {
        lines.push_back(line);
    }
    return lines;
}

TEST(AddressingDoc, EveryWalkAndAddressPlanIsWhatLvsSimPrints)
{
    std::string doc = ReadText(std::string(LVS_SOURCE_DIR) + "/docs/addressing.md");
    auto examples = ExamplesOf(doc);
    int walks = 0;
    int plans = 0;
    for (const auto& example : examples)
    {
        bool walk = example.arguments.find("--walk ") != std::string::npos;
        bool plan = example.arguments.find("--show-addresses") != std::string::npos;
        if (!walk && !plan)
        {
            continue;
        }
        std::string where = "docs/addressing.md:" + std::to_string(example.line);
        bool quiet = example.arguments.find("--progress") != std::string::npos;
        Outcome outcome = RunLvsSim(example.arguments + (quiet ? "" : " --progress off") +
                                    " --output " + TempFolder());
        EXPECT_EQ(outcome.exitCode, 0) << where << "\n" << outcome.err;
        std::string from = walk ? "Walk of" : "NODE";
        std::string printed = TailFrom(Lines(outcome.out), from);
        std::string documented = TailFrom(example.output, from);
        EXPECT_FALSE(documented.empty()) << where << ": no output pasted";
        EXPECT_EQ(documented, printed) << where << ": the doc differs from what lvs-sim prints";
        walks += walk;
        plans += plan;
    }
    // The chapter's walks: NAT, DR, TUN, remote TUN, the ARP problem, and
    // the five client placements; its address plans.
    EXPECT_GE(walks, 10);
    EXPECT_GE(plans, 3);
}

} // namespace
} // namespace ns3::test
