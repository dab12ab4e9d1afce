// The keepalived.conf subset lvs-sim reads as a Director's configuration
// (keepalived 2.4 keywords and defaults): virtual_server blocks with their
// real servers and TCP_CHECK / HTTP_GET checkers, sorry_server and quorum,
// global_defs' lvs_timeouts, and vrrp_instance blocks.
//
// What it yields is what keepalived would do to IPVS: the ipvsadm commands
// of its start (virtual services, and the real servers it adds at once)
// and, per real server, how it is checked.  An unknown keyword is reported
// with file:line and skipped with its block, as keepalived does; a value
// keepalived would log as invalid is refused here, with file:line.
#ifndef KEEPALIVED_KEEPALIVED_CONF_H
#define KEEPALIVED_KEEPALIVED_CONF_H

#include "model/ipvs/ipvsadm/ipvsadm-rules.h"
#include "model/keepalived/checker-state.h"
#include "model/keepalived/conf-tree.h"

#include <istream>
#include <optional>
#include <string>
#include <vector>

namespace keepalived
{

/// One checker of a real server.
struct CheckSpec
{
    CheckKind kind = CheckKind::Tcp;
    CheckTimings timings;
    ipvs::Addr connectIp = 0;   ///< 0: the real server's address
    ipvs::Port connectPort = 0; ///< 0: the real server's port
    int line = 0;
};

/// A real server as keepalived manages it.
struct CheckedServer
{
    ipvs::DestinationConfig server; ///< weight, method, thresholds as configured
    std::optional<CheckSpec> check; ///< none: never checked, always up
    bool inhibitOnFailure = false;
    bool alpha = false; ///< starts down: added on its first passed check
    int line = 0;
};

/// A virtual_server block.
struct VirtualServerPlan
{
    ipvs::ServiceConfig service;
    std::vector<CheckedServer> servers;
    std::optional<ipvs::DestinationConfig> sorryServer;
    bool sorryServerInhibit = false;
    unsigned quorum = 1;
    unsigned hysteresis = 0;
    int line = 0;
};

/// A vrrp_instance block.
struct VrrpInstanceConf
{
    std::string name;
    bool master = false; ///< state MASTER (BACKUP otherwise)
    std::string interface;
    unsigned virtualRouterId = 0;
    unsigned priority = 100;
    double advertIntS = 1;
    bool nopreempt = false;
    double preemptDelayS = 0;
    std::vector<ipvs::Addr> virtualAddresses;
    int line = 0;
};

struct KeepalivedConf
{
    std::vector<VirtualServerPlan> virtualServers;
    std::vector<VrrpInstanceConf> vrrpInstances;
    /// global_defs lvs_sync_daemon: the sync daemon follows VRRP.
    bool syncDaemon = false;
    /// global_defs lvs_timeouts (tcp, tcpfin, udp; 0 = unchanged).
    std::optional<ipvs::IpvsadmCommand> timeouts;
    int timeoutsLine = 0;
    /// "FILE:LINE: ..." for each keyword skipped or without effect here.
    std::vector<std::string> notes;
};

/// Reads a keepalived.conf.  Throws ConfError.
KeepalivedConf ReadKeepalivedConf(std::istream& input, const std::string& file);

/// True when @p text looks like a keepalived.conf (its first keyword is
/// one of keepalived's top-level blocks).
bool LooksLikeKeepalivedConf(const std::string& text);

/// The ipvsadm commands of keepalived's start: --set for lvs_timeouts,
/// -A per virtual server, -a per real server that starts up (weight 0 for
/// an alpha server with inhibit_on_failure), each with the line of its
/// block.
std::vector<ipvs::RuleLine> StartRules(const KeepalivedConf& conf);

/// -a commands for the real servers keepalived may add later: alpha
/// servers left out at the start, and sorry servers.
std::vector<ipvs::RuleLine> LaterServers(const KeepalivedConf& conf);

} // namespace keepalived

#endif
