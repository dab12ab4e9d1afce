#include "helper/fault-schedule.h"

#include "ns3/csma-net-device.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <map>
#include <sstream>
#include <stdexcept>

namespace ns3
{

std::string
FaultActionName(FaultAction action)
{
    switch (action)
    {
    case FaultAction::Crash:
        return "crash";
    case FaultAction::Recover:
        return "recover";
    case FaultAction::Slow:
        return "slow";
    }
    return "";
}

namespace
{

std::vector<std::string>
Items(const std::string& text)
{
    std::vector<std::string> items;
    std::istringstream in(text);
    std::string item;
    while (std::getline(in, item, ','))
    {
        if (item.find_first_not_of(" \t") != std::string::npos)
        {
            items.push_back(item);
        }
    }
    return items;
}

Fault
ParseFault(const std::string& item, uint32_t servers, uint32_t directors)
{
    std::istringstream in(item);
    std::string at;
    std::string action;
    std::string server;
    in >> at >> action >> server;
    auto bad = [&](const std::string& why) {
        return std::invalid_argument("'" + item + "': " + why);
    };
    Fault fault;
    char* end = nullptr;
    fault.atS = std::strtod(at.c_str(), &end);
    if (at.empty() || *end != '\0' || !std::isfinite(fault.atS) || fault.atS < 0)
    {
        throw bad("expected 'SECONDS ACTION rs-N', SECONDS a time from 0 on");
    }
    static const std::map<std::string, FaultAction> actions = {{"crash", FaultAction::Crash},
                                                               {"recover", FaultAction::Recover},
                                                               {"slow", FaultAction::Slow}};
    auto known = actions.find(action);
    if (known == actions.end())
    {
        throw bad("the action is crash, recover or slow");
    }
    fault.action = known->second;
    unsigned long n = 0;
    if (server == "director" || (server == "director-2" && directors == 2))
    {
        fault.onDirector = true;
        fault.server = server == "director" ? 0 : 1;
        if (fault.action == FaultAction::Slow)
        {
            throw bad("a Director does not slow down: slow takes a real server");
        }
        std::string extra;
        if (in >> extra)
        {
            throw bad("unexpected '" + extra + "'");
        }
        return fault;
    }
    bool named = server.rfind("rs-", 0) == 0 && server.size() > 3 && server.size() <= 9 &&
                 server.find_first_not_of("0123456789", 3) == std::string::npos &&
                 (n = std::stoul(server.substr(3))) >= 1 && n <= servers;
    if (!named)
    {
        throw bad("no real server '" + server + "' (rs-1 to rs-" + std::to_string(servers) +
                  (directors == 2 ? ", director, director-2)" : ", or director)"));
    }
    fault.server = uint32_t(n - 1);
    if (fault.action == FaultAction::Slow)
    {
        std::string factor;
        in >> factor;
        fault.factor = std::strtod(factor.c_str(), &end);
        if (factor.empty() || *end != '\0' || !(fault.factor > 0) || !(fault.factor <= 1e6))
        {
            throw bad("slow takes a factor above 0, at most 1e6 (service times multiplied by "
                      "it)");
        }
    }
    std::string extra;
    if (in >> extra)
    {
        throw bad("unexpected '" + extra + "'");
    }
    return fault;
}

} // namespace

std::vector<Fault>
ParseFaults(const std::string& text, uint32_t servers, uint32_t directors)
{
    std::vector<Fault> faults;
    for (const auto& item : Items(text))
    {
        faults.push_back(ParseFault(item, servers, directors));
    }
    std::stable_sort(faults.begin(), faults.end(), [](const Fault& a, const Fault& b) {
        return a.atS < b.atS;
    });
    std::map<std::string, bool> down;
    for (const auto& f : faults)
    {
        std::string name = DescribeFault(f);
        std::string target = FaultTargetName(f);
        if (f.action == FaultAction::Crash && down[target])
        {
            throw std::invalid_argument("'" + name + "': " + target + " is down already");
        }
        if (f.action == FaultAction::Recover && !down[target])
        {
            throw std::invalid_argument("'" + name + "': " + target + " is not down then");
        }
        if (f.action != FaultAction::Slow)
        {
            down[target] = f.action == FaultAction::Crash;
        }
    }
    return faults;
}

std::string
FaultTargetName(const Fault& fault)
{
    if (fault.onDirector)
    {
        return fault.server == 0 ? "director" : "director-2";
    }
    return "rs-" + std::to_string(fault.server + 1);
}

std::string
DescribeFault(const Fault& fault)
{
    std::ostringstream os;
    os << std::fixed << std::setprecision(1) << fault.atS << " s " << FaultActionName(fault.action)
       << " " << FaultTargetName(fault);
    if (fault.action == FaultAction::Slow)
    {
        os << " x" << std::defaultfloat << fault.factor;
    }
    return os.str();
}

namespace
{

void
SetCardAlive(Ptr<CsmaNetDevice> card, bool alive)
{
    card->SetSendEnable(alive);
    card->SetReceiveEnable(alive);
}

void
Apply(Fault fault, Ptr<CsmaNetDevice> card, std::vector<Ptr<LvsRealServer>> apps)
{
    for (const auto& app : apps)
    {
        if (fault.action == FaultAction::Slow)
        {
            app->SetSlowdown(fault.factor);
        }
    }
    if (fault.action == FaultAction::Crash)
    {
        SetCardAlive(card, false); // first: what the sockets send on closing is lost
        for (const auto& app : apps)
        {
            app->Crash();
        }
    }
    else if (fault.action == FaultAction::Recover)
    {
        SetCardAlive(card, true);
        for (const auto& app : apps)
        {
            app->Restart();
        }
    }
}

} // namespace

void
SetCardsAlive(Ptr<Node> node, bool alive)
{
    for (uint32_t i = 0; i < node->GetNDevices(); ++i)
    {
        if (auto card = DynamicCast<CsmaNetDevice>(node->GetDevice(i)))
        {
            SetCardAlive(card, alive);
        }
    }
}

namespace
{

void
ApplyToDirector(Fault fault, Ptr<Node> node, DirectorFaultHandler onDirector)
{
    // A crash silences the cards first, so that nothing the dying node's
    // software does reaches a wire; a recovery wakes them first.
    SetCardsAlive(node, fault.action == FaultAction::Recover);
    if (onDirector)
    {
        onDirector(fault);
    }
}

} // namespace

void
ScheduleFaults(const std::vector<Fault>& faults,
               const LvsTopology& topology,
               const LvsWorkload& workload,
               const DirectorFaultHandler& onDirector)
{
    for (const auto& fault : faults)
    {
        if (fault.onDirector)
        {
            Ptr<Node> node = fault.server == 0 ? topology.director : topology.backupDirector;
            Simulator::Schedule(Seconds(fault.atS), &ApplyToDirector, fault, node, onDirector);
            continue;
        }
        auto card = DynamicCast<CsmaNetDevice>(topology.realServerDevices.at(fault.server));
        if (!card && fault.action != FaultAction::Slow)
        {
            throw std::invalid_argument("'" + DescribeFault(fault) +
                                        "': only a real server on an Ethernet LAN can crash "
                                        "(not a remote server behind a WAN link)");
        }
        Simulator::Schedule(Seconds(fault.atS),
                            &Apply,
                            fault,
                            card,
                            workload.servers.at(fault.server));
    }
}

} // namespace ns3
