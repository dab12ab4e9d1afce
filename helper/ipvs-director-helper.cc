#include "helper/ipvs-director-helper.h"

#include "ns3/ipv4-list-routing-helper.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/nstime.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpvsDirectorHelper");

IpvsDirectorHelper::IpvsDirectorHelper()
{
    m_factory.SetTypeId(IpvsDirector::GetTypeId());
}

IpvsDirectorHelper*
IpvsDirectorHelper::Copy() const
{
    return new IpvsDirectorHelper(*this);
}

void
IpvsDirectorHelper::SetAttribute(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

Ptr<Ipv4RoutingProtocol>
IpvsDirectorHelper::Create(Ptr<Node> node) const
{
    NS_LOG_FUNCTION(this << node);
    Ipv4StaticRoutingHelper staticRouting;
    Ipv4ListRoutingHelper list;
    list.Add(staticRouting, 0);
    Ptr<IpvsDirector> director = m_factory.Create<IpvsDirector>();
    director->SetInnerRouting(list.Create(node));
    return director;
}

Ptr<IpvsDirector>
IpvsDirectorHelper::GetDirector(Ptr<Node> node)
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    return ipv4 ? DynamicCast<IpvsDirector>(ipv4->GetRoutingProtocol()) : nullptr;
}

std::string
IpvsDirectorHelper::AddService(Ptr<IpvsDirector> director,
                               const ipvs::ServiceConfig& service,
                               const std::vector<ipvs::DestinationConfig>& destinations)
{
    std::string error;
    ipvs::Service* s = director->GetEngine().AddService(service, &error);
    if (!s)
    {
        return "scheduler: " + error;
    }
    for (size_t i = 0; i < destinations.size(); ++i)
    {
        ipvs::ConfigStatus status = s->AddDestination(destinations[i]);
        if (status != ipvs::ConfigStatus::Ok)
        {
            return "server " + std::to_string(i + 1) + ": " + ipvs::ConfigStatusMessage(status);
        }
    }
    return "";
}

void
IpvsDirectorHelper::ConfigureCpu(Ptr<IpvsDirector> director, const DirectorCpuConfig& c)
{
    Ptr<DirectorCpu> cpu = director->GetCpu();
    cpu->SetAttribute("Cpus", UintegerValue(c.cpus));
    cpu->SetAttribute("QueueLimit", UintegerValue(c.queuePackets));
    cpu->SetAttribute("ForwardPacketCost", TimeValue(NanoSeconds(int64_t(c.forwardCostUs * 1e3))));
    cpu->SetAttribute("ForwardByteCost",
                      TimeValue(PicoSeconds(int64_t(c.forwardByteCostNs * 1e3))));
    cpu->SetAttribute("ReplyPacketCost", TimeValue(NanoSeconds(int64_t(c.replyCostUs * 1e3))));
    cpu->SetAttribute("ReplyByteCost", TimeValue(PicoSeconds(int64_t(c.replyByteCostNs * 1e3))));
    cpu->SetAttribute("LocalPacketCost", TimeValue(NanoSeconds(int64_t(c.localCostUs * 1e3))));
    cpu->SetAttribute("LocalByteCost", TimeValue(PicoSeconds(int64_t(c.localByteCostNs * 1e3))));
}

} // namespace ns3
