#include "model/hosts/ipip-decapsulation.h"

#include "ns3/ipv4-interface.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/log.h"
#include "ns3/net-device.h"
#include "ns3/node.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpIpDecapsulation");
NS_OBJECT_ENSURE_REGISTERED(IpIpDecapsulation);

namespace
{

constexpr uint16_t kEtherTypeIpv4 = 0x0800;

} // namespace

TypeId
IpIpDecapsulation::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IpIpDecapsulation")
                            .SetParent<IpL4Protocol>()
                            .SetGroupName("Lvs")
                            .AddConstructor<IpIpDecapsulation>();
    return tid;
}

Ptr<IpIpDecapsulation>
IpIpDecapsulation::Install(Ptr<Node> node)
{
    auto decapsulation = CreateObject<IpIpDecapsulation>();
    decapsulation->m_node = node;
    node->GetObject<Ipv4L3Protocol>()->Insert(decapsulation);
    return decapsulation;
}

int
IpIpDecapsulation::GetProtocolNumber() const
{
    return PROT_NUMBER;
}

IpL4Protocol::RxStatus
IpIpDecapsulation::Receive(Ptr<Packet> p,
                           const Ipv4Header& header,
                           Ptr<Ipv4Interface> incomingInterface)
{
    NS_LOG_FUNCTION(this << p << header);
    Ptr<NetDevice> device = incomingInterface->GetDevice();
    ++m_decapsulated;
    m_node->GetObject<Ipv4L3Protocol>()->Receive(device,
                                                 p,
                                                 kEtherTypeIpv4,
                                                 device->GetAddress(),
                                                 device->GetAddress(),
                                                 NetDevice::PACKET_HOST);
    return RX_OK;
}

IpL4Protocol::RxStatus
IpIpDecapsulation::Receive(Ptr<Packet> /*p*/,
                           const Ipv6Header& /*header*/,
                           Ptr<Ipv6Interface> /*incomingInterface*/)
{
    return RX_ENDPOINT_UNREACH;
}

void
IpIpDecapsulation::SetDownTarget(DownTargetCallback cb)
{
    m_downTarget = cb;
}

void
IpIpDecapsulation::SetDownTarget6(DownTargetCallback6 cb)
{
    m_downTarget6 = cb;
}

IpL4Protocol::DownTargetCallback
IpIpDecapsulation::GetDownTarget() const
{
    return m_downTarget;
}

IpL4Protocol::DownTargetCallback6
IpIpDecapsulation::GetDownTarget6() const
{
    return m_downTarget6;
}

void
IpIpDecapsulation::DoDispose()
{
    m_node = nullptr;
    IpL4Protocol::DoDispose();
}

} // namespace ns3
