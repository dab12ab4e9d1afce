#include "scenarios/scenario-runner.h"

#include "helper/lvs-app-helper.h"
#include "helper/packet-capture.h"
#include "helper/packet-walk.h"
#include "model/apps/lvs-client.h"
#include "model/apps/lvs-real-server.h"
#include "model/ipvs-director.h"
#include "model/ipvs/ipvsadm-listing.h"
#include "model/ipvs/ipvsadm/ipvsadm-rules.h"
#include "scenarios/progress-reporter.h"
#include "scenarios/result-writer.h"

#include "ns3/arp-cache.h"
#include "ns3/boolean.h"
#include "ns3/config.h"
#include "ns3/csma-helper.h"
#include "ns3/double.h"
#include "ns3/global-value.h"
#include "ns3/ipv4-interface.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/log.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/pointer.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/tcp-socket.h"
#include "ns3/uinteger.h"

#include <chrono>
#include <set>
#include <sstream>
#include <unistd.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("ScenarioRunner");

namespace
{

/// TCP segment size for every socket (a 1500-byte MTU less headers and
/// the timestamp option), instead of ns-3's 536-byte default.
constexpr uint32_t kTcpSegmentBytes = 1448;
/// Simulated time after the last expected completion before giving up.
constexpr double kDrainMarginS = 2.0;

/// Splits @p total over parts in proportion to @p weights (largest
/// remainder goes first, so the parts add up to the total).
std::vector<uint64_t>
Apportion(uint64_t total, const std::vector<uint64_t>& weights)
{
    uint64_t sum = 0;
    for (uint64_t w : weights)
    {
        sum += w;
    }
    std::vector<uint64_t> parts;
    uint64_t given = 0;
    for (uint64_t w : weights)
    {
        parts.push_back(total * w / sum);
        given += parts.back();
    }
    for (size_t i = 0; given < total; i = (i + 1) % parts.size(), ++given)
    {
        ++parts[i];
    }
    return parts;
}

void
SetGlobalDefaults(const ScenarioConfig& c)
{
    RngSeedManager::SetSeed(c.seed);
    RngSeedManager::SetRun(c.run);
    Config::SetDefault("ns3::TcpSocketBase::MaxSegLifetime", DoubleValue(c.tcpMslS));
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(kTcpSegmentBytes));
    Config::SetDefault("ns3::ArpCache::PendingQueueSize", UintegerValue(c.arpQueuePackets));
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(c.checksums));
}

/// ipvsadm forces the service port for DR and TUN servers: only NAT maps
/// ports.
void
ConfigureClassicService(const ScenarioConfig& c, const LvsTopology& t)
{
    ipvs::ServiceConfig service;
    service.protocol = c.protocol;
    service.addr = t.vip.Get();
    service.port = c.port;
    service.scheduler = c.scheduler;
    service.persistent = c.persistentS > 0;
    service.persistenceTimeoutS =
        c.persistentS > 0 ? c.persistentS : ipvs::kDefaultPersistenceTimeoutS;
    service.netmask = c.persistenceNetmask;
    service.flags = c.schedulerFlags;
    std::string error;
    ipvs::Service* s = t.ipvs->GetEngine().AddService(service, &error);
    if (!s)
    {
        throw ConfigError("scheduler: " + error);
    }
    // ipvsadm -a in server order: the kernel's list ends up newest first.
    for (size_t i = 0; i < c.servers.size(); ++i)
    {
        ipvs::DestinationConfig d;
        d.addr = t.rips[i].Get();
        d.port = c.listens[i].front().port;
        d.weight = c.servers[i].weight;
        d.method = c.servers[i].method;
        d.upperThreshold = c.servers[i].upperThreshold;
        d.lowerThreshold = c.servers[i].lowerThreshold;
        ipvs::ConfigStatus status = s->AddDestination(d);
        if (status != ipvs::ConfigStatus::Ok)
        {
            throw ConfigError("server " + std::to_string(i + 1) + ": " +
                              ipvs::ConfigStatusMessage(status));
        }
    }
}

/// The Director's start state: the rules file (its MARK rules too), or the
/// one service of the classic options.
void
ConfigureDirector(const ScenarioConfig& c, const LvsTopology& t)
{
    for (const FwmarkRule& rule : c.fwmarks)
    {
        t.ipvs->AddFwmarkRule(rule);
    }
    if (c.rules.empty())
    {
        ConfigureClassicService(c, t);
        return;
    }
    try
    {
        ipvs::ApplyInitialRules(t.ipvs->GetEngine(), c.rules);
    }
    catch (const ipvs::IpvsadmError& e)
    {
        throw ConfigError(c.rulesFile + ": " + e.what());
    }
}

