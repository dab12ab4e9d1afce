#include "helper/lvs-workload-helper.h"

#include "helper/lvs-app-helper.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/pointer.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("LvsWorkloadHelper");

std::pair<double, double>
LvsWorkload::MeanWaitAndService(size_t server) const
{
    uint64_t jobs = 0;
    Time waited;
    Time served;
    for (const auto& app : servers.at(server))
    {
        const LvsRealServer::JobTimes& t = app->GetJobTimes();
        jobs += t.jobs;
        waited += t.waited;
        served += t.served;
    }
    if (jobs == 0)
    {
        return {0.0, 0.0};
    }
    return {waited.GetSeconds() / double(jobs), served.GetSeconds() / double(jobs)};
}

uint64_t
LvsWorkload::Served(size_t server) const
{
    uint64_t served = 0;
    for (const auto& app : servers[server])
    {
        served += app->GetServedCount();
    }
    return served;
}

uint32_t
LvsWorkload::Queued(size_t server) const
{
    uint32_t queued = 0;
    for (const auto& app : servers[server])
    {
        queued += app->GetQueueLength();
    }
    return queued;
}

uint64_t
LvsWorkload::Started() const
{
    uint64_t started = 0;
    for (const auto& client : clients)
    {
        started += client->GetStartedCount();
    }
    return started;
}

uint64_t
LvsWorkload::TcpRetransmissions() const
{
    uint64_t count = 0;
    for (const auto& client : clients)
    {
        count += client->GetTcpRetransmissions();
    }
    for (const auto& apps : servers)
    {
        for (const auto& server : apps)
        {
            count += server->GetTcpRetransmissions();
        }
    }
    return count;
}

LvsWorkloadHelper::LvsWorkloadHelper(const LvsWorkloadConfig& config)
    : m_config(config)
{
}

std::vector<uint64_t>
LvsWorkloadHelper::Apportion(uint64_t total, const std::vector<uint64_t>& weights)
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
        parts.push_back(sum > 0 ? total * w / sum : 0);
        given += parts.back();
    }
    // What rounding down left over goes one each to the first parts.
    for (size_t i = 0; given < total && !parts.empty(); i = (i + 1) % parts.size(), ++given)
    {
        ++parts[i];
    }
    return parts;
}

LvsWorkload
LvsWorkloadHelper::Install(const LvsTopology& topology, int64_t firstStream)
{
    NS_LOG_FUNCTION(this << firstStream);
    m_firstStream = firstStream;
    m_streams = 0;
    LvsWorkload workload;
    InstallServers(topology, workload);
    InstallClients(topology, workload);
    return workload;
}

void
LvsWorkloadHelper::InstallServers(const LvsTopology& topology, LvsWorkload& workload)
{
    for (size_t i = 0; i < m_config.servers.size(); ++i)
    {
        const RealServerSpec& spec = m_config.servers[i];
        workload.servers.emplace_back();
        for (const ListenPort& listen : m_config.listens[i])
        {
            LvsRealServerHelper helper;
            helper.SetAttribute("Udp", BooleanValue(listen.protocol == ipvs::Protocol::Udp));
            helper.SetAttribute("Port", UintegerValue(listen.port));
            helper.SetAttribute("Workers", UintegerValue(spec.workers));
            helper.SetAttribute("ServerAddress", Ipv4AddressValue(topology.rips[i]));
            helper.SetAttribute("ServiceTime",
                                PointerValue(MakeRandomVariable(spec.serviceTimeMs, 1e-3)));
            ApplicationContainer apps = helper.Install(topology.realServers.Get(i));
            Ptr<LvsRealServer> server = DynamicCast<LvsRealServer>(apps.Get(0));
            m_streams += server->AssignStreams(m_firstStream + m_streams);
            workload.servers.back().push_back(server);
        }
    }
}

void
LvsWorkloadHelper::InstallClients(const LvsTopology& topology, LvsWorkload& workload)
{
    // One client application per client node and target, each with its
    // share: the node's share of the CIPs times the target's share.
    double targetShares = 0;
    for (const auto& t : m_config.targets)
    {
        targetShares += t.share;
    }
    uint64_t totalCips = 0;
    std::vector<uint64_t> weights;
    for (const auto& cips : topology.clientAddresses)
    {
        totalCips += cips.size();
        for (const auto& t : m_config.targets)
        {
            weights.push_back(uint64_t(cips.size() * t.share * 1000));
        }
    }
    auto users = Apportion(m_config.users, weights);
    auto transactions = Apportion(m_config.transactions, weights);
    bool limited = m_config.transactions > 0;
    size_t index = 0;
    for (size_t k = 0; k < topology.clientAddresses.size(); ++k)
    {
        for (const auto& target : m_config.targets)
        {
            size_t mine = index++;
            // An application whose share of a limited run is 0 is not
            // installed at all: ns-3 reads a stop time of 0 as "never".
            if (limited && transactions[mine] == 0)
            {
                continue;
            }
            double share = double(topology.clientAddresses[k].size()) / totalCips * target.share /
                           targetShares;
            Ptr<LvsClient> client = InstallClient(topology.clients.Get(k),
                                                  target,
                                                  share,
                                                  uint32_t(users[mine]),
                                                  limited ? transactions[mine] : 0);
            client->SetLocalAddresses(topology.clientAddresses[k]);
            client->SetDirectServers(target.directServers);
            m_streams += client->AssignStreams(m_firstStream + m_streams);
            workload.clients.push_back(client);
        }
    }
}

Ptr<LvsClient>
LvsWorkloadHelper::InstallClient(Ptr<Node> node,
                                 const ClientTarget& target,
                                 double loadShare,
                                 uint32_t users,
                                 uint64_t transactions) const
{
    LvsClientHelper helper;
    helper.SetAttribute("RemoteAddress", Ipv4AddressValue(target.vip));
    helper.SetAttribute("RemotePort", UintegerValue(target.port));
    helper.SetAttribute("Udp", BooleanValue(target.protocol == ipvs::Protocol::Udp));
    helper.SetAttribute("ClosedLoop", BooleanValue(m_config.closedLoop));
    helper.SetAttribute("ArrivalRate", DoubleValue(m_config.arrivalRatePerS * loadShare));
    helper.SetAttribute("Users", UintegerValue(users));
    helper.SetAttribute("AddressZipfExponent", DoubleValue(m_config.clientAddressZipf));
    helper.SetAttribute("RequestsPerConnection", UintegerValue(m_config.requestsPerConnection));
    helper.SetAttribute("MaxTransactions", UintegerValue(transactions)); // 0: no limit
    helper.SetAttribute("TransactionTimeout", TimeValue(Seconds(m_config.transactionTimeoutS)));
    helper.SetAttribute("ThinkTime", PointerValue(MakeRandomVariable(m_config.thinkTimeMs, 1e-3)));
    helper.SetAttribute("RequestSize", PointerValue(MakeRandomVariable(m_config.requestBytes, 1)));
    helper.SetAttribute("ResponseSize",
                        PointerValue(MakeRandomVariable(m_config.responseBytes, 1)));
    ApplicationContainer apps = helper.Install(node);
    apps.Start(Seconds(0));
    apps.Stop(Seconds(m_config.durationS));
    return DynamicCast<LvsClient>(apps.Get(0));
}

} // namespace ns3
