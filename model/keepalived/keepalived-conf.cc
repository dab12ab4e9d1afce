#include "model/keepalived/keepalived-conf.h"

#include "model/ipvs/scheduler-registry.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

namespace keepalived
{

namespace
{

/// The timing keys, each at the level that sets it (virtual server, real
/// server or checker); the nearest level wins (check_data.c).
struct TimingKeys
{
    std::optional<double> delayLoopS;
    std::optional<double> connectTimeoutS;
    std::optional<unsigned> retry;
    std::optional<double> delayBeforeRetryS;
    std::optional<double> warmupS;
    std::optional<bool> alpha;
};

template <typename T>
std::optional<T>
Nearest(const std::optional<T>& checker, const std::optional<T>& rs, const std::optional<T>& vs)
{
    return checker ? checker : rs ? rs : vs;
}

CheckTimings
Resolve(CheckKind kind, const TimingKeys& checker, const TimingKeys& rs, const TimingKeys& vs)
{
    CheckTimings t = CheckTimings::Defaults(kind);
    t.delayLoopS = Nearest(checker.delayLoopS, rs.delayLoopS, vs.delayLoopS).value_or(60);
    t.connectTimeoutS =
        Nearest(checker.connectTimeoutS, rs.connectTimeoutS, vs.connectTimeoutS).value_or(5);
    t.retry = Nearest(checker.retry, rs.retry, vs.retry).value_or(1);
    t.delayBeforeRetryS =
        Nearest(checker.delayBeforeRetryS, rs.delayBeforeRetryS, vs.delayBeforeRetryS)
            .value_or(t.delayBeforeRetryS);
    // warmup defaults to the checker's own delay loop.
    t.warmupS = Nearest(checker.warmupS, rs.warmupS, vs.warmupS).value_or(t.delayLoopS);
    return t;
}

/// Keywords keepalived knows that change nothing lvs-sim models: accepted
/// without a note.
const std::set<std::string>&
QuietKeywords()
{
    static const std::set<std::string> quiet = {
        // global_defs
        "router_id",
        "notification_email",
        "notification_email_from",
        "smtp_server",
        "smtp_connect_timeout",
        "smtp_helo_name",
        "enable_script_security",
        "script_user",
        "vrrp_skip_check_adv_addr",
        "vrrp_strict",
        "vrrp_garp_interval",
        "vrrp_gna_interval",
        "vrrp_iptables",
        "lvs_flush",
        "max_auto_priority",
        "checker_log_all_failures",
        "vrrp_version",
        "dynamic_interfaces",
        // notifications and logging
        "notify_up",
        "notify_down",
        "notify_master",
        "notify_backup",
        "notify_fault",
        "notify",
        "smtp_alert",
        "log_all_failures",
        "quorum_up",
        "quorum_down",
        // HTTP_GET's request, which the model's server always answers
        "http_protocol",
        "virtualhost",
        "url",
        "path",
        "status_code",
        "digest",
        "regex",
        "fast_recovery",
        // VRRP details beyond the model
        "authentication",
        "auth_type",
        "auth_pass",
        "track_interface",
        "track_script",
        "garp_master_delay",
        "garp_master_repeat",
        "unicast_src_ip",
        "unicast_peer",
        "dont_track_primary",
        "ip_family",
        "ha_suspend"};
    return quiet;
}

class Reader
{
  public:
    explicit Reader(std::string file)
        : m_file(std::move(file))
    {
    }

    KeepalivedConf Read(const std::vector<ConfNode>& top)
    {
        for (const ConfNode& node : top)
        {
            if (node.keyword == "global_defs")
            {
                GlobalDefs(node);
            }
            else if (node.keyword == "virtual_server")
            {
                m_conf.virtualServers.push_back(VirtualServer(node));
            }
            else if (node.keyword == "vrrp_instance")
            {
                m_conf.vrrpInstances.push_back(VrrpInstance(node));
            }
            else if (node.keyword == "virtual_server_group")
            {
                Fail(node,
                     "virtual_server_group is not modelled: write one virtual_server per "
                     "address");
            }
            else if (node.keyword == "include")
            {
                Fail(node, "include is not followed: paste the included file in");
            }
            else if (node.keyword == "vrrp_script" || node.keyword == "vrrp_sync_group" ||
                     node.keyword == "static_ipaddress" || node.keyword == "static_routes" ||
                     node.keyword == "linkbeat_use_polling")
            {
                Note(node, node.keyword + " has no effect here (skipped)");
            }
            else
            {
                Unknown(node);
            }
        }
        return m_conf;
    }

