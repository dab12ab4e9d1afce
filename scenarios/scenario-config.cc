#include "scenario-config.h"

#include "scheduler-registry.h"

#include <algorithm>
#include <boost/program_options.hpp>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>

namespace po = boost::program_options;

namespace ns3
{

namespace
{

struct OptionSpec
{
    const char* group;
    const char* name;
    const char* defaultValue;
    const char* help;
};

// The single table of lvs-sim options: names, defaults and help text.
// docs/lvs-sim.md lists the same options for users.
const std::vector<OptionSpec>&
OptionTable()
{
    static const std::vector<OptionSpec> kOptions = {
        {"run", "output", "lvs-sim-results", "result folder of this run"},
        {"run", "seed", "1", "ns-3 random seed"},
        {"run", "run", "1", "ns-3 run number (independent replications)"},
        {"run", "progress", "auto", "progress line on stderr: auto (if a terminal), on, off"},
        {"run",
         "walk",
         "0",
         "print the hop-by-hop walk of this transaction id (walk.txt; 0: none)"},
        {"run",
         "pcap",
         "false",
         "write a pcap file per node and interface (pcap/ in the result folder)"},

        {"topology", "client-nodes", "2", "client nodes (each holds a block of CIPs)"},
        {"topology", "client-addresses", "100", "client addresses (CIPs) in all"},
        {"topology", "cip-base", "172.16.0.0", "first address of the CIP blocks"},
        {"topology", "client-link-rate-mbps", "1000", "rate of each client's link to the router"},
        {"topology", "client-link-delay-ms", "10", "one-way delay of each client link"},
        {"topology", "vip-network", "10.0.0.0/24", "the VIP network (router and Director)"},
        {"topology", "router-address", "10.0.0.1", "the router's address on the VIP network"},
        {"topology", "vip", "10.0.0.100", "the virtual IP address"},
        {"topology",
         "rip-network",
         "192.168.10.0/24",
         "the D/RIP network (Director and real servers)"},
        {"topology", "dip", "192.168.10.1", "the Director's address on the D/RIP network"},
        {"topology",
         "first-rip",
         "192.168.10.11",
         "RIP of the first real server; the others follow"},
        {"topology",
         "real-server-network",
         "auto",
         "where real servers sit: rip (D/RIP network behind the Director), vip (on the VIP network "
         "segment, the classic LVS-DR layout), remote (TUN servers behind WAN links from the "
         "router), "
         "auto (vip if a server uses dr or tun)"},
        {"topology",
         "remote-link-rate-mbps",
         "100",
         "real-server-network remote: rate of each real server's WAN link"},
        {"topology",
         "remote-link-delay-ms",
         "20",
         "real-server-network remote: one-way delay of each WAN link"},
        {"topology",
         "vip-on-real-servers",
         "loopback",
         "DR/TUN servers hold the VIP on: loopback (no ARP), lan (answers ARP: the ARP problem)"},
        {"topology", "lan-rate-mbps", "1000", "rate of the VIP and D/RIP networks"},
        {"topology",
         "lan-delay-us",
         "1",
         "propagation delay of the VIP and D/RIP networks (shared CSMA segments)"},

        {"service",
         "rules",
         "",
         "the Director's rules in ipvsadm -Sn format, with 'at SECONDS' changes; they replace the "
         "service and server options"},
        {"service",
         "fwmark-rules",
         "",
         "MARK rules for -f services: MARK:PROTO:ADDR:PORT,... (as iptables -j MARK on the "
         "Director)"},
        {"clients",
         "service-rates",
         "",
         "shares of the client load: PROTO:VIP:PORT=SHARE,... (default: equal shares over every "
         "service port)"},
        {"run",
         "ipvsadm-at-s",
         "",
         "times (s) at which to save the ipvsadm views (-Ln, --stats, --rate, -Lnc, -Sn)"},
        {"run", "ipvsadm-every-s", "0", "save the ipvsadm views every N seconds too (0: never)"},
        {"service", "protocol", "tcp", "tcp or udp"},
        {"service", "port", "80", "virtual port"},
        {"service", "real-port", "0", "port of the real servers (0: the virtual port)"},
        {"service", "scheduler", "wlc", "IPVS scheduler (ipvsadm -s)"},
        {"service",
         "scheduler-flags",
         "",
         "ipvsadm -b: sh-fallback,sh-port or mh-fallback,mh-port"},
        {"service", "persistent-s", "0", "persistence timeout, 0 = not persistent (ipvsadm -p)"},
        {"service",
         "persistence-netmask",
         "255.255.255.255",
         "persistence granularity (ipvsadm -M)"},

        {"servers", "servers", "4", "number of real servers"},
        {"servers",
         "forwarding",
         "nat",
         "forwarding method: nat (-m), dr (-g) or tun (-i); one value, or one per server"},
        {"servers",
         "server-weights",
         "4,2,1,1",
         "weights (ipvsadm -w): one value, or one per server"},
        {"servers",
         "server-workers",
         "16,8,4,4",
         "requests served at once, per server or one for all"},
        {"servers",
         "server-service-time-ms",
         "exp:20",
         "service time distribution, per server or one for all"},
        {"servers",
         "server-upper-threshold",
         "0",
         "ipvsadm -x, per server or one for all (0 = none)"},
        {"servers",
         "server-lower-threshold",
         "0",
         "ipvsadm -y, per server or one for all (0 = none)"},

        {"clients",
         "client-mode",
         "open",
         "open (Poisson arrivals) or closed (users with think time)"},
        {"clients", "arrival-rate-per-s", "400", "open loop: new connections per second, in all"},
        {"clients", "users", "50", "closed loop: concurrent users, in all"},
        {"clients", "think-time-ms", "exp:500", "closed loop: think time distribution"},
        {"clients", "request-bytes", "const:200", "request size distribution"},
        {"clients", "response-bytes", "const:2000", "response size distribution"},
        {"clients", "requests-per-connection", "1", "transactions per connection (keep-alive)"},
        {"clients", "transactions", "0", "stop after this many transactions (0: no limit)"},
        {"clients", "duration-s", "10", "how long clients start new transactions"},
        {"clients", "transaction-timeout-s", "10", "a transaction not done by then has timed out"},

        {"simulation",
         "sample-interval-s",
         "0.1",
         "interval of the Director/server counter samples"},
        {"simulation",
         "tcp-msl-s",
         "1",
         "ns3::TcpSocketBase::MaxSegLifetime (TIME_WAIT = 2 x MSL)"},
        {"simulation", "checksums", "true", "compute and check IP/TCP/UDP checksums"},
        {"simulation", "arp-queue-packets", "1000", "ns3::ArpCache::PendingQueueSize"},
    };
    return kOptions;
}

constexpr unsigned kLineLength = 110;
constexpr unsigned kDescriptionLength = 70;

po::options_description
BuildDescription()
{
    po::options_description all("lvs-sim options", kLineLength, kDescriptionLength);
    po::options_description general("general", kLineLength, kDescriptionLength);
    general.add_options()("help,h", po::bool_switch(), "print this help and exit")(
        "config",
        po::value<std::string>(),
        "INI file of option = value lines (command-line options win)")(
        "show-addresses",
        po::bool_switch(),
        "print the address plan (every node, interface and LVS role) and exit");
    all.add(general);
    std::map<std::string, po::options_description> groups;
    std::vector<std::string> order;
    for (const auto& o : OptionTable())
    {
        if (!groups.count(o.group))
        {
            groups.emplace(o.group,
                           po::options_description(o.group, kLineLength, kDescriptionLength));
            order.push_back(o.group);
        }
        std::string help = std::string(o.help);
        if (std::string(o.name) == "scheduler")
        {
            help += ": " + ipvs::SchedulerNameList();
        }
        groups.at(o.group).add_options()(o.name,
                                         po::value<std::string>()->default_value(o.defaultValue),
                                         help.c_str());
    }
    for (const auto& name : order)
    {
        all.add(groups.at(name));
    }
    return all;
}

/// Reads typed values and says where a bad one came from.
class OptionReader
{
  public:
    OptionReader(const po::variables_map& vm, std::map<std::string, std::string> origins)
        : m_vm(vm),
          m_origins(std::move(origins))
    {
    }

