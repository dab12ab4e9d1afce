#include "scenarios/option-table.h"

#include "helper/lvs-topology-helper.h"
#include "model/ipvs/destination.h"
#include "model/ipvs/ipvs-types.h"
#include "model/ipvs/scheduler-registry.h"
#include "model/ipvs/service.h"

#include <cmath>
#include <sstream>

namespace ns3
{

namespace
{

/// Largest whole number an option takes where nothing smaller is natural.
constexpr double kLots = double(1ULL << 40);
constexpr uint32_t kEchoed = kShapesResults;

OptionDeclaration
Of(OptionType type,
   std::string group,
   std::string name,
   std::string unit,
   std::string defaultValue,
   std::string help,
   uint32_t roles = kEchoed)
{
    OptionDeclaration d;
    d.group = std::move(group);
    d.name = std::move(name);
    d.type = type;
    d.unit = std::move(unit);
    d.defaultValue = std::move(defaultValue);
    d.help = std::move(help);
    d.roles = roles;
    return d;
}

/// A whole number (OptionType::Whole) or a real one in [min, max].
OptionDeclaration
Ranged(OptionType type,
       std::string group,
       std::string name,
       std::string unit,
       std::string defaultValue,
       double min,
       double max,
       std::string help,
       uint32_t roles)
{
    OptionDeclaration d = Of(type,
                             std::move(group),
                             std::move(name),
                             std::move(unit),
                             std::move(defaultValue),
                             std::move(help),
                             roles);
    d.min = min;
    d.max = max;
    return d;
}

OptionDeclaration
Whole(std::string group,
      std::string name,
      std::string unit,
      std::string defaultValue,
      double min,
      double max,
      std::string help,
      uint32_t roles = kEchoed)
{
    return Ranged(OptionType::Whole, group, name, unit, defaultValue, min, max, help, roles);
}

OptionDeclaration
Real(std::string group,
     std::string name,
     std::string unit,
     std::string defaultValue,
     double min,
     double max,
     std::string help,
     uint32_t roles = kEchoed)
{
    return Ranged(OptionType::Real, group, name, unit, defaultValue, min, max, help, roles);
}

OptionDeclaration
Choice(std::string group,
       std::string name,
       std::string defaultValue,
       std::vector<std::string> choices,
       std::string help,
       uint32_t roles = kEchoed)
{
    OptionDeclaration d = Of(OptionType::Choice,
                             std::move(group),
                             std::move(name),
                             "",
                             std::move(defaultValue),
                             std::move(help),
                             roles);
    d.choices = std::move(choices);
    return d;
}

std::vector<OptionDeclaration>
Declare()
{
    using T = OptionType;
    const double maxWeight = ipvs::kMaxDestinationWeight;
    const double maxThreshold = ipvs::kMaxConnectionThreshold;
    std::vector<OptionDeclaration> o = {
        // run
        Of(T::Text,
           "run",
           "output",
           "",
           "lvs-sim-results",
           "result folder of this run",
           kSetBySweep),
        Whole("run", "seed", "", "1", 1, 4294967295.0, "ns-3 random seed"),
        Whole("run",
              "run",
              "",
              "1",
              0,
              double(1ULL << 62),
              "ns-3 run number (independent replications)",
              kEchoed | kSetBySweep),
        Choice("run",
               "progress",
               "auto",
               {"auto", "on", "off"},
               "progress line on stderr (auto: if stderr is a terminal)",
               kRoleNone),
        Whole("run",
              "walk",
              "",
              "0",
              0,
              kLots,
              "print the hop-by-hop walk of this transaction id (walk.txt; 0: none)",
              kRoleNone),
        Choice("run",
               "walk-packets",
               "data",
               {"data", "all"},
               "what the walk shows: data (the request and the first reply segment, each hop "
               "once) or all (every segment both ways: handshake, data, teardown, resets and "
               "retransmissions, with flags and IP length)",
               kRoleNone),
        Of(T::Boolean,
           "run",
           "pcap",
           "",
           "false",
           "write a pcap file per node and interface (pcap/ in the result folder)",
           kRoleNone),
        Of(T::Text,
           "run",
           "ipvsadm-at-s",
           "s",
           "",
           "times at which to save the ipvsadm views (-Ln, --stats, --rate, -Lnc, -Sn), "
           "comma-separated"),
        Real("run",
             "ipvsadm-every-s",
             "s",
             "0",
             0,
             1e7,
             "save the ipvsadm views every N seconds too (0: never)"),

        // topology
        Whole("topology",
              "client-nodes",
              "",
              "2",
              1,
              LvsTopologyConfig::kMaxClientNodes,
              "client nodes (each holds a block of CIPs)"),
        Whole("topology",
              "client-addresses",
              "",
              "100",
              1,
              1 << 20,
              "client addresses (CIPs) in all, at least one per client node"),
        Of(T::Text,
           "topology",
           "client-placement",
           ": internet|vip|rip[,...]",
           "",
           "where the client nodes sit, one for all or one per node: internet (behind the "
           "router, on links of their own), vip (on the VIP network), rip (on the D/RIP "
           "network); unset, a --cip-base inside the VIP or D/RIP network puts them there, "
           "else internet"),
        Of(T::Boolean,
           "topology",
           "rip-clients-via-director",
           "",
           "false",
           "the fix for clients on the D/RIP network under LVS-NAT: NAT real servers route "
           "replies to those clients through the DIP (a host route per CIP) instead of "
           "straight over the LAN"),
        Of(T::Address,
           "topology",
           "cip-base",
           "",
           "172.16.0.0",
           "first CIP: of the blocks behind the router, or of the local clients' addresses when it "
           "lies in the VIP or D/RIP network"),
        Real("topology",
             "client-link-rate-mbps",
             "Mbit/s",
             "1000",
             0.001,
             1e6,
             "rate of each client's link to the router"),
        Real("topology",
             "client-link-delay-ms",
             "ms",
             "10",
             0,
             1e5,
             "one-way delay of each client link"),
        Of(T::Network,
           "topology",
           "vip-network",
           "",
           "10.0.0.0/24",
           "the VIP network (router and Director)"),
        Of(T::Address,
           "topology",
           "router-address",
           "",
           "10.0.0.1",
           "the router's address on the VIP network"),
        Of(T::Text,
           "topology",
           "vip",
           ": a.b.c.d[,a.b.c.d...]",
           "10.0.0.100",
           "the virtual IP address; several, comma-separated, each get a service of their own "
           "(same port, scheduler and real servers), held by the Director as secondary "
           "addresses on the same interface; one outside --vip-network is a /32 the router "
           "routes to the Director"),
        Of(T::Network,
           "topology",
           "rip-network",
           "",
           "192.168.10.0/24",
           "the D/RIP network (Director and real servers)"),
        Of(T::Address,
           "topology",
           "dip",
           "",
           "192.168.10.1",
           "the Director's address on the D/RIP network"),
        Of(T::Address,
           "topology",
           "first-rip",
           "",
           "192.168.10.11",
           "RIP of the first real server; the others follow"),
        Choice("topology",
               "real-server-network",
               "auto",
               {"auto", "rip", "vip", "remote"},
               "where real servers sit: rip (D/RIP network behind the Director), vip (on the VIP "
               "network segment, the classic LVS-DR layout), remote (TUN servers behind WAN links "
               "from the router), auto (vip if a server uses dr or tun)"),
        Real("topology",
             "remote-link-rate-mbps",
             "Mbit/s",
             "100",
             0.001,
             1e6,
             "real-server-network remote: rate of each real server's WAN link"),
        Real("topology",
             "remote-link-delay-ms",
             "ms",
             "20",
             0,
             1e5,
             "real-server-network remote: one-way delay of each WAN link"),
        Choice("topology",
               "vip-on-real-servers",
               "loopback",
               {"loopback", "lan"},
               "DR/TUN servers hold the VIP on: loopback (lo, a /32: whether it is answered "
               "in ARP is up to --arp-ignore), lan (their LAN interface: always answered, the "
               "ARP problem)"),
        Whole("topology",
              "arp-ignore",
              "",
              "0",
              0,
              1,
              "real servers' net.ipv4.conf.all.arp_ignore: 0 (Linux's default) answers ARP for "
              "any local address, the VIP on lo included; 1 only for the receiving interface's "
              "(the LVS-DR fix)",
              kEchoed | kPerServer),
        Whole("topology",
              "arp-announce",
              "",
              "0",
              0,
              2,
              "real servers' net.ipv4.conf.all.arp_announce: the sender of their own ARP "
              "requests is 0 (Linux's default) the waiting packet's source, the VIP for a DR "
              "reply; 1 that source when on the target's subnet; 2 the interface's address (the "
              "LVS-DR fix)",
              kEchoed | kPerServer),
        Whole("topology",
              "accept-redirects",
              "",
              "1",
              0,
              1,
              "real servers' net.ipv4.conf.all.accept_redirects: 1 (Linux's default on hosts) "
              "takes an ICMP redirect from the gateway as a route for 300 s; 0 ignores it",
              kEchoed | kPerServer),
        Whole("topology",
              "send-redirects",
              "",
              "1",
              0,
              1,
              "the Director's net.ipv4.conf.all.send_redirects: 1 (Linux's default) sends an ICMP "
              "redirect for a packet it forwards out of the interface it came in on, as every "
              "real server's reply on a one-network LVS-NAT; 0 is what such a Director needs"),
        Real("topology",
             "lan-rate-mbps",
             "Mbit/s",
             "1000",
             0.001,
             1e6,
             "rate of the VIP and D/RIP networks"),
        Choice("topology",
               "lan",
               "switched",
               {"switched", "shared"},
               "the VIP and D/RIP networks: switched (a learning bridge, one link per port: a "
               "frame reaches only its destination) or shared (one CSMA segment, a hub)"),
        Real("topology",
             "lan-delay-us",
             "us",
             "1",
             0,
             1e9,
             "propagation delay of each link of the VIP and D/RIP networks"),

        // service
        Of(T::Text,
           "service",
           "rules",
           "",
           "",
           "the Director's rules file in ipvsadm -Sn format, with 'at SECONDS' changes; they "
           "replace the service and server options"),
        Of(T::Text,
           "service",
           "fwmark-rules",
           "",
           "",
           "MARK rules for -f services: MARK:PROTO:ADDR:PORT,... (as iptables -j MARK on the "
           "Director)"),
        Choice("service",
               "protocol",
               "tcp",
               {"tcp", "udp"},
               "protocol of the virtual service",
               kEchoed | kSetByRules),
        Whole("service", "port", "", "80", 1, 65535, "virtual port", kEchoed | kSetByRules),
        Whole("service",
              "real-port",
              "",
              "0",
              0,
              65535,
              "port of NAT real servers (0: the virtual port)",
              kEchoed | kSetByRules),
        Choice("service",
               "scheduler",
               "wlc",
               ipvs::SchedulerNames(),
               "IPVS scheduler (ipvsadm -s)",
               kEchoed | kSetByRules),
        Of(T::Text,
           "service",
           "scheduler-flags",
           "",
           "",
           "ipvsadm -b, comma-separated: " + ipvs::DescribeSchedulerFlags(),
           kEchoed | kSetByRules),
        Whole("service",
              "persistent-s",
              "s",
              "0",
              0,
              ipvs::kMaxPersistenceTimeoutS,
              "persistence timeout, 0 = not persistent (ipvsadm -p)",
              kEchoed | kSetByRules),
        Of(T::Address,
           "service",
           "persistence-netmask",
           "",
           "255.255.255.255",
           "persistence granularity (ipvsadm -M)",
           kEchoed | kSetByRules),

        // servers
        Whole("servers",
              "servers",
              "",
              "4",
              1,
              4096,
              "number of real servers; per-server defaults repeat over them",
              kEchoed | kSetByRules),
        Choice("servers",
               "forwarding",
               "nat",
               ipvs::ForwardMethodOptions(),
               "forwarding method: nat (-m), dr (-g) or tun (-i)",
               kEchoed | kSetByRules | kPerServer),
        Whole("servers",
              "server-weights",
              "",
              "4,2,1,1",
              0,
              maxWeight,
              "weights (ipvsadm -w)",
              kEchoed | kSetByRules | kPerServer),
        Whole("servers",
              "server-workers",
              "",
              "16,8,4,4",
              0,
              1000000,
              "requests served at once (0: unlimited)",
              kEchoed | kPerServer),
        Of(T::Distribution,
           "servers",
           "server-service-time-ms",
           "ms",
           "exp:20",
           "service time distribution",
           kEchoed | kPerServer),
        Whole("servers",
              "server-upper-threshold",
              "",
              "0",
              0,
              maxThreshold,
              "ipvsadm -x (0 = none)",
              kEchoed | kSetByRules | kPerServer),
        Whole("servers",
              "server-lower-threshold",
              "",
              "0",
              0,
              maxThreshold,
              "ipvsadm -y (0 = none)",
              kEchoed | kSetByRules | kPerServer),

        // clients
        Of(T::Text,
           "clients",
           "service-rates",
           "",
           "",
           "shares of the client load: PROTO:VIP:PORT=SHARE,... (default: equal shares over every "
           "service port)"),
        Choice("clients",
               "client-mode",
               "open",
               {"open", "closed"},
               "open (Poisson arrivals) or closed (users with think time)"),
        Real("clients",
             "arrival-rate-per-s",
             "1/s",
             "400",
             0,
             1e7,
             "open loop: new connections per second, in all"),
        Whole("clients", "users", "", "50", 0, 10000000, "closed loop: concurrent users, in all"),
        Real("clients",
             "client-address-zipf",
             "exponent",
             "0",
             0,
             10,
             "how often each CIP of a client node is used: 0 uniformly, s > 0 Zipf (the k-th "
             "address of the node's block with weight 1/k^s: a proxy farm behind a few "
             "addresses)"),
        Of(T::Distribution,
           "clients",
           "think-time-ms",
           "ms",
           "exp:500",
           "closed loop: think time distribution"),
        Of(T::Distribution,
           "clients",
           "request-bytes",
           "bytes",
           "const:200",
           "request size distribution"),
        Of(T::Distribution,
           "clients",
           "response-bytes",
           "bytes",
           "const:2000",
           "response size distribution"),
        Whole("clients",
              "requests-per-connection",
              "",
              "1",
              1,
              1000000,
              "transactions per connection (keep-alive)"),
        Whole("clients",
              "transactions",
              "",
              "0",
              0,
              kLots,
              "stop after this many transactions (0: no limit)"),
        Real("clients",
             "duration-s",
             "s",
             "10",
             0.001,
             1e7,
             "how long clients start new transactions"),
        Real("clients",
             "warmup-s",
             "s",
             "0",
             0,
             1e7,
             "the measurement window (summary.json's window) starts here and ends at "
             "duration-s (or when the first client node starts its last transaction, with "
             "--transactions): throughput and latency without the ramp-up and the drain"),
        Real("clients",
             "transaction-timeout-s",
             "s",
             "10",
             0.001,
             1e6,
             "a transaction not done by then has timed out"),

        // simulation
        Real("simulation",
             "sample-interval-s",
             "s",
             "0.1",
             0.001,
             1e6,
             "interval of the Director/server counter samples"),
        Real("simulation",
             "tcp-msl-s",
             "s",
             "1",
             0,
             1e4,
             "ns3::TcpSocketBase::MaxSegLifetime (TIME_WAIT = 2 x MSL)"),
        Whole("simulation",
              "tcp-segment-bytes",
              "bytes",
              "1448",
              64,
              65000,
              "ns3::TcpSocket::SegmentSize (MSS: 1448 is Ethernet with timestamps; 536 is the "
              "TCP default without MSS option)"),
        Of(T::Boolean,
           "simulation",
           "checksums",
           "",
           "true",
           "compute and check IP/TCP/UDP checksums"),
        Choice("simulation",
               "event-scheduler",
               "priority-queue",
               {"heap", "map", "calendar", "priority-queue"},
               "ns-3's event queue (ns3::HeapScheduler, MapScheduler, CalendarScheduler, "
               "PriorityQueueScheduler): the same results at different speeds"),
        Whole("simulation",
              "arp-queue-packets",
              "packets",
              "1000",
              1,
              1000000,
              "ns3::ArpCache::PendingQueueSize"),

        // director
        Choice("director",
               "director",
               "ipvs",
               {"ipvs", "none"},
               "ipvs: the LVS Director; none: a plain IPv4 router in its place and clients "
               "reaching the real servers directly, each connection to the next server in "
               "turn (the LVS-NAT layout; weights, scheduler and persistence do not apply; "
               "the baseline of docs/performance.md)"),
        Whole("director",
              "expire-nodest-conn",
              "",
              "0",
              0,
              1,
              "net.ipv4.vs.expire_nodest_conn: 0 (Linux's default) drops the packets of a "
              "connection whose real server was deleted, so its client hangs until it gives up; "
              "1 expires the entry at its next packet, which the Director's stack answers with "
              "a reset (a SYN is scheduled afresh), and reschedules a SYN that finds its entry "
              "on a weight-0 server"),
        Whole("director",
              "expire-quiescent-template",
              "",
              "0",
              0,
              1,
              "net.ipv4.vs.expire_quiescent_template: 0 (Linux's default) keeps sending a "
              "persistent client to its server at weight 0; 1 drops the template then, so the "
              "client is scheduled afresh"),
        Whole("director",
              "director-cpus",
              "",
              "1",
              1,
              1024,
              "CPUs of the Director's processing model; flows are spread over them by a hash "
              "of their addresses and ports (RSS)"),
        Whole("director",
              "director-queue-packets",
              "packets",
              "1000",
              1,
              10000000,
              "packets that may wait for each CPU; more are dropped (cpu-queue-full)"),
        Real("director",
             "director-forward-cost-us",
             "us",
             "0",
             0,
             1e6,
             "CPU time per packet forwarded to a real server (every cost 0: no processing "
             "model)"),
        Real("director",
             "director-forward-byte-cost-ns",
             "ns",
             "0",
             0,
             1e6,
             "CPU time per byte of a packet forwarded to a real server"),
        Real("director",
             "director-reply-cost-us",
             "us",
             "0",
             0,
             1e6,
             "CPU time per NAT reply the Director rewrites back to the client"),
        Real("director",
             "director-reply-byte-cost-ns",
             "ns",
             "0",
             0,
             1e6,
             "CPU time per byte of a NAT reply"),
        Real("director",
             "director-local-cost-us",
             "us",
             "0",
             0,
             1e6,
             "CPU time per packet for the Director's own stack"),
        Real("director",
             "director-local-byte-cost-ns",
             "ns",
             "0",
             0,
             1e6,
             "CPU time per byte of a packet for the Director's own stack"),

        // faults
        Of(T::Text,
           "faults",
           "faults",
           "",
           "",
           "faults at simulated times: SECONDS crash rs-N, SECONDS recover rs-N, "
           "SECONDS slow rs-N FACTOR (service times multiplied), SECONDS crash director (or "
           "director-2 with --vrrp), SECONDS recover director, SECONDS down NODE and SECONDS "
           "up NODE (its LAN cables; NODE rs-N, director, director-2, router, or a whole LAN: "
           "vip-network, d-rip-network, lan), comma-separated (a crashed "
           "host neither sends nor receives and loses its requests and connections; no health "
           "checker removes it, unless --health-check runs)"),

        // failover
        Of(T::Boolean,
           "failover",
           "vrrp",
           "",
           "false",
           "a second Director (director-2) on the same networks, and keepalived's VRRP "
           "(version 2) between the two: the master holds the VIPs and the DIP; the run starts "
           "with director master"),
        Whole("failover", "vrrp-priority", "", "150", 1, 254, "director's VRRP priority"),
        Whole("failover", "vrrp-backup-priority", "", "100", 1, 254, "director-2's VRRP priority"),
        Whole("failover",
              "vrrp-advert-int-s",
              "s",
              "1",
              1,
              255,
              "advert_int: time between advertisements; a backup takes over 3 of them plus "
              "(256 - priority)/256 s after the last one it heard"),
        Of(T::Boolean,
           "failover",
           "vrrp-nopreempt",
           "",
           "false",
           "both instances state BACKUP with nopreempt: a Director that comes back does not "
           "take the VIPs from a live master, whatever its priority"),
        Of(T::Boolean,
           "failover",
           "sync-daemon",
           "",
           "false",
           "keepalived's lvs_sync_daemon: the VRRP master runs the IPVS sync daemon as master "
           "(sync_threshold 3, sync_period 50) and the other as backup, on the D/RIP network, "
           "so that established connections and persistence survive a failover"),
        Real("failover",
             "vrrp-preempt-delay-s",
             "s",
             "0",
             0,
             3600,
             "preempt_delay: a higher-priority Director accepts a lower-priority master for "
             "this long after its first advertisement, then takes over when its master-down "
             "timer runs out"),

        // health checks
        Choice("health checks",
               "health-check",
               "none",
               {"none", "tcp", "http"},
               "keepalived's checker on the Director for every real server of the TCP "
               "services: tcp is TCP_CHECK (the connection completes), http is HTTP_GET (a "
               "response arrives); a server found down is deleted from IPVS (or set to weight "
               "0 with --inhibit-on-failure) and added back when found up"),
        Real("health checks",
             "check-delay-loop-s",
             "s",
             "60",
             0.001,
             1e6,
             "keepalived's delay_loop: time between checks"),
        Real("health checks",
             "check-connect-timeout-s",
             "s",
             "5",
             0.001,
             1e6,
             "keepalived's connect_timeout: a check's connect (and HTTP_GET's response) must "
             "complete within it"),
        Whole("health checks",
              "check-retry",
              "",
              "1",
              0,
              1000,
              "keepalived's retry: failures in a row beyond the first before a server that is "
              "up is declared down"),
        Real("health checks",
             "check-delay-before-retry-s",
             "s",
             "1",
             0,
             1e6,
             "keepalived's delay_before_retry: time to the next check after a failure (when "
             "not given: 1 for tcp, 3 for http, as keepalived)"),
        Real("health checks",
             "check-warmup-s",
             "s",
             "60",
             0,
             1e6,
             "keepalived's warmup: the first check comes 1 s plus a random part of it after "
             "start (when not given: the delay loop, as keepalived)"),
        Of(T::Boolean,
           "health checks",
           "inhibit-on-failure",
           "",
           "false",
           "keepalived's inhibit_on_failure: a server found down keeps its place at weight 0 "
           "(its connections go on) instead of being deleted"),
    };
    for (auto& d : o)
    {
        if (d.name == "server-workers")
        {
            d.defaultWithRules = "8"; // rules name servers, not their capacity
        }
        if (d.name == "scheduler")
        {
            d.choiceNoun = "scheduler";
        }
    }
    return o;
}

} // namespace

std::string
FormatNumber(double value)
{
    if (value == std::floor(value) && std::fabs(value) < 1e19)
    {
        return std::to_string(uint64_t(std::fabs(value))).insert(0, value < 0 ? "-" : "");
    }
    std::ostringstream os;
    os << value;
    return os.str();
}

std::string
JoinChoices(const std::vector<std::string>& choices)
{
    std::string text;
    for (size_t i = 0; i < choices.size(); ++i)
    {
        text += (i == 0 ? "" : i + 1 == choices.size() ? " or " : ", ") + choices[i];
    }
    return text;
}

std::string
OptionDeclaration::Domain() const
{
    std::string unit = this->unit.empty() ? "" : " (" + this->unit + ")";
    switch (type)
    {
    case OptionType::Whole:
        return "whole number " + FormatNumber(min) + ".." + FormatNumber(max) + unit;
    case OptionType::Real:
        return "number " + FormatNumber(min) + ".." + FormatNumber(max) + unit;
    case OptionType::Boolean:
        return "true or false";
    case OptionType::Choice:
        return JoinChoices(choices);
    case OptionType::Address:
        return "IPv4 address";
    case OptionType::Network:
        return "network a.b.c.d/len";
    case OptionType::Distribution:
        return "distribution" + unit;
    case OptionType::Text:
        return unit.empty() ? "text" : "text" + unit;
    }
    return "";
}

const std::vector<OptionDeclaration>&
OptionTable()
{
    static const std::vector<OptionDeclaration> kTable = Declare();
    return kTable;
}

const OptionDeclaration*
FindOption(const std::string& name)
{
    for (const auto& d : OptionTable())
    {
        if (d.name == name)
        {
            return &d;
        }
    }
    return nullptr;
}

std::vector<std::string>
OptionsWith(OptionRole role)
{
    std::vector<std::string> names;
    for (const auto& d : OptionTable())
    {
        if (d.Has(role))
        {
            names.push_back(d.name);
        }
    }
    return names;
}

void
WriteOptionsMarkdown(std::ostream& os)
{
    std::string group;
    for (const auto& d : OptionTable())
    {
        if (d.group != group)
        {
            os << (group.empty() ? "" : "\n") << "### " << d.group << "\n\n"
               << "| option | default | values | meaning |\n"
               << "| --- | --- | --- | --- |\n";
            group = d.group;
        }
        std::string defaultValue = "`" + d.defaultValue + "`";
        if (d.defaultValue.empty())
        {
            defaultValue = "(none)";
        }
        if (!d.defaultWithRules.empty())
        {
            defaultValue += " (`" + d.defaultWithRules + "` with `--rules`)";
        }
        std::string meaning = d.help;
        if (d.Has(kPerServer))
        {
            meaning += "; one value for all servers, or one per server";
        }
        if (d.Has(kSetByRules))
        {
            meaning += "; set by `--rules`";
        }
        os << "| `--" << d.name << "` | " << defaultValue << " | " << d.Domain() << " | " << meaning
           << " |\n";
    }
}

} // namespace ns3