  private:
    [[noreturn]] void Fail(const ConfNode& node, const std::string& why) const
    {
        throw ConfError(m_file + ":" + std::to_string(node.line) + ": " + why);
    }

    void Note(const ConfNode& node, const std::string& what)
    {
        m_conf.notes.push_back(m_file + ":" + std::to_string(node.line) + ": " + what);
    }

    void Unknown(const ConfNode& node)
    {
        if (QuietKeywords().count(node.keyword))
        {
            return;
        }
        Note(node,
             "unknown keyword '" + node.keyword + "' skipped" +
                 (node.hasBlock ? " with its block" : "") + ", as keepalived does");
    }

    const std::string& Arg(const ConfNode& node, size_t i, const std::string& what) const
    {
        if (node.args.size() <= i)
        {
            Fail(node, node.keyword + " needs " + what);
        }
        return node.args[i];
    }

    void NoMoreThan(const ConfNode& node, size_t count) const
    {
        if (node.args.size() > count)
        {
            Fail(node, "unexpected '" + node.args[count] + "' after " + node.keyword);
        }
    }

    double Seconds(const ConfNode& node, double min) const
    {
        const std::string& text = Arg(node, 0, "a time in seconds");
        NoMoreThan(node, 1);
        char* end = nullptr;
        double value = std::strtod(text.c_str(), &end);
        if (text.empty() || *end != '\0' || !std::isfinite(value) || value < min || value > 1e7)
        {
            Fail(node,
                 "invalid " + node.keyword + " '" + text + "' (seconds" +
                     (min > 0 ? ", above 0" : "") + ")");
        }
        return value;
    }

    unsigned long Whole(const ConfNode& node, size_t i, unsigned long min, unsigned long max) const
    {
        const std::string& text = Arg(node, i, "a number");
        if (text.empty() || text.size() > 10 ||
            text.find_first_not_of("0123456789") != std::string::npos || std::stoul(text) < min ||
            std::stoul(text) > max)
        {
            Fail(node,
                 "invalid " + node.keyword + " '" + text + "' (" + std::to_string(min) + " to " +
                     std::to_string(max) + ")");
        }
        return std::stoul(text);
    }

    ipvs::Addr Address(const ConfNode& node, size_t i) const
    {
        const std::string& text = Arg(node, i, "an IPv4 address");
        auto addr = ipvs::ParseAddr(text);
        if (!addr)
        {
            Fail(node, "'" + text + "' is not an IPv4 address (IPv6 is not modelled)");
        }
        return *addr;
    }

    ipvs::ForwardMethod Method(const ConfNode& node) const
    {
        std::string kind = Arg(node, 0, "NAT, DR or TUN");
        std::transform(kind.begin(), kind.end(), kind.begin(), ::toupper);
        if (kind == "TUN" && node.args.size() > 1 &&
            !(node.args.size() == 3 && node.args[1] == "type" && node.args[2] == "ipip"))
        {
            Fail(node, "only the IPIP tunnel is modelled ('TUN' or 'TUN type ipip')");
        }
        if (kind != "TUN")
        {
            NoMoreThan(node, 1);
        }
        if (kind == "NAT")
        {
            return ipvs::ForwardMethod::Masq;
        }
        if (kind == "DR")
        {
            return ipvs::ForwardMethod::DirectRoute;
        }
        if (kind == "TUN")
        {
            return ipvs::ForwardMethod::Tunnel;
        }
        Fail(node, node.keyword + " '" + node.args[0] + "' is not NAT, DR or TUN");
    }

