// Everything a lvs-sim run is configured with, and how it is read: the
// command line first, then the INI file given with --config (command-line
// values win), then the defaults.  Every INI key is also a --key option.
#ifndef LVS_SCENARIO_CONFIG_H
#define LVS_SCENARIO_CONFIG_H

#include "helper/director-failover.h"
#include "helper/fault-schedule.h"
#include "helper/health-check-helper.h"
#include "helper/ipvs-director-helper.h"
#include "helper/lvs-topology-helper.h"
#include "helper/lvs-workload-helper.h"
#include "model/apps/distribution-spec.h"
#include "model/ipvs-director.h"
#include "model/ipvs/ipvs-types.h"
#include "model/ipvs/ipvsadm/ipvsadm-rules.h"
#include "model/ipvs/service.h"
#include "scenarios/config-file.h"

#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

struct ScenarioConfig
{
    // run
    std::string configFile;
    std::string outputDir;
    uint32_t seed = 1;
    uint64_t run = 1;
    bool showAddresses = false;
    std::string progress = "auto"; ///< auto (when stderr is a terminal), on, off
    uint64_t walkTransaction = 0;  ///< transaction to walk hop by hop (0: none)
    bool walkAllPackets = false;   ///< --walk-packets all: the whole conversation
    bool pcap = false;             ///< pcap files per node and interface

    LvsTopologyConfig topology;

    // virtual service
    ipvs::Protocol protocol = ipvs::Protocol::Tcp;
    uint16_t port = 80;
    uint16_t realPort = 80;
    std::string scheduler = "wlc";
    ipvs::SchedulerFlags schedulerFlags; ///< ipvsadm -b
    uint32_t persistentS = 0;            ///< 0: not persistent
    ipvs::Addr persistenceNetmask = 0xffffffff;

    /// --rules: the Director's rules (services and servers come from
    /// them); the servers above are then one per RIP, in the order the
    /// rules first name them.
    std::string rulesFile;
    /// The rules file is `ipvsadm -Ln` output, read as the rules it lists.
    bool rulesFromListing = false;
    /// The rules file is a keepalived.conf: the rules are what keepalived
    /// does at start, and its checkers run (keepalivedPlans).
    bool rulesFromKeepalived = false;
    std::vector<ipvs::RuleLine> rules;
    /// keepalived.conf: real servers keepalived may add later (alpha ones,
    /// sorry servers); they are nodes of the cluster from the start.
    std::vector<ipvs::RuleLine> laterServers;
    std::vector<keepalived::VirtualServerPlan> keepalivedPlans;
    /// keepalived.conf: "FILE:LINE: ..." for each keyword skipped.
    std::vector<std::string> keepalivedNotes;
    /// keepalived.conf: its vrrp_instance blocks, and lvs_sync_daemon.
    std::vector<keepalived::VrrpInstanceConf> keepalivedVrrp;
    bool keepalivedSync = false;
    std::vector<FwmarkRule> fwmarks;
    /// When to save ipvsadm views (seconds).
    std::vector<double> listingTimesS;
    /// --faults: crashes, recoveries and slow-downs of real servers.
    std::vector<Fault> faults;
    /// --vrrp: a backup Director and VRRP between the two.
    FailoverConfig failover;
    /// --health-check, or a keepalived.conf: keepalived's checkers on the
    /// Director (off: none).
    bool healthChecksOn = false;
    HealthCheckConfig healthChecks;

    /// Real servers (one per RIP; with --rules in the order the rules first
    /// name them), the ports they listen on, and the clients' load.
    LvsWorkloadConfig workload;

    /// "ipvs", or "none": a plain router in the Director's place (ask
    /// NoDirector() rather than comparing the text).
    std::string director = "ipvs";

    /// The VIPs of the plain options (--vip), the first one first.
    std::vector<Ipv4Address> PlainVips() const
    {
        std::vector<Ipv4Address> vips{topology.vip};
        vips.insert(vips.end(), topology.extraVips.begin(), topology.extraVips.end());
        return vips;
    }

    /// True for --director none, the plain-router baseline.
    bool NoDirector() const
    {
        return director == "none";
    }

    /// The Director's /proc/sys/net/ipv4/vs settings.
    ipvs::IpvsSysctls sysctls;

    /// The Director's processing model (off while every cost is 0).
    DirectorCpuConfig directorCpu;

    /// The measurement window starts here and ends with the arrivals.
    double warmupS = 0;

    // simulation
    double sampleIntervalS = 1;
    double tcpMslS = 1;
    uint32_t tcpSegmentBytes = 1448;
    bool checksums = true;
    uint32_t arpQueuePackets = 1000;
    std::string eventScheduler = "priority-queue"; ///< --event-scheduler

    /// Every option that shapes the results and its resolved value, by name
    /// (the configuration echo; output and progress are left out).
    std::map<std::string, std::string> resolved;
};

/// What the command line asked for.
enum class CommandLineAction
{
    Run,           ///< simulate with the configuration
    Help,          ///< --help was printed
    ShowAddresses, ///< print the address plan only
};

/// Parses argv (and the --config file).  Throws ConfigError with a message
/// that names the option, or the file and line, and the problem.
CommandLineAction ParseScenarioConfig(int argc,
                                      const char* const* argv,
                                      ScenarioConfig* config,
                                      std::ostream& helpOut);

} // namespace ns3

#endif