    [[noreturn]] void Fail(const std::string& name, const std::string& problem) const
    {
        throw ConfigError(Origin(name) + ": " + problem);
    }

    std::string Origin(const std::string& name) const
    {
        auto it = m_origins.find(name);
        return it != m_origins.end() ? it->second : "default of --" + name;
    }

    /// Given on the command line or in the file (not a default).
    bool IsSet(const std::string& name) const
    {
        return m_origins.count(name) > 0;
    }

    std::string Text(const std::string& name) const
    {
        return m_vm[name].as<std::string>();
    }

    uint64_t Unsigned(const std::string& name, uint64_t min, uint64_t max) const
    {
        return ParseUnsigned(name, Text(name), min, max);
    }

    uint64_t ParseUnsigned(const std::string& name,
                           const std::string& text,
                           uint64_t min,
                           uint64_t max) const
    {
        if (!text.empty() && text[0] == '-' &&
            text.find_first_not_of("0123456789", 1) == std::string::npos)
        {
            Fail(name, "'" + text + "' is negative");
        }
        if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos ||
            text.size() > 18)
        {
            Fail(name, "'" + text + "' is not a whole number");
        }
        uint64_t value = std::stoull(text);
        if (value < min || value > max)
        {
            Fail(name,
                 text + " is out of range " + std::to_string(min) + ".." + std::to_string(max));
        }
        return value;
    }

