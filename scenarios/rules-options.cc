#include "scenarios/rules-options.h"

#include "model/keepalived/keepalived-conf.h"

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>

namespace ns3
{

std::optional<ListenPort>
ParseTarget(const std::string& text, Ipv4Address* addr)
{
    // PROTO:ADDR:PORT
    auto first = text.find(':');
    auto last = text.rfind(':');
    if (first == std::string::npos || first == last)
    {
        return std::nullopt;
    }
    auto protocol = ipvs::ParseProtocol(text.substr(0, first));
    auto a = ipvs::ParseAddr(text.substr(first + 1, last - first - 1));
    std::string port = text.substr(last + 1);
    if (!protocol || !a || port.empty() || port.size() > 5 ||
        port.find_first_not_of("0123456789") != std::string::npos || std::stoul(port) == 0 ||
        std::stoul(port) > 65535)
    {
        return std::nullopt;
    }
    *addr = Ipv4Address(*a);
    return ListenPort{*protocol, uint16_t(std::stoul(port))};
}

void
ReadFwmarkRules(const OptionReader& r, ScenarioConfig* c)
{
    c->fwmarks.clear();
    for (const auto& item : SplitList(r.Text("fwmark-rules")))
    {
        auto colon = item.find(':');
        FwmarkRule rule;
        auto target = colon == std::string::npos ? std::nullopt
                                                 : ParseTarget(item.substr(colon + 1), &rule.addr);
        if (!target)
        {
            r.Fail("fwmark-rules",
                   "'" + item + "' is not MARK:PROTO:ADDR:PORT (e.g. 1:tcp:10.0.0.100:443)");
        }
        rule.mark = uint32_t(r.WholeIn("fwmark-rules", item.substr(0, colon), 1, 4294967295ULL));
        rule.protocol = target->protocol;
        rule.port = target->port;
        c->fwmarks.push_back(rule);
    }
}

namespace
{

/// The rules, then the servers keepalived may add later: every real server
/// node the cluster needs.
std::vector<ipvs::RuleLine>
AllServerRules(const ScenarioConfig& c)
{
    std::vector<ipvs::RuleLine> all = c.rules;
    all.insert(all.end(), c.laterServers.begin(), c.laterServers.end());
    return all;
}

/// A keepalived.conf as rules: what keepalived does at start, checked on a
/// scratch Director as ipvsadm files are; then the servers it may add.
void
ReadKeepalivedRules(std::istream& in, ScenarioConfig* c)
{
    keepalived::KeepalivedConf conf = keepalived::ReadKeepalivedConf(in, c->rulesFile);
    c->rules = keepalived::StartRules(conf);
    c->laterServers = keepalived::LaterServers(conf);
    c->keepalivedPlans = conf.virtualServers;
    c->keepalivedNotes = conf.notes;
    c->keepalivedVrrp = conf.vrrpInstances;
    c->keepalivedSync = conf.syncDaemon;
    ipvs::IpvsEngine scratch;
    for (const auto& rules : {c->rules, c->laterServers})
    {
        for (const auto& rule : rules)
        {
            try
            {
                ipvs::ApplyIpvsadmCommand(scratch, rule.command, 0);
            }
            catch (const ipvs::IpvsadmError& e)
            {
                throw ConfigError(c->rulesFile + ":" + std::to_string(rule.line) + ": " + e.what());
            }
        }
    }
}

} // namespace

/// Loads --rules; returns the RIPs in the order the rules first name them.
std::vector<Ipv4Address>
ReadRulesFile(const OptionReader& r, ScenarioConfig* c)
{
    c->rulesFile = r.Text("rules");
    // A relative path in a configuration file is relative to that file.
    std::string origin = r.Origin("rules");
    if (c->rulesFile[0] != '/' && !c->configFile.empty() &&
        origin.rfind(c->configFile + ":", 0) == 0)
    {
        auto slash = c->configFile.rfind('/');
        if (slash != std::string::npos)
        {
            c->rulesFile = c->configFile.substr(0, slash + 1) + c->rulesFile;
        }
    }
    std::ifstream file(c->rulesFile);
    if (!file)
    {
        r.Fail("rules", "cannot read the rules file '" + c->rulesFile + "'");
    }
    std::ostringstream text;
    text << file.rdbuf();
    std::istringstream in(text.str());
    c->rulesFromKeepalived = keepalived::LooksLikeKeepalivedConf(text.str());
    try
    {
        if (c->rulesFromKeepalived)
        {
            ReadKeepalivedRules(in, c);
        }
        else
        {
            c->rules = ipvs::ReadRules(in, c->rulesFile, &c->rulesFromListing);
        }
    }
    catch (const ipvs::RulesError& e)
    {
        throw ConfigError(e.what());
    }
    catch (const keepalived::ConfError& e)
    {
        throw ConfigError(e.what());
    }
    std::vector<Ipv4Address> rips;
    for (const auto& rule : AllServerRules(*c))
    {
        const auto& cmd = rule.command;
        if (cmd.verb == ipvs::IpvsadmVerb::AddServer || cmd.verb == ipvs::IpvsadmVerb::EditServer)
        {
            Ipv4Address rip(cmd.server.addr);
            if (std::find(rips.begin(), rips.end(), rip) == rips.end())
            {
                rips.push_back(rip);
            }
        }
    }
    if (rips.empty())
    {
        r.Fail("rules", "the rules add no real server (-a)");
    }
    // A checker's connect_ip must be a node of the cluster: the RIPs.
    for (const auto& vs : c->keepalivedPlans)
    {
        for (const auto& rs : vs.servers)
        {
            ipvs::Addr ip = rs.check ? rs.check->connectIp : 0;
            if (ip != 0 && std::find(rips.begin(), rips.end(), Ipv4Address(ip)) == rips.end())
            {
                throw ConfigError(c->rulesFile + ":" + std::to_string(rs.check->line) +
                                  ": connect_ip " + ipvs::AddrToString(ip) +
                                  " is no real server of the cluster (the checks would go "
                                  "nowhere)");
            }
        }
    }
    return rips;
}

namespace
{

/// The ports of a service's real server: its own port, or for a
/// firewall-mark service with port 0 the ports the MARK rules send there.
std::vector<ListenPort>
ServerPorts(const ScenarioConfig& c, const ipvs::IpvsadmCommand& cmd)
{
    if (cmd.service.fwmark == 0)
    {
        return {ListenPort{cmd.service.protocol, cmd.server.port}};
    }
    std::vector<ListenPort> ports;
    for (const auto& rule : c.fwmarks)
    {
        if (rule.mark == cmd.service.fwmark)
        {
            ports.push_back(
                ListenPort{rule.protocol, cmd.server.port != 0 ? cmd.server.port : rule.port});
        }
    }
    return ports;
}

} // namespace

/// Per RIP: its forwarding (which decides its gateway), ports and weight.
void
DeriveServersFromRules(const OptionReader& r,
                       ScenarioConfig* c,
                       const std::vector<Ipv4Address>& rips)
{
    c->topology.rips = rips;
    c->workload.listens.assign(rips.size(), {});
    std::vector<bool> named(rips.size(), false);
    for (const auto& rule : AllServerRules(*c))
    {
        const auto& cmd = rule.command;
        if (cmd.verb != ipvs::IpvsadmVerb::AddServer)
        {
            continue;
        }
        size_t i = std::find(rips.begin(), rips.end(), Ipv4Address(cmd.server.addr)) - rips.begin();
        RealServerSpec& spec = c->workload.servers[i];
        bool direct = cmd.server.method != ipvs::ForwardMethod::Masq;
        if (named[i] && direct != (spec.method != ipvs::ForwardMethod::Masq))
        {
            r.Fail("rules",
                   c->rulesFile + ":" + std::to_string(rule.line) + ": real server " +
                       ipvs::AddrToString(cmd.server.addr) +
                       " is NAT in one service and DR/TUN in another: one default gateway cannot "
                       "serve both");
        }
        if (!named[i] || cmd.server.method == ipvs::ForwardMethod::Tunnel)
        {
            spec.method = cmd.server.method;
        }
        if (!named[i])
        {
            spec.weight = cmd.server.weight;
        }
        named[i] = true;
        for (const ListenPort& port : ServerPorts(*c, cmd))
        {
            if (std::find(c->workload.listens[i].begin(), c->workload.listens[i].end(), port) ==
                c->workload.listens[i].end())
            {
                c->workload.listens[i].push_back(port);
            }
        }
    }
}

/// The services' VIPs, and where the clients go.
void
DeriveTargetsFromRules(const OptionReader& r, ScenarioConfig* c)
{
    std::vector<ClientTarget> all;
    for (const auto& rule : c->rules)
    {
        const auto& svc = rule.command.service;
        if (rule.timed || rule.command.verb != ipvs::IpvsadmVerb::AddService)
        {
            continue;
        }
        if (svc.fwmark == 0 && svc.port != 0)
        {
            all.push_back(ClientTarget{svc.protocol, Ipv4Address(svc.addr), svc.port, 1, {}});
        }
    }
    for (const auto& rule : c->fwmarks)
    {
        all.push_back(ClientTarget{rule.protocol, rule.addr, rule.port, 1, {}});
    }
    if (all.empty())
    {
        r.Fail(
            "rules",
            "no service port for clients to reach (add a service with a port, or --fwmark-rules)");
    }
    c->workload.targets = all;
    c->topology.vip = all.front().vip;
    c->topology.extraVips.clear();
    for (const auto& t : all)
    {
        c->topology.extraVips.push_back(t.vip);
    }
}

namespace
{

/// The first host address of @p network/24 that is not in @p taken,
/// walking from @p from by @p step.
Ipv4Address
FreeHost(Ipv4Address network, uint32_t from, int step, const std::vector<Ipv4Address>& taken)
{
    for (uint32_t host = from; host >= 1 && host <= 254; host += step)
    {
        Ipv4Address candidate(network.Get() + host);
        if (std::find(taken.begin(), taken.end(), candidate) == taken.end())
        {
            return candidate;
        }
    }
    return Ipv4Address(network.Get() + from);
}

/// RIPs outside the first RIP's /24 (a Kubernetes node's pods and hosts):
/// a subnet on the D/RIP LAN for each /24 they fall in, in the order the
/// rules name them, each with a DIP at its first free host and the
/// router's address at its last.
void
DeriveExtraRipSubnets(LvsTopologyConfig& t)
{
    Ipv4Mask slash24("255.255.255.0");
    t.extraRipSubnets.clear();
    for (Ipv4Address rip : t.rips)
    {
        Ipv4Address network = rip.CombineMask(slash24);
        bool known = network == t.ripNetwork;
        for (const auto& subnet : t.extraRipSubnets)
        {
            known = known || subnet.network == network;
        }
        if (!known)
        {
            t.extraRipSubnets.push_back({network,
                                         slash24,
                                         FreeHost(network, 1, 1, t.rips),
                                         FreeHost(network, 254, -1, t.rips)});
        }
    }
}

} // namespace

/// Pasted rules name their own addresses: unless the networks are given,
/// take the /24 of the first VIP and of the first RIP, with the router at
/// the first free host (.1 up) of each and the DIP at the first free host
/// of the RIPs' network; RIPs in other /24s get subnets of their own on the
/// D/RIP LAN, and VIPs outside the first VIP's /24 are routed to the
/// Director.
void
DeriveNetworksFromRules(const OptionReader& r, ScenarioConfig* c)
{
    LvsTopologyConfig& t = c->topology;
    Ipv4Mask slash24("255.255.255.0");
    std::vector<Ipv4Address> vips{t.vip};
    vips.insert(vips.end(), t.extraVips.begin(), t.extraVips.end());
    if (!r.IsSet("vip-network"))
    {
        t.vipNetwork = t.vip.CombineMask(slash24);
        t.vipMask = slash24;
        if (!r.IsSet("router-address"))
        {
            t.routerVipAddress = FreeHost(t.vipNetwork, 1, 1, vips);
        }
    }
    if (!r.IsSet("rip-network"))
    {
        t.ripNetwork = t.rips.front().CombineMask(slash24);
        t.ripMask = slash24;
        if (!r.IsSet("dip"))
        {
            t.dip = FreeHost(t.ripNetwork, 1, 1, t.rips);
        }
        t.routerRipAddress = FreeHost(t.ripNetwork, 254, -1, t.rips);
        DeriveExtraRipSubnets(t);
    }
}

} // namespace ns3
