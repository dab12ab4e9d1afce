#include "scenarios/scenario-runner.h"

#include "helper/cluster-monitor.h"
#include "helper/director-failover.h"
#include "helper/health-check-helper.h"
#include "helper/ipvs-director-helper.h"
#include "helper/lvs-workload-helper.h"
#include "helper/packet-capture.h"
#include "helper/packet-walk.h"
#include "model/hosts/icmp-redirect-acceptor.h"
#include "model/ipvs/ipvsadm-listing.h"
#include "model/ipvs/ipvsadm/ipvsadm-rules.h"
#include "scenarios/progress-reporter.h"
#include "scenarios/result-folder.h"
#include "scenarios/result-writer.h"

#include "ns3/boolean.h"
#include "ns3/config.h"
#include "ns3/double.h"
#include "ns3/global-value.h"
#include "ns3/log.h"
#include "ns3/object-factory.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/tcp-socket.h"
#include "ns3/uinteger.h"

#include <chrono>
#include <map>
#include <memory>
#include <sstream>
#include <unistd.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("ScenarioRunner");

namespace
{

/// TCP segment size for every socket (a 1500-byte MTU less headers and
/// the timestamp option), instead of ns-3's 536-byte default.
/// Simulated time after the last expected completion before giving up.
constexpr double kDrainMarginS = 2.0;

/// The ns-3 event queue of --event-scheduler.
ObjectFactory
EventSchedulerFactory(const std::string& name)
{
    static const std::map<std::string, std::string> kTypes = {
        {"heap", "ns3::HeapScheduler"},
        {"map", "ns3::MapScheduler"},
        {"calendar", "ns3::CalendarScheduler"},
        {"priority-queue", "ns3::PriorityQueueScheduler"}};
    ObjectFactory factory;
    factory.SetTypeId(kTypes.at(name));
    return factory;
}

void
SetGlobalDefaults(const ScenarioConfig& c)
{
    RngSeedManager::SetSeed(c.seed);
    RngSeedManager::SetRun(c.run);
    Config::SetDefault("ns3::TcpSocketBase::MaxSegLifetime", DoubleValue(c.tcpMslS));
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(c.tcpSegmentBytes));
    Config::SetDefault("ns3::ArpCache::PendingQueueSize", UintegerValue(c.arpQueuePackets));
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(c.checksums));
    Simulator::SetScheduler(EventSchedulerFactory(c.eventScheduler));
}

LvsTopology
BuildTopology(const ScenarioConfig& c)
{
    LvsTopologyHelper helper(c.topology);
    std::string problem = helper.Validate();
    if (!problem.empty())
    {
        throw ConfigError("address plan: " + problem);
    }
    return helper.Build();
}

/// The service of the classic options, one per VIP, each with every real
/// server.  ipvsadm forces the service port for DR and TUN servers: only
/// NAT maps ports.
void
ConfigureClassicService(const ScenarioConfig& c,
                        const LvsTopology& t,
                        Ptr<IpvsDirector> director,
                        Ipv4Address vip)
{
    ipvs::ServiceConfig service;
    service.protocol = c.protocol;
    service.addr = vip.Get();
    service.port = c.port;
    service.scheduler = c.scheduler;
    service.persistent = c.persistentS > 0;
    service.persistenceTimeoutS =
        c.persistentS > 0 ? c.persistentS : ipvs::kDefaultPersistenceTimeoutS;
    service.netmask = c.persistenceNetmask;
    service.flags = c.schedulerFlags;
    std::vector<ipvs::DestinationConfig> destinations;
    for (size_t i = 0; i < c.workload.servers.size(); ++i)
    {
        const RealServerSpec& server = c.workload.servers[i];
        ipvs::DestinationConfig d;
        d.addr = t.rips[i].Get();
        d.port = c.workload.listens[i].front().port;
        d.weight = server.weight;
        d.method = server.method;
        d.upperThreshold = server.upperThreshold;
        d.lowerThreshold = server.lowerThreshold;
        destinations.push_back(d);
    }
    std::string error = IpvsDirectorHelper::AddService(director, service, destinations);
    if (!error.empty())
    {
        throw ConfigError(error);
    }
}

