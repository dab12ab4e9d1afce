#include "scenarios/result-writer.h"

#include "lvs-revision.h"
#include "model/ipvs/ipvsadm/ipvsadm-listing-rules.h"
#include "scenarios/option-table.h"
#include "scenarios/result-folder.h"

#include <cmath>
#include <fstream>
#include <iomanip>
#include <set>
#include <sstream>

namespace ns3
{

namespace
{

std::string
Fixed(double value, int digits = 3)
{
    std::ostringstream os;
    os << std::fixed << std::setprecision(digits) << value;
    return os.str();
}

std::ofstream
OpenOutput(const std::string& folder, const std::string& name)
{
    std::string path = folder + "/" + name;
    std::ofstream out(path);
    if (!out)
    {
        throw ConfigError(path + ": cannot write");
    }
    return out;
}

void
WriteServers(const std::string& folder, const ScenarioResult& r, const ResultSummary& s)
{
    auto out = OpenOutput(folder, "servers.csv");
    out << "server,rip,weight,workers,service_time_ms,ipvs_connections,served,ok_transactions,"
           "share,wait_ms_mean,service_ms_mean\n";
    for (size_t i = 0; i < r.servers.size(); ++i)
    {
        const ServerResult& server = r.servers[i];
        uint64_t ok = s.servedBy.count(server.rip) ? s.servedBy.at(server.rip) : 0;
        out << i + 1 << "," << server.rip << "," << server.weight << "," << server.workers << ","
            << server.serviceTimeMs << "," << server.connections << "," << server.served << ","
            << ok << "," << Fixed(s.ok ? double(ok) / s.ok : 0, 4) << ","
            << Fixed(server.meanWaitMs, 3) << "," << Fixed(server.meanServiceMs, 3) << "\n";
    }
}

void
WriteConfig(const std::string& folder, const ScenarioConfig& c)
{
    auto out = OpenOutput(folder, "config.ini");
    out << "# the resolved configuration of this run: lvs-sim --config config.ini reruns it\n";
    for (const auto& [key, value] : c.resolved)
    {
        out << key << " = " << value << "\n";
    }
}

/// @p value rounded to @p digits decimals, as the summary reports it.
double
Rounded(double value, int digits = 3)
{
    double scale = std::pow(10.0, digits);
    return std::round(value * scale) / scale;
}

nlohmann::ordered_json
LatencyJson(const LatencyFigures& f)
{
    return {{"mean", Rounded(f.mean)},
            {"p50", Rounded(f.p50)},
            {"p95", Rounded(f.p95)},
            {"p99", Rounded(f.p99)},
            {"max", Rounded(f.max)}};
}

/// The index of the busiest link over the run (0 if there is none).
size_t
BusiestLink(const NetworkResult& n)
{
    size_t busiest = 0;
    for (size_t i = 0; i < n.utilisation.size(); ++i)
    {
        busiest = n.utilisation[i] > n.utilisation[busiest] ? i : busiest;
    }
    return busiest;
}

nlohmann::ordered_json
NetworkJson(const NetworkResult& n)
{
    nlohmann::ordered_json links = nlohmann::ordered_json::array();
    for (size_t i = 0; i < n.links.size(); ++i)
    {
        links.push_back({{"link", n.links[i].name},
                         {"rate_mbps", double(n.links[i].rate.GetBitRate()) / 1e6},
                         {"sent_bytes", n.links[i].bytesSent},
                         {"utilisation", Rounded(n.utilisation[i], 4)},
                         {"queue_drops", n.links[i].queueDrops}});
    }
    nlohmann::ordered_json j;
    j["tcp_retransmissions"] = n.tcpRetransmissions;
    j["queue_drops"] = n.queueDrops;
    if (!n.links.empty())
    {
        size_t busiest = BusiestLink(n);
        j["busiest_link"] = {{"link", n.links[busiest].name},
                             {"utilisation", Rounded(n.utilisation[busiest], 4)}};
    }
    j["links"] = links;
    return j;
}

/// Each fault, and with health checks how long until keepalived saw it
/// (a crash found down, a recovery found up).
nlohmann::ordered_json
FaultsJson(const ScenarioConfig& c, const ScenarioResult& r)
{
    nlohmann::ordered_json faults = nlohmann::ordered_json::array();
    for (size_t i = 0; i < c.faults.size(); ++i)
    {
        const Fault& f = c.faults[i];
        nlohmann::ordered_json fault = {{"at_s", f.atS},
                                        {"action", FaultActionName(f.action)},
                                        {"target", FaultTargetName(f)},
                                        {"factor", f.factor}};
        bool goesDown = f.action == FaultAction::Crash || f.action == FaultAction::Down;
        bool comesBack = f.action == FaultAction::Recover || f.action == FaultAction::Up;
        if (r.health.on && f.OnRealServer() && (goesDown || comesBack))
        {
            double after = r.health.faultVerdictAfterS.at(i);
            fault[goesDown ? "found_down_after_s" : "found_up_after_s"] =
                after < 0 ? nlohmann::ordered_json() : nlohmann::ordered_json(Rounded(after));
        }
        const FaultCost& cost = r.faultCosts.at(i);
        fault["until_next"] = {{"started", cost.started},
                               {"refused", cost.refused},
                               {"timed_out", cost.timedOut},
                               {"reset", cost.reset}};
        if (f.OnDirector() && r.failover.on &&
            (f.action == FaultAction::Crash || f.action == FaultAction::Down))
        {
            // The other Director's takeover: the service is back for new
            // connections.
            std::string other = f.index == 0 ? "director-2" : "director";
            nlohmann::ordered_json after;
            for (const MasterChange& m : r.failover.changes)
            {
                if (m.director == other && m.to == "MASTER" && m.atS >= f.atS)
                {
                    after = Rounded(m.atS - f.atS);
                    break;
                }
            }
            fault["taken_over_after_s"] = after;
        }
        faults.push_back(fault);
    }
    return faults;
}

nlohmann::ordered_json
HealthJson(const HealthResult& h)
{
    if (!h.on)
    {
        return {{"checker", "none"}};
    }
    nlohmann::ordered_json events = nlohmann::ordered_json::array();
    for (const HealthEvent& e : h.events)
    {
        events.push_back(nlohmann::ordered_json{{"at_s", Rounded(e.atS)},
                                                {"server", "rs-" + std::to_string(e.server + 1)},
                                                {"service", e.service},
                                                {"state", e.up ? "up" : "down"},
                                                {"action", e.action}});
    }
    return {{"checker", h.kind},
            {"checks", h.checks},
            {"failed_checks", h.failedChecks},
            {"events", events}};
}

nlohmann::ordered_json
FailoverJson(const FailoverResult& f)
{
    if (!f.on)
    {
        return {{"vrrp", false}};
    }
    nlohmann::ordered_json changes = nlohmann::ordered_json::array();
    for (const MasterChange& m : f.changes)
    {
        changes.push_back(
            {{"at_s", Rounded(m.atS)}, {"director", m.director}, {"from", m.from}, {"to", m.to}});
    }
    nlohmann::ordered_json sync = nlohmann::ordered_json::array();
    for (int d = 0; f.sync && d < 2; ++d)
    {
        sync.push_back({{"director", d == 0 ? "director" : "director-2"},
                        {"messages_sent", f.syncMessagesSent[d]},
                        {"entries_sent", f.syncEntriesSent[d]},
                        {"entries_applied", f.syncEntriesApplied[d]}});
    }
    return {{"vrrp", true},
            {"master_at_end", f.masterAtEnd},
            {"changes", changes},
            {"sync_daemon", f.sync},
            {"sync", sync}};
}

nlohmann::ordered_json
SummaryJson(const ScenarioConfig& c, const ScenarioResult& r, const ResultSummary& s)
{
    nlohmann::ordered_json j;
    j["lvs_sim_version"] = LVS_SIM_VERSION;
    j["lvs_sim_revision"] = LVS_SIM_REVISION;
    j["ns3_version"] = LVS_NS3_VERSION;
    j["seed"] = c.seed;
    j["run"] = c.run;
    j["config"] = c.resolved;
    j["transactions"] = {{"offered", s.offered},
                         {"completed", s.ok},
                         {"refused", s.refused},
                         {"timed_out", s.timedOut},
                         {"reset", s.reset}};
    j["throughput_per_s"] = Rounded(s.throughputPerS);
    j["measured_s"] = Rounded(s.measuredS);
    j["latency_ms"] = LatencyJson(s.latency);
    j["servers"] = nlohmann::ordered_json::array();
    for (const ServerResult& server : r.servers)
    {
        uint64_t ok = s.servedBy.count(server.rip) ? s.servedBy.at(server.rip) : 0;
        j["servers"].push_back({{"rip", server.rip},
                                {"weight", server.weight},
                                {"served", ok},
                                {"share", Rounded(s.ok ? double(ok) / s.ok : 0, 4)},
                                {"ipvs_connections", server.connections},
                                {"wait_ms_mean", Rounded(server.meanWaitMs, 3)},
                                {"service_ms_mean", Rounded(server.meanServiceMs, 3)}});
    }
    const WindowSummary& w = r.window;
    j["window"] = {{"start_s", Rounded(w.startS)},
                   {"end_s", Rounded(w.endS)},
                   {"started", w.started},
                   {"failed", w.failed},
                   {"throughput_per_s", Rounded(w.throughputPerS)},
                   {"latency_ms", LatencyJson(w.latency)}};
    j["director"] = {{"connections", r.directorConns},
                     {"in_packets", r.directorInPkts},
                     {"out_packets", r.directorOutPkts},
                     {"in_bytes", r.directorInBytes},
                     {"out_bytes", r.directorOutBytes}};
    const DirectorCpuResult& cpu = r.directorCpu;
    j["director"]["cpu"] =
        cpu.on ? nlohmann::ordered_json{{"model", "on"},
                                        {"cpus", cpu.cpus},
                                        {"window_utilisation", Rounded(cpu.windowUtilisation, 4)},
                                        {"utilisation", Rounded(cpu.utilisation, 4)},
                                        {"max_waiting", cpu.maxWaiting},
                                        {"queue_drops", cpu.queueDrops},
                                        {"processed", cpu.processed}}
               : nlohmann::ordered_json{{"model", "off"}};
    j["network"] = NetworkJson(r.network);
    j["bypassed_director"] = r.bypassedTransactions;
    j["faults"] = FaultsJson(c, r);
    j["health_checks"] = HealthJson(r.health);
    j["keepalived_notes"] = c.keepalivedNotes;
    j["failover"] = FailoverJson(r.failover);
    j["icmp_redirects"] = {{"sent", r.redirectsSent}, {"taken", r.redirectsTaken}};
    j["vip_arp_owner"] = r.vipArpOwner;
    j["vip_arp_learned_from"] = r.vipArpLearnedFrom;
    j["drops"] = r.drops;
    j["simulated_time_s"] = Rounded(r.simulatedS);
    j["simulator_events"] = r.simulatorEvents;
    j["setup_wall_time_s"] = Rounded(r.setupWallS);
    j["wall_time_s"] = Rounded(r.wallS); // last: its presence marks a complete folder
    return j;
}

void
WriteSummaryJson(const std::string& folder,
                 const ScenarioConfig& c,
                 const ScenarioResult& r,
                 const ResultSummary& s)
{
    OpenOutput(folder, "summary.json") << SummaryJson(c, r, s).dump(2) << "\n";
}

/// A CSV field: quoted when it holds a comma or a quote (RFC 4180).
std::string
CsvField(const std::string& text)
{
    if (text.find_first_of(",\"") == std::string::npos)
    {
        return text;
    }
    std::string quoted = "\"";
    for (char ch : text)
    {
        quoted += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    }
    return quoted + "\"";
}

/// What happened when, for timelines: the faults, the health checkers'
/// verdicts and the VRRP state changes, in time order.
void
WriteEvents(const std::string& folder, const ScenarioConfig& c, const ScenarioResult& r)
{
    struct Event
    {
        double atS;
        std::string kind, subject, event, detail;
    };

    std::vector<Event> events;
    for (const Fault& f : c.faults)
    {
        events.push_back({f.atS,
                          "fault",
                          FaultTargetName(f),
                          FaultActionName(f.action),
                          f.action == FaultAction::Slow ? "x" + FormatNumber(f.factor) : ""});
    }
    for (const HealthEvent& e : r.health.events)
    {
        events.push_back({e.atS,
                          "health",
                          "rs-" + std::to_string(e.server + 1),
                          e.up ? "up" : "down",
                          e.director + ": " + e.action});
    }
    for (const MasterChange& m : r.failover.changes)
    {
        events.push_back({m.atS, "vrrp", m.director, m.to, "from " + m.from});
    }
    std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
        return a.atS < b.atS;
    });
    auto out = OpenOutput(folder, "events.csv");
    out << "time_s,kind,subject,event,detail\n";
    for (const Event& e : events)
    {
        out << Fixed(e.atS, 6) << "," << e.kind << "," << e.subject << "," << e.event << ","
            << CsvField(e.detail) << "\n";
    }
}

} // namespace