    double Real(const std::string& name, double min, double max) const
    {
        std::string text = Text(name);
        char* end = nullptr;
        double value = std::strtod(text.c_str(), &end);
        if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(value))
        {
            Fail(name, "'" + text + "' is not a number");
        }
        if (value < min || value > max)
        {
            std::ostringstream os;
            os << text << " is out of range " << min << ".." << max;
            Fail(name, os.str());
        }
        return value;
    }

    bool Boolean(const std::string& name) const
    {
        std::string text = Text(name);
        if (text == "true" || text == "yes" || text == "on" || text == "1")
        {
            return true;
        }
        if (text == "false" || text == "no" || text == "off" || text == "0")
        {
            return false;
        }
        Fail(name, "'" + text + "' is not true or false");
    }

    ipvs::Addr Address(const std::string& name) const
    {
        auto addr = ipvs::ParseAddr(Text(name));
        if (!addr)
        {
            Fail(name, "'" + Text(name) + "' is not an IPv4 address (a.b.c.d)");
        }
        return *addr;
    }

    /// a.b.c.d/len
    std::pair<ipvs::Addr, int> Prefix(const std::string& name) const
    {
        std::string text = Text(name);
        auto slash = text.find('/');
        auto addr = ipvs::ParseAddr(text.substr(0, slash));
        if (slash == std::string::npos || !addr)
        {
            Fail(name, "'" + text + "' is not a network (a.b.c.d/len)");
        }
        int length = int(ParseUnsigned(name, text.substr(slash + 1), 8, 30));
        return {*addr, length};
    }

    DistributionSpec Distribution(const std::string& name, const std::string& text) const
    {
        DistributionSpec spec;
        std::string error;
        if (!ParseDistributionSpec(text, &spec, &error))
        {
            Fail(name, error);
        }
        return spec;
    }

    /// A comma-separated list of one value (for all) or @p count values.
    std::vector<std::string> List(const std::string& name, size_t count) const
    {
        std::vector<std::string> items;
        std::stringstream ss(Text(name));
        std::string item;
        while (std::getline(ss, item, ','))
        {
            item.erase(0, item.find_first_not_of(" \t"));
            item.erase(item.find_last_not_of(" \t") + 1);
            items.push_back(item);
        }
        if (items.size() == 1)
        {
            items.resize(count, items[0]);
        }
        if (items.size() != count)
        {
            Fail(name,
                 "has " + std::to_string(items.size()) + " values for " + std::to_string(count) +
                     " servers (give one value, or one per server)");
        }
        return items;
    }

