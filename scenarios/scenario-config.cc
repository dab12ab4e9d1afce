#include "scenarios/scenario-config.h"

#include "model/ipvs/scheduler-registry.h"
#include "scenarios/option-reader.h"
#include "scenarios/rules-options.h"

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
