#include "helper/health-check-helper.h"

#include "model/ipvs/ipvsadm/ipvsadm-command.h"

#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("HealthCheckHelper");

uint64_t
HealthChecks::GetChecks() const
{
    uint64_t n = 0;
    for (const auto& checker : m_checkers)
    {
        n += checker->GetChecks();
    }
    return n;
}

uint64_t
HealthChecks::GetFailedChecks() const
{
    uint64_t n = 0;
    for (const auto& checker : m_checkers)
    {
        n += checker->GetFailedChecks();
    }
    return n;
}

namespace
{

double
FirstCheckVerdict(const std::vector<HealthEvent>& events, uint32_t server, double fromS, bool up)
{
    for (const auto& e : events)
    {
        if (e.server == server && e.up == up && e.atS >= fromS && e.why == "check")
        {
            return e.atS;
        }
    }
    return -1;
}

/// The ipvsadm command of keepalived's ADD_DEST/DEL_DEST for @p server.
ipvs::IpvsadmCommand
DestCommand(const ipvs::ServiceConfig& service,
            const ipvs::DestinationConfig& server,
            bool add,
            bool inhibit)
{
    ipvs::IpvsadmCommand command;
    command.service = service;
    command.serviceGiven = true;
    command.server = server;
    command.serverGiven = true;
    if (inhibit)
    {
        command.verb = ipvs::IpvsadmVerb::EditServer;
        command.server.weight = add ? server.weight : 0;
    }
    else
    {
        command.verb = add ? ipvs::IpvsadmVerb::AddServer : ipvs::IpvsadmVerb::DeleteServer;
    }
    return command;
}

std::string
CommandText(const ipvs::IpvsadmCommand& c)
{
    std::string verb = c.verb == ipvs::IpvsadmVerb::EditServer  ? "-e"
                       : c.verb == ipvs::IpvsadmVerb::AddServer ? "-a"
                                                                : "-d";
    std::string text = "ipvsadm " + verb + " " + ipvs::ServiceSelectorText(c.service) + " -r " +
                       ipvs::AddrPortToString(c.server.addr, c.server.port);
    if (c.verb != ipvs::IpvsadmVerb::DeleteServer)
    {
        text += " -w " + std::to_string(c.server.weight);
    }
    return text;
}

} // namespace

void
HealthChecks::Crash()
{
    for (const auto& checker : m_checkers)
    {
        checker->Crash();
    }
}

void
HealthChecks::Restart()
{
    for (const auto& vs : m_virtualServers)
    {
        for (const auto& m : vs->members)
        {
            m->alive = !m->conf.alpha;
        }
        vs->sorryAlive = false;
        vs->quorumUp = LiveWeight(*vs) >= long(vs->plan.quorum + vs->plan.hysteresis);
        UpdateQuorum(*vs, true);
    }
    for (const auto& checker : m_checkers)
    {
        checker->Restart();
    }
}

double
HealthChecks::FirstDownAfter(uint32_t server, double fromS) const
{
    return FirstCheckVerdict(m_events, server, fromS, false);
}

double
HealthChecks::FirstUpAfter(uint32_t server, double fromS) const
{
    return FirstCheckVerdict(m_events, server, fromS, true);
}

HealthEvent
HealthChecks::EventOf(const VirtualServerState& vs,
                      uint32_t server,
                      bool up,
                      const std::string& action,
                      const std::string& why) const
{
    HealthEvent event;
    event.atS = Simulator::Now().GetSeconds();
    event.server = server;
    event.service = ipvs::ServiceSelectorText(vs.plan.service);
    event.up = up;
    event.action = action;
    event.why = why;
    event.director = m_director;
    return event;
}

bool
HealthChecks::Apply(VirtualServerState& vs,
                    const ipvs::DestinationConfig& server,
                    uint32_t index,
                    bool add,
                    bool inhibit,
                    const std::string& why)
{
    ipvs::IpvsadmCommand command = DestCommand(vs.plan.service, server, add, inhibit);
    HealthEvent event = EventOf(vs, index, add, CommandText(command), why);
    try
    {
        ipvs::ApplyIpvsadmCommand(vs.director->GetEngine(),
                                  command,
                                  Simulator::Now().GetNanoSeconds());
    }
    catch (const ipvs::IpvsadmError& e)
    {
        // A timed rule changed the service under keepalived's feet.
        event.action += " (refused: " + std::string(e.what()) + ")";
        m_events.push_back(event);
        return false;
    }
    NS_LOG_INFO(event.atS << " s server " << index << " " << event.action << " (" << why << ")");
    m_events.push_back(event);
    return true;
}

void
HealthChecks::OnVerdict(Member* member, bool up)
{
    VirtualServerState& vs = *member->vs;
    HealthChecks& self = *vs.owner;
    if (member->alive == up)
    {
        return;
    }
    // perform_svr_state: IPVS changes only while the sorry server is out.
    if (vs.quorumUp || !vs.plan.sorryServer || !vs.sorryAlive)
    {
        // perform_svr_state: a refused command leaves the state as it was.
        if (!self.Apply(vs,
                        member->conf.server,
                        member->server,
                        up,
                        member->conf.inhibitOnFailure,
                        "check"))
        {
            return;
        }
    }
    else
    {
        self.m_events.push_back(self.EventOf(vs,
                                             member->server,
                                             up,
                                             "none: the sorry server holds the service",
                                             "check"));
    }
    member->alive = up;
    self.UpdateQuorum(vs, false);
}

long
HealthChecks::LiveWeight(const VirtualServerState& vs)
{
    long sum = 0;
    for (const auto& m : vs.members)
    {
        sum += m->alive ? m->conf.server.weight : 0;
    }
    return sum;
}