  private:
    const po::variables_map& m_vm;
    std::map<std::string, std::string> m_origins;
};

Ipv4Mask
MaskOfLength(int length)
{
    return Ipv4Mask(length == 0 ? 0 : ~uint32_t(0) << (32 - length));
}

void
ReadTopology(const OptionReader& r, ScenarioConfig* c)
{
    LvsTopologyConfig& t = c->topology;
    t.clientNodes = uint32_t(r.Unsigned("client-nodes", 1, 16384));
    t.clientAddresses = uint32_t(r.Unsigned("client-addresses", 1, 1 << 20));
    if (t.clientAddresses < t.clientNodes)
    {
        r.Fail("client-addresses",
               "must be at least client-nodes (" + std::to_string(t.clientNodes) + ")");
    }
    t.cipBase = Ipv4Address(r.Address("cip-base"));
    t.clientLinkRate = DataRate(uint64_t(r.Real("client-link-rate-mbps", 0.001, 1e6) * 1e6));
    t.clientLinkDelay = Seconds(r.Real("client-link-delay-ms", 0, 1e5) / 1e3);
    auto [vipNet, vipLen] = r.Prefix("vip-network");
    t.vipNetwork = Ipv4Address(vipNet);
    t.vipMask = MaskOfLength(vipLen);
    t.routerVipAddress = Ipv4Address(r.Address("router-address"));
    t.vip = Ipv4Address(r.Address("vip"));
    auto [ripNet, ripLen] = r.Prefix("rip-network");
    t.ripNetwork = Ipv4Address(ripNet);
    t.ripMask = MaskOfLength(ripLen);
    t.dip = Ipv4Address(r.Address("dip"));
    t.firstRip = Ipv4Address(r.Address("first-rip"));
    t.lanRate = DataRate(uint64_t(r.Real("lan-rate-mbps", 0.001, 1e6) * 1e6));
    t.lanDelay = Seconds(r.Real("lan-delay-us", 0, 1e9) / 1e6);
}

void
ReadService(const OptionReader& r, ScenarioConfig* c)
{
    auto protocol = ipvs::ParseProtocol(r.Text("protocol"));
    if (!protocol)
    {
        r.Fail("protocol", "'" + r.Text("protocol") + "' is not tcp or udp");
    }
    c->protocol = *protocol;
    c->port = uint16_t(r.Unsigned("port", 1, 65535));
    uint64_t realPort = r.Unsigned("real-port", 0, 65535);
    c->realPort = realPort == 0 ? c->port : uint16_t(realPort);
    c->scheduler = r.Text("scheduler");
    if (!ipvs::CreateScheduler(c->scheduler))
    {
        r.Fail("scheduler",
               "unknown scheduler '" + c->scheduler + "' (known: " + ipvs::SchedulerNameList() +
                   ")");
    }
    c->schedulerFlags = ipvs::SchedulerFlags{};
    std::stringstream flags(r.Text("scheduler-flags"));
    std::string flag;
    while (std::getline(flags, flag, ','))
    {
        bool hashing = c->scheduler == "sh" || c->scheduler == "mh";
        if (hashing && flag == c->scheduler + "-fallback")
        {
            c->schedulerFlags.flag1 = true;
        }
        else if (hashing && flag == c->scheduler + "-port")
        {
            c->schedulerFlags.flag2 = true;
        }
        else if (!flag.empty())
        {
            r.Fail("scheduler-flags",
                   "'" + flag + "' is not a flag of scheduler " + c->scheduler +
                       " (sh-fallback, sh-port with sh; mh-fallback, mh-port with mh)");
        }
    }
    c->persistentS = uint32_t(r.Unsigned("persistent-s", 0, 2678400));
    c->persistenceNetmask = r.Address("persistence-netmask");
}

