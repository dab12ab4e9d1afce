#include "model/ipvs/ipvsadm/ipvsadm-command.h"

#include "model/ipvs/scheduler-registry.h"

#include <map>
#include <set>

namespace ipvs
{

namespace
{

constexpr uint32_t kMaxTimeoutS = 2678400;

/// The port names `ipvsadm -S` (without -n) may write.
const std::map<std::string, Port>&
ServiceNames()
{
    static const std::map<std::string, Port> kNames = {{"ftp", 21},
                                                       {"ssh", 22},
                                                       {"smtp", 25},
                                                       {"domain", 53},
                                                       {"http", 80},
                                                       {"www", 80},
                                                       {"pop3", 110},
                                                       {"imap", 143},
                                                       {"https", 443},
                                                       {"imaps", 993},
                                                       {"pop3s", 995},
                                                       {"mysql", 3306}};
    return kNames;
}

uint64_t
ParseNumber(const std::string& text, uint64_t max, const std::string& what)
{
    if (text.empty() || text.size() > 10 ||
        text.find_first_not_of("0123456789") != std::string::npos)
    {
        throw IpvsadmError("illegal " + what + " specified");
    }
    uint64_t value = std::stoull(text);
    if (value > max)
    {
        throw IpvsadmError("illegal " + what + " specified");
    }
    return value;
}

/// host[:port]; a missing port means 0.
std::pair<Addr, Port>
ParseHostPort(const std::string& text, const std::string& what)
{
    auto colon = text.find(':');
    std::string host = text.substr(0, colon);
    auto addr = ParseAddr(host);
    if (!addr)
    {
        throw IpvsadmError("illegal " + what + " address '" + host +
                           "' (lvs-sim reads numeric IPv4 addresses, as ipvsadm -Sn writes them)");
    }
    if (colon == std::string::npos)
    {
        return {*addr, 0};
    }
    std::string port = text.substr(colon + 1);
    auto named = ServiceNames().find(port);
    if (named != ServiceNames().end())
    {
        return {*addr, named->second};
    }
    return {*addr, Port(ParseNumber(port, 65535, what + " port"))};
}

SchedulerFlags
ParseSchedulerFlags(const std::string& list, const std::string& scheduler)
{
    SchedulerFlags flags;
    size_t start = 0;
    while (start <= list.size())
    {
        size_t comma = list.find(',', start);
        std::string flag = list.substr(start, comma - start);
        if (!SetSchedulerFlag(scheduler, flag, true, &flags))
        {
            throw IpvsadmError("invalid scheduler flag '" + flag + "' for scheduler " + scheduler);
        }
        if (comma == std::string::npos)
        {
            break;
        }
        start = comma + 1;
    }
    return flags;
}

/// Walks the tokens, one option at a time.
class Parser
{
  public:
    explicit Parser(const std::vector<std::string>& tokens)
    {
        for (const auto& t : tokens)
        {
            if (t == "ipvsadm")
            {
                continue;
            }
            // --option=value is the same as --option value.
            auto eq = t.find('=');
            if (t.rfind("--", 0) == 0 && eq != std::string::npos)
            {
                m_tokens.push_back(t.substr(0, eq));
                m_tokens.push_back(t.substr(eq + 1));
            }
            else
            {
                m_tokens.push_back(t);
            }
        }
    }

    IpvsadmCommand Parse();

  private:
    const std::string& Value(const std::string& option)
    {
        if (m_next >= m_tokens.size())
        {
            throw IpvsadmError("option " + option + " requires an argument");
        }
        return m_tokens[m_next++];
    }

    void Once(const std::string& name)
    {
        if (!m_seen.insert(name).second)
        {
            throw IpvsadmError("multiple " + name + " options specified");
        }
    }

    void SetVerb(IpvsadmVerb verb)
    {
        if (m_verbGiven)
        {
            throw IpvsadmError("multiple commands specified");
        }
        m_verbGiven = true;
        m_command.verb = verb;
    }

    void Service(Protocol protocol, const std::string& text)
    {
        Once("service");
        auto [addr, port] = ParseHostPort(text, "virtual service");
        m_command.service.protocol = protocol;
        m_command.service.addr = addr;
        m_command.service.port = port;
        m_command.serviceGiven = true;
    }

    void Option(const std::string& option);
    void Check();

