// Runs the lvs-sim binary as a user would, for front-end tests.
#ifndef LVS_TESTS_LVS_SIM_RUNNER_H
#define LVS_TESTS_LVS_SIM_RUNNER_H

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace ns3::test
{

struct Outcome
{
    int exitCode;
    std::string out;
    std::string err;
};

inline std::string
ReadText(const std::string& path)
{
    std::ifstream in(path);
    std::ostringstream os;
    os << in.rdbuf();
    return os.str();
}

/// A fresh empty folder under /tmp.
inline std::string
TempFolder()
{
    char name[] = "/tmp/lvs-sim-test-XXXXXX";
    const char* made = mkdtemp(name);
    return made ? made : "/tmp";
}

/// The two sysctls every LVS-DR and LVS-TUN real server on the Director's
/// LAN is given: without them (Linux's defaults) the router learns the VIP
/// from a real server (the ARP problem).
inline const std::string kArpFix = " --arp-ignore 1 --arp-announce 2";

/// Each line with its runs of spaces as one and no space at either end:
/// for comparing aligned tables, whose column widths are layout.
inline std::string
CollapseSpaces(const std::string& text)
{
    std::string out;
    for (char c : text)
    {
        bool lineStart = out.empty() || out.back() == '\n';
        if (c == ' ' && (lineStart || out.back() == ' '))
        {
            continue;
        }
        if (c == '\n' && !out.empty() && out.back() == ' ')
        {
            out.pop_back();
        }
        out += c;
    }
    if (!out.empty() && out.back() == ' ')
    {
        out.pop_back();
    }
    return out;
}

/// Runs lvs-sim with @p args (already quoted for the shell).
inline Outcome
RunLvsSim(const std::string& args)
{
    std::string folder = TempFolder();
    std::string command = std::string(LVS_SIM_BINARY) + " " + args + " >" + folder + "/out.txt 2>" +
                          folder + "/err.txt";
    int status = std::system(command.c_str());
    Outcome outcome;
    outcome.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    outcome.out = ReadText(folder + "/out.txt");
    outcome.err = ReadText(folder + "/err.txt");
    return outcome;
}

} // namespace ns3::test

#endif