ipvs::ForwardMethod
ParseMethod(const OptionReader& r, const std::string& text)
{
    if (text == "nat")
    {
        return ipvs::ForwardMethod::Masq;
    }
    if (text == "dr")
    {
        return ipvs::ForwardMethod::DirectRoute;
    }
    if (text == "tun")
    {
        return ipvs::ForwardMethod::Tunnel;
    }
    r.Fail("forwarding", "'" + text + "' is not nat, dr or tun");
}

void
ReadServers(const OptionReader& r, ScenarioConfig* c, size_t count)
{
    // With --rules, weights, methods and thresholds come from the rules;
    // capacity (workers, service time) is still the scenario's.
    bool fromRules = !c->rulesFile.empty();
    auto list = [&](const char* name) {
        return fromRules ? std::vector<std::string>(count, "0") : r.List(name, count);
    };
    auto weights = list("server-weights");
    auto uppers = list("server-upper-threshold");
    auto lowers = list("server-lower-threshold");
    auto methods = fromRules ? std::vector<std::string>(count, "nat") : r.List("forwarding", count);
    // The per-server defaults fit the default four servers; with rules the
    // default is 8 workers for every server.
    auto workers = fromRules && !r.IsSet("server-workers") ? std::vector<std::string>(count, "8")
                                                           : r.List("server-workers", count);
    auto serviceTimes = r.List("server-service-time-ms", count);
    c->servers.clear();
    for (size_t i = 0; i < count; ++i)
    {
        RealServerSpec s;
        s.method = ParseMethod(r, methods[i]);
        s.weight = int(r.ParseUnsigned("server-weights", weights[i], 0, 2147483647));
        s.workers = uint32_t(r.ParseUnsigned("server-workers", workers[i], 0, 1000000));
        s.serviceTimeMs = r.Distribution("server-service-time-ms", serviceTimes[i]);
        s.upperThreshold =
            uint32_t(r.ParseUnsigned("server-upper-threshold", uppers[i], 0, 2147483647));
        s.lowerThreshold =
            uint32_t(r.ParseUnsigned("server-lower-threshold", lowers[i], 0, 2147483647));
        if (s.lowerThreshold > s.upperThreshold && s.upperThreshold != 0)
        {
            r.Fail("server-lower-threshold",
                   "server " + std::to_string(i + 1) + ": lower threshold " + lowers[i] +
                       " is above the upper threshold " + uppers[i]);
        }
        c->servers.push_back(s);
    }
}

/// Options the rules file replaces: giving one with --rules is an error.
const std::vector<std::string> kSetByRules = {"protocol",
                                              "port",
                                              "real-port",
                                              "scheduler",
                                              "scheduler-flags",
                                              "persistent-s",
                                              "persistence-netmask",
                                              "servers",
                                              "server-weights",
                                              "forwarding",
                                              "server-upper-threshold",
                                              "server-lower-threshold"};

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

std::vector<std::string>
SplitList(const std::string& text)
{
    std::vector<std::string> items;
    std::stringstream ss(text);
    std::string item;
    while (std::getline(ss, item, ','))
    {
        item.erase(0, item.find_first_not_of(" \t"));
        item.erase(item.find_last_not_of(" \t") + 1);
        if (!item.empty())
        {
            items.push_back(item);
        }
    }
    return items;
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
        rule.mark =
            uint32_t(r.ParseUnsigned("fwmark-rules", item.substr(0, colon), 1, 4294967295ULL));
        rule.protocol = target->protocol;
        rule.port = target->port;
        c->fwmarks.push_back(rule);
    }
}

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
    std::ifstream in(c->rulesFile);
    if (!in)
    {
        r.Fail("rules", "cannot read the rules file '" + c->rulesFile + "'");
    }
    try
    {
        c->rules = ipvs::ReadRules(in, c->rulesFile);
    }
    catch (const ipvs::RulesError& e)
    {
        throw ConfigError(e.what());
    }
    std::vector<Ipv4Address> rips;
    for (const auto& rule : c->rules)
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
    return rips;
}

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

