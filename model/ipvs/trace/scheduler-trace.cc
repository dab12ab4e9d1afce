#include "model/ipvs/trace/scheduler-trace.h"

#include "model/ipvs/ipvs-engine.h"
#include "model/ipvs/ipvsadm-listing.h"
#include "model/ipvs/scheduler-registry.h"

#include <map>
#include <memory>
#include <set>
#include <sstream>

namespace ipvs
{

TraceError::TraceError(int line, const std::string& message)
    : std::runtime_error(std::to_string(line) + ": " + message),
      m_line(line)
{
}

namespace
{

constexpr int64_t kMaxWeight = 65535;
constexpr Port kFtpDataPort = 20;

struct Line
{
    int number;
    std::vector<std::string> tokens;
};

std::vector<Line>
ReadLines(std::istream& input)
{
    std::vector<Line> lines;
    std::string text;
    int number = 0;
    while (std::getline(input, text))
    {
        ++number;
        auto hash = text.find('#');
        if (hash != std::string::npos)
        {
            text.erase(hash);
        }
        for (char& c : text)
        {
            if (c == '\t' || c == '\r')
            {
                c = ' ';
            }
        }
        std::istringstream words(text);
        Line line{number, {}};
        std::string word;
        while (words >> word)
        {
            line.tokens.push_back(word);
        }
        if (!line.tokens.empty())
        {
            lines.push_back(std::move(line));
        }
    }
    return lines;
}

int64_t
ParseInteger(const std::string& text, int64_t min, int64_t max, int line, const std::string& what)
{
    if (text.empty() || text.size() > 12 ||
        text.find_first_not_of("0123456789") != std::string::npos)
    {
        throw TraceError(line, "bad " + what + " '" + text + "': not a number");
    }
    int64_t value = std::stoll(text);
    if (value < min || value > max)
    {
        throw TraceError(line,
                         what + " " + text + " out of range " + std::to_string(min) + ".." +
                             std::to_string(max));
    }
    return value;
}

Time
ParseTime(const std::string& text, int line)
{
    auto time = ParseSeconds(text);
    if (!time)
    {
        throw TraceError(line, "bad time '" + text + "'");
    }
    return *time;
}

bool
IsUnicast(Addr a)
{
    bool thisNetwork = (a >> 24) == 0;
    bool multicast = (a >> 28) == 0xE;
    return !thisNetwork && !multicast && a != 0xffffffff;
}

std::pair<Addr, Port>
ParseAddrPort(const std::string& text, int line, bool realServer)
{
    auto colon = text.rfind(':');
    if (colon == std::string::npos)
    {
        throw TraceError(line, "expected ADDRESS:PORT, got '" + text + "'");
    }
    auto addr = ParseAddr(text.substr(0, colon));
    if (!addr)
    {
        throw TraceError(line, "malformed address '" + text.substr(0, colon) + "'");
    }
    if (realServer && !IsUnicast(*addr))
    {
        throw TraceError(line, "real server address " + text.substr(0, colon) + " is not unicast");
    }
    Port port = Port(ParseInteger(text.substr(colon + 1), 1, 65535, line, "port"));
    return {*addr, port};
}

/// KEY=VALUE options (and bare words), each at most once.
std::map<std::string, std::string>
ParseOptions(const Line& line,
             size_t first,
             const std::set<std::string>& allowed,
             const std::set<std::string>& bare = {})
{
    std::map<std::string, std::string> options;
    for (size_t i = first; i < line.tokens.size(); ++i)
    {
        const std::string& token = line.tokens[i];
        auto eq = token.find('=');
        std::string key = token.substr(0, eq);
        bool known = eq == std::string::npos ? bare.count(key) > 0 : allowed.count(key) > 0;
        if (!known)
        {
            throw TraceError(line.number, "unknown option '" + token + "'");
        }
        if (options.count(key))
        {
            throw TraceError(line.number, "option '" + key + "' given twice");
        }
        options[key] = eq == std::string::npos ? "" : token.substr(eq + 1);
    }
    return options;
}

class TraceReplayer
{
  public:
    explicit TraceReplayer(const TraceReplayOptions& options)
        : m_options(options)
    {
        // A connection leaves the table with its `expired` event only.
        m_engine.GetConnections().SetIdleTimersEnabled(false);
    }

    TraceReplayResult Run(std::istream& input);

  private:
    struct Client
    {
        Addr addr;
        Port port;
        bool scheduled; ///< connect printed a server (not '-')
        bool expired;
        bool closed;
    };