    /// A timing key at any level; false if @p node is not one.
    bool TimingKey(const ConfNode& node, TimingKeys& keys) const
    {
        const std::string& k = node.keyword;
        if (k == "delay_loop")
        {
            keys.delayLoopS = Seconds(node, 1e-6);
        }
        else if (k == "connect_timeout")
        {
            keys.connectTimeoutS = Seconds(node, 1e-6);
        }
        else if (k == "retry" || k == "nb_get_retry")
        {
            NoMoreThan(node, 1);
            keys.retry = unsigned(Whole(node, 0, 0, 1000000));
        }
        else if (k == "delay_before_retry")
        {
            keys.delayBeforeRetryS = Seconds(node, 0);
        }
        else if (k == "warmup")
        {
            keys.warmupS = Seconds(node, 0);
        }
        else if (k == "alpha")
        {
            keys.alpha = true;
        }
        else
        {
            return false;
        }
        return true;
    }

    void GlobalDefs(const ConfNode& block)
    {
        for (const ConfNode& node : block.children)
        {
            if (node.keyword == "lvs_timeouts")
            {
                LvsTimeouts(node);
            }
            else if (node.keyword == "lvs_sync_daemon")
            {
                // The interface and options are the model's: the D/RIP
                // network, syncid the virtual_router_id.
                m_conf.syncDaemon = true;
            }
            else
            {
                Unknown(node);
            }
        }
    }

    void LvsTimeouts(const ConfNode& node)
    {
        ipvs::IpvsadmCommand set;
        set.verb = ipvs::IpvsadmVerb::SetTimeouts;
        if (node.args.empty() || node.args.size() % 2)
        {
            Fail(node, "lvs_timeouts takes pairs: tcp N tcpfin N udp N");
        }
        for (size_t i = 0; i < node.args.size(); i += 2)
        {
            static const std::vector<std::string> names = {"tcp", "tcpfin", "udp"};
            auto at = std::find(names.begin(), names.end(), node.args[i]);
            if (at == names.end())
            {
                Fail(node, "lvs_timeouts: '" + node.args[i] + "' is not tcp, tcpfin or udp");
            }
            set.timeouts[at - names.begin()] = uint32_t(Whole(node, i + 1, 1, 2147483));
        }
        m_conf.timeouts = set;
        m_conf.timeoutsLine = node.line;
    }