void
ApplyTimedRule(Ptr<IpvsDirector> director, ipvs::IpvsadmCommand command)
{
    // Checked when the rules were read: it cannot fail here.
    ipvs::ApplyIpvsadmCommand(director->GetEngine(), command, Simulator::Now().GetNanoSeconds());
}

/// Everything a run keeps alive and collects while it runs.
class Run
{
  public:
    explicit Run(const ScenarioConfig& config)
        : m_config(config)
    {
    }

    ScenarioResult Execute();

  private:
    void InstallServers();
    void InstallClients();

    void Record(const TransactionRecord& record)
    {
        m_transactions.push_back(record);
    }

    void RecordScheduled(const ipvs::ForwardTarget& entry)
    {
        m_scheduledClients.insert({entry.caddr, entry.cport});
    }

    void StartCaptures();
    void EnablePcap() const;
    WalkLabels MakeWalkLabels() const;
    std::string VipArpOwner() const;
    uint64_t CountBypassed() const;
    void Sample();
    void SaveIpvsadmViews();

    /// What the Director counts for one RIP, over every service.
    struct DestinationTotals
    {
        uint64_t active = 0;
        uint64_t inactive = 0;
        uint64_t conns = 0;
    };

    DestinationTotals TotalsOf(Ipv4Address rip) const;
    uint64_t Served(size_t server) const;
    uint32_t Queued(size_t server) const;
    void CheckDrained();
    uint64_t Finished() const;
    bool ClientsDone() const;
    void Collect(ScenarioResult& result) const;
    std::string Walk() const;

    const ScenarioConfig& m_config;
    LvsTopology m_topology;
    /// Per real server (RIP), its applications (one per port).
    std::vector<std::vector<Ptr<LvsRealServer>>> m_servers;
    std::vector<IpvsadmView> m_views;
    std::vector<Ptr<LvsClient>> m_clients;
    std::vector<TransactionRecord> m_transactions;
    std::vector<ServerSample> m_samples;
    std::set<std::pair<ipvs::Addr, ipvs::Port>> m_scheduledClients;
    PacketCapture m_capture;
    int64_t m_nextStream = 0;
};

void
Run::InstallServers()
{
    for (size_t i = 0; i < m_config.servers.size(); ++i)
    {
        const RealServerSpec& spec = m_config.servers[i];
        m_servers.emplace_back();
        for (const ListenPort& listen : m_config.listens[i])
        {
            LvsRealServerHelper helper;
            helper.SetAttribute("Udp", BooleanValue(listen.protocol == ipvs::Protocol::Udp));
            helper.SetAttribute("Port", UintegerValue(listen.port));
            helper.SetAttribute("Workers", UintegerValue(spec.workers));
            helper.SetAttribute("ServerAddress", Ipv4AddressValue(m_topology.rips[i]));
            helper.SetAttribute("ServiceTime",
                                PointerValue(MakeRandomVariable(spec.serviceTimeMs, 1e-3)));
            ApplicationContainer apps = helper.Install(m_topology.realServers.Get(i));
            Ptr<LvsRealServer> server = DynamicCast<LvsRealServer>(apps.Get(0));
            m_nextStream += server->AssignStreams(m_nextStream);
            m_servers.back().push_back(server);
        }
    }
}