void
HealthChecks::UpdateQuorum(VirtualServerState& vs, bool init)
{
    long weight = LiveWeight(vs);
    long hysteresis = long(vs.plan.hysteresis);
    long threshold = long(vs.plan.quorum) + (vs.quorumUp ? -hysteresis : hysteresis);
    const auto& sorry = vs.plan.sorryServer;
    if (!vs.quorumUp && weight >= threshold)
    {
        vs.quorumUp = true;
        if (sorry && vs.sorryAlive)
        {
            Apply(vs, *sorry, vs.sorryServer, false, vs.plan.sorryServerInhibit, "quorum regained");
            vs.sorryAlive = false;
            for (const auto& m : vs.members)
            {
                if (m->alive)
                {
                    Apply(vs,
                          m->conf.server,
                          m->server,
                          true,
                          m->conf.inhibitOnFailure,
                          "quorum regained");
                }
            }
        }
    }
    else if ((vs.quorumUp && (weight == 0 || weight < threshold)) ||
             (init && !vs.quorumUp && sorry && !vs.sorryAlive))
    {
        vs.quorumUp = false;
        if (sorry && !vs.sorryAlive)
        {
            for (const auto& m : vs.members)
            {
                if (m->alive)
                {
                    Apply(vs,
                          m->conf.server,
                          m->server,
                          false,
                          m->conf.inhibitOnFailure,
                          "quorum lost");
                }
            }
            Apply(vs, *sorry, vs.sorryServer, true, vs.plan.sorryServerInhibit, "quorum lost");
            vs.sorryAlive = true;
        }
    }
}

std::vector<keepalived::VirtualServerPlan>
HealthCheckHelper::PlansFor(const ipvs::IpvsEngine& engine, const HealthCheckConfig& config)
{
    std::vector<keepalived::VirtualServerPlan> plans;
    for (const auto& service : engine.GetServices())
    {
        if (service->GetConfig().protocol != ipvs::Protocol::Tcp)
        {
            continue;
        }
        keepalived::VirtualServerPlan plan;
        plan.service = service->GetConfig();
        // The destination list is newest first: the rules' order is the reverse.
        auto destinations = service->GetDestinations();
        std::reverse(destinations.begin(), destinations.end());
        for (const auto& dest : destinations)
        {
            keepalived::CheckedServer rs;
            rs.server = ipvs::DestinationConfig{dest->GetAddr(),
                                                dest->GetPort(),
                                                dest->GetWeight(),
                                                dest->GetMethod(),
                                                dest->GetUpperThreshold(),
                                                dest->GetLowerThreshold()};
            rs.check = keepalived::CheckSpec{config.kind, config.timings, 0, 0, 0};
            rs.inhibitOnFailure = config.inhibitOnFailure;
            plan.servers.push_back(rs);
        }
        plans.push_back(plan);
    }
    return plans;
}

std::shared_ptr<HealthChecks>
HealthCheckHelper::Install(Ptr<Node> directorNode,
                           Ptr<IpvsDirector> director,
                           const std::vector<keepalived::VirtualServerPlan>& plans,
                           const std::vector<Ipv4Address>& rips,
                           const std::vector<uint16_t>& serverPorts,
                           int64_t stream,
                           const std::string& directorName) const
{
    auto checks = std::make_shared<HealthChecks>();
    checks->m_director = directorName;
    auto indexOf = [&rips](ipvs::Addr addr) {
        auto at = std::find(rips.begin(), rips.end(), Ipv4Address(addr));
        NS_ABORT_MSG_IF(at == rips.end(), "no real server node " << Ipv4Address(addr));
        return uint32_t(at - rips.begin());
    };
    for (const auto& plan : plans)
    {
        auto vs = std::make_unique<HealthChecks::VirtualServerState>();
        vs->owner = checks.get();
        vs->director = director;
        vs->plan = plan;
        vs->sorryServer = plan.sorryServer ? indexOf(plan.sorryServer->addr) : 0;
        for (const auto& rs : plan.servers)
        {
            auto member = std::make_unique<HealthChecks::Member>();
            member->vs = vs.get();
            member->conf = rs;
            member->server = indexOf(rs.server.addr);
            member->alive = !rs.alpha;
            if (rs.check)
            {
                const keepalived::CheckSpec& spec = *rs.check;
                ipvs::Addr ip = spec.connectIp ? spec.connectIp : rs.server.addr;
                uint16_t port = spec.connectPort ? spec.connectPort
                                : rs.server.port ? rs.server.port
                                                 : serverPorts.at(member->server);
                auto checker = CreateObject<HealthChecker>();
                checker->SetAttribute("RemoteAddress", Ipv4AddressValue(Ipv4Address(ip)));
                checker->SetAttribute("RemotePort", UintegerValue(port));
                checker->SetCheck(spec.kind, spec.timings, rs.alpha);
                checker->AssignStreams(stream++);
                directorNode->AddApplication(checker);
                checker->TraceConnectWithoutContext(
                    "Verdict",
                    MakeBoundCallback(&HealthChecks::OnVerdict, member.get()));
                checks->m_checkers.push_back(checker);
            }
            vs->members.push_back(std::move(member));
        }
        // set_quorum_states, then the start's update_quorum_state.
        vs->quorumUp = HealthChecks::LiveWeight(*vs) >= long(plan.quorum + plan.hysteresis);
        checks->UpdateQuorum(*vs, true);
        checks->m_virtualServers.push_back(std::move(vs));
    }
    return checks;
}

} // namespace ns3
