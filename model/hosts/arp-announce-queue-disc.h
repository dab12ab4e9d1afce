// A FIFO root queue disc that writes the sender address of the node's ARP
// requests as Linux's arp_announce picks it.  ns-3 writes the outgoing
// interface's address (arp_announce=2) and gives no other hook: a request
// leaves ArpL3Protocol through the traffic-control layer, so this is the
// one place where it can still be rewritten before the wire.  Everything
// else passes in order, as through ns-3's FifoQueueDisc.
#ifndef LVS_ARP_ANNOUNCE_QUEUE_DISC_H
#define LVS_ARP_ANNOUNCE_QUEUE_DISC_H

#include "ns3/queue-disc.h"

namespace ns3
{

class LinuxArp;
class NetDevice;

class ArpAnnounceQueueDisc : public QueueDisc
{
  public:
    static TypeId GetTypeId();
    ArpAnnounceQueueDisc();

    /// The node's Linux ARP, which picks the sender, and the device whose
    /// requests pass here.
    void SetAnnouncer(LinuxArp* announcer, Ptr<NetDevice> device);

  protected:
    void DoDispose() override;

  private:
    bool DoEnqueue(Ptr<QueueDiscItem> item) override;
    Ptr<QueueDiscItem> DoDequeue() override;
    Ptr<const QueueDiscItem> DoPeek() override;
    bool CheckConfig() override;
    void InitializeParams() override;
    /// @p item, or a copy of an ARP request with the announced sender.
    Ptr<QueueDiscItem> Announced(Ptr<QueueDiscItem> item) const;

    LinuxArp* m_announcer = nullptr; ///< aggregated to the node, which outlives this
    Ptr<NetDevice> m_device;
};

} // namespace ns3

#endif
