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
FirstEvent(const std::vector<HealthEvent>& events, uint32_t server, double fromS, bool up)
{
    for (const auto& e : events)
    {
        if (e.server == server && e.up == up && e.atS >= fromS)
        {
            return e.atS;
        }
    }
    return -1;
}

/// The ipvsadm command keepalived's verdict amounts to.
ipvs::IpvsadmCommand
VerdictCommand(const ipvs::ServiceConfig& service,
               const ipvs::DestinationConfig& destination,
               bool up,
               bool inhibit)
{
    ipvs::IpvsadmCommand command;
    command.service = service;
    command.serviceGiven = true;
    command.server = destination;
    command.serverGiven = true;
    if (inhibit)
    {
        command.verb = ipvs::IpvsadmVerb::EditServer;
        command.server.weight = up ? destination.weight : 0;
    }
    else
    {
        command.verb = up ? ipvs::IpvsadmVerb::AddServer : ipvs::IpvsadmVerb::DeleteServer;
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

double
HealthChecks::FirstDownAfter(uint32_t server, double fromS) const
{
    return FirstEvent(m_events, server, fromS, false);
}

double
HealthChecks::FirstUpAfter(uint32_t server, double fromS) const
{
    return FirstEvent(m_events, server, fromS, true);
}

void
HealthChecks::OnVerdict(Target* target, bool up)
{
    ipvs::IpvsadmCommand command =
        VerdictCommand(target->service, target->destination, up, target->inhibit);
    HealthEvent event;
    event.atS = Simulator::Now().GetSeconds();
    event.server = target->server;
    event.service = ipvs::ServiceSelectorText(target->service);
    event.up = up;
    event.action = CommandText(command);
    try
    {
        ipvs::ApplyIpvsadmCommand(target->director->GetEngine(),
                                  command,
                                  Simulator::Now().GetNanoSeconds());
    }
    catch (const ipvs::IpvsadmError& e)
    {
        // A timed rule changed the service under keepalived's feet.
        event.action += " (refused: " + std::string(e.what()) + ")";
    }
    NS_LOG_INFO(event.atS << " s rs " << event.server << (up ? " up: " : " down: ")
                          << event.action);
    target->owner->m_events.push_back(event);
}

HealthCheckHelper::HealthCheckHelper(const HealthCheckConfig& config)
    : m_config(config)
{
}

std::shared_ptr<HealthChecks>
HealthCheckHelper::Install(Ptr<Node> directorNode,
                           Ptr<IpvsDirector> director,
                           const std::vector<Ipv4Address>& rips,
                           const std::vector<uint16_t>& serverPorts,
                           int64_t stream,
                           int64_t* streamsUsed) const
{
    auto checks = std::make_shared<HealthChecks>();
    int64_t used = 0;
    for (const auto& service : director->GetEngine().GetServices())
    {
        if (service->GetConfig().protocol != ipvs::Protocol::Tcp)
        {
            continue; // TCP_CHECK and HTTP_GET speak TCP
        }
        // The destination list is newest first: check in the rules' order.
        auto destinations = service->GetDestinations();
        std::reverse(destinations.begin(), destinations.end());
        for (const auto& dest : destinations)
        {
            auto rip = std::find(rips.begin(), rips.end(), Ipv4Address(dest->GetAddr()));
            if (rip == rips.end())
            {
                continue; // not a server of the cluster
            }
            auto target = std::make_unique<HealthChecks::Target>();
            target->owner = checks.get();
            target->director = director;
            target->service = service->GetConfig();
            target->destination = ipvs::DestinationConfig{dest->GetAddr(),
                                                          dest->GetPort(),
                                                          dest->GetWeight(),
                                                          dest->GetMethod(),
                                                          dest->GetUpperThreshold(),
                                                          dest->GetLowerThreshold()};
            target->server = uint32_t(rip - rips.begin());
            target->inhibit = m_config.inhibitOnFailure;
            uint16_t port = dest->GetPort() ? dest->GetPort() : serverPorts.at(target->server);

            auto checker = CreateObject<HealthChecker>();
            checker->SetAttribute("RemoteAddress", Ipv4AddressValue(*rip));
            checker->SetAttribute("RemotePort", UintegerValue(port));
            checker->SetCheck(m_config.kind, m_config.timings);
            used += checker->AssignStreams(stream + used);
            directorNode->AddApplication(checker);
            checker->TraceConnectWithoutContext(
                "Verdict",
                MakeBoundCallback(&HealthChecks::OnVerdict, target.get()));
            checks->m_checkers.push_back(checker);
            checks->m_targets.push_back(std::move(target));
        }
    }
    if (streamsUsed)
    {
        *streamsUsed = used;
    }
    return checks;
}

} // namespace ns3