    VirtualServerPlan VirtualServer(const ConfNode& block)
    {
        VirtualServerPlan vs;
        vs.line = block.line;
        if (!block.args.empty() && block.args[0] == "group")
        {
            Fail(block,
                 "virtual_server group is not modelled: write one virtual_server per "
                 "address");
        }
        if (block.args.size() == 2 && block.args[0] == "fwmark")
        {
            vs.service.fwmark = uint32_t(Whole(block, 1, 1, 4294967295UL));
        }
        else if (block.args.size() == 2)
        {
            vs.service.addr = Address(block, 0);
            vs.service.port = ipvs::Port(Whole(block, 1, 0, 65535));
        }
        else
        {
            Fail(block, "virtual_server takes ADDRESS PORT or fwmark MARK");
        }
        TimingKeys timings;
        ipvs::ForwardMethod method = ipvs::ForwardMethod::Masq; // keepalived's default
        bool inhibit = false;
        std::vector<const ConfNode*> flags;
        std::vector<const ConfNode*> realServers;
        const ConfNode* sorry = nullptr;
        std::optional<ipvs::ForwardMethod> sorryMethod;
        bool schedulerGiven = false;
        for (const ConfNode& node : block.children)
        {
            const std::string& k = node.keyword;
            if (TimingKey(node, timings))
            {
                continue;
            }
            if (k == "lb_algo" || k == "lvs_sched")
            {
                NoMoreThan(node, 1);
                vs.service.scheduler = Arg(node, 0, "a scheduler");
                auto names = ipvs::SchedulerNames();
                if (std::find(names.begin(), names.end(), vs.service.scheduler) == names.end())
                {
                    Fail(node,
                         "unknown scheduler '" + vs.service.scheduler +
                             "' (known: " + ipvs::SchedulerNameList() + ")");
                }
                schedulerGiven = true;
            }
            else if (k == "lb_kind" || k == "lvs_method")
            {
                method = Method(node);
            }
            else if (k == "protocol")
            {
                NoMoreThan(node, 1);
                std::string p = Arg(node, 0, "TCP or UDP");
                std::transform(p.begin(), p.end(), p.begin(), ::tolower);
                auto protocol = ipvs::ParseProtocol(p);
                if (!protocol)
                {
                    Fail(node,
                         "protocol '" + node.args[0] +
                             "' is not TCP or UDP (SCTP is not "
                             "modelled)");
                }
                vs.service.protocol = *protocol;
            }
            else if (k == "persistence_timeout")
            {
                NoMoreThan(node, 1);
                vs.service.persistent = true;
                vs.service.persistenceTimeoutS =
                    node.args.empty() ? ipvs::kDefaultPersistenceTimeoutS
                                      : uint32_t(Whole(node, 0, 1, ipvs::kMaxPersistenceTimeoutS));
            }
            else if (k == "persistence_granularity")
            {
                NoMoreThan(node, 1);
                vs.service.netmask = Address(node, 0);
            }
            else if (k == "inhibit_on_failure")
            {
                inhibit = true;
            }
            else if (k == "ops")
            {
                vs.service.onePacket = true;
            }
            else if (k == "sh-port" || k == "sh-fallback" || k == "mh-port" || k == "mh-fallback" ||
                     k == "flag-1" || k == "flag-2" || k == "flag-3")
            {
                flags.push_back(&node);
            }
            else if (k == "quorum")
            {
                NoMoreThan(node, 1);
                vs.quorum = unsigned(Whole(node, 0, 1, 4294967295UL));
            }
            else if (k == "hysteresis")
            {
                NoMoreThan(node, 1);
                vs.hysteresis = unsigned(Whole(node, 0, 0, 4294967295UL));
            }
            else if (k == "sorry_server")
            {
                sorry = &node;
            }
            else if (k == "sorry_server_inhibit")
            {
                vs.sorryServerInhibit = true;
            }
            else if (k == "sorry_server_lvs_method")
            {
                sorryMethod = Method(node);
            }
            else if (k == "real_server")
            {
                realServers.push_back(&node);
            }
            else if (k == "omega")
            {
                Note(node, "omega: the quorum_down script it runs is not modelled");
            }
            else
            {
                Unknown(node);
            }
        }
        if (!schedulerGiven)
        {
            Note(block, "virtual_server without lb_algo: wlc, keepalived's default");
        }
        for (const ConfNode* flag : flags)
        {
            bool generic = flag->keyword.rfind("flag-", 0) == 0;
            if (!ipvs::SetSchedulerFlag(vs.service.scheduler,
                                        flag->keyword,
                                        generic,
                                        &vs.service.flags))
            {
                Fail(*flag, flag->keyword + " is not a flag of " + vs.service.scheduler);
            }
        }
        if (vs.service.fwmark == 0 && vs.service.port == 0 && !vs.service.persistent)
        {
            Fail(block, "a port-0 virtual server must be persistent (persistence_timeout)");
        }
        for (const ConfNode* node : realServers)
        {
            vs.servers.push_back(RealServer(*node, method, inhibit, timings));
        }
        if (sorry)
        {
            NoMoreThan(*sorry, 2);
            ipvs::DestinationConfig s;
            s.addr = Address(*sorry, 0);
            s.port = ipvs::Port(Whole(*sorry, 1, 0, 65535));
            s.method = sorryMethod.value_or(method);
            vs.sorryServer = s;
        }
        if (vs.servers.empty())
        {
            Fail(block, "virtual_server has no real_server");
        }
        return vs;
    }

