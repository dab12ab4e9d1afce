#include "helper/link-monitor.h"

#include "ns3/callback.h"
#include "ns3/csma-channel.h"
#include "ns3/csma-net-device.h"
#include "ns3/point-to-point-net-device.h"
#include "ns3/queue.h"
#include "ns3/simulator.h"

namespace ns3
{

void
LinkMonitor::Watch(Ptr<NetDevice> device, const std::string& name)
{
    size_t index = m_links.size();
    Ptr<Queue<Packet>> queue;
    DataRate rate;
    if (auto csma = DynamicCast<CsmaNetDevice>(device))
    {
        queue = csma->GetQueue();
        rate = DynamicCast<CsmaChannel>(csma->GetChannel())->GetDataRate();
        // A frame that found the shared medium busy too often is lost too.
        csma->TraceConnectWithoutContext("PhyTxDrop",
                                         MakeBoundCallback(&LinkMonitor::OnDrop, this, index));
    }
    else if (auto p2p = DynamicCast<PointToPointNetDevice>(device))
    {
        queue = p2p->GetQueue();
        DataRateValue value;
        p2p->GetAttribute("DataRate", value);
        rate = value.Get();
    }
    else
    {
        return;
    }
    m_links.push_back(LinkLoad{name, rate, 0, 0});
    m_bytesAtLast.push_back(0);
    device->TraceConnectWithoutContext("PhyTxEnd",
                                       MakeBoundCallback(&LinkMonitor::OnSent, this, index));
    queue->TraceConnectWithoutContext("Drop", MakeBoundCallback(&LinkMonitor::OnDrop, this, index));
}

void
LinkMonitor::OnSent(LinkMonitor* self, size_t index, Ptr<const Packet> packet)
{
    self->m_links[index].bytesSent += packet->GetSize();
}

void
LinkMonitor::OnDrop(LinkMonitor* self, size_t index, Ptr<const Packet> /*packet*/)
{
    ++self->m_links[index].queueDrops;
}

uint64_t
LinkMonitor::GetQueueDrops() const
{
    uint64_t drops = 0;
    for (const auto& link : m_links)
    {
        drops += link.queueDrops;
    }
    return drops;
}

std::pair<double, size_t>
LinkMonitor::BusiestSinceLast()
{
    Time now = Simulator::Now();
    double seconds = (now - m_last).GetSeconds();
    std::pair<double, size_t> busiest{0, 0};
    for (size_t i = 0; i < m_links.size(); ++i)
    {
        double bits = 8.0 * double(m_links[i].bytesSent - m_bytesAtLast[i]);
        double capacity = double(m_links[i].rate.GetBitRate()) * seconds;
        double utilisation = capacity > 0 ? bits / capacity : 0;
        if (utilisation > busiest.first)
        {
            busiest = {utilisation, i};
        }
        m_bytesAtLast[i] = m_links[i].bytesSent;
    }
    m_last = now;
    return busiest;
}

double
LinkMonitor::UtilisationSoFar(size_t index) const
{
    double capacity = double(m_links[index].rate.GetBitRate()) * Simulator::Now().GetSeconds();
    return capacity > 0 ? 8.0 * double(m_links[index].bytesSent) / capacity : 0;
}

} // namespace ns3
