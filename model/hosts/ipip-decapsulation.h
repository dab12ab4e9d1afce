// IP-in-IP decapsulation on a real server (protocol 4): the outer header is
// gone by the time the packet gets here; the inner packet is handed back
// to the IP layer as if it had arrived on the same interface, so it is
// delivered to the VIP the real server holds (LVS-TUN).
#ifndef LVS_IPIP_DECAPSULATION_H
#define LVS_IPIP_DECAPSULATION_H

#include "ns3/ip-l4-protocol.h"
#include "ns3/traced-callback.h"

namespace ns3
{

class Node;

class IpIpDecapsulation : public IpL4Protocol
{
  public:
    static TypeId GetTypeId();
    static const uint8_t PROT_NUMBER = 4; ///< IPPROTO_IPIP

    /// Adds IP-in-IP decapsulation to @p node's IPv4 stack.
    static Ptr<IpIpDecapsulation> Install(Ptr<Node> node);

    /// Packets decapsulated so far.
    uint64_t GetDecapsulatedCount() const
    {
        return m_decapsulated;
    }

    int GetProtocolNumber() const override;
    RxStatus Receive(Ptr<Packet> p,
                     const Ipv4Header& header,
                     Ptr<Ipv4Interface> incomingInterface) override;
    RxStatus Receive(Ptr<Packet> p,
                     const Ipv6Header& header,
                     Ptr<Ipv6Interface> incomingInterface) override;
    void SetDownTarget(DownTargetCallback cb) override;
    void SetDownTarget6(DownTargetCallback6 cb) override;
    DownTargetCallback GetDownTarget() const override;
    DownTargetCallback6 GetDownTarget6() const override;

  protected:
    void DoDispose() override;

  private:
    Ptr<Node> m_node;
    DownTargetCallback m_downTarget;
    DownTargetCallback6 m_downTarget6;
    uint64_t m_decapsulated = 0;
};

} // namespace ns3

#endif
