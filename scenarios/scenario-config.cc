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
        "print the address plan (every node, interface and LVS role) and exit")(
        "options-markdown",
        po::bool_switch(),
        "print the option tables of docs/lvs-sim.md (Markdown) and exit");
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
        std::string help = o.help + " [" + o.Domain() + "]";
        if (o.Has(kPerServer))
        {
            help += " (one value, or one per server)";
        }
        groups.at(o.group).add_options()(o.name.c_str(),
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

/// --client-placement, or the network --cip-base lies in (the networks
/// are read first).
void
ReadClientPlacement(const OptionReader& r, ScenarioConfig* c)
{
    LvsTopologyConfig& t = c->topology;
    auto items = SplitList(r.Text("client-placement"));
    std::vector<ClientPlacement> placements;
    for (const auto& item : items)
    {
        bool known = false;
        for (auto p :
             {ClientPlacement::Internet, ClientPlacement::VipNetwork, ClientPlacement::RipNetwork})
        {
            if (item == ClientPlacementName(p))
            {
                placements.push_back(p);
                known = true;
            }
        }
        if (!known)
        {
            r.Fail("client-placement", "'" + item + "' is not internet, vip or rip");
        }
    }
    if (placements.size() > 1 && placements.size() != t.clientNodes)
    {
        r.Fail("client-placement",
               "give one placement for all client nodes or one per node (" +
                   std::to_string(t.clientNodes) + ")");
    }
    if (placements.empty() &&
        t.cipBase.CombineMask(t.vipMask) == t.vipNetwork.CombineMask(t.vipMask))
    {
        placements.push_back(ClientPlacement::VipNetwork);
    }
    else if (placements.empty() &&
             t.cipBase.CombineMask(t.ripMask) == t.ripNetwork.CombineMask(t.ripMask))
    {
        placements.push_back(ClientPlacement::RipNetwork);
    }
    if (placements.size() == 1)
    {
        placements.assign(t.clientNodes, placements.front());
    }
    t.clientPlacements = placements; // empty: every node behind the router
}

void
ReadTopology(const OptionReader& r, ScenarioConfig* c)
{
    LvsTopologyConfig& t = c->topology;
    t.plainRouterDirector = c->NoDirector();
    t.clientNodes = uint32_t(r.Whole("client-nodes"));
    t.clientAddresses = uint32_t(r.Whole("client-addresses"));
    if (t.clientAddresses < t.clientNodes)
    {
        r.Fail("client-addresses",
               "must be at least client-nodes (" + std::to_string(t.clientNodes) + ")");
    }
    t.cipBase = Ipv4Address(r.Address("cip-base"));
    t.ripClientsViaDirector = r.Boolean("rip-clients-via-director");
    t.clientLinkRate = DataRate(uint64_t(r.Real("client-link-rate-mbps") * 1e6));
    t.clientLinkDelay = Seconds(r.Real("client-link-delay-ms") / 1e3);
    auto [vipNet, vipLen] = r.Network("vip-network");
    t.vipNetwork = Ipv4Address(vipNet);
    t.vipMask = MaskOfLength(vipLen);
    t.routerVipAddress = Ipv4Address(r.Address("router-address"));
    auto vips = r.Addresses("vip");
    t.vip = Ipv4Address(vips.front());
    t.extraVips.clear();
    for (size_t i = 1; i < vips.size(); ++i)
    {
        t.extraVips.push_back(Ipv4Address(vips[i]));
    }
    if (c->NoDirector() && !t.extraVips.empty())
    {
        r.Fail("vip", "none has no Director to hold several VIPs: give one");
    }
    auto [ripNet, ripLen] = r.Network("rip-network");
    t.ripNetwork = Ipv4Address(ripNet);
    t.ripMask = MaskOfLength(ripLen);
    // The router's leg in the D/RIP subnet (the DR/TUN servers' gateway) is
    // its last host, 192.168.10.254 by default, wherever that subnet is.
    t.routerRipAddress = Ipv4Address((t.ripNetwork.Get() | ~t.ripMask.Get()) - 1);
    t.dip = Ipv4Address(r.Address("dip"));
    t.firstRip = Ipv4Address(r.Address("first-rip"));
    t.lanRate = DataRate(uint64_t(r.Real("lan-rate-mbps") * 1e6));
    t.lanDelay = Seconds(r.Real("lan-delay-us") / 1e6);
    t.switchedLans = r.Choice("lan") == "switched";
    ReadClientPlacement(r, c);
}

void
ReadService(const OptionReader& r, ScenarioConfig* c)
{
    c->protocol = *ipvs::ParseProtocol(r.Choice("protocol"));
    c->port = uint16_t(r.Whole("port"));
    uint64_t realPort = r.Whole("real-port");
    c->realPort = realPort == 0 ? c->port : uint16_t(realPort);
    c->scheduler = r.Choice("scheduler");
    c->schedulerFlags = ipvs::SchedulerFlags{};
    for (const auto& flag : SplitList(r.Text("scheduler-flags")))
    {
        if (!ipvs::SetSchedulerFlag(c->scheduler, flag, false, &c->schedulerFlags))
        {
            r.Fail("scheduler-flags",
                   "'" + flag + "' is not a flag of scheduler " + c->scheduler + " (" +
                       ipvs::DescribeSchedulerFlags() + ")");
        }
    }
    c->persistentS = uint32_t(r.Whole("persistent-s"));
    c->persistenceNetmask = r.Address("persistence-netmask");
}

void
ReadServers(const OptionReader& r, ScenarioConfig* c, size_t count)
{
    // With --rules, weights, methods and thresholds come from the rules
    // (DeriveServersFromRules); capacity (workers, service time) is still
    // the scenario's.
    bool fromRules = !c->rulesFile.empty();
    auto methods = r.PerServer("forwarding", count, fromRules);
    auto weights = r.PerServer("server-weights", count, fromRules);
    auto workers = r.PerServer("server-workers", count, fromRules);
    auto serviceTimes = r.PerServer("server-service-time-ms", count, fromRules);
    auto uppers = r.PerServer("server-upper-threshold", count, fromRules);
    auto lowers = r.PerServer("server-lower-threshold", count, fromRules);
    c->workload.servers.clear();
    for (size_t i = 0; i < count; ++i)
    {
        RealServerSpec s;
        s.method = *ipvs::ParseForwardMethodOption(r.ChoiceOf("forwarding", methods[i]));
        s.weight = int(r.WholeOf("server-weights", weights[i]));
        s.workers = uint32_t(r.WholeOf("server-workers", workers[i]));
        s.serviceTimeMs = r.DistributionOf("server-service-time-ms", serviceTimes[i]);
        s.upperThreshold = uint32_t(r.WholeOf("server-upper-threshold", uppers[i]));
        s.lowerThreshold = uint32_t(r.WholeOf("server-lower-threshold", lowers[i]));
        if (s.lowerThreshold > s.upperThreshold && s.upperThreshold != 0)
        {
            r.Fail("server-lower-threshold",
                   "server " + std::to_string(i + 1) + ": lower threshold " + lowers[i] +
                       " is above the upper threshold " + uppers[i]);
        }
        c->workload.servers.push_back(s);
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
    c->workload.targets = targets;
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
    double every = r.Real("ipvsadm-every-s");
    for (double t = every;
         every > 0 && t <= c->workload.durationS + c->workload.transactionTimeoutS;
         t += every)
    {
        c->listingTimesS.push_back(t);
    }
    std::sort(c->listingTimesS.begin(), c->listingTimesS.end());
}

/// A keepalived.conf's vrrp_instance is director's (director-2 runs the
/// same with --vrrp-backup-priority), and its lvs_sync_daemon the sync
/// option: the file sets them, not the options.
void
ApplyKeepalivedVrrp(const OptionReader& r, ScenarioConfig* c)
{
    FailoverConfig& f = c->failover;
    if (c->keepalivedVrrp.empty())
    {
        return;
    }
    for (const char* name : {"vrrp-priority",
                             "vrrp-advert-int-s",
                             "vrrp-nopreempt",
                             "vrrp-preempt-delay-s",
                             "sync-daemon"})
    {
        if (r.IsSet(name) && f.on)
        {
            r.Fail(name, "the keepalived.conf of --rules has a vrrp_instance: remove this option");
        }
    }
    const keepalived::VrrpInstanceConf& v = c->keepalivedVrrp.front();
    std::string where = c->rulesFile + ":" + std::to_string(v.line) + ": vrrp_instance " + v.name;
    if (!f.on)
    {
        c->keepalivedNotes.push_back(where + ": read; --vrrp true simulates it with director-2");
        return;
    }
    if (v.advertIntS != std::floor(v.advertIntS) || v.advertIntS > 255)
    {
        throw ConfigError(where + ": advert_int must be whole seconds for VRRP version 2");
    }
    f.virtualRouterId = v.virtualRouterId;
    f.priority = v.priority;
    f.advertIntS = uint32_t(v.advertIntS);
    f.nopreempt = v.nopreempt;
    f.preemptDelayS = v.preemptDelayS;
    f.directorStateMaster = v.master;
    f.sync = c->keepalivedSync;
    if (f.priority <= f.backupPriority && !r.IsSet("vrrp-backup-priority"))
    {
        f.backupPriority = std::max(1u, f.priority - 1); // director stays the preferred master
    }
    c->keepalivedNotes.push_back(where + ": director's; director-2 runs it with priority " +
                                 std::to_string(f.backupPriority));
}

void
ReadFailover(const OptionReader& r, ScenarioConfig* c)
{
    FailoverConfig& f = c->failover;
    f.on = r.Boolean("vrrp");
    f.priority = uint32_t(r.Whole("vrrp-priority"));
    f.backupPriority = uint32_t(r.Whole("vrrp-backup-priority"));
    f.advertIntS = uint32_t(r.Whole("vrrp-advert-int-s"));
    f.nopreempt = r.Boolean("vrrp-nopreempt");
    f.preemptDelayS = r.Real("vrrp-preempt-delay-s");
    f.sync = r.Boolean("sync-daemon");
    ApplyKeepalivedVrrp(r, c);
    c->topology.backupDirector = f.on;
    if (f.sync && !f.on)
    {
        r.Fail("sync-daemon", "the sync daemon follows VRRP: add --vrrp true");
    }
    if (!f.on)
    {
        return;
    }
    if (c->NoDirector())
    {
        r.Fail("vrrp", "--director none has no Director to back up");
    }
    if (c->topology.realServersRemote)
    {
        r.Fail("vrrp", "the backup Director needs the real servers on a LAN (not remote)");
    }
    if (!c->topology.extraRipSubnets.empty())
    {
        r.Fail("vrrp", "VRRP moves one DIP: the rules' RIPs span several subnets");
    }
}

void
ReadFaults(const OptionReader& r, ScenarioConfig* c)
{
    try
    {
        c->faults = ParseFaults(r.Text("faults"),
                                uint32_t(c->workload.servers.size()),
                                c->failover.on ? 2 : 1,
                                c->topology.realServersOnVipNetwork);
    }
    catch (const std::invalid_argument& e)
    {
        r.Fail("faults", e.what());
    }
    for (const auto& f : c->faults)
    {
        if (f.atS >= c->workload.durationS)
        {
            r.Fail("faults",
                   "'" + DescribeFault(f) + "' comes after the clients stop (--duration-s)");
        }
        if (f.target == FaultTarget::Network && f.index == 1 && c->topology.realServersRemote)
        {
            r.Fail("faults",
                   "'" + DescribeFault(f) +
                       "': the remote servers have no D/RIP network (each has a WAN link)");
        }
        if (f.action != FaultAction::Slow && f.OnRealServer() && c->topology.realServersRemote)
        {
            r.Fail("faults",
                   "'" + DescribeFault(f) +
                       "': only a real server on an Ethernet LAN can crash (not a remote server "
                       "behind a WAN link)");
        }
    }
}

void
ReadHealthChecks(const OptionReader& r, ScenarioConfig* c)
{
    std::string kind = r.Choice("health-check");
    c->healthChecksOn = kind != "none";
    HealthCheckConfig& h = c->healthChecks;
    h.kind = kind == "http" ? keepalived::CheckKind::Http : keepalived::CheckKind::Tcp;
    h.timings = keepalived::CheckTimings::Defaults(h.kind);
    h.timings.delayLoopS = r.Real("check-delay-loop-s");
    h.timings.connectTimeoutS = r.Real("check-connect-timeout-s");
    h.timings.retry = unsigned(r.Whole("check-retry"));
    // keepalived's defaults that depend on other keys, unless given.
    if (r.IsSet("check-delay-before-retry-s"))
    {
        h.timings.delayBeforeRetryS = r.Real("check-delay-before-retry-s");
    }
    h.timings.warmupS = r.IsSet("check-warmup-s") ? r.Real("check-warmup-s") : h.timings.delayLoopS;
    h.inhibitOnFailure = r.Boolean("inhibit-on-failure");
    if (c->rulesFromKeepalived)
    {
        for (const char* name : {"health-check",
                                 "check-delay-loop-s",
                                 "check-connect-timeout-s",
                                 "check-retry",
                                 "check-delay-before-retry-s",
                                 "check-warmup-s",
                                 "inhibit-on-failure"})
        {
            if (r.IsSet(name))
            {
                r.Fail(name, "the keepalived.conf of --rules sets the checks: remove this option");
            }
        }
        c->healthChecksOn = true;
    }
    if (c->healthChecksOn && c->NoDirector())
    {
        r.Fail("health-check", "--director none has no Director to run the checks");
    }
}

void
ReadRealServerPlacement(const OptionReader& r, ScenarioConfig* c)
{
    LvsTopologyConfig& t = c->topology;
    t.serverSetups.clear();
    bool anyDirect = false;
    size_t count = c->workload.servers.size();
    auto ignores = r.PerServer("arp-ignore", count);
    auto announces = r.PerServer("arp-announce", count);
    auto redirects = r.PerServer("accept-redirects", count);
    for (size_t i = 0; i < count; ++i)
    {
        const RealServerSpec& s = c->workload.servers[i];
        RealServerSetup setup;
        setup.repliesDirectly = s.method != ipvs::ForwardMethod::Masq;
        setup.decapsulatesIpIp = s.method == ipvs::ForwardMethod::Tunnel;
        setup.arpIgnore = uint32_t(r.WholeOf("arp-ignore", ignores[i]));
        setup.arpAnnounce = uint32_t(r.WholeOf("arp-announce", announces[i]));
        setup.acceptsRedirects = r.WholeOf("accept-redirects", redirects[i]) == 1;
        anyDirect = anyDirect || setup.repliesDirectly;
        t.serverSetups.push_back(setup);
    }
    std::string network = r.Choice("real-server-network");
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
    t.remoteLinkRate = DataRate(uint64_t(r.Real("remote-link-rate-mbps") * 1e6));
    t.remoteLinkDelay = Seconds(r.Real("remote-link-delay-ms") / 1e3);
    t.vipAnswersArpOnRealServers = r.Choice("vip-on-real-servers") == "lan";
    t.directorSendsRedirects = r.Whole("send-redirects") == 1;
}

void
ReadClients(const OptionReader& r, ScenarioConfig* c)
{
    c->workload.closedLoop = r.Choice("client-mode") == "closed";
    c->workload.arrivalRatePerS = r.Real("arrival-rate-per-s");
    c->workload.users = uint32_t(r.Whole("users"));
    c->workload.clientAddressZipf = r.Real("client-address-zipf");
    c->workload.thinkTimeMs = r.Distribution("think-time-ms");
    c->workload.requestBytes = r.Distribution("request-bytes");
    c->workload.responseBytes = r.Distribution("response-bytes");
    c->workload.requestsPerConnection = uint32_t(r.Whole("requests-per-connection"));
    c->workload.transactions = r.Whole("transactions");
    c->workload.durationS = r.Real("duration-s");
    c->workload.transactionTimeoutS = r.Real("transaction-timeout-s");
}

void
ReadSimulation(const OptionReader& r, ScenarioConfig* c)
{
    c->outputDir = r.Text("output");
    if (c->outputDir.empty())
    {
        r.Fail("output", "the result folder name is empty");
    }
    c->seed = uint32_t(r.Whole("seed"));
    c->run = r.Whole("run");
    c->walkTransaction = r.Whole("walk");
    c->walkAllPackets = r.Choice("walk-packets") == "all";
    c->pcap = r.Boolean("pcap");
    c->progress = r.Choice("progress");
    c->sampleIntervalS = r.Real("sample-interval-s");
    c->tcpMslS = r.Real("tcp-msl-s");
    c->tcpSegmentBytes = uint32_t(r.Whole("tcp-segment-bytes"));
    c->checksums = r.Boolean("checksums");
    c->arpQueuePackets = uint32_t(r.Whole("arp-queue-packets"));
    c->eventScheduler = r.Choice("event-scheduler");
}

void
ReadDirectorCpu(const OptionReader& r, ScenarioConfig* c)
{
    c->director = r.Choice("director");
    c->sysctls.expireNodestConn = r.Whole("expire-nodest-conn") == 1;
    c->sysctls.expireQuiescentTemplate = r.Whole("expire-quiescent-template") == 1;
    DirectorCpuConfig& cpu = c->directorCpu;
    cpu.cpus = uint32_t(r.Whole("director-cpus"));
    cpu.queuePackets = uint32_t(r.Whole("director-queue-packets"));
    cpu.forwardCostUs = r.Real("director-forward-cost-us");
    cpu.forwardByteCostNs = r.Real("director-forward-byte-cost-ns");
    cpu.replyCostUs = r.Real("director-reply-cost-us");
    cpu.replyByteCostNs = r.Real("director-reply-byte-cost-ns");
    cpu.localCostUs = r.Real("director-local-cost-us");
    cpu.localByteCostNs = r.Real("director-local-byte-cost-ns");
    bool costs = cpu.forwardCostUs > 0 || cpu.forwardByteCostNs > 0 || cpu.replyCostUs > 0 ||
                 cpu.replyByteCostNs > 0 || cpu.localCostUs > 0 || cpu.localByteCostNs > 0;
    if (c->NoDirector() && costs)
    {
        r.Fail("director",
               "none has no Director whose processing could be modelled: remove the "
               "director-*-cost options");
    }
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
        // Only declared options: help, config and the like are command-line only.
        if (!FindOption(entry.key))
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

/// A Boolean option given bare (`--pcap`, or `--pcap --seed 2`) means
/// true: boost wants a value, so give it one.  `--pcap false` and
/// `--pcap=false` keep theirs.
std::vector<std::string>
WithBareSwitchesTrue(int argc, const char* const* argv)
{
    std::vector<std::string> args(argv, argv + std::max(argc, 0));
    if (args.empty())
    {
        args.emplace_back("lvs-sim");
    }
    std::vector<std::string> out;
    for (size_t i = 0; i < args.size(); ++i)
    {
        const std::string& a = args[i];
        const OptionDeclaration* d =
            a.size() > 2 && a.compare(0, 2, "--") == 0 ? FindOption(a.substr(2)) : nullptr;
        bool valueFollows = i + 1 < args.size() && !args[i + 1].empty() && args[i + 1][0] != '-';
        out.push_back(a);
        if (d && d->type == OptionType::Boolean && !valueFollows)
        {
            out.back() += "=true";
        }
    }
    return out;
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
        std::vector<std::string> args = WithBareSwitchesTrue(argc, argv);
        // argv[0] is the program name, which boost skips.
        po::store(po::command_line_parser(std::vector<std::string>(args.begin() + 1, args.end()))
                      .options(description)
                      .run(),
                  vm);
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
        if (vm["options-markdown"].as<bool>())
        {
            WriteOptionsMarkdown(helpOut);
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
    ReadDirectorCpu(reader, config);
    ReadTopology(reader, config);
    ReadFwmarkRules(reader, config);
    if (!reader.Text("rules").empty())
    {
        if (config->NoDirector())
        {
            reader.Fail("director",
                        "none takes the one service of the plain options, not a rules file");
        }
        for (const auto& name : OptionsWith(kSetByRules))
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
        ReadServers(reader, config, reader.Whole("servers"));
        // One service per VIP: the clients spread evenly over them.
        config->workload.targets.clear();
        for (Ipv4Address vip : config->PlainVips())
        {
            config->workload.targets.push_back(
                ClientTarget{config->protocol, vip, config->port, 1, {}});
        }
        config->workload.listens.clear();
        for (const auto& s : config->workload.servers)
        {
            bool nat = s.method == ipvs::ForwardMethod::Masq;
            config->workload.listens.push_back(
                {ListenPort{config->protocol, nat ? config->realPort : config->port}});
        }
    }
    ReadRealServerPlacement(reader, config);
    ReadClients(reader, config);
    ReadServiceRates(reader, config);
    ReadListingTimes(reader, config);
    ReadFailover(reader, config);
    ReadFaults(reader, config);
    ReadHealthChecks(reader, config);
    config->warmupS = reader.Real("warmup-s");
    if (config->warmupS >= config->workload.durationS)
    {
        reader.Fail("warmup-s",
                    "the warm-up must end before the arrivals do (duration-s " +
                        FormatNumber(config->workload.durationS) + ")");
    }
    config->topology.realServers = uint32_t(config->workload.servers.size());
    config->showAddresses = vm["show-addresses"].as<bool>();
    config->resolved.clear();
    for (const auto& o : OptionTable())
    {
        // Where results go, progress, walks and pcap do not change results.
        if (o.Has(kShapesResults))
        {
            config->resolved[o.name] = vm[o.name].as<std::string>();
        }
    }
    if (config->resolved.count("check-warmup-s"))
    {
        // As resolved: config.ini must rerun the same checks.
        const keepalived::CheckTimings& t = config->healthChecks.timings;
        config->resolved["check-warmup-s"] = FormatNumber(t.warmupS);
        config->resolved["check-delay-before-retry-s"] = FormatNumber(t.delayBeforeRetryS);
    }
    if (config->resolved.count("rules"))
    {
        config->resolved["rules"] = config->rulesFile; // as resolved from the config file
    }
    return config->showAddresses ? CommandLineAction::ShowAddresses : CommandLineAction::Run;
}

} // namespace ns3
