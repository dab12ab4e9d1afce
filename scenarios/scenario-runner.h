// Runs one lvs-sim scenario: a short sequence over the helpers (build the
// topology, configure the Director, install the workload, watch, run,
// collect).  It builds nothing itself (helper/ does) and writes nothing
// (result-writer does).
#ifndef LVS_SCENARIO_RUNNER_H
#define LVS_SCENARIO_RUNNER_H

#include "helper/cluster-monitor.h"
#include "model/apps/transaction-record.h"
#include "scenarios/scenario-config.h"

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace ns3
{

struct ServerResult
{
    std::string rip;
    int weight;
    uint32_t workers;
    std::string serviceTimeMs;
    uint64_t connections; ///< IPVS Conns
    uint64_t served;      ///< responses sent by the server
    double meanWaitMs;    ///< time a request waited for a worker, over the run
    double meanServiceMs; ///< service time drawn, over the run
};

/// The Director's processing model over the whole run.
struct DirectorCpuResult
{
    bool on = false;
    uint32_t cpus = 1;
    double utilisation = 0;       ///< busy fraction of the CPUs over the simulated time
    double windowUtilisation = 0; ///< over the measurement window
    uint32_t maxWaiting = 0;
    uint64_t queueDrops = 0;
    uint64_t processed = 0;
};

/// What the network did over the whole run.
struct NetworkResult
{
    uint64_t tcpRetransmissions = 0;
    uint64_t queueDrops = 0;
    std::vector<LinkLoad> links;
    std::vector<double> utilisation; ///< per link, over the simulated time
};

/// What keepalived's checkers did (--health-check).
struct HealthResult
{
    bool on = false;
    std::string kind; ///< "TCP_CHECK", "HTTP_GET"
    uint64_t checks = 0;
    uint64_t failedChecks = 0;
    std::vector<HealthEvent> events;
    /// Per fault (in --faults order): for a crash, seconds until the
    /// server was found down; for a recovery, until it was found up; -1
    /// when it never was (and for slow-downs).
    std::vector<double> faultVerdictAfterS;
};

/// What each fault cost: the transactions that started from it to the
/// next fault (or the end), by outcome.
struct FaultCost
{
    uint64_t started = 0;
    uint64_t refused = 0;
    uint64_t timedOut = 0;
    uint64_t reset = 0;
};

/// What VRRP did (--vrrp).
struct FailoverResult
{
    bool on = false;
    std::vector<MasterChange> changes;
    std::string masterAtEnd;
    bool sync = false;
    /// Per Director (director, director-2): sync messages and entries sent,
    /// and entries applied from the other's.
    uint64_t syncMessagesSent[2] = {0, 0};
    uint64_t syncEntriesSent[2] = {0, 0};
    uint64_t syncEntriesApplied[2] = {0, 0};
};

struct ScenarioResult
{
    ResultSummary summary; ///< over every transaction
    WindowSummary window;  ///< over the measurement window
    std::vector<ServerResult> servers;
    std::map<std::string, uint64_t> drops;
    std::string ipvsadmList;        ///< ipvsadm -Ln at the end
    std::string ipvsadmStats;       ///< ipvsadm -Ln --stats at the end
    std::string ipvsadmRules;       ///< ipvsadm -Sn at the end
    std::vector<IpvsadmView> views; ///< --ipvsadm-at-s / --ipvsadm-every-s
    std::string addressPlan;
    std::string topologyDot;           ///< Graphviz source of the topology
    std::string walk;                  ///< the --walk table ("" if none)
    std::string walkCsv;               ///< the same hops as walk.csv ("" if none)
    uint64_t bypassedTransactions = 0; ///< completed without the Director seeing them
    std::string vipArpOwner;           ///< whom the router's ARP entry for the VIP names
    std::string vipArpLearnedFrom;     ///< "reply", "request", "gratuitous" or ""
    uint64_t redirectsSent = 0;        ///< ICMP redirects the Director sent
    uint64_t redirectsTaken = 0;       ///< of them, taken as routes by real servers
    uint64_t directorConns = 0;
    uint64_t directorInPkts = 0;
    uint64_t directorOutPkts = 0;
    uint64_t directorInBytes = 0;
    uint64_t directorOutBytes = 0;
    DirectorCpuResult directorCpu;
    NetworkResult network;
    HealthResult health;
    FailoverResult failover;
    std::vector<FaultCost> faultCosts; ///< per fault, in --faults order
    double simulatedS = 0;
    double wallS = 0;
    double setupWallS = 0;        ///< of wallS: building the cluster, before time 0
    uint64_t simulatorEvents = 0; ///< events the ns-3 simulator executed
};

/// Receives every transaction as it finishes.
using TransactionSink = std::function<void(const TransactionRecord&)>;
using SampleSink = std::function<void(const ServerSample&)>;

/// Builds the address plan only (for --show-addresses).
std::string DescribeAddressPlan(const ScenarioConfig& config);

/// Runs one simulation.  Throws ConfigError if the configuration cannot be
/// built (address plan problems).  With --pcap the result folder is
/// created first, for the capture files.  Each finished transaction goes
/// to @p sink (if any) and into the summaries, each sample to @p samples
/// (if any); none is kept.
ScenarioResult RunScenario(const ScenarioConfig& config,
                           const TransactionSink& sink = {},
                           const SampleSink& samples = {});

} // namespace ns3

#endif