void
Run::InstallClients()
{
    // One client application per client node and target, each with its
    // share: the node's share of the CIPs times the target's share.
    double targetShares = 0;
    for (const auto& t : m_config.targets)
    {
        targetShares += t.share;
    }
    uint64_t totalCips = m_config.topology.clientAddresses;
    std::vector<uint64_t> weights;
    for (const auto& cips : m_topology.clientAddresses)
    {
        for (const auto& t : m_config.targets)
        {
            weights.push_back(uint64_t(cips.size() * t.share * 1000));
        }
    }
    auto users = Apportion(m_config.users, weights);
    auto transactions = Apportion(m_config.transactions, weights);
    size_t index = 0;
    for (size_t k = 0; k < m_topology.clientAddresses.size(); ++k)
    {
        for (const auto& target : m_config.targets)
        {
            double share = double(m_topology.clientAddresses[k].size()) / totalCips * target.share /
                           targetShares;
            LvsClientHelper helper;
            helper.SetAttribute("RemoteAddress", Ipv4AddressValue(target.vip));
            helper.SetAttribute("RemotePort", UintegerValue(target.port));
            helper.SetAttribute("Udp", BooleanValue(target.protocol == ipvs::Protocol::Udp));
            helper.SetAttribute("ClosedLoop", BooleanValue(m_config.closedLoop));
            helper.SetAttribute("ArrivalRate", DoubleValue(m_config.arrivalRatePerS * share));
            helper.SetAttribute("Users", UintegerValue(users[index]));
            helper.SetAttribute("RequestsPerConnection",
                                UintegerValue(m_config.requestsPerConnection));
            // A limit of 0 means "none"; an application whose share rounds
            // to 0 gets none.
            bool limited = m_config.transactions > 0;
            helper.SetAttribute("MaxTransactions",
                                UintegerValue(limited ? transactions[index] : 0));
            helper.SetAttribute("TransactionTimeout",
                                TimeValue(Seconds(m_config.transactionTimeoutS)));
            helper.SetAttribute("ThinkTime",
                                PointerValue(MakeRandomVariable(m_config.thinkTimeMs, 1e-3)));
            helper.SetAttribute("RequestSize",
                                PointerValue(MakeRandomVariable(m_config.requestBytes, 1)));
            helper.SetAttribute("ResponseSize",
                                PointerValue(MakeRandomVariable(m_config.responseBytes, 1)));
            ApplicationContainer apps = helper.Install(m_topology.clients.Get(k));
            Ptr<LvsClient> client = DynamicCast<LvsClient>(apps.Get(0));
            client->SetLocalAddresses(m_topology.clientAddresses[k]);
            m_nextStream += client->AssignStreams(m_nextStream);
            client->TraceConnectWithoutContext("Transaction", MakeCallback(&Run::Record, this));
            apps.Stop(Seconds(limited && transactions[index] == 0 ? 0 : m_config.durationS));
            apps.Start(Seconds(0));
            m_clients.push_back(client);
            ++index;
        }
    }
}

Run::DestinationTotals
Run::TotalsOf(Ipv4Address rip) const
{
    DestinationTotals totals;
    for (const auto& service : m_topology.ipvs->GetEngine().GetServices())
    {
        for (const auto& d : service->GetDestinations())
        {
            if (d->GetAddr() == rip.Get())
            {
                totals.active += d->GetActiveConns();
                totals.inactive += d->GetInactiveConns();
                totals.conns += d->Stats().conns;
            }
        }
    }
    return totals;
}

uint64_t
Run::Served(size_t server) const
{
    uint64_t served = 0;
    for (const auto& app : m_servers[server])
    {
        served += app->GetServedCount();
    }
    return served;
}

uint32_t
Run::Queued(size_t server) const
{
    uint32_t queued = 0;
    for (const auto& app : m_servers[server])
    {
        queued += app->GetQueueLength();
    }
    return queued;
}

void
Run::Sample()
{
    double now = Simulator::Now().GetSeconds();
    for (size_t i = 0; i < m_servers.size(); ++i)
    {
        auto totals = TotalsOf(m_topology.rips[i]);
        std::ostringstream rip;
        rip << m_topology.rips[i];
        m_samples.push_back(ServerSample{now,
                                         uint32_t(i + 1),
                                         rip.str(),
                                         uint32_t(totals.active),
                                         uint32_t(totals.inactive),
                                         totals.conns,
                                         Served(i),
                                         Queued(i)});
    }
    Simulator::Schedule(Seconds(m_config.sampleIntervalS), &Run::Sample, this);
}

void
Run::SaveIpvsadmViews()
{
    const ipvs::IpvsEngine& engine = m_topology.ipvs->GetEngine();
    ipvs::Time now = Simulator::Now().GetNanoSeconds();
    m_views.push_back(IpvsadmView{Simulator::Now().GetSeconds(),
                                  ipvs::FormatServiceList(engine),
                                  ipvs::FormatServiceStats(engine),
                                  ipvs::FormatServiceRates(engine),
                                  ipvs::FormatConnectionList(engine, now),
                                  ipvs::FormatRules(engine)});
}

uint64_t
Run::Finished() const
{
    return m_transactions.size();
}

bool
Run::ClientsDone() const
{
    bool arrivalsOver = Simulator::Now().GetSeconds() >= m_config.durationS;
    uint64_t started = 0;
    for (const auto& c : m_clients)
    {
        started += c->GetStartedCount();
    }
    if (m_config.transactions > 0 && started >= m_config.transactions)
    {
        arrivalsOver = true;
    }
    return arrivalsOver && Finished() == started;
}

void
Run::CheckDrained()
{
    if (ClientsDone())
    {
        // Take a last sample and let the final FIN/ACKs pass.
        Sample();
        Simulator::Stop(MilliSeconds(1));
        return;
    }
    Simulator::Schedule(MilliSeconds(100), &Run::CheckDrained, this);
}

