#include "model/hosts/arp-announce-queue-disc.h"

#include "model/hosts/linux-arp.h"

#include "ns3/arp-queue-disc-item.h"
#include "ns3/drop-tail-queue.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("ArpAnnounceQueueDisc");
NS_OBJECT_ENSURE_REGISTERED(ArpAnnounceQueueDisc);

TypeId
ArpAnnounceQueueDisc::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::ArpAnnounceQueueDisc")
            .SetParent<QueueDisc>()
            .SetGroupName("Lvs")
            .AddConstructor<ArpAnnounceQueueDisc>()
            .AddAttribute("MaxSize",
                          "The most packets the queue disc holds, as FifoQueueDisc's",
                          QueueSizeValue(QueueSize("1000p")),
                          MakeQueueSizeAccessor(&QueueDisc::SetMaxSize, &QueueDisc::GetMaxSize),
                          MakeQueueSizeChecker());
    return tid;
}

ArpAnnounceQueueDisc::ArpAnnounceQueueDisc()
    : QueueDisc(QueueDiscSizePolicy::SINGLE_INTERNAL_QUEUE)
{
}

void
ArpAnnounceQueueDisc::SetAnnouncer(LinuxArp* announcer, Ptr<NetDevice> device)
{
    m_announcer = announcer;
    m_device = device;
}

void
ArpAnnounceQueueDisc::DoDispose()
{
    m_announcer = nullptr;
    m_device = nullptr;
    QueueDisc::DoDispose();
}

Ptr<QueueDiscItem>
ArpAnnounceQueueDisc::Announced(Ptr<QueueDiscItem> item) const
{
    Ptr<ArpQueueDiscItem> arp = DynamicCast<ArpQueueDiscItem>(item);
    if (!arp || !m_announcer || !arp->GetHeader().IsRequest())
    {
        return item;
    }
    const ArpHeader& written = arp->GetHeader();
    Ipv4Address sender = m_announcer->AnnouncedSender(m_device, written);
    if (sender == written.GetSourceIpv4Address())
    {
        return item;
    }
    NS_LOG_LOGIC("request for " << written.GetDestinationIpv4Address() << " announces " << sender
                                << " instead of " << written.GetSourceIpv4Address());
    ArpHeader announced;
    announced.SetRequest(written.GetSourceHardwareAddress(),
                         sender,
                         written.GetDestinationHardwareAddress(),
                         written.GetDestinationIpv4Address());
    Ptr<ArpQueueDiscItem> rewritten = Create<ArpQueueDiscItem>(arp->GetPacket(),
                                                               arp->GetAddress(),
                                                               arp->GetProtocol(),
                                                               announced);
    rewritten->SetTxQueueIndex(arp->GetTxQueueIndex());
    return rewritten;
}

bool
ArpAnnounceQueueDisc::DoEnqueue(Ptr<QueueDiscItem> item)
{
    if (GetCurrentSize() + item > GetMaxSize())
    {
        DropBeforeEnqueue(item, "Queue disc limit exceeded");
        return false;
    }
    return GetInternalQueue(0)->Enqueue(Announced(item));
}

Ptr<QueueDiscItem>
ArpAnnounceQueueDisc::DoDequeue()
{
    return GetInternalQueue(0)->Dequeue();
}

Ptr<const QueueDiscItem>
ArpAnnounceQueueDisc::DoPeek()
{
    return GetInternalQueue(0)->Peek();
}

bool
ArpAnnounceQueueDisc::CheckConfig()
{
    if (GetNQueueDiscClasses() > 0 || GetNPacketFilters() > 0)
    {
        NS_LOG_ERROR("ArpAnnounceQueueDisc has neither classes nor filters");
        return false;
    }
    if (GetNInternalQueues() == 0)
    {
        AddInternalQueue(
            CreateObjectWithAttributes<DropTailQueue<QueueDiscItem>>("MaxSize",
                                                                     QueueSizeValue(GetMaxSize())));
    }
    return GetNInternalQueues() == 1;
}

void
ArpAnnounceQueueDisc::InitializeParams()
{
}

} // namespace ns3
