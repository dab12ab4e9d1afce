// Linux's ARP where ns-3's differs, on one node.  ns-3's ArpL3Protocol
// answers only for the addresses of the receiving interface (Linux's
// arp_ignore=1), never learns from what it hears but the replies to its own
// requests, and sends its requests from the outgoing interface's address
// (arp_announce=2).  Linux, by default, does none of these, and the LVS-DR
// "ARP problem" lives in the difference:
//
// - arp_ignore=0 answers a request for any local address on any interface:
//   a real server with the VIP on lo answers the router's "who has VIP?".
// - arp_announce=0 sends a request from the source of the packet waiting
//   for it: a DR reply from the VIP makes the real server ask "who has the
//   router? tell VIP".
// - Every host learns the sender of a request addressed to it, and updates
//   the entry it has for the sender of any ARP packet (once the entry is
//   older than locktime, 1 s): that request moves the router's entry for
//   the VIP to the real server.
//
// LinuxArp adds these to a node, beside ns-3's own ARP (which keeps
// answering for the receiving interface's addresses and resolving its own
// requests).  Source: Linux net/ipv4/arp.c (arp_process, arp_solicit) and
// Documentation/networking/ip-sysctl.rst.
#ifndef LVS_LINUX_ARP_H
#define LVS_LINUX_ARP_H

#include "ns3/arp-cache.h"
#include "ns3/arp-header.h"
#include "ns3/ipv4-address.h"
#include "ns3/net-device.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <map>
#include <set>
#include <utility>

namespace ns3
{

class Ipv4Header;
class Ipv4L3Protocol;
class Node;
class Packet;

class LinuxArp : public Object
{
  public:
    static TypeId GetTypeId();

    /// Aggregates Linux's ARP behaviour to @p node, on each of its broadcast
    /// interfaces, with the two sysctls (net.ipv4.conf.all.arp_ignore and
    /// arp_announce: 0 and 0 are Linux's defaults).  An arp_announce below 2
    /// on a node holding several addresses puts an ArpAnnounceQueueDisc on
    /// those interfaces, which write the sender address of its requests.
    static Ptr<LinuxArp> Install(Ptr<Node> node, uint32_t arpIgnore, uint32_t arpAnnounce);

    /// How an entry came to name a MAC: "reply", "request" (the sender of a
    /// request), "gratuitous".
    typedef void (*LearnedCallback)(Ptr<NetDevice> device,
                                    Ipv4Address ip,
                                    Address mac,
                                    const std::string& how);

    /// The sender address for a request of this node that ns-3 wrote as
    /// @p request, as arp_announce picks it.
    Ipv4Address AnnouncedSender(Ptr<NetDevice> device, const ArpHeader& request) const;

    /// Whether the node has a live entry for @p ip on @p device.
    bool Knows(Ptr<NetDevice> device, Ipv4Address ip) const;
    /// Asks for @p ip's MAC with no packet waiting for it (Linux's
    /// neigh_event_send on a new entry): the reply makes the entry.
    void Solicit(Ptr<NetDevice> device, Ipv4Address ip);

  protected:
    void DoDispose() override;

  private:
    void Hook(Ptr<NetDevice> device);
    void Receive(Ptr<NetDevice> device,
                 Ptr<const Packet> packet,
                 uint16_t protocol,
                 const Address& from,
                 const Address& to,
                 NetDevice::PacketType type);
    /// Linux answers a request for a local address held on another
    /// interface (arp_ignore=0); ns-3 has already answered for its own.
    void AnswerForAnotherInterface(Ptr<NetDevice> device, const ArpHeader& request);
    /// neigh_update: a new entry (@p create), the end of a wait for a reply,
    /// or a changed MAC (with @p override, or once the entry is older than
    /// the lock time).
    void Learn(Ptr<NetDevice> device,
               Ptr<ArpCache> cache,
               const ArpHeader& arp,
               bool create,
               bool override,
               const std::string& how);
    void ResolveWaitingEntry(Ptr<ArpCache> cache,
                             ArpCache::Entry* entry,
                             Ipv4Address ip,
                             const Address& mac);
    void NoteSource(const Ipv4Header& header, Ptr<const Packet> packet, uint32_t interface);
    bool IsLocal(Ipv4Address address) const;
    /// More than one address outside 127/8: one that is not the outgoing
    /// interface's may then be announced.
    bool HoldsSeveralAddresses() const;
    /// Whether arp_announce can name another sender than ns-3 does here:
    /// below 2, on a host with several addresses.
    bool Announces() const;
    Ptr<ArpCache> CacheOf(Ptr<NetDevice> device) const;

    // Plain pointers: the node and its IPv4 stack are aggregated with this
    // object, and a Ptr to one's own aggregate would keep it alive forever.
    Node* m_node = nullptr;
    Ipv4L3Protocol* m_ipv4 = nullptr;
    uint32_t m_arpIgnore = 0;
    uint32_t m_arpAnnounce = 0;
    Time m_lockTime;

    /// Each entry's MAC as last seen here, and when it last changed or was
    /// resolved (Linux's neigh->updated), per cache.
    struct Seen
    {
        Address mac;
        Time updated;
    };

    std::map<std::pair<const ArpCache*, Ipv4Address>, Seen> m_seen;
    /// The source of the last packet this node sent on each interface: the
    /// packet that waits for the request arp_announce writes.
    std::map<uint32_t, Ipv4Address> m_lastSource;
    /// Addresses asked for by Solicit, per cache: their replies make entries.
    std::set<std::pair<const ArpCache*, Ipv4Address>> m_solicited;
    TracedCallback<Ptr<NetDevice>, Ipv4Address, Address, const std::string&> m_learnedTrace;
};

} // namespace ns3

#endif