ScenarioResult
Run::Execute()
{
    auto wallStart = std::chrono::steady_clock::now();
    SetGlobalDefaults(m_config);
    LvsTopologyHelper topologyHelper(m_config.topology);
    std::string problem = topologyHelper.Validate();
    if (!problem.empty())
    {
        throw ConfigError("address plan: " + problem);
    }
    m_topology = topologyHelper.Build();
    ConfigureDirector(m_config, m_topology);
    for (const auto& rule : m_config.rules)
    {
        if (rule.timed)
        {
            Simulator::Schedule(NanoSeconds(rule.at),
                                &ApplyTimedRule,
                                m_topology.ipvs,
                                rule.command);
        }
    }
    for (double t : m_config.listingTimesS)
    {
        Simulator::Schedule(Seconds(t), &Run::SaveIpvsadmViews, this);
    }
    m_nextStream += m_topology.ipvs->AssignStreams(m_nextStream);
    InstallServers();
    InstallClients();
    m_topology.ipvs->TraceConnectWithoutContext("NewConnection",
                                                MakeCallback(&Run::RecordScheduled, this));
    if (m_config.walkTransaction > 0)
    {
        StartCaptures();
    }
    if (m_config.pcap)
    {
        EnablePcap();
    }

    Simulator::Schedule(Seconds(0), &Run::Sample, this);
    Simulator::Schedule(MilliSeconds(100), &Run::CheckDrained, this);
    Time end = Seconds(m_config.durationS + m_config.transactionTimeoutS + kDrainMarginS);
    Simulator::Stop(end);
    bool showProgress = m_config.progress == "on" || (m_config.progress == "auto" && isatty(2));
    ProgressReporter progress(end, m_config.transactions, [this] { return Finished(); });
    if (showProgress)
    {
        progress.Start();
    }
    Simulator::Run();
    progress.Finish();

    ScenarioResult result;
    Collect(result);
    result.simulatedS = Simulator::Now().GetSeconds();
    Simulator::Destroy();
    result.wallS =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    return result;
}

void
Run::Collect(ScenarioResult& r) const
{
    r.transactions = m_transactions;
    r.samples = m_samples;
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
    r.bypassedTransactions = CountBypassed();
    r.vipArpOwner = VipArpOwner();
    r.walk = Walk();
    const ipvs::IpvsStats& total = engine.GetTotalStats();
    r.directorConns = total.conns;
    r.directorInPkts = total.inPkts;
    r.directorOutPkts = total.outPkts;
    r.directorInBytes = total.inBytes;
    r.directorOutBytes = total.outBytes;
    for (size_t i = 0; i < m_servers.size(); ++i)
    {
        auto totals = TotalsOf(m_topology.rips[i]);
        std::ostringstream rip;
        rip << m_topology.rips[i];
        r.servers.push_back(ServerResult{rip.str(),
                                         m_config.servers[i].weight,
                                         m_config.servers[i].workers,
                                         m_config.servers[i].serviceTimeMs.text,
                                         totals.conns,
                                         Served(i)});
    }
    r.views = m_views;
}

void
Run::StartCaptures()
{
    // One observation point per network: a CSMA device sees every frame of
    // its segment, a point-to-point device its link.
    for (uint32_t k = 0; k < m_topology.clients.GetN(); ++k)
    {
        m_capture.Attach(m_topology.clientLinkDevices.Get(2 * k + 1),
                         "client-" + std::to_string(k) + " link");
    }
    for (uint32_t i = 0; i + 1 < m_topology.remoteLinkDevices.GetN(); i += 2)
    {
        m_capture.Attach(m_topology.remoteLinkDevices.Get(i + 1),
                         "rs-" + std::to_string(i / 2 + 1) + " WAN link");
    }
    bool ripLan = m_topology.ripNetworkDevices.GetN() > 0;
    bool oneLan = !ripLan && m_topology.remoteLinkDevices.GetN() == 0;
    m_capture.Attach(m_topology.vipNetworkDevices.Get(0), oneLan ? "LAN" : "VIP network");
    if (ripLan)
    {
        m_capture.Attach(m_topology.ripNetworkDevices.Get(0), "D/RIP network");
    }
}