    CheckedServer RealServer(const ConfNode& block,
                             ipvs::ForwardMethod method,
                             bool inhibit,
                             const TimingKeys& vsTimings)
    {
        CheckedServer rs;
        rs.line = block.line;
        NoMoreThan(block, 2);
        rs.server.addr = Address(block, 0);
        rs.server.port = ipvs::Port(Whole(block, 1, 0, 65535));
        rs.server.method = method;
        rs.inhibitOnFailure = inhibit;
        // The real server's timing keys first: keepalived resolves a
        // checker's keys once the whole file is read, wherever they stand.
        TimingKeys timings;
        std::vector<const ConfNode*> rest;
        for (const ConfNode& node : block.children)
        {
            if (!TimingKey(node, timings))
            {
                rest.push_back(&node);
            }
        }
        for (const ConfNode* each : rest)
        {
            const ConfNode& node = *each;
            const std::string& k = node.keyword;
            if (k == "weight")
            {
                NoMoreThan(node, 1);
                rs.server.weight = int(Whole(node, 0, 0, ipvs::kMaxDestinationWeight));
            }
            else if (k == "inhibit_on_failure")
            {
                rs.inhibitOnFailure = true;
            }
            else if (k == "uthreshold")
            {
                rs.server.upperThreshold =
                    uint32_t(Whole(node, 0, 0, ipvs::kMaxConnectionThreshold));
            }
            else if (k == "lthreshold")
            {
                rs.server.lowerThreshold =
                    uint32_t(Whole(node, 0, 0, ipvs::kMaxConnectionThreshold));
            }
            else if (k == "lvs_method" || k == "lb_kind")
            {
                rs.server.method = Method(node);
            }
            else if (k == "TCP_CHECK" || k == "HTTP_GET" || k == "SSL_GET")
            {
                Checker(node, rs, timings, vsTimings);
            }
            else if (k == "MISC_CHECK" || k == "SMTP_CHECK" || k == "DNS_CHECK" ||
                     k == "UDP_CHECK" || k == "PING_CHECK" || k == "FILE_CHECK" || k == "BFD_CHECK")
            {
                Note(node, k + " is not modelled: it never fails here");
            }
            else
            {
                Unknown(node);
            }
        }
        if (!rs.check)
        {
            rs.alpha = false; // nothing would ever bring it up
        }
        return rs;
    }

    void Checker(const ConfNode& block,
                 CheckedServer& rs,
                 const TimingKeys& rsTimings,
                 const TimingKeys& vsTimings)
    {
        if (rs.check)
        {
            Note(block, block.keyword + ": only the first checker of a real server is modelled");
            return;
        }
        CheckSpec check;
        check.line = block.line;
        check.kind = block.keyword == "TCP_CHECK" ? CheckKind::Tcp : CheckKind::Http;
        if (block.keyword == "SSL_GET")
        {
            Note(block, "SSL_GET is modelled as HTTP_GET (no TLS handshake)");
        }
        TimingKeys timings;
        for (const ConfNode& node : block.children)
        {
            const std::string& k = node.keyword;
            if (TimingKey(node, timings))
            {
                continue;
            }
            if (k == "connect_ip")
            {
                NoMoreThan(node, 1);
                check.connectIp = Address(node, 0);
            }
            else if (k == "connect_port")
            {
                NoMoreThan(node, 1);
                check.connectPort = ipvs::Port(Whole(node, 0, 1, 65535));
            }
            else if (k == "bindto" || k == "bind_port" || k == "bind_if" || k == "fwmark")
            {
                Note(node, k + " has no effect here: checks leave from the DIP");
            }
            else
            {
                Unknown(node);
            }
        }
        check.timings = Resolve(check.kind, timings, rsTimings, vsTimings);
        rs.alpha = Nearest(timings.alpha, rsTimings.alpha, vsTimings.alpha).value_or(false);
        rs.check = check;
    }

    VrrpInstanceConf VrrpInstance(const ConfNode& block)
    {
        VrrpInstanceConf v;
        v.line = block.line;
        v.name = Arg(block, 0, "a name");
        for (const ConfNode& node : block.children)
        {
            const std::string& k = node.keyword;
            if (k == "state")
            {
                std::string state = Arg(node, 0, "MASTER or BACKUP");
                if (state != "MASTER" && state != "BACKUP")
                {
                    Fail(node, "state '" + state + "' is not MASTER or BACKUP");
                }
                v.master = state == "MASTER";
            }
            else if (k == "interface")
            {
                v.interface = Arg(node, 0, "an interface");
            }
            else if (k == "virtual_router_id")
            {
                v.virtualRouterId = unsigned(Whole(node, 0, 1, 255));
            }
            else if (k == "priority")
            {
                v.priority = unsigned(Whole(node, 0, 1, 255));
            }
            else if (k == "advert_int")
            {
                v.advertIntS = Seconds(node, 0.01);
            }
            else if (k == "nopreempt")
            {
                v.nopreempt = true;
            }
            else if (k == "preempt_delay")
            {
                v.preemptDelayS = Seconds(node, 0);
            }
            else if (k == "virtual_ipaddress")
            {
                for (const ConfNode& address : node.children)
                {
                    std::string text = address.keyword.substr(0, address.keyword.find('/'));
                    auto addr = ipvs::ParseAddr(text);
                    if (!addr)
                    {
                        Fail(address, "'" + address.keyword + "' is not an IPv4 address");
                    }
                    v.virtualAddresses.push_back(*addr);
                }
            }
            else
            {
                Unknown(node);
            }
        }
        if (v.virtualRouterId == 0)
        {
            Fail(block, "vrrp_instance " + v.name + " has no virtual_router_id");
        }
        if (v.nopreempt && v.master)
        {
            Note(block, "nopreempt needs state BACKUP: keepalived ignores it with state MASTER");
            v.nopreempt = false;
        }
        return v;
    }