/// Per RIP: its forwarding (which decides its gateway), ports and weight.
void
DeriveServersFromRules(const OptionReader& r,
                       ScenarioConfig* c,
                       const std::vector<Ipv4Address>& rips)
{
    c->topology.rips = rips;
    c->listens.assign(rips.size(), {});
    std::vector<bool> named(rips.size(), false);
    for (const auto& rule : c->rules)
    {
        const auto& cmd = rule.command;
        if (cmd.verb != ipvs::IpvsadmVerb::AddServer)
        {
            continue;
        }
        size_t i = std::find(rips.begin(), rips.end(), Ipv4Address(cmd.server.addr)) - rips.begin();
        RealServerSpec& spec = c->servers[i];
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
            if (std::find(c->listens[i].begin(), c->listens[i].end(), port) == c->listens[i].end())
            {
                c->listens[i].push_back(port);
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
            all.push_back(ClientTarget{svc.protocol, Ipv4Address(svc.addr), svc.port, 1});
        }
    }
    for (const auto& rule : c->fwmarks)
    {
        all.push_back(ClientTarget{rule.protocol, rule.addr, rule.port, 1});
    }
    if (all.empty())
    {
        r.Fail(
            "rules",
            "no service port for clients to reach (add a service with a port, or --fwmark-rules)");
    }
    c->targets = all;
    c->topology.vip = all.front().vip;
    c->topology.extraVips.clear();
    for (const auto& t : all)
    {
        c->topology.extraVips.push_back(t.vip);
    }
}

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

/// Pasted rules name their own addresses: unless the networks are given,
/// take the /24 of the first VIP and of the first RIP, with the router at
/// the first free host (.1 up) of each and the DIP at the first free host
/// of the RIPs' network.
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
    }
}

void
ReadServiceRates(const OptionReader& r, ScenarioConfig* c)
{
    auto items = SplitList(r.Text("service-rates"));
    if (items.empty())
    {
        return;
    }
    std::vector<ClientTarget> targets;
    for (const auto& item : items)
    {
        auto eq = item.find('=');
        ClientTarget t;
        auto port =
            eq == std::string::npos ? std::nullopt : ParseTarget(item.substr(0, eq), &t.vip);
        if (!port)
        {
            r.Fail("service-rates",
                   "'" + item + "' is not PROTO:VIP:PORT=SHARE (e.g. tcp:10.0.0.100:80=3)");
        }
        t.protocol = port->protocol;
        t.port = port->port;
        char* end = nullptr;
        std::string share = item.substr(eq + 1);
        t.share = std::strtod(share.c_str(), &end);
        if (share.empty() || end != share.c_str() + share.size() || !(t.share > 0))
        {
            r.Fail("service-rates", "'" + share + "' is not a positive share");
        }
        targets.push_back(t);
    }
    c->targets = targets;
}

void
ReadListingTimes(const OptionReader& r, ScenarioConfig* c)
{
    c->listingTimesS.clear();
    for (const auto& item : SplitList(r.Text("ipvsadm-at-s")))
    {
        auto time = ipvs::ParseSeconds(item);
        if (!time)
        {
            r.Fail("ipvsadm-at-s", "'" + item + "' is not a time in seconds");
        }
        c->listingTimesS.push_back(double(*time) / 1e9);
    }
    double every = r.Real("ipvsadm-every-s", 0, 1e7);
    for (double t = every; every > 0 && t <= c->durationS + c->transactionTimeoutS; t += every)
    {
        c->listingTimesS.push_back(t);
    }
    std::sort(c->listingTimesS.begin(), c->listingTimesS.end());
}

