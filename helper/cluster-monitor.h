// Watches a running LVS cluster: summarizes every finished transaction as
// it finishes (and hands it to a sink, which may write it to disk; none is
// kept), notes the connections the Director schedules, samples each real server's
// counters (as the Director keeps them, and as the server sees its load)
// at a fixed interval, saves ipvsadm views at chosen times, and answers
// questions at the end (who answers ARP for the VIP, which transactions
// bypassed the Director).
#ifndef LVS_CLUSTER_MONITOR_H
#define LVS_CLUSTER_MONITOR_H

#include "helper/link-monitor.h"
#include "helper/lvs-topology-helper.h"
#include "helper/lvs-workload-helper.h"
#include "helper/transaction-summary.h"
#include "model/apps/transaction-record.h"
#include "model/ipvs/ipvs-engine.h"

#include "ns3/nstime.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

/// The Director's and one real server's counters at one instant.
struct ServerSample
{
    double timeS;
    uint32_t server; ///< 1-based
    std::string rip;
    uint32_t activeConns;
    uint32_t inactiveConns;
    uint64_t connections; ///< IPVS Conns so far
    uint64_t served;      ///< responses the server has sent so far
    uint32_t queued;      ///< requests waiting for a worker
    /// The Director's processing model (0 while it is off): CPU busy
    /// fraction since the previous sample, packets waiting, packets
    /// dropped so far because the input queue was full.
    double directorUtilisation;
    uint32_t directorWaiting;
    uint64_t directorQueueDrops;
    /// The network: the busiest link's utilisation since the previous
    /// sample, link queue drops and TCP retransmissions so far.
    double busiestLinkUtilisation;
    uint64_t linkQueueDrops;
    uint64_t tcpRetransmissions;
};

/// The Director's state at one instant, as ipvsadm prints it.
struct IpvsadmView
{
    double timeS;
    std::string list;        ///< -Ln
    std::string stats;       ///< -Ln --stats
    std::string rates;       ///< -Ln --rate
    std::string connections; ///< -Lnc
    std::string rules;       ///< -Sn
};

/// What the Director counts for one RIP, over every service.
struct DestinationTotals
{
    uint64_t active = 0;
    uint64_t inactive = 0;
    uint64_t conns = 0;
};

class ClusterMonitor
{
  public:
    /// Both must outlive the monitor.
    ClusterMonitor(const LvsTopology& topology, const LvsWorkload& workload);

    /// Connects to the clients' and the Director's traces, samples every
    /// @p sampleInterval from time 0, and saves the ipvsadm views at
    /// @p viewTimesS.
    void Start(Time sampleInterval, const std::vector<double>& viewTimesS);

    /// The measurement window: from @p start to @p end, or to the moment
    /// the first client node starts its last transaction if that comes
    /// earlier (--transactions).  Notes the Director's CPU time at both
    /// edges, for its utilisation over the window.
    void WatchWindow(Time start, Time end);
    /// Every finished transaction goes to @p sink too (after the summary).
    void SetTransactionSink(std::function<void(const TransactionRecord&)> sink);
    /// Where each sample goes as it is taken (samples.csv); none is kept,
    /// since a long run takes millions (one per server per interval).
    void SetSampleSink(std::function<void(const ServerSample&)> sink);
    /// Keeps the record of transaction @p id of the client on node @p node
    /// (for a walk).
    void KeepTransaction(uint32_t node, uint64_t id);
    /// The Director's CPU busy fraction over the window (up to now if the
    /// run ended before the window did).
    double DirectorWindowUtilisation() const;

    /// Takes one sample of every real server now (also the last one).
    void SampleNow();

    /// Transactions finished so far.
    uint64_t FinishedCount() const
    {
        return m_summary->Count();
    }

    const TransactionSummarizer& GetSummary() const
    {
        return *m_summary;
    }

    /// The record KeepTransaction asked for, once it has finished.
    const std::optional<TransactionRecord>& GetKeptTransaction() const
    {
        return m_kept;
    }

    const std::vector<IpvsadmView>& GetViews() const
    {
        return m_views;
    }

    const LinkMonitor& GetLinks() const
    {
        return m_links;
    }

    DestinationTotals TotalsOf(Ipv4Address rip) const;

    /// Transactions that completed although the Director never scheduled
    /// their connection (the ARP problem: the router sent them elsewhere).
    uint64_t CountBypassed() const
    {
        return m_bypassed;
    }

    /// Whom the router's ARP entry for the VIP names ("director", "rs-2",
    /// or "none").
    std::string VipArpOwner() const;

    /// How the router's entry for the VIP last came to name its MAC:
    /// "reply" (an answer to its request), "request" (a request sent from
    /// the VIP: arp_announce), "gratuitous", or "" when it never did.
    std::string VipArpLearnedFrom() const
    {
        return m_vipLearnedFrom;
    }

  private:
    void Record(const TransactionRecord& record);
    void CountIfBypassed(const TransactionRecord& record);
    void RecordScheduled(const ipvs::ForwardTarget& entry);
    void RecordRouterLearned(Ptr<NetDevice> device,
                             Ipv4Address ip,
                             Address mac,
                             const std::string& how);
    /// A client of @p node started its last transaction.
    void ClientArrivalsEnded(uint32_t node);
    void SampleEvery(Time interval);
    void SaveIpvsadmViews();
    /// The Director's CPU busy fraction since the previous call.
    double DirectorUtilisationSinceLast();

    const LvsTopology& m_topology;
    const LvsWorkload& m_workload;
    std::unique_ptr<TransactionSummarizer> m_summary;
    std::function<void(const TransactionRecord&)> m_sink;
    std::optional<std::pair<uint32_t, uint64_t>> m_keep;
    std::optional<TransactionRecord> m_kept;
    std::function<void(const ServerSample&)> m_sampleSink;
    std::vector<IpvsadmView> m_views;
    /// Open client connections the Director scheduled (a connection is
    /// forgotten with its last transaction, so this holds only live ones).
    std::set<std::pair<ipvs::Addr, ipvs::Port>> m_scheduledClients;
    uint64_t m_bypassed = 0;
    std::string m_vipLearnedFrom;
    /// Client applications per node that have not started their last
    /// transaction yet (only those with a transaction limit end).
    std::map<uint32_t, uint32_t> m_clientsStillArriving;
    void MarkWindowEdge(bool start);

    LinkMonitor m_links;
    // The window's edges are the summarizer's; the monitor keeps the
    // Director's busy time at them.
    Time m_busyAtWindowStart;
    Time m_busyAtWindowEnd;
    bool m_windowEnded = false;
    Time m_lastSampleTime;
    Time m_lastBusyTime;
};

} // namespace ns3

#endif
