// What a Linux host does with an ICMP redirect (net/ipv4/route.c
// __ip_do_redirect), with accept_redirects on, as hosts have it by
// default: a redirect from the gateway the host uses for the quoted
// destination, naming a unicast gateway whose link-layer address the host
// knows, becomes a host route (a route exception) to that gateway for 300 s
// (ip_rt_gc_timeout).  A gateway it does not know yet is looked up with
// ARP and the redirect dropped: the next one is taken.  Linux's default
// shared_media=1 lets the new gateway be on another subnet of the same
// link, as the router is for a one-network LVS-NAT real server.
#ifndef LVS_ICMP_REDIRECT_ACCEPTOR_H
#define LVS_ICMP_REDIRECT_ACCEPTOR_H

#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <map>
#include <string>
#include <vector>

namespace ns3
{

class IcmpRedirect;
class Ipv4Header;
class Ipv4L3Protocol;
class Ipv4StaticRouting;
class Node;
class Packet;

class IcmpRedirectAcceptor : public Object
{
  public:
    static TypeId GetTypeId();

    /// Aggregates the acceptor to @p node, whose routing must be
    /// Ipv4StaticRouting (the real servers').
    static Ptr<IcmpRedirectAcceptor> Install(Ptr<Node> node, bool acceptRedirects);

    /// A redirect and what became of it: "taken", or why it was dropped.
    typedef void (*RedirectCallback)(Ipv4Address destination,
                                     Ipv4Address gateway,
                                     const std::string& outcome);

    /// Redirects taken so far.
    uint64_t GetTakenCount() const
    {
        return m_taken;
    }

  protected:
    void DoDispose() override;

  private:
    void LocalDeliver(const Ipv4Header& header, Ptr<const Packet> packet, uint32_t interface);
    /// "taken", or why Linux would drop @p redirect from @p sender.
    std::string Consider(Ipv4Address sender, const IcmpRedirect& redirect, uint32_t interface);
    void AddException(Ipv4Address destination, Ipv4Address gateway, uint32_t interface);
    void RemoveException(Ipv4Address destination, Ipv4Address gateway);

    // Plain pointers: the node and its IPv4 stack are aggregated with this
    // object, and a Ptr to one's own aggregate would keep it alive forever.
    Node* m_node = nullptr;
    Ipv4L3Protocol* m_ipv4 = nullptr;
    Ipv4StaticRouting* m_routing = nullptr;
    bool m_accept = true;
    Time m_lifetime;
    uint64_t m_taken = 0;

    /// A host route the exception stands in for while it lasts.
    struct Shadowed
    {
        Ipv4Address gateway;
        uint32_t interface;
        uint32_t metric;
    };

    struct Exception
    {
        Ipv4Address gateway;
        EventId expiry;
        std::vector<Shadowed> shadowed;
    };

    /// Takes out the host routes to @p destination, to be put back later.
    std::vector<Shadowed> TakeHostRoutes(Ipv4Address destination);
    std::map<Ipv4Address, Exception> m_exceptions;
    TracedCallback<Ipv4Address, Ipv4Address, const std::string&> m_redirectTrace;
};

} // namespace ns3

#endif