void
ReadRealServerPlacement(const OptionReader& r, ScenarioConfig* c)
{
    LvsTopologyConfig& t = c->topology;
    t.serverSetups.clear();
    bool anyDirect = false;
    for (const auto& s : c->servers)
    {
        RealServerSetup setup;
        setup.repliesDirectly = s.method != ipvs::ForwardMethod::Masq;
        setup.decapsulatesIpIp = s.method == ipvs::ForwardMethod::Tunnel;
        anyDirect = anyDirect || setup.repliesDirectly;
        t.serverSetups.push_back(setup);
    }
    std::string network = r.Text("real-server-network");
    if (network != "auto" && network != "vip" && network != "rip" && network != "remote")
    {
        r.Fail("real-server-network", "'" + network + "' is not auto, vip, rip or remote");
    }
    t.realServersOnVipNetwork = network == "vip" || (network == "auto" && anyDirect);
    t.realServersRemote = network == "remote";
    for (const auto& setup : t.serverSetups)
    {
        if (t.realServersRemote && !setup.decapsulatesIpIp)
        {
            r.Fail("real-server-network",
                   "remote real servers need --forwarding tun: NAT replies must pass the Director, "
                   "and DR "
                   "needs the Director's LAN");
        }
    }
    t.remoteLinkRate = DataRate(uint64_t(r.Real("remote-link-rate-mbps", 0.001, 1e6) * 1e6));
    t.remoteLinkDelay = Seconds(r.Real("remote-link-delay-ms", 0, 1e5) / 1e3);
    std::string vipOn = r.Text("vip-on-real-servers");
    if (vipOn != "loopback" && vipOn != "lan")
    {
        r.Fail("vip-on-real-servers", "'" + vipOn + "' is not loopback or lan");
    }
    t.vipAnswersArpOnRealServers = vipOn == "lan";
}

void
ReadClients(const OptionReader& r, ScenarioConfig* c)
{
    std::string mode = r.Text("client-mode");
    if (mode != "open" && mode != "closed")
    {
        r.Fail("client-mode", "'" + mode + "' is not open or closed");
    }
    c->closedLoop = mode == "closed";
    c->arrivalRatePerS = r.Real("arrival-rate-per-s", 0, 1e7);
    c->users = uint32_t(r.Unsigned("users", 0, 10000000));
    c->thinkTimeMs = r.Distribution("think-time-ms", r.Text("think-time-ms"));
    c->requestBytes = r.Distribution("request-bytes", r.Text("request-bytes"));
    c->responseBytes = r.Distribution("response-bytes", r.Text("response-bytes"));
    c->requestsPerConnection = uint32_t(r.Unsigned("requests-per-connection", 1, 1000000));
    c->transactions = r.Unsigned("transactions", 0, 1ULL << 40);
    c->durationS = r.Real("duration-s", 0.001, 1e7);
    c->transactionTimeoutS = r.Real("transaction-timeout-s", 0.001, 1e6);
}

void
ReadSimulation(const OptionReader& r, ScenarioConfig* c)
{
    c->outputDir = r.Text("output");
    if (c->outputDir.empty())
    {
        r.Fail("output", "the result folder name is empty");
    }
    c->seed = uint32_t(r.Unsigned("seed", 1, 4294967295ULL));
    c->run = r.Unsigned("run", 0, 1ULL << 62);
    c->walkTransaction = r.Unsigned("walk", 0, 1ULL << 40);
    c->pcap = r.Boolean("pcap");
    c->progress = r.Text("progress");
    if (c->progress != "auto" && c->progress != "on" && c->progress != "off")
    {
        r.Fail("progress", "'" + c->progress + "' is not auto, on or off");
    }
    c->sampleIntervalS = r.Real("sample-interval-s", 0.001, 1e6);
    c->tcpMslS = r.Real("tcp-msl-s", 0, 1e4);
    c->checksums = r.Boolean("checksums");
    c->arpQueuePackets = uint32_t(r.Unsigned("arp-queue-packets", 1, 1000000));
}