void
WriteResultFolder(const ScenarioConfig& config, const ScenarioResult& result)
{
    const std::string& folder = config.outputDir;
    MakeFolder(folder);
    WriteSummaryJson(folder, config, result, result.summary);
    WriteServers(folder, result, result.summary);
    WriteConfig(folder, config);
    WriteEvents(folder, config, result);
    OpenOutput(folder, "ipvsadm-Ln.txt") << result.ipvsadmList;
    OpenOutput(folder, "ipvsadm-Ln-stats.txt") << result.ipvsadmStats;
    OpenOutput(folder, "ipvsadm-Sn.txt") << result.ipvsadmRules;
    if (!result.views.empty())
    {
        MakeFolder(folder + "/ipvsadm");
    }
    for (const IpvsadmView& view : result.views)
    {
        std::string at = "ipvsadm/" + Fixed(view.timeS) + "s";
        OpenOutput(folder, at + "-Ln.txt") << view.list;
        OpenOutput(folder, at + "-Ln-stats.txt") << view.stats;
        OpenOutput(folder, at + "-Ln-rate.txt") << view.rates;
        OpenOutput(folder, at + "-Lnc.txt") << view.connections;
        OpenOutput(folder, at + "-Sn.txt") << view.rules;
    }
    OpenOutput(folder, "address-plan.txt") << result.addressPlan;
    OpenOutput(folder, "topology.dot") << result.topologyDot;
    if (!result.walk.empty())
    {
        OpenOutput(folder, "walk.txt") << result.walk;
    }
    if (!result.walkCsv.empty())
    {
        OpenOutput(folder, "walk.csv") << result.walkCsv;
    }
}