    std::vector<std::string> m_tokens;
    size_t m_next = 0;
    std::set<std::string> m_seen;
    bool m_verbGiven = false;
    bool m_methodGiven = false;
    std::string m_flags;
    IpvsadmCommand m_command;
};

void
Parser::Option(const std::string& o)
{
    static const std::map<std::string, IpvsadmVerb> kVerbs = {
        {"-A", IpvsadmVerb::AddService},
        {"--add-service", IpvsadmVerb::AddService},
        {"-E", IpvsadmVerb::EditService},
        {"--edit-service", IpvsadmVerb::EditService},
        {"-D", IpvsadmVerb::DeleteService},
        {"--delete-service", IpvsadmVerb::DeleteService},
        {"-C", IpvsadmVerb::Clear},
        {"--clear", IpvsadmVerb::Clear},
        {"-a", IpvsadmVerb::AddServer},
        {"--add-server", IpvsadmVerb::AddServer},
        {"-e", IpvsadmVerb::EditServer},
        {"--edit-server", IpvsadmVerb::EditServer},
        {"-d", IpvsadmVerb::DeleteServer},
        {"--delete-server", IpvsadmVerb::DeleteServer},
        {"-Z", IpvsadmVerb::Zero},
        {"--zero", IpvsadmVerb::Zero},
    };
    auto verb = kVerbs.find(o);
    if (verb != kVerbs.end())
    {
        SetVerb(verb->second);
        return;
    }
    ServiceConfig& svc = m_command.service;
    DestinationConfig& rs = m_command.server;
    if (o == "--set")
    {
        SetVerb(IpvsadmVerb::SetTimeouts);
        for (uint32_t& t : m_command.timeouts)
        {
            t = uint32_t(ParseNumber(Value(o), kMaxTimeoutS, "timeout value"));
        }
    }
    else if (o == "-t" || o == "--tcp-service")
    {
        Service(Protocol::Tcp, Value(o));
    }
    else if (o == "-u" || o == "--udp-service")
    {
        Service(Protocol::Udp, Value(o));
    }
    else if (o == "--sctp-service")
    {
        throw IpvsadmError("SCTP services are not simulated by lvs-sim");
    }
    else if (o == "-f" || o == "--fwmark-service")
    {
        Once("service");
        uint64_t mark = ParseNumber(Value(o), 0xffffffffULL, "fwmark");
        if (mark == 0)
        {
            throw IpvsadmError("illegal fwmark specified");
        }
        svc.fwmark = uint32_t(mark);
        svc.protocol = Protocol::Tcp; // ipvsadm stores TCP for fwmark services
        m_command.serviceGiven = true;
    }
    else if (o == "-s" || o == "--scheduler")
    {
        Once("scheduler");
        svc.scheduler = Value(o);
    }
    else if (o == "-p" || o == "--persistent")
    {
        Once("persistent");
        svc.persistent = true;
        // The timeout is optional: take the next token only if it is a number.
        if (m_next < m_tokens.size() && !m_tokens[m_next].empty() &&
            m_tokens[m_next].find_first_not_of("0123456789") == std::string::npos)
        {
            svc.persistenceTimeoutS =
                uint32_t(ParseNumber(Value(o), kMaxPersistenceTimeoutS, "timeout"));
            if (svc.persistenceTimeoutS == 0)
            {
                throw IpvsadmError("illegal timeout specified");
            }
        }
    }
    else if (o == "-M" || o == "--netmask")
    {
        Once("netmask");
        auto mask = ParseAddr(Value(o));
        if (!mask)
        {
            throw IpvsadmError("illegal virtual service netmask specified");
        }
        svc.netmask = *mask;
    }
    else if (o == "-o" || o == "--ops")
    {
        Once("ops");
        svc.onePacket = true;
    }
    else if (o == "-b" || o == "--sched-flags")
    {
        Once("sched-flags");
        m_flags = Value(o);
    }
    else if (o == "--pe")
    {
        throw IpvsadmError("persistence engines (--pe) are not simulated by lvs-sim");
    }
    else if (o == "-r" || o == "--real-server")
    {
        Once("real-server");
        std::tie(rs.addr, rs.port) = ParseHostPort(Value(o), "real server");
        m_command.serverGiven = true;
    }
    else if (auto method = ParseIpvsadmMethodFlag(o))
    {
        if (m_methodGiven)
        {
            throw IpvsadmError("multiple forwarding methods specified");
        }
        m_methodGiven = true;
        rs.method = *method;
    }
    else if (o == "-w" || o == "--weight")
    {
        Once("weight");
        std::string text = Value(o);
        rs.weight = int(ParseNumber(text, kMaxDestinationWeight, "weight"));
    }
    else if (o == "-x" || o == "--u-threshold")
    {
        Once("u-threshold");
        rs.upperThreshold = uint32_t(ParseNumber(Value(o), kMaxConnectionThreshold, "u_threshold"));
    }
    else if (o == "-y" || o == "--l-threshold")
    {
        Once("l-threshold");
        rs.lowerThreshold = uint32_t(ParseNumber(Value(o), kMaxConnectionThreshold, "l_threshold"));
    }
    else if (o == "--tun-type")
    {
        Once("tun-type");
        std::string type = Value(o);
        if (type != "ipip")
        {
            throw IpvsadmError(type == "gue" || type == "gre"
                                   ? "tunnel type " + type +
                                         " is not simulated by lvs-sim (ipip is)"
                                   : "illegal tunnel type specified");
        }
    }
    else
    {
        throw IpvsadmError("invalid option '" + o + "'");
    }
}

void
Parser::Check()
{
    const IpvsadmVerb v = m_command.verb;
    bool serviceVerb =
        v != IpvsadmVerb::Clear && v != IpvsadmVerb::SetTimeouts && v != IpvsadmVerb::Zero;
    if (serviceVerb && !m_command.serviceGiven)
    {
        throw IpvsadmError("no service specified (-t, -u or -f)");
    }
    bool serverVerb = v == IpvsadmVerb::AddServer || v == IpvsadmVerb::EditServer ||
                      v == IpvsadmVerb::DeleteServer;
    if (serverVerb && !m_command.serverGiven)
    {
        throw IpvsadmError("no real server specified (-r)");
    }
    ServiceConfig& svc = m_command.service;
    if (!m_flags.empty())
    {
        svc.flags = ParseSchedulerFlags(m_flags, svc.scheduler);
    }
    bool serviceSettings = v == IpvsadmVerb::AddService || v == IpvsadmVerb::EditService;
    if (serviceSettings && svc.fwmark == 0 && svc.port == 0 && !svc.persistent)
    {
        throw IpvsadmError("Zero port specified for non-persistent service");
    }
    if (serviceSettings && svc.onePacket && svc.fwmark == 0 && svc.protocol != Protocol::Udp)
    {
        throw IpvsadmError("One-Packet Scheduling is only for UDP virtual services");
    }
    DestinationConfig& rs = m_command.server;
    if (serverVerb && rs.port == 0 && svc.fwmark == 0)
    {
        rs.port = svc.port; // a missing real port is the service port
    }
    // DR and TUN cannot map ports: ipvsadm forces the service port.
    if (serverVerb && svc.fwmark == 0 && rs.method != ForwardMethod::Masq)
    {
        rs.port = svc.port;
    }
}

IpvsadmCommand
Parser::Parse()
{
    m_command.server.method = ForwardMethod::DirectRoute; // ipvsadm's default: -g
    m_command.server.weight = 1;
    while (m_next < m_tokens.size())
    {
        Option(m_tokens[m_next++]);
    }
    if (!m_verbGiven)
    {
        throw IpvsadmError("no command specified (-A, -E, -D, -C, -a, -e, -d, -Z or --set)");
    }
    Check();
    return m_command;
}

} // namespace

IpvsadmCommand
ParseIpvsadmCommand(const std::vector<std::string>& tokens)
{
    return Parser(tokens).Parse();
}

std::string
ServiceSelectorText(const ServiceConfig& s)
{
    if (s.fwmark != 0)
    {
        return "-f " + std::to_string(s.fwmark);
    }
    return std::string(s.protocol == Protocol::Udp ? "-u " : "-t ") +
           AddrPortToString(s.addr, s.port);
}

void
ApplyIpvsadmCommand(IpvsEngine& engine, const IpvsadmCommand& c, Time now)
{
    Service* service = c.serviceGiven ? engine.FindService(c.service) : nullptr;
    auto needService = [&]() -> Service& {
        if (!service)
        {
            throw IpvsadmError("Service not defined");
        }
        return *service;
    };
    auto serverStatus = [](ConfigStatus status) {
        if (status != ConfigStatus::Ok)
        {
            throw IpvsadmError(ConfigStatusMessage(status));
        }
    };
    switch (c.verb)
    {
    case IpvsadmVerb::AddService: {
        std::string error;
        if (service)
        {
            throw IpvsadmError("Service already exists");
        }
        if (!CreateScheduler(c.service.scheduler))
        {
            throw IpvsadmError("Scheduler or persistence engine not found (unknown scheduler '" +
                               c.service.scheduler + "'; known: " + SchedulerNameList() + ")");
        }
        engine.AddService(c.service, &error, now);
        return;
    }
    case IpvsadmVerb::EditService: {
        if (!service)
        {
            throw IpvsadmError("No such service");
        }
        auto scheduler = CreateScheduler(c.service.scheduler);
        if (!scheduler)
        {
            throw IpvsadmError("Scheduler or persistence engine not found (unknown scheduler '" +
                               c.service.scheduler + "')");
        }
        // -E resends every setting: omitted ones fall back to defaults.
        service->UpdateSettings(c.service);
        if (c.service.scheduler != service->GetScheduler().GetName())
        {
            service->ReplaceScheduler(std::move(scheduler));
        }
        return;
    }
    case IpvsadmVerb::DeleteService:
        if (!engine.DeleteService(c.service))
        {
            throw IpvsadmError("No such service");
        }
        return;
    case IpvsadmVerb::Clear:
        engine.Clear();
        return;
    case IpvsadmVerb::AddServer:
        serverStatus(needService().AddDestination(c.server));
        return;
    case IpvsadmVerb::EditServer:
        serverStatus(needService().EditDestination(c.server));
        return;
    case IpvsadmVerb::DeleteServer:
        serverStatus(needService().RemoveDestination(c.server.addr, c.server.port));
        return;
    case IpvsadmVerb::Zero:
        if (c.serviceGiven && !service)
        {
            throw IpvsadmError("No such service");
        }
        engine.ZeroStats(service);
        return;
    case IpvsadmVerb::SetTimeouts:
        engine.GetTimeouts().Set(c.timeouts[0], c.timeouts[1], c.timeouts[2]);
        return;
    }
}

} // namespace ipvs
