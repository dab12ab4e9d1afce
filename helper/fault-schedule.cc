#include "helper/fault-schedule.h"

#include "ns3/csma-net-device.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <map>
#include <optional>
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
    case FaultAction::Down:
        return "down";
    case FaultAction::Up:
        return "up";
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

/// The target named @p name, or nothing.
std::optional<std::pair<FaultTarget, uint32_t>>
TargetNamed(const std::string& name, uint32_t servers, uint32_t directors, bool oneLan)
{
    if (name == "director" || (name == "director-2" && directors == 2))
    {
        return std::make_pair(FaultTarget::Director, name == "director" ? 0u : 1u);
    }
    if (name == "router")
    {
        return std::make_pair(FaultTarget::Router, 0u);
    }
    if ((oneLan && name == "lan") || (!oneLan && name == "vip-network"))
    {
        return std::make_pair(FaultTarget::Network, 0u);
    }
    if (!oneLan && name == "d-rip-network")
    {
        return std::make_pair(FaultTarget::Network, 1u);
    }
    unsigned long n = 0;
    bool named = name.rfind("rs-", 0) == 0 && name.size() > 3 && name.size() <= 9 &&
                 name.find_first_not_of("0123456789", 3) == std::string::npos &&
                 (n = std::stoul(name.substr(3))) >= 1 && n <= servers;
    if (named)
    {
        return std::make_pair(FaultTarget::RealServer, uint32_t(n - 1));
    }
    return std::nullopt;
}

Fault
ParseFault(const std::string& item, uint32_t servers, uint32_t directors, bool oneLan)
{
    std::istringstream in(item);
    std::string at;
    std::string action;
    std::string target;
    in >> at >> action >> target;
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
                                                               {"slow", FaultAction::Slow},
                                                               {"down", FaultAction::Down},
                                                               {"up", FaultAction::Up}};
    auto known = actions.find(action);
    if (known == actions.end())
    {
        throw bad("the action is crash, recover, slow, down or up");
    }
    fault.action = known->second;
    auto named = TargetNamed(target, servers, directors, oneLan);
    if (!named)
    {
        std::string others = std::string(directors == 2 ? ", director, director-2" : ", director") +
                             ", router, " + (oneLan ? "lan" : "vip-network, d-rip-network");
        throw bad("no node or network '" + target + "' (rs-1 to rs-" + std::to_string(servers) +
                  others + ")");
    }
    fault.target = named->first;
    fault.index = named->second;
    bool link = fault.action == FaultAction::Down || fault.action == FaultAction::Up;
    if (fault.action == FaultAction::Slow && !fault.OnRealServer())
    {
        throw bad("only a real server slows down");
    }
    if (!link && (fault.target == FaultTarget::Router || fault.target == FaultTarget::Network))
    {
        throw bad("the router and the networks go down and up; they do not " + action);
    }
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
ParseFaults(const std::string& text, uint32_t servers, uint32_t directors, bool oneLan)
{
    std::vector<Fault> faults;
    for (const auto& item : Items(text))
    {
        faults.push_back(ParseFault(item, servers, directors, oneLan));
    }
    std::stable_sort(faults.begin(), faults.end(), [](const Fault& a, const Fault& b) {
        return a.atS < b.atS;
    });
    std::map<std::string, bool> crashed;
    std::map<std::string, bool> cut;
    for (const auto& f : faults)
    {
        std::string target = FaultTargetName(f);
        auto refuse = [&](const std::string& why) {
            throw std::invalid_argument("'" + DescribeFault(f) + "': " + target + " " + why);
        };
        switch (f.action)
        {
        case FaultAction::Crash:
            if (crashed[target])
            {
                refuse("is down already");
            }
            crashed[target] = true;
            break;
        case FaultAction::Recover:
            if (!crashed[target])
            {
                refuse("is not down then");
            }
            if (cut[target])
            {
                refuse("has its cables out then: bring it up first");
            }
            crashed[target] = false;
            break;
        case FaultAction::Down:
            if (cut[target])
            {
                refuse("is down already");
            }
            cut[target] = true;
            break;
        case FaultAction::Up:
            if (!cut[target])
            {
                refuse("is not down then");
            }
            if (crashed[target])
            {
                refuse("has crashed: recover it instead");
            }
            cut[target] = false;
            break;
        case FaultAction::Slow:
            break;
        }
    }
    return faults;
}

std::string
FaultTargetName(const Fault& fault)
{
    switch (fault.target)
    {
    case FaultTarget::Director:
        return fault.index == 0 ? "director" : "director-2";
    case FaultTarget::Router:
        return "router";
    case FaultTarget::Network:
        return fault.index == 1 ? "d-rip-network" : "vip-network";
    case FaultTarget::RealServer:
        break;
    }
    return "rs-" + std::to_string(fault.index + 1);
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
SetDevicesAlive(std::vector<Ptr<CsmaNetDevice>> cards, bool alive)
{
    for (const auto& card : cards)
    {
        SetCardAlive(card, alive);
    }
}

/// The LAN cards a down/up fault pulls: a node's, or every host's on a
/// network (the LAN itself failing).
std::vector<Ptr<CsmaNetDevice>>
LinkDevices(const Fault& fault, const LvsTopology& t)
{
    std::vector<Ptr<CsmaNetDevice>> cards;
    auto add = [&](Ptr<NetDevice> device) {
        if (auto card = DynamicCast<CsmaNetDevice>(device))
        {
            cards.push_back(card);
        }
    };
    if (fault.target == FaultTarget::Network)
    {
        const NetDeviceContainer& lan =
            fault.index == 0 ? t.vipNetworkDevices : t.ripNetworkDevices;
        for (uint32_t i = 0; i < lan.GetN(); ++i)
        {
            add(lan.Get(i));
        }
        return cards;
    }
    Ptr<Node> node = fault.target == FaultTarget::Router ? t.router
                     : fault.target == FaultTarget::Director
                         ? (fault.index == 0 ? t.director : t.backupDirector)
                         : t.realServers.Get(fault.index);
    for (uint32_t i = 0; i < node->GetNDevices(); ++i)
    {
        add(node->GetDevice(i));
    }
    return cards;
}

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
        if (fault.action == FaultAction::Down || fault.action == FaultAction::Up)
        {
            Simulator::Schedule(Seconds(fault.atS),
                                &SetDevicesAlive,
                                LinkDevices(fault, topology),
                                fault.action == FaultAction::Up);
            continue;
        }
        if (fault.OnDirector())
        {
            Ptr<Node> node = fault.index == 0 ? topology.director : topology.backupDirector;
            Simulator::Schedule(Seconds(fault.atS), &ApplyToDirector, fault, node, onDirector);
            continue;
        }
        auto card = DynamicCast<CsmaNetDevice>(topology.realServerDevices.at(fault.index));
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
                            workload.servers.at(fault.index));
    }
}

} // namespace ns3