namespace
{

/// "LVS-NAT", "LVS-DR", or "mixed forwarding (nat, dr, tun)".
std::string
MethodSummary(const ScenarioConfig& c)
{
    std::set<std::string> methods;
    for (const auto& s : c.workload.servers)
    {
        methods.insert(ipvs::SpellingOf(s.method).label);
    }
    if (methods.size() == 1)
    {
        return "LVS-" + *methods.begin();
    }
    std::string list;
    for (const auto& m : methods)
    {
        list += (list.empty() ? "" : "+") + m;
    }
    return "mixed forwarding (" + list + ")";
}

/// Why "packets out" may be small: ipvsadm counts server-to-client packets
/// as out, and under DR and TUN none of them passes the Director.
std::string
OutPacketsNote(const ScenarioConfig& c)
{
    bool nat = false;
    bool direct = false;
    for (const auto& s : c.workload.servers)
    {
        bool viaDirector = s.method == ipvs::ForwardMethod::Masq;
        nat = nat || viaDirector;
        direct = direct || !viaDirector;
    }
    if (!direct)
    {
        return "";
    }
    return nat ? " (out: replies of NAT servers only; DR and TUN servers answer clients "
                 "directly)"
               : " (out counts replies, as ipvsadm does: under DR and TUN the real servers "
                 "answer the clients directly, not through the Director)";
}

/// Why a real server owns the router's entry for the VIP: the sysctl that
/// would have stopped it.
std::string
HowTheRouterLearned(const ScenarioConfig& c, const ScenarioResult& r)
{
    if (r.vipArpOwner.rfind("rs-", 0) != 0)
    {
        return "";
    }
    if (r.vipArpLearnedFrom == "reply")
    {
        return c.topology.vipAnswersArpOnRealServers
                   ? ", from its ARP reply for the VIP it holds on its LAN interface: see "
                     "--vip-on-real-servers"
                   : ", from its ARP reply for the VIP: see --arp-ignore";
    }
    if (r.vipArpLearnedFrom == "request")
    {
        return ", from its own ARP request sent from the VIP: see --arp-announce";
    }
    return "";
}

/// "  VRRP          director master at the end; 3.1 s director-2 BACKUP -> MASTER"
void
PrintFailoverLines(std::ostream& os, const FailoverResult& f)
{
    os << "  VRRP          " << f.masterAtEnd << " master at the end";
    if (f.sync)
    {
        os << "; sync: director sent " << f.syncEntriesSent[0] << " entries in "
           << f.syncMessagesSent[0] << " messages, director-2 " << f.syncEntriesSent[1] << " in "
           << f.syncMessagesSent[1] << "; applied " << f.syncEntriesApplied[1] << " and "
           << f.syncEntriesApplied[0];
    }
    os << "\n";
    for (const MasterChange& m : f.changes)
    {
        if (m.atS > 0)
        {
            os << "                " << Fixed(m.atS, 2) << " s " << m.director << " " << m.from
               << " -> " << m.to << "\n";
        }
    }
}

/// "  health checks TCP_CHECK: 40 checks, 6 failed; 7.3 s rs-2 down (ipvsadm -d ...)"
void
PrintHealthLines(std::ostream& os, const HealthResult& h)
{
    os << "  health checks " << h.kind << ": " << h.checks << " checks, " << h.failedChecks
       << " failed\n";
    for (const HealthEvent& e : h.events)
    {
        os << "                " << Fixed(e.atS, 1) << " s rs-" << e.server + 1
           << (e.up ? " up: " : " down: ") << e.action
           << (e.director != "director" ? " (" + e.director + ")" : "") << "\n";
    }
}

void
PrintDirectorLine(std::ostream& os, const ScenarioConfig& c, const ScenarioResult& r)
{
    os << "  Director      " << r.directorInPkts << " packets in, " << r.directorOutPkts
       << " packets out" << (r.directorInPkts > 0 ? OutPacketsNote(c) : "");
    if (r.bypassedTransactions > 0)
    {
        os << "; " << r.bypassedTransactions
           << " transactions bypassed it (the router's ARP entry for the VIP names "
           << r.vipArpOwner << HowTheRouterLearned(c, r) << ")";
    }
    if (r.redirectsSent > 0)
    {
        os << "; " << r.redirectsSent << " ICMP redirects sent, " << r.redirectsTaken
           << " taken by real servers (their replies to those clients then skip the Director: "
              "see --send-redirects)";
    }
    os << "\n";
}

} // namespace

