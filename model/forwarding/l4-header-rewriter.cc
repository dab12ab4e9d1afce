#include "model/forwarding/l4-header-rewriter.h"

#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-l4-protocol.h"
#include "ns3/udp-header.h"
#include "ns3/udp-l4-protocol.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("L4HeaderRewriter");

namespace
{

void
SetAddress(Ipv4Header& header, RewriteEnd end, Ipv4Address address)
{
    if (end == RewriteEnd::Source)
    {
        header.SetSource(address);
    }
    else
    {
        header.SetDestination(address);
    }
}

void
RewriteTcp(Ptr<Packet> segment, const Ipv4Header& header, RewriteEnd end, uint16_t port)
{
    TcpHeader tcp;
    segment->RemoveHeader(tcp);
    if (end == RewriteEnd::Source)
    {
        tcp.SetSourcePort(port);
    }
    else
    {
        tcp.SetDestinationPort(port);
    }
    if (Node::ChecksumEnabled())
    {
        tcp.EnableChecksums();
        tcp.InitializeChecksum(header.GetSource(),
                               header.GetDestination(),
                               TcpL4Protocol::PROT_NUMBER);
    }
    segment->AddHeader(tcp);
}

void
RewriteUdp(Ptr<Packet> datagram, const Ipv4Header& header, RewriteEnd end, uint16_t port)
{
    UdpHeader old;
    datagram->RemoveHeader(old);
    // A fresh header: UdpHeader serialises a checksum it has read back
    // unchanged, so only a new one gets a freshly computed checksum.
    UdpHeader udp;
    udp.SetSourcePort(end == RewriteEnd::Source ? port : old.GetSourcePort());
    udp.SetDestinationPort(end == RewriteEnd::Destination ? port : old.GetDestinationPort());
    if (Node::ChecksumEnabled())
    {
        udp.EnableChecksums();
        udp.InitializeChecksum(header.GetSource(),
                               header.GetDestination(),
                               UdpL4Protocol::PROT_NUMBER);
    }
    datagram->AddHeader(udp);
}

} // namespace

Ptr<Packet>
RewriteL4Endpoint(Ptr<const Packet> packet,
                  Ipv4Header& header,
                  RewriteEnd end,
                  Ipv4Address address,
                  uint16_t port)
{
    NS_LOG_FUNCTION(packet << header << address << port);
    SetAddress(header, end, address);
    Ptr<Packet> copy = packet->Copy();
    if (header.GetProtocol() == TcpL4Protocol::PROT_NUMBER)
    {
        RewriteTcp(copy, header, end, port);
    }
    else if (header.GetProtocol() == UdpL4Protocol::PROT_NUMBER)
    {
        RewriteUdp(copy, header, end, port);
    }
    return copy;
}

} // namespace ns3