/// The plain options give a service per VIP.
void
ConfigureClassicServices(const ScenarioConfig& c, const LvsTopology& t, Ptr<IpvsDirector> director)
{
    for (Ipv4Address vip : c.PlainVips())
    {
        ConfigureClassicService(c, t, director, vip);
    }
}

void
ApplyTimedRule(Ptr<IpvsDirector> director, ipvs::IpvsadmCommand command)
{
    // Checked when the rules were read: it cannot fail here.
    ipvs::ApplyIpvsadmCommand(director->GetEngine(), command, Simulator::Now().GetNanoSeconds());
}

/// A Director's services at its start (and after a reboot): the rules
/// file's start state, or the services of the classic options.
void
LoadServices(const ScenarioConfig& c, const LvsTopology& t, Ptr<IpvsDirector> director)
{
    if (c.rules.empty())
    {
        ConfigureClassicServices(c, t, director);
        return;
    }
    try
    {
        ipvs::ApplyInitialRules(director->GetEngine(), c.rules);
    }
    catch (const ipvs::IpvsadmError& e)
    {
        throw ConfigError(c.rulesFile + ": " + e.what());
    }
}

/// The Director's start state: the rules file (its MARK rules too, and its
/// timed changes), or the one service of the classic options.  A backup
/// Director gets the same services and MARK rules (keepalived loads them
/// on both); the timed changes are an operator's on the first Director.
void
ConfigureDirector(const ScenarioConfig& c, const LvsTopology& t)
{
    for (Ptr<IpvsDirector> director : {t.ipvs, t.backupIpvs})
    {
        if (!director)
        {
            continue;
        }
        director->GetEngine().GetSysctls() = c.sysctls;
        for (const FwmarkRule& rule : c.fwmarks)
        {
            director->AddFwmarkRule(rule);
        }
        LoadServices(c, t, director);
    }
    for (const auto& rule : c.rules)
    {
        if (rule.timed)
        {
            Simulator::Schedule(NanoSeconds(rule.at), &ApplyTimedRule, t.ipvs, rule.command);
        }
    }
}

/// Everything a run keeps alive while it runs.
class Run
{
  public:
    Run(const ScenarioConfig& config, const TransactionSink& sink, const SampleSink& samples)
        : m_config(config),
          m_sink(sink),
          m_sampleSink(samples)
    {
    }

    ScenarioResult Execute();

  private:
    void Install();
    void InstallHealthChecks(int64_t stream);
    void InstallFailover();
    /// Counts @p record against the last fault before it started.
    void CountFaultCost(const TransactionRecord& record);
    void OnDirectorFault(const Fault& f);
    void CollectHealth(HealthResult& h) const;
    void Watch();
    void RunUntilDrained();
    bool ClientsDone() const;
    void CheckDrained();
    void Collect(ScenarioResult& result) const;
    std::string Walk() const;
    /// The walk's hops as walk.csv ("" without --walk).
    std::string WalkCsv() const;

    const ScenarioConfig& m_config;
    const TransactionSink& m_sink;
    const SampleSink& m_sampleSink;
    LvsTopology m_topology;
    LvsWorkload m_workload;
    std::unique_ptr<ClusterMonitor> m_monitor;
    PacketCapture m_capture;
    std::shared_ptr<HealthChecks> m_healthChecks;
    std::shared_ptr<HealthChecks> m_backupHealthChecks;
    std::vector<FaultCost> m_faultCosts;
    std::shared_ptr<DirectorFailover> m_failover;
};

ScenarioResult
Run::Execute()
{
    auto wallStart = std::chrono::steady_clock::now();
    SetGlobalDefaults(m_config);
    m_topology = BuildTopology(m_config);
    if (!m_config.NoDirector())
    {
        ConfigureDirector(m_config, m_topology);
        IpvsDirectorHelper::ConfigureCpu(m_topology.ipvs, m_config.directorCpu);
        if (m_topology.backupIpvs)
        {
            IpvsDirectorHelper::ConfigureCpu(m_topology.backupIpvs, m_config.directorCpu);
        }
    }
    Install();
    Watch();
    double setupWallS =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    RunUntilDrained();
    ScenarioResult result;
    Collect(result);
    result.setupWallS = setupWallS;
    result.simulatedS = Simulator::Now().GetSeconds();
    result.simulatorEvents = Simulator::GetEventCount();
    Simulator::Destroy();
    result.wallS =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    return result;
}