    void CreateService(const Line& line);
    DestinationConfig ParseServer(const Line& line, size_t first);
    void AddServer(const Line& line, size_t first);
    void RunEvent(const Line& line);
    void Connect(const Line& line, Time now);
    void Established(const Line& line, Time now, bool closing);
    /// For --explain: the template that will decide this connect, if any.
    std::string PersistenceNote(const PacketInfo& packet);
    void Expired(const Line& line, Time now);
    void Weight(const Line& line);
    void Remove(const Line& line);
    void Expect(const Line& line, size_t count, const std::string& usage);
    Client& KnownClient(const Line& line, const std::string& id);

    TraceReplayOptions m_options;
    IpvsEngine m_engine;
    Service* m_service = nullptr;
    std::map<std::string, Client> m_clients;
    Time m_lastTime = 0;
    TraceReplayResult m_result;
};

void
TraceReplayer::Expect(const Line& line, size_t count, const std::string& usage)
{
    if (line.tokens.size() != count)
    {
        throw TraceError(line.number, "expected '" + usage + "'");
    }
}

void
TraceReplayer::CreateService(const Line& line)
{
    if (line.tokens[0] != "service")
    {
        throw TraceError(line.number, "the trace must start with a 'service' line");
    }
    if (line.tokens.size() < 4)
    {
        throw TraceError(line.number, "expected 'service PROTO VIP:PORT scheduler=NAME ...'");
    }
    ServiceConfig config;
    auto protocol = ParseProtocol(line.tokens[1]);
    if (!protocol)
    {
        throw TraceError(line.number, "unknown protocol '" + line.tokens[1] + "' (tcp or udp)");
    }
    config.protocol = *protocol;
    std::tie(config.addr, config.port) = ParseAddrPort(line.tokens[2], line.number, false);
    auto options =
        ParseOptions(line, 3, {"scheduler", "persistent", "netmask", "flags"}, {"onepacket"});
    if (!options.count("scheduler"))
    {
        throw TraceError(line.number, "missing scheduler=NAME");
    }
    config.scheduler = options["scheduler"];
    if (options.count("persistent"))
    {
        config.persistent = true;
        config.persistenceTimeoutS = uint32_t(ParseInteger(options["persistent"],
                                                           1,
                                                           kMaxPersistenceTimeoutS,
                                                           line.number,
                                                           "persistent"));
    }
    if (options.count("netmask"))
    {
        auto mask = ParseAddr(options["netmask"]);
        if (!mask)
        {
            throw TraceError(line.number, "malformed netmask '" + options["netmask"] + "'");
        }
        config.netmask = *mask;
    }
    if (options.count("flags"))
    {
        std::istringstream list(options["flags"]);
        std::string flag;
        while (std::getline(list, flag, ','))
        {
            // Traces name flags as the scheduler declares them (no flag-N).
            std::string owner = SchedulerOwningFlag(flag);
            if (owner.empty())
            {
                throw TraceError(line.number, "unknown scheduler flag '" + flag + "'");
            }
            if (!SetSchedulerFlag(config.scheduler, flag, false, &config.flags))
            {
                throw TraceError(line.number, "flag '" + flag + "' needs scheduler " + owner);
            }
        }
    }
    config.onePacket = options.count("onepacket") > 0;
    if (config.onePacket && config.protocol != Protocol::Udp)
    {
        throw TraceError(line.number, "onepacket needs a udp service");
    }
    std::string error;
    m_service = m_engine.AddService(config, &error);
    if (!m_service)
    {
        throw TraceError(line.number, error);
    }
    m_service->GetScheduler().EnableExplanations(m_options.explain);
}

DestinationConfig
TraceReplayer::ParseServer(const Line& line, size_t first)
{
    if (line.tokens.size() <= first)
    {
        throw TraceError(line.number, "expected RIP:PORT weight=W");
    }
    DestinationConfig config;
    std::tie(config.addr, config.port) = ParseAddrPort(line.tokens[first], line.number, true);
    auto options = ParseOptions(line, first + 1, {"weight", "upper", "lower"});
    if (!options.count("weight"))
    {
        throw TraceError(line.number, "missing weight=W");
    }
    config.weight = int(ParseInteger(options["weight"], 0, kMaxWeight, line.number, "weight"));
    if (options.count("upper"))
    {
        config.upperThreshold = uint32_t(
            ParseInteger(options["upper"], 0, kMaxConnectionThreshold, line.number, "upper"));
    }
    if (options.count("lower"))
    {
        config.lowerThreshold = uint32_t(
            ParseInteger(options["lower"], 0, kMaxConnectionThreshold, line.number, "lower"));
        if (config.lowerThreshold != 0 && config.upperThreshold == 0)
        {
            throw TraceError(line.number, "lower threshold without an upper threshold");
        }
        if (config.lowerThreshold > config.upperThreshold)
        {
            throw TraceError(line.number, "lower threshold greater than upper threshold");
        }
    }
    return config;
}

void
TraceReplayer::AddServer(const Line& line, size_t first)
{
    DestinationConfig config = ParseServer(line, first);
    ConfigStatus status = m_service->AddDestination(config);
    if (status != ConfigStatus::Ok)
    {
        throw TraceError(line.number,
                         ConfigStatusMessage(status) + ": " +
                             AddrPortToString(config.addr, config.port));
    }
}

TraceReplayer::Client&
TraceReplayer::KnownClient(const Line& line, const std::string& id)
{
    auto it = m_clients.find(id);
    if (it == m_clients.end())
    {
        throw TraceError(line.number, "connection '" + id + "' was never connected");
    }
    if (it->second.expired)
    {
        throw TraceError(line.number, "connection '" + id + "' has already expired");
    }
    return it->second;
}

void
TraceReplayer::Connect(const Line& line, Time now)
{
    Expect(line, 4, "TIME connect ID CIP:CPORT");
    const std::string& id = line.tokens[2];
    if (m_clients.count(id))
    {
        throw TraceError(line.number, "connection id '" + id + "' is already used");
    }
    auto [addr, port] = ParseAddrPort(line.tokens[3], line.number, false);
    if (m_engine.GetConnections().FindInbound(m_service->GetProtocol(),
                                              addr,
                                              port,
                                              m_service->GetAddr(),
                                              m_service->GetPort()))
    {
        throw TraceError(line.number, line.tokens[3] + " still has a live connection entry");
    }
    Client client{addr, port, false, false, false};
    std::string outcome = "-";
    std::string why;
    if (port == kFtpDataPort)
    {
        why = "source port 20 is FTP data: IPVS never schedules it";
    }
    else
    {
        PacketInfo packet;
        packet.protocol = m_service->GetProtocol();
        packet.saddr = addr;
        packet.sport = port;
        packet.daddr = m_service->GetAddr();
        packet.dport = m_service->GetPort();
        packet.tcp.syn = true;
        std::string templateNote = PersistenceNote(packet);
        InboundDecision decision = m_engine.ProcessInbound(packet, now);
        if (decision.forward)
        {
            client.scheduled = true;
            outcome = AddrPortToString(decision.target.daddr, decision.target.dport);
        }
        why = templateNote.empty() ? m_service->GetScheduler().ExplainLastDecision() : templateNote;
    }
    m_clients[id] = client;
    m_result.lines.push_back(id + " " + outcome);
    if (m_options.explain && !why.empty())
    {
        m_result.lines.push_back("  # " + why);
    }
}

std::string
TraceReplayer::PersistenceNote(const PacketInfo& packet)
{
    const ServiceConfig& config = m_service->GetConfig();
    if (!m_options.explain || !config.persistent)
    {
        return "";
    }
    Addr clientNet = packet.saddr & config.netmask;
    Port templatePort = config.port == 21 ? 0 : packet.dport;
    const Connection* tmpl = m_engine.GetConnections().FindInbound(packet.protocol,
                                                                   clientNet,
                                                                   0,
                                                                   packet.daddr,
                                                                   templatePort);
    if (!tmpl || !tmpl->IsTemplate() || !tmpl->dest || !tmpl->dest->IsAvailable())
    {
        return "";
    }
    return "the persistence template of " + AddrToString(clientNet) + " sends it to " +
           AddrPortToString(tmpl->daddr, tmpl->dport);
}

void
TraceReplayer::Established(const Line& line, Time now, bool closing)
{
    Expect(line, 3, std::string("TIME ") + (closing ? "closed" : "established") + " ID");
    if (m_service->GetProtocol() != Protocol::Tcp)
    {
        throw TraceError(line.number, line.tokens[1] + " is not an event of a udp service");
    }
    Client& client = KnownClient(line, line.tokens[2]);
    if (!closing && client.closed)
    {
        throw TraceError(line.number, "established after closed");
    }
    client.closed = client.closed || closing;
    if (!client.scheduled)
    {
        return;
    }
    Connection* entry = m_engine.GetConnections().FindInbound(Protocol::Tcp,
                                                              client.addr,
                                                              client.port,
                                                              m_service->GetAddr(),
                                                              m_service->GetPort());
    if (!entry || !entry->dest || !entry->dest->IsAvailable())
    {
        return; // timed out, or its real server was removed: nothing changes
    }
    PacketInfo packet;
    packet.protocol = Protocol::Tcp;
    packet.tcp.ack = true;
    packet.tcp.fin = closing;
    m_engine.ApplyInboundPacket(*entry, packet, now);
}

void
TraceReplayer::Expired(const Line& line, Time now)
{
    Expect(line, 3, "TIME expired ID");
    Client& client = KnownClient(line, line.tokens[2]);
    client.expired = true;
    Connection* entry = m_engine.GetConnections().FindInbound(m_service->GetProtocol(),
                                                              client.addr,
                                                              client.port,
                                                              m_service->GetAddr(),
                                                              m_service->GetPort());
    if (client.scheduled && entry)
    {
        m_engine.GetConnections().ExpireNow(*entry, now);
    }
}

void
TraceReplayer::Weight(const Line& line)
{
    Expect(line, 4, "TIME weight RIP:PORT W");
    auto [addr, port] = ParseAddrPort(line.tokens[2], line.number, true);
    auto dest = m_service->FindDestination(addr, port);
    if (!dest)
    {
        throw TraceError(line.number, "no real server " + line.tokens[2] + " in the service");
    }
    DestinationConfig config{
        addr,
        port,
        int(ParseInteger(line.tokens[3], 0, kMaxWeight, line.number, "weight")),
        dest->GetMethod(),
        dest->GetUpperThreshold(),
        dest->GetLowerThreshold()};
    m_service->EditDestination(config);
}

void
TraceReplayer::Remove(const Line& line)
{
    Expect(line, 3, "TIME remove RIP:PORT");
    auto [addr, port] = ParseAddrPort(line.tokens[2], line.number, true);
    if (m_service->RemoveDestination(addr, port) != ConfigStatus::Ok)
    {
        throw TraceError(line.number, "no real server " + line.tokens[2] + " in the service");
    }
}

void
TraceReplayer::RunEvent(const Line& line)
{
    if (line.tokens[0] == "server" || line.tokens[0] == "service")
    {
        throw TraceError(line.number, "'" + line.tokens[0] + "' line after the first event");
    }
    Time now = ParseTime(line.tokens[0], line.number);
    if (now < m_lastTime)
    {
        throw TraceError(line.number, "time goes backwards");
    }
    m_lastTime = now;
    if (line.tokens.size() < 2)
    {
        throw TraceError(line.number, "missing event after the time");
    }
    // Timers due strictly before the event fire first; one due exactly at
    // TIME fires after it (kernel timers never fire early).
    m_engine.GetConnections().RunTimers(now, false);
    const std::string& event = line.tokens[1];
    if (event == "connect")
    {
        Connect(line, now);
    }
    else if (event == "established" || event == "closed")
    {
        Established(line, now, event == "closed");
    }
    else if (event == "expired")
    {
        Expired(line, now);
    }
    else if (event == "weight")
    {
        Weight(line);
    }
    else if (event == "add")
    {
        AddServer(line, 2);
    }
    else if (event == "remove")
    {
        Remove(line);
    }
    else
    {
        throw TraceError(line.number, "unknown event '" + event + "'");
    }
}

TraceReplayResult
TraceReplayer::Run(std::istream& input)
{
    std::vector<Line> lines = ReadLines(input);
    if (lines.empty())
    {
        throw TraceError(1, "empty trace: no 'service' line");
    }
    CreateService(lines[0]);
    size_t i = 1;
    for (; i < lines.size() && lines[i].tokens[0] == "server"; ++i)
    {
        AddServer(lines[i], 1);
    }
    for (; i < lines.size(); ++i)
    {
        RunEvent(lines[i]);
    }
    m_result.finalTable = FormatServiceList(m_engine);
    return m_result;
}

} // namespace

TraceReplayResult
ReplaySchedulerTrace(std::istream& input, const TraceReplayOptions& options)
{
    TraceReplayer replayer(options);
    return replayer.Run(input);
}

} // namespace ipvs
