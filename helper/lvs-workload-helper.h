// Installs the workload of an LVS cluster on a built topology: a real
// server application per port each real server listens on, and a client
// application per client node and target (VIP and port), with the load
// split over them and every random stream assigned in a fixed order, so a
// run is reproducible from its seed and run number.
#ifndef LVS_WORKLOAD_HELPER_H
#define LVS_WORKLOAD_HELPER_H

#include "helper/lvs-topology-helper.h"
#include "model/apps/distribution-spec.h"
#include "model/apps/lvs-client.h"
#include "model/apps/lvs-real-server.h"
#include "model/ipvs/ipvs-types.h"

#include <cstdint>
#include <utility>
#include <vector>

namespace ns3
{

/// One real server: how the Director sees it and what it can serve.
struct RealServerSpec
{
    ipvs::ForwardMethod method = ipvs::ForwardMethod::Masq;
    int weight = 1;
    uint32_t workers = 8; ///< requests served at once (0: unlimited)
    DistributionSpec serviceTimeMs = DistributionSpec::Constant(1);
    uint32_t upperThreshold = 0;
    uint32_t lowerThreshold = 0;
};

/// A port a real server listens on.
struct ListenPort
{
    ipvs::Protocol protocol = ipvs::Protocol::Tcp;
    uint16_t port = 80;

    bool operator==(const ListenPort& o) const
    {
        return protocol == o.protocol && port == o.port;
    }
};

/// Where a share of the clients' load goes: a VIP and port.
struct ClientTarget
{
    ipvs::Protocol protocol = ipvs::Protocol::Tcp;
    Ipv4Address vip;
    uint16_t port = 80;
    double share = 1;
    /// Without a Director (--director none): the RIPs and ports the
    /// clients reach directly, each connection the next in turn.
    std::vector<std::pair<Ipv4Address, uint16_t>> directServers;
};

struct LvsWorkloadConfig
{
    std::vector<RealServerSpec> servers;
    /// The ports each server listens on (one entry per server).
    std::vector<std::vector<ListenPort>> listens;
    /// Where the client load goes.
    std::vector<ClientTarget> targets;

    bool closedLoop = false;
    double arrivalRatePerS = 0; ///< open loop, in all
    uint32_t users = 0;         ///< closed loop, in all
    /// How often each CIP of a node is used: 0 uniformly, else Zipf with
    /// this exponent over the node's block (first address most often).
    double clientAddressZipf = 0;
    DistributionSpec thinkTimeMs = DistributionSpec::Constant(1000);
    DistributionSpec requestBytes = DistributionSpec::Constant(200);
    DistributionSpec responseBytes = DistributionSpec::Constant(2000);
    uint32_t requestsPerConnection = 1;
    uint64_t transactions = 0; ///< 0: as many as the duration allows
    double durationS = 0;      ///< how long clients start transactions
    double transactionTimeoutS = 0;
};

/// The installed applications.
struct LvsWorkload
{
    /// Per real server (in RIP order), its applications (one per port).
    std::vector<std::vector<Ptr<LvsRealServer>>> servers;
    /// Every client application (client node major, target minor).
    std::vector<Ptr<LvsClient>> clients;

    /// Responses real server @p server (0-based) has sent.
    uint64_t Served(size_t server) const;
    /// Mean time a request of @p server waited for a worker and was
    /// served, in seconds, over its applications (0 if none finished).
    std::pair<double, double> MeanWaitAndService(size_t server) const;
    /// Requests waiting for a worker on real server @p server.
    uint32_t Queued(size_t server) const;
    /// Transactions the clients have started.
    uint64_t Started() const;
    /// TCP segments clients and servers sent again.
    uint64_t TcpRetransmissions() const;
};

class LvsWorkloadHelper
{
  public:
    explicit LvsWorkloadHelper(const LvsWorkloadConfig& config);

    /// Installs servers, then clients, on @p topology's nodes and assigns
    /// their random streams from @p firstStream on.  Returns the
    /// applications; GetStreamsUsed() tells how many streams they took.
    LvsWorkload Install(const LvsTopology& topology, int64_t firstStream);

    int64_t GetStreamsUsed() const
    {
        return m_streams;
    }

    /// Splits @p total over parts in proportion to @p weights, exactly:
    /// the parts add up to @p total (largest remainders first).
    static std::vector<uint64_t> Apportion(uint64_t total, const std::vector<uint64_t>& weights);

  private:
    void InstallServers(const LvsTopology& topology, LvsWorkload& workload);
    void InstallClients(const LvsTopology& topology, LvsWorkload& workload);
    Ptr<LvsClient> InstallClient(Ptr<Node> node,
                                 const ClientTarget& target,
                                 double loadShare,
                                 uint32_t users,
                                 uint64_t transactions) const;

    LvsWorkloadConfig m_config;
    int64_t m_firstStream = 0;
    int64_t m_streams = 0;
};

} // namespace ns3

#endif