/// Random streams in a fixed order: the Director's first, then servers
/// and clients.
void
Run::Install()
{
    int64_t stream = m_topology.ipvs->AssignStreams(0);
    LvsWorkloadConfig config = m_config.workload;
    if (m_config.NoDirector())
    {
        // No VIP to address: the clients take the real servers in turn.
        for (ClientTarget& target : config.targets)
        {
            for (size_t i = 0; i < m_topology.rips.size(); ++i)
            {
                target.directServers.emplace_back(m_topology.rips[i],
                                                  config.listens[i].front().port);
            }
        }
    }
    LvsWorkloadHelper workload(config);
    m_workload = workload.Install(m_topology, stream);
    if (m_config.failover.on)
    {
        InstallFailover();
    }
    ScheduleFaults(m_config.faults, m_topology, m_workload, [this](const Fault& f) {
        OnDirectorFault(f);
    });
    if (m_config.healthChecksOn)
    {
        InstallHealthChecks(stream);
    }
}

void
Run::CountFaultCost(const TransactionRecord& record)
{
    // Faults are in time order (ParseFaults sorts them).
    double start = record.start.GetSeconds();
    size_t i = m_config.faults.size();
    while (i > 0 && m_config.faults[i - 1].atS > start)
    {
        --i;
    }
    if (i == 0)
    {
        return; // before the first fault
    }
    FaultCost& cost = m_faultCosts[i - 1];
    ++cost.started;
    cost.refused += record.outcome == TransactionOutcome::Refused;
    cost.timedOut += record.outcome == TransactionOutcome::TimedOut;
    cost.reset += record.outcome == TransactionOutcome::Reset;
}

/// VRRP between the Directors over every VIP (a /32 when off the VIP
/// network) and the DIP.
void
Run::InstallFailover()
{
    const LvsTopologyConfig& t = m_config.topology;
    std::vector<Ipv4Address> vips{t.vip};
    for (Ipv4Address vip : t.extraVips)
    {
        if (std::find(vips.begin(), vips.end(), vip) == vips.end())
        {
            vips.push_back(vip);
        }
    }
    std::vector<Ipv4Mask> masks;
    for (Ipv4Address vip : vips)
    {
        bool onNetwork = vip.CombineMask(t.vipMask) == t.vipNetwork.CombineMask(t.vipMask);
        masks.push_back(onNetwork ? t.vipMask : Ipv4Mask("255.255.255.255"));
    }
    m_failover =
        DirectorFailoverHelper::Install(m_topology, m_config.failover, vips, masks, t.ripMask);
}

/// A Director's crash stops its keepalived (VRRP and checkers); its
/// recovery is a reboot: an empty connection table, the start rules
/// loaded again, keepalived started afresh.
void
Run::OnDirectorFault(const Fault& f)
{
    bool first = f.index == 0;
    Ptr<IpvsDirector> director = first ? m_topology.ipvs : m_topology.backupIpvs;
    std::shared_ptr<HealthChecks> checks = first ? m_healthChecks : m_backupHealthChecks;
    Ptr<VrrpInstance> vrrp = m_failover ? m_failover->GetInstance(f.index) : nullptr;
    if (f.action == FaultAction::Crash)
    {
        if (vrrp)
        {
            vrrp->Crash();
        }
        if (checks)
        {
            checks->Crash();
        }
        return;
    }
    director->GetEngine().Clear();
    LoadServices(m_config, m_topology, director);
    if (checks)
    {
        checks->Restart();
    }
    if (vrrp)
    {
        vrrp->Restart();
    }
}