void
Run::EnablePcap() const
{
    std::string prefix = m_config.outputDir + "/pcap/lvs";
    MakeFolder(m_config.outputDir + "/pcap");
    CsmaHelper csma;
    csma.EnablePcap(prefix, m_topology.vipNetworkDevices, false);
    if (m_topology.ripNetworkDevices.GetN() > 0)
    {
        csma.EnablePcap(prefix, m_topology.ripNetworkDevices, false);
    }
    PointToPointHelper p2p;
    p2p.EnablePcap(prefix, m_topology.clientLinkDevices, false);
    if (m_topology.remoteLinkDevices.GetN() > 0)
    {
        p2p.EnablePcap(prefix, m_topology.remoteLinkDevices, false);
    }
}

WalkLabels
Run::MakeWalkLabels() const
{
    WalkLabels labels;
    labels.addressRoles[m_topology.vip] = "VIP";
    labels.addressRoles[m_topology.dip] = "DIP";
    for (size_t i = 0; i < m_topology.rips.size(); ++i)
    {
        labels.addressRoles[m_topology.rips[i]] = "RIP rs-" + std::to_string(i + 1);
    }
    labels.addressRoles[m_config.topology.routerVipAddress] = "router";
    labels.addressRoles[m_config.topology.routerRipAddress] = "router";
    auto name = [&](Ptr<Node> node) -> std::string {
        if (node == m_topology.router)
        {
            return "router";
        }
        if (node == m_topology.director)
        {
            return "director";
        }
        for (uint32_t i = 0; i < m_topology.realServers.GetN(); ++i)
        {
            if (node == m_topology.realServers.Get(i))
            {
                return "rs-" + std::to_string(i + 1);
            }
        }
        return "node " + std::to_string(node->GetId());
    };
    for (const auto& devices : {m_topology.vipNetworkDevices, m_topology.ripNetworkDevices})
    {
        for (uint32_t i = 0; i < devices.GetN(); ++i)
        {
            labels.macOwners[Mac48Address::ConvertFrom(devices.Get(i)->GetAddress())] =
                name(devices.Get(i)->GetNode());
        }
    }
    return labels;
}

std::string
Run::Walk() const
{
    if (m_config.walkTransaction == 0)
    {
        return "";
    }
    for (const auto& t : m_transactions)
    {
        if (t.id != m_config.walkTransaction || t.clientNode != m_topology.clients.Get(0)->GetId())
        {
            continue;
        }
        std::ostringstream head;
        head << "Walk of transaction " << t.id << " of client-0: " << t.cip << ":" << t.cport
             << " -> " << m_topology.vip << ":" << m_config.port << ", "
             << TransactionOutcomeName(t.outcome);
        if (t.outcome == TransactionOutcome::Ok)
        {
            head << ", served by " << t.server;
        }
        return head.str() + "\n" +
               DescribeWalk(m_capture.GetPackets(), MakeWalkLabels(), t.cip, t.cport);
    }
    return "Walk: client-0 has no transaction " + std::to_string(m_config.walkTransaction) + "\n";
}

uint64_t
Run::CountBypassed() const
{
    uint64_t bypassed = 0;
    for (const auto& t : m_transactions)
    {
        bool seen = m_scheduledClients.count({t.cip.Get(), t.cport}) > 0;
        bypassed += t.outcome == TransactionOutcome::Ok && !seen;
    }
    return bypassed;
}

std::string
Run::VipArpOwner() const
{
    Ptr<NetDevice> routerLan = m_topology.vipNetworkDevices.Get(0);
    Ptr<Ipv4L3Protocol> ipv4 = m_topology.router->GetObject<Ipv4L3Protocol>();
    Ptr<Ipv4Interface> iface = ipv4->GetInterface(ipv4->GetInterfaceForDevice(routerLan));
    ArpCache::Entry* entry =
        iface->GetArpCache() ? iface->GetArpCache()->Lookup(m_topology.vip) : nullptr;
    if (!entry || !entry->IsAlive())
    {
        return "none";
    }
    Mac48Address mac = Mac48Address::ConvertFrom(entry->GetMacAddress());
    auto labels = MakeWalkLabels();
    auto owner = labels.macOwners.find(mac);
    return owner != labels.macOwners.end() ? owner->second : "unknown";
}

} // namespace

std::string
DescribeAddressPlan(const ScenarioConfig& config)
{
    LvsTopologyHelper helper(config.topology);
    std::string problem = helper.Validate();
    if (!problem.empty())
    {
        throw ConfigError("address plan: " + problem);
    }
    SetGlobalDefaults(config);
    LvsTopology topology = helper.Build();
    std::ostringstream os;
    topology.plan.Print(os);
    Simulator::Destroy();
    return os.str();
}

ScenarioResult
RunScenario(const ScenarioConfig& config)
{
    Run run(config);
    return run.Execute();
}

} // namespace ns3