    std::string m_file;
    KeepalivedConf m_conf;
};

ipvs::RuleLine
Rule(int line, const ipvs::IpvsadmCommand& command)
{
    ipvs::RuleLine rule;
    rule.line = line;
    rule.command = command;
    return rule;
}

ipvs::IpvsadmCommand
AddServer(const ipvs::ServiceConfig& service, const ipvs::DestinationConfig& server)
{
    ipvs::IpvsadmCommand add;
    add.verb = ipvs::IpvsadmVerb::AddServer;
    add.service = service;
    add.serviceGiven = true;
    add.server = server;
    add.serverGiven = true;
    return add;
}

} // namespace

KeepalivedConf
ReadKeepalivedConf(std::istream& input, const std::string& file)
{
    return Reader(file).Read(ParseConfTree(input, file));
}

bool
LooksLikeKeepalivedConf(const std::string& text)
{
    std::istringstream in(text);
    std::string word;
    while (in >> word)
    {
        if (word[0] == '#' || word[0] == '!')
        {
            std::getline(in, word);
            continue;
        }
        return word == "global_defs" || word == "virtual_server" || word == "vrrp_instance" ||
               word == "virtual_server_group" || word == "vrrp_script" || word == "vrrp_sync_group";
    }
    return false;
}

std::vector<ipvs::RuleLine>
StartRules(const KeepalivedConf& conf)
{
    std::vector<ipvs::RuleLine> rules;
    if (conf.timeouts)
    {
        rules.push_back(Rule(conf.timeoutsLine, *conf.timeouts));
    }
    for (const VirtualServerPlan& vs : conf.virtualServers)
    {
        ipvs::IpvsadmCommand add;
        add.verb = ipvs::IpvsadmVerb::AddService;
        add.service = vs.service;
        add.serviceGiven = true;
        rules.push_back(Rule(vs.line, add));
        for (const CheckedServer& rs : vs.servers)
        {
            if (!rs.alpha)
            {
                rules.push_back(Rule(rs.line, AddServer(vs.service, rs.server)));
            }
            else if (rs.inhibitOnFailure)
            {
                ipvs::DestinationConfig quiesced = rs.server;
                quiesced.weight = 0; // down until its first passed check
                rules.push_back(Rule(rs.line, AddServer(vs.service, quiesced)));
            }
        }
        if (vs.sorryServer && vs.sorryServerInhibit)
        {
            ipvs::DestinationConfig quiesced = *vs.sorryServer;
            quiesced.weight = 0; // enabled when the quorum is lost
            rules.push_back(Rule(vs.line, AddServer(vs.service, quiesced)));
        }
    }
    return rules;
}

std::vector<ipvs::RuleLine>
LaterServers(const KeepalivedConf& conf)
{
    std::vector<ipvs::RuleLine> later;
    for (const VirtualServerPlan& vs : conf.virtualServers)
    {
        for (const CheckedServer& rs : vs.servers)
        {
            if (rs.alpha && !rs.inhibitOnFailure)
            {
                later.push_back(Rule(rs.line, AddServer(vs.service, rs.server)));
            }
        }
        if (vs.sorryServer && !vs.sorryServerInhibit)
        {
            later.push_back(Rule(vs.line, AddServer(vs.service, *vs.sorryServer)));
        }
    }
    return later;
}

} // namespace keepalived