/// "TCP_CHECK", "HTTP_GET", both, or "none" (a keepalived.conf without
/// checkers).
std::string
CheckKinds(const ScenarioConfig& c)
{
    if (!c.rulesFromKeepalived)
    {
        return keepalived::CheckKindName(c.healthChecks.kind);
    }
    std::vector<std::string> kinds;
    for (const auto& vs : c.keepalivedPlans)
    {
        for (const auto& rs : vs.servers)
        {
            std::string kind = rs.check ? keepalived::CheckKindName(rs.check->kind) : "";
            if (!kind.empty() && std::find(kinds.begin(), kinds.end(), kind) == kinds.end())
            {
                kinds.push_back(kind);
            }
        }
    }
    std::string text;
    for (const auto& k : kinds)
    {
        text += (text.empty() ? "" : ", ") + k;
    }
    return text.empty() ? "none" : text;
}

/// keepalived on the Director; its streams come far after every other one,
/// so that turning checks on leaves the clients' and servers' draws alone.
constexpr int64_t kHealthCheckStreamBase = 1000000;

void
Run::InstallHealthChecks(int64_t stream)
{
    std::vector<uint16_t> ports;
    for (const auto& listens : m_config.workload.listens)
    {
        auto tcp = std::find_if(listens.begin(), listens.end(), [](const ListenPort& l) {
            return l.protocol == ipvs::Protocol::Tcp;
        });
        ports.push_back(tcp != listens.end() ? tcp->port : m_config.realPort);
    }
    auto plans =
        m_config.rulesFromKeepalived
            ? m_config.keepalivedPlans
            : HealthCheckHelper::PlansFor(m_topology.ipvs->GetEngine(), m_config.healthChecks);
    m_healthChecks = HealthCheckHelper().Install(m_topology.director,
                                                 m_topology.ipvs,
                                                 plans,
                                                 m_topology.rips,
                                                 ports,
                                                 stream + kHealthCheckStreamBase);
    if (m_topology.backupDirector)
    {
        // keepalived runs on both Directors, each checking for itself.
        m_backupHealthChecks = HealthCheckHelper().Install(m_topology.backupDirector,
                                                           m_topology.backupIpvs,
                                                           plans,
                                                           m_topology.rips,
                                                           ports,
                                                           stream + 2 * kHealthCheckStreamBase,
                                                           "director-2");
    }
}

void
Run::CollectHealth(HealthResult& h) const
{
    h.on = true;
    h.kind = CheckKinds(m_config);
    h.checks = m_healthChecks->GetChecks();
    h.failedChecks = m_healthChecks->GetFailedChecks();
    h.events = m_healthChecks->GetEvents();
    if (m_backupHealthChecks)
    {
        const auto& more = m_backupHealthChecks->GetEvents();
        h.events.insert(h.events.end(), more.begin(), more.end());
        std::stable_sort(h.events.begin(),
                         h.events.end(),
                         [](const HealthEvent& a, const HealthEvent& b) { return a.atS < b.atS; });
        h.checks += m_backupHealthChecks->GetChecks();
        h.failedChecks += m_backupHealthChecks->GetFailedChecks();
    }
    for (const Fault& f : m_config.faults)
    {
        double at = -1;
        if (!f.OnRealServer())
        {
            // A Director's fault: not a checker's business.
        }
        else if (f.action == FaultAction::Crash || f.action == FaultAction::Down)
        {
            at = m_healthChecks->FirstDownAfter(f.index, f.atS);
        }
        else if (f.action == FaultAction::Recover || f.action == FaultAction::Up)
        {
            at = m_healthChecks->FirstUpAfter(f.index, f.atS);
        }
        h.faultVerdictAfterS.push_back(at < 0 ? -1 : at - f.atS);
    }
}

void
Run::Watch()
{
    m_monitor = std::make_unique<ClusterMonitor>(m_topology, m_workload);
    m_monitor->Start(Seconds(m_config.sampleIntervalS), m_config.listingTimesS);
    m_monitor->WatchWindow(Seconds(m_config.warmupS), Seconds(m_config.workload.durationS));
    m_faultCosts.assign(m_config.faults.size(), {});
    if (m_sink || !m_config.faults.empty())
    {
        m_monitor->SetTransactionSink([this](const TransactionRecord& record) {
            CountFaultCost(record);
            if (m_sink)
            {
                m_sink(record);
            }
        });
    }
    if (m_sampleSink)
    {
        m_monitor->SetSampleSink(m_sampleSink);
    }
    if (m_config.walkTransaction > 0)
    {
        m_monitor->KeepTransaction(m_topology.clients.Get(0)->GetId(), m_config.walkTransaction);
        for (const CapturePoint& point : m_topology.capturePoints)
        {
            m_capture.Attach(point.device, point.network);
        }
    }
    if (m_config.pcap)
    {
        MakeFolder(m_config.outputDir + "/pcap");
        LvsTopologyHelper::EnablePcap(m_config.outputDir + "/pcap", m_topology);
    }
}