/// Loads the --config file into @p vm; values already set win.
std::map<std::string, std::string>
StoreConfigFile(const std::string& path,
                const po::options_description& description,
                po::variables_map& vm)
{
    std::map<std::string, std::string> origins;
    po::parsed_options parsed(&description);
    for (const ConfigEntry& entry : ReadConfigFile(path))
    {
        std::string where = path + ":" + std::to_string(entry.line);
        const po::option_description* known = description.find_nothrow(entry.key, false);
        if (!known || entry.key == "help" || entry.key == "config" || entry.key == "show-addresses")
        {
            throw ConfigError(where + ": unknown option '" + entry.key + "' (see lvs-sim --help)");
        }
        if (!vm.count(entry.key) || vm[entry.key].defaulted())
        {
            origins[entry.key] = where + ": " + entry.key;
        }
        po::option option(entry.key, {entry.value});
        parsed.options.push_back(option);
    }
    po::store(parsed, vm);
    return origins;
}

} // namespace

CommandLineAction
ParseScenarioConfig(int argc,
                    const char* const* argv,
                    ScenarioConfig* config,
                    std::ostream& helpOut)
{
    po::options_description description = BuildDescription();
    po::variables_map vm;
    std::map<std::string, std::string> origins;
    try
    {
        po::store(po::command_line_parser(argc, argv).options(description).run(), vm);
        for (const auto& [name, value] : vm)
        {
            if (!value.defaulted())
            {
                origins[name] = "--" + name;
            }
        }
        if (vm["help"].as<bool>())
        {
            helpOut << "lvs-sim: simulate an LVS cluster (IPVS Director, real servers, clients) on "
                       "ns-3\n"
                    << "usage: lvs-sim [--config FILE] [--option value ...]\n"
                    << "Every option can also be a 'option = value' line of the config file.\n\n"
                    << description << "\n";
            return CommandLineAction::Help;
        }
        if (vm.count("config"))
        {
            config->configFile = vm["config"].as<std::string>();
            auto fileOrigins = StoreConfigFile(config->configFile, description, vm);
            origins.insert(fileOrigins.begin(), fileOrigins.end());
        }
        po::notify(vm);
    }
    catch (const po::error& e)
    {
        throw ConfigError(e.what());
    }
    OptionReader reader(vm, origins);
    ReadSimulation(reader, config);
    ReadTopology(reader, config);
    ReadFwmarkRules(reader, config);
    if (!reader.Text("rules").empty())
    {
        for (const auto& name : kSetByRules)
        {
            if (origins.count(name))
            {
                reader.Fail(name,
                            "the rules file sets services and real servers: remove this option");
            }
        }
        auto rips = ReadRulesFile(reader, config);
        ReadServers(reader, config, rips.size());
        DeriveServersFromRules(reader, config, rips);
        DeriveTargetsFromRules(reader, config);
        DeriveNetworksFromRules(reader, config);
    }
    else
    {
        ReadService(reader, config);
        ReadServers(reader, config, reader.Unsigned("servers", 1, 4096));
        config->targets = {ClientTarget{config->protocol, config->topology.vip, config->port, 1}};
        config->listens.clear();
        for (const auto& s : config->servers)
        {
            bool nat = s.method == ipvs::ForwardMethod::Masq;
            config->listens.push_back(
                {ListenPort{config->protocol, nat ? config->realPort : config->port}});
        }
    }
    ReadRealServerPlacement(reader, config);
    ReadClients(reader, config);
    ReadServiceRates(reader, config);
    ReadListingTimes(reader, config);
    config->topology.realServers = uint32_t(config->servers.size());
    config->showAddresses = vm["show-addresses"].as<bool>();
    config->resolved.clear();
    for (const auto& o : OptionTable())
    {
        // Where results go, progress, walks and pcap do not change results.
        std::string name = o.name;
        if (name != "output" && name != "progress" && name != "walk" && name != "pcap")
        {
            config->resolved[name] = vm[name].as<std::string>();
            if (name == "rules")
            {
                config->resolved[name] = config->rulesFile; // as resolved from the config file
            }
        }
    }
    return config->showAddresses ? CommandLineAction::ShowAddresses : CommandLineAction::Run;
}

} // namespace ns3
