#include "model/hosts/icmp-redirect-acceptor.h"

#include "model/hosts/icmp-redirect.h"
#include "model/hosts/linux-arp.h"

#include "ns3/boolean.h"
#include "ns3/icmpv4-l4-protocol.h"
#include "ns3/icmpv4.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4-routing-table-entry.h"
#include "ns3/ipv4-static-routing.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IcmpRedirectAcceptor");
NS_OBJECT_ENSURE_REGISTERED(IcmpRedirectAcceptor);

TypeId
IcmpRedirectAcceptor::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::IcmpRedirectAcceptor")
            .SetParent<Object>()
            .SetGroupName("Lvs")
            .AddConstructor<IcmpRedirectAcceptor>()
            .AddAttribute("AcceptRedirects",
                          "net.ipv4.conf.all.accept_redirects: take ICMP redirects (Linux's "
                          "default on hosts)",
                          BooleanValue(true),
                          MakeBooleanAccessor(&IcmpRedirectAcceptor::m_accept),
                          MakeBooleanChecker())
            .AddAttribute("ExceptionLifetime",
                          "How long a redirect's route lasts (ip_rt_gc_timeout)",
                          TimeValue(Seconds(300)),
                          MakeTimeAccessor(&IcmpRedirectAcceptor::m_lifetime),
                          MakeTimeChecker())
            .AddTraceSource("Redirect",
                            "An ICMP redirect arrived: destination, gateway, and \"taken\" or "
                            "why it was dropped",
                            MakeTraceSourceAccessor(&IcmpRedirectAcceptor::m_redirectTrace),
                            "ns3::IcmpRedirectAcceptor::RedirectCallback");
    return tid;
}

Ptr<IcmpRedirectAcceptor>
IcmpRedirectAcceptor::Install(Ptr<Node> node, bool acceptRedirects)
{
    Ptr<IcmpRedirectAcceptor> acceptor =
        CreateObjectWithAttributes<IcmpRedirectAcceptor>("AcceptRedirects",
                                                         BooleanValue(acceptRedirects));
    acceptor->m_node = PeekPointer(node);
    acceptor->m_ipv4 = PeekPointer(node->GetObject<Ipv4L3Protocol>());
    acceptor->m_routing =
        PeekPointer(DynamicCast<Ipv4StaticRouting>(acceptor->m_ipv4->GetRoutingProtocol()));
    NS_ASSERT_MSG(acceptor->m_routing, "IcmpRedirectAcceptor needs Ipv4StaticRouting");
    node->AggregateObject(acceptor);
    acceptor->m_ipv4->TraceConnectWithoutContext(
        "LocalDeliver",
        MakeCallback(&IcmpRedirectAcceptor::LocalDeliver, PeekPointer(acceptor)));
    return acceptor;
}

void
IcmpRedirectAcceptor::DoDispose()
{
    for (auto& [destination, exception] : m_exceptions)
    {
        exception.expiry.Cancel();
    }
    m_exceptions.clear();
    m_node = nullptr;
    m_ipv4 = nullptr;
    m_routing = nullptr;
    Object::DoDispose();
}

void
IcmpRedirectAcceptor::LocalDeliver(const Ipv4Header& header,
                                   Ptr<const Packet> packet,
                                   uint32_t interface)
{
    // ns-3's ICMP ignores type 5; this reads it as it goes by.
    if (header.GetProtocol() != Icmpv4L4Protocol::PROT_NUMBER)
    {
        return;
    }
    Ptr<Packet> copy = packet->Copy();
    Icmpv4Header icmp;
    copy->RemoveHeader(icmp);
    if (icmp.GetType() != IcmpRedirect::kType)
    {
        return;
    }
    IcmpRedirect redirect;
    copy->RemoveHeader(redirect);
    std::string outcome = Consider(header.GetSource(), redirect, interface);
    NS_LOG_LOGIC("node " << m_node->GetId() << ": " << redirect << " from " << header.GetSource()
                         << ": " << outcome);
    m_redirectTrace(redirect.GetQuotedHeader().GetDestination(), redirect.GetGateway(), outcome);
}