void
Run::RunUntilDrained()
{
    Simulator::Schedule(MilliSeconds(100), &Run::CheckDrained, this);
    const LvsWorkloadConfig& w = m_config.workload;
    Time end = Seconds(w.durationS + w.transactionTimeoutS + kDrainMarginS);
    Simulator::Stop(end);
    bool showProgress = m_config.progress == "on" || (m_config.progress == "auto" && isatty(2));
    ProgressReporter progress(end, w.transactions, [this] { return m_monitor->FinishedCount(); });
    if (showProgress)
    {
        progress.Start();
    }
    Simulator::Run();
    progress.Finish();
}

bool
Run::ClientsDone() const
{
    const LvsWorkloadConfig& w = m_config.workload;
    uint64_t started = m_workload.Started();
    bool arrivalsOver = Simulator::Now().GetSeconds() >= w.durationS ||
                        (w.transactions > 0 && started >= w.transactions);
    return arrivalsOver && m_monitor->FinishedCount() == started;
}

void
Run::CheckDrained()
{
    if (ClientsDone())
    {
        // Take a last sample and let the final FIN/ACKs pass.
        m_monitor->SampleNow();
        Simulator::Stop(MilliSeconds(1));
        return;
    }
    Simulator::Schedule(MilliSeconds(100), &Run::CheckDrained, this);
}

void
Run::Collect(ScenarioResult& r) const
{
    r.summary = m_monitor->GetSummary().Run();
    r.window = m_monitor->GetSummary().Window();
    r.views = m_monitor->GetViews();
    const ipvs::IpvsEngine& engine = m_topology.ipvs->GetEngine();
    r.ipvsadmList = ipvs::FormatServiceList(engine);
    r.ipvsadmStats = ipvs::FormatServiceStats(engine);
    r.ipvsadmRules = ipvs::FormatRules(engine);
    std::ostringstream plan;
    m_topology.plan.Print(plan);
    r.addressPlan = plan.str();
    std::ostringstream dot;
    m_topology.plan.WriteDot(dot);
    r.topologyDot = dot.str();
    r.drops = m_topology.ipvs->GetDropCounts();
    // Without a Director every transaction "bypasses" it: nothing to report.
    r.bypassedTransactions = !m_config.NoDirector() ? m_monitor->CountBypassed() : 0;
    r.vipArpOwner = m_monitor->VipArpOwner();
    r.vipArpLearnedFrom = m_monitor->VipArpLearnedFrom();
    r.redirectsSent = m_topology.ipvs->GetRedirectsSent();
    for (uint32_t i = 0; i < m_topology.realServers.GetN(); ++i)
    {
        auto acceptor = m_topology.realServers.Get(i)->GetObject<IcmpRedirectAcceptor>();
        r.redirectsTaken += acceptor ? acceptor->GetTakenCount() : 0;
    }
    r.walk = Walk();
    r.walkCsv = WalkCsv();
    if (m_healthChecks)
    {
        CollectHealth(r.health);
    }
    r.faultCosts = m_faultCosts;
    if (m_failover)
    {
        r.failover.on = true;
        r.failover.changes = m_failover->GetChanges();
        r.failover.masterAtEnd = m_failover->MasterNow();
        for (uint32_t d = 0; d < 2; ++d)
        {
            if (Ptr<IpvsSyncDaemon> daemon = m_failover->GetSyncDaemon(d))
            {
                r.failover.sync = true;
                r.failover.syncMessagesSent[d] = daemon->GetMessagesSent();
                r.failover.syncEntriesSent[d] = daemon->GetEntriesSent();
                r.failover.syncEntriesApplied[d] = daemon->GetEntriesApplied();
            }
        }
    }
    const ipvs::IpvsStats& total = engine.GetTotalStats();
    r.directorConns = total.conns;
    r.directorInPkts = total.inPkts;
    r.directorOutPkts = total.outPkts;
    r.directorInBytes = total.inBytes;
    r.directorOutBytes = total.outBytes;
    Ptr<DirectorCpu> cpu = m_topology.ipvs->GetCpu();
    r.directorCpu.on = !cpu->IsOff();
    r.directorCpu.cpus = cpu->GetCpus();
    double elapsed = Simulator::Now().GetSeconds() * cpu->GetCpus();
    r.directorCpu.utilisation = elapsed > 0 ? cpu->GetBusyTime().GetSeconds() / elapsed : 0;
    r.directorCpu.windowUtilisation = m_monitor->DirectorWindowUtilisation();
    r.directorCpu.maxWaiting = cpu->GetMaxWaiting();
    r.directorCpu.queueDrops = m_topology.ipvs->GetDropCount(ipvs::DropReason::CpuQueueFull);
    r.directorCpu.processed = cpu->GetProcessed();
    const LinkMonitor& links = m_monitor->GetLinks();
    r.network.tcpRetransmissions = m_workload.TcpRetransmissions();
    r.network.queueDrops = links.GetQueueDrops();
    r.network.links = links.GetLinks();
    for (size_t i = 0; i < r.network.links.size(); ++i)
    {
        r.network.utilisation.push_back(links.UtilisationSoFar(i));
    }
    for (size_t i = 0; i < m_workload.servers.size(); ++i)
    {
        const RealServerSpec& spec = m_config.workload.servers[i];
        std::ostringstream rip;
        rip << m_topology.rips[i];
        auto [waitS, serviceS] = m_workload.MeanWaitAndService(i);
        r.servers.push_back(ServerResult{rip.str(),
                                         spec.weight,
                                         spec.workers,
                                         spec.serviceTimeMs.text,
                                         m_monitor->TotalsOf(m_topology.rips[i]).conns,
                                         m_workload.Served(i),
                                         1e3 * waitS,
                                         1e3 * serviceS});
    }
}