void
PrintSummary(std::ostream& os, const ScenarioConfig& c, const ScenarioResult& r)
{
    const ResultSummary& s = r.summary;
    if (c.NoDirector())
    {
        os << "lvs-sim: no Director (a plain router in its place), " << c.workload.servers.size()
           << " real servers reached directly in turn, " << ipvs::ProtocolName(c.protocol)
           << " port " << c.port << ", " << c.topology.clientAddresses << " client addresses\n";
    }
    else if (c.rules.empty())
    {
        size_t vips = c.PlainVips().size();
        os << "lvs-sim: " << c.workload.servers.size() << " real servers, scheduler " << c.scheduler
           << ", " << MethodSummary(c) << ", " << ipvs::ProtocolName(c.protocol) << " port "
           << c.port << (vips > 1 ? " on " + std::to_string(vips) + " VIPs" : "") << ", "
           << c.topology.clientAddresses << " client addresses\n";
    }
    else
    {
        os << "lvs-sim: rules " << c.rulesFile << ", " << c.workload.servers.size()
           << " real servers, " << MethodSummary(c) << ", " << c.workload.targets.size()
           << " client targets, " << c.topology.clientAddresses << " client addresses\n";
        if (c.rulesFromListing)
        {
            os << "  rules         " << ipvs::ListingLimits() << "\n";
        }
        for (const auto& note : c.keepalivedNotes)
        {
            os << "  keepalived    " << note << "\n";
        }
    }
    os << "  transactions  " << s.offered << " offered, " << s.ok << " completed, "
       << s.refused + s.timedOut + s.reset << " failed (" << s.refused << " refused, " << s.timedOut
       << " timed out, " << s.reset << " reset)\n";
    os << "  throughput    " << Fixed(s.throughputPerS, 1) << " transactions/s over "
       << Fixed(s.measuredS, 1) << " s (first request to last response)\n";
    os << "  latency ms    mean " << Fixed(s.latency.mean, 2) << "  p50 " << Fixed(s.latency.p50, 2)
       << "  p95 " << Fixed(s.latency.p95, 2) << "  p99 " << Fixed(s.latency.p99, 2) << "\n";
    const WindowSummary& w = r.window;
    os << "  window        " << Fixed(w.startS, 1) << "-" << Fixed(w.endS, 1)
       << " s: " << Fixed(w.throughputPerS, 1) << " transactions/s completed, " << w.failed
       << " of " << w.started << " failed, latency ms p50 " << Fixed(w.latency.p50, 2) << "  p99 "
       << Fixed(w.latency.p99, 2) << "\n";
    os << "  served by     ";
    for (size_t i = 0; i < r.servers.size(); ++i)
    {
        const std::string& rip = r.servers[i].rip;
        uint64_t ok = s.servedBy.count(rip) ? s.servedBy.at(rip) : 0;
        std::string weight =
            c.NoDirector() ? "" : " (w " + std::to_string(r.servers[i].weight) + ")";
        os << (i ? "                " : "") << rip << weight << "  " << ok << "  "
           << Fixed(s.ok ? 100.0 * ok / s.ok : 0, 1) << "%\n";
    }
    if (!c.faults.empty())
    {
        os << "  faults        ";
        for (size_t i = 0; i < c.faults.size(); ++i)
        {
            os << (i ? ", " : "") << DescribeFault(c.faults[i]);
        }
        os << "\n";
    }
    if (r.health.on)
    {
        PrintHealthLines(os, r.health);
    }
    if (r.failover.on)
    {
        PrintFailoverLines(os, r.failover);
    }
    if (!c.NoDirector())
    {
        PrintDirectorLine(os, c, r);
    }
    if (!r.network.links.empty())
    {
        size_t busiest = BusiestLink(r.network);
        os << "  network       busiest link " << r.network.links[busiest].name << " "
           << Fixed(100 * r.network.utilisation[busiest], 1) << "% busy; " << r.network.queueDrops
           << " packets dropped by link queues, " << r.network.tcpRetransmissions
           << " TCP segments sent again";
        if (r.network.queueDrops > 0 || r.network.tcpRetransmissions > 0)
        {
            os << " (the network shaped this run)";
        }
        os << "\n";
    }
    if (r.directorCpu.on)
    {
        os << "  Director CPU  " << Fixed(100 * r.directorCpu.windowUtilisation, 1)
           << "% busy in the window (" << Fixed(100 * r.directorCpu.utilisation, 1)
           << "% over the run) over " << r.directorCpu.cpus
           << (r.directorCpu.cpus == 1 ? " CPU" : " CPUs") << ", at most "
           << r.directorCpu.maxWaiting << " packets waiting, " << r.directorCpu.queueDrops
           << " dropped (input queue full)\n";
    }
    if (!r.drops.empty())
    {
        os << "  Director drops";
        for (const auto& [reason, count] : r.drops)
        {
            os << "  " << reason << " " << count;
        }
        os << "\n";
    }
    os << "  simulated " << Fixed(r.simulatedS, 1) << " s in " << Fixed(r.wallS, 1)
       << " s of wall time (" << Fixed(r.setupWallS, 1) << " s to set up); results in "
       << c.outputDir << "/\n";
}

} // namespace ns3