std::string
IcmpRedirectAcceptor::Consider(Ipv4Address sender, const IcmpRedirect& redirect, uint32_t interface)
{
    if (!m_accept)
    {
        return "dropped: accept_redirects=0";
    }
    Ipv4Address destination = redirect.GetQuotedHeader().GetDestination();
    Ipv4Address gateway = redirect.GetGateway();
    if (gateway == sender || gateway.IsMulticast() || gateway.IsBroadcast() || gateway.IsAny())
    {
        return "dropped: not a usable gateway";
    }
    // Linux hands a redirect to the socket of the quoted segment
    // (tcp_v4_err); for a connection still in its handshake (a request
    // socket: the quoted segment is the SYN-ACK) tcp_req_err drops it.
    // ns-3 starts every connection at sequence 0: sequence 0 quoted is the
    // SYN-ACK.
    const Ipv4Header& quoted = redirect.GetQuotedHeader();
    if (quoted.GetProtocol() == 6 && redirect.GetQuotedTcpSequence() == 0)
    {
        return "dropped: it quotes a SYN-ACK, the connection is not established yet";
    }
    Ipv4Header lookup;
    lookup.SetDestination(destination);
    Socket::SocketErrno error;
    Ptr<Ipv4Route> current = m_routing->RouteOutput(nullptr, lookup, nullptr, error);
    if (!current || current->GetGateway() != sender)
    {
        return "dropped: not from the gateway in use";
    }
    Ptr<NetDevice> device = m_ipv4->GetNetDevice(interface);
    Ptr<LinuxArp> arp = m_node->GetObject<LinuxArp>();
    if (arp && !arp->Knows(device, gateway))
    {
        arp->Solicit(device, gateway);
        return "dropped: the gateway's MAC is not known yet (asked for it)";
    }
    AddException(destination, gateway, interface);
    ++m_taken;
    return "taken";
}

void
IcmpRedirectAcceptor::AddException(Ipv4Address destination, Ipv4Address gateway, uint32_t interface)
{
    auto known = m_exceptions.find(destination);
    if (known != m_exceptions.end())
    {
        known->second.expiry.Cancel();
        RemoveException(destination, known->second.gateway);
    }
    // Linux's exception overrides whatever the table says for the
    // destination; ns-3's static routing picks the first of equal host
    // routes, so those step aside until the exception expires.
    std::vector<Shadowed> shadowed = TakeHostRoutes(destination);
    m_routing->AddHostRouteTo(destination, gateway, interface);
    m_exceptions[destination] = {gateway,
                                 Simulator::Schedule(m_lifetime,
                                                     &IcmpRedirectAcceptor::RemoveException,
                                                     this,
                                                     destination,
                                                     gateway),
                                 shadowed};
}

std::vector<IcmpRedirectAcceptor::Shadowed>
IcmpRedirectAcceptor::TakeHostRoutes(Ipv4Address destination)
{
    std::vector<Shadowed> taken;
    for (uint32_t i = m_routing->GetNRoutes(); i-- > 0;)
    {
        Ipv4RoutingTableEntry route = m_routing->GetRoute(i);
        if (route.IsHost() && route.GetDest() == destination)
        {
            taken.push_back({route.GetGateway(), route.GetInterface(), m_routing->GetMetric(i)});
            m_routing->RemoveRoute(i);
        }
    }
    return taken;
}

void
IcmpRedirectAcceptor::RemoveException(Ipv4Address destination, Ipv4Address gateway)
{
    auto exception = m_exceptions.find(destination);
    std::vector<Shadowed> shadowed;
    if (exception != m_exceptions.end())
    {
        shadowed = exception->second.shadowed;
        m_exceptions.erase(exception);
    }
    for (uint32_t i = 0; i < m_routing->GetNRoutes(); ++i)
    {
        Ipv4RoutingTableEntry route = m_routing->GetRoute(i);
        if (route.IsHost() && route.GetDest() == destination && route.GetGateway() == gateway)
        {
            m_routing->RemoveRoute(i);
            break;
        }
    }
    for (const auto& route : shadowed)
    {
        m_routing->AddHostRouteTo(destination, route.gateway, route.interface, route.metric);
    }
}

} // namespace ns3