std::string
Run::Walk() const
{
    if (m_config.walkTransaction == 0)
    {
        return "";
    }
    if (const auto& kept = m_monitor->GetKeptTransaction())
    {
        const TransactionRecord& t = *kept;
        std::ostringstream head;
        head << "Walk of transaction " << t.id << " of client-0: " << t.cip << ":" << t.cport
             << " -> " << t.vip << ":" << t.vport << ", " << TransactionOutcomeName(t.outcome);
        if (t.outcome == TransactionOutcome::Ok)
        {
            head << ", served by " << t.server;
        }
        WalkLabels labels = MakeWalkLabels(m_topology);
        const auto& packets = m_capture.GetPackets();
        return head.str() + "\n" +
               (m_config.walkAllPackets ? DescribeConversation(packets, labels, t.cip, t.cport)
                                        : DescribeWalk(packets, labels, t.cip, t.cport));
    }
    return "Walk: client-0 has no transaction " + std::to_string(m_config.walkTransaction) + "\n";
}

std::string
Run::WalkCsv() const
{
    const auto& kept = m_monitor->GetKeptTransaction();
    if (m_config.walkTransaction == 0 || !kept)
    {
        return "";
    }
    WalkLabels labels = MakeWalkLabels(m_topology);
    std::ostringstream csv;
    WriteWalkCsv(
        csv,
        WalkHops(m_capture.GetPackets(), labels, kept->cip, kept->cport, m_config.walkAllPackets),
        labels);
    return csv.str();
}

} // namespace

std::string
DescribeAddressPlan(const ScenarioConfig& config)
{
    SetGlobalDefaults(config);
    LvsTopology topology = BuildTopology(config);
    std::ostringstream os;
    topology.plan.Print(os);
    Simulator::Destroy();
    return os.str();
}

ScenarioResult
RunScenario(const ScenarioConfig& config, const TransactionSink& sink, const SampleSink& samples)
{
    Run run(config, sink, samples);
    return run.Execute();
}

} // namespace ns3
