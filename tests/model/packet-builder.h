// A small fluent builder for test packets: an L4 segment (TCP or UDP, with
// a correct checksum) and the IPv4 header that carries it, as the Director
// sees them in RouteInput.
#ifndef LVS_TESTS_PACKET_BUILDER_H
#define LVS_TESTS_PACKET_BUILDER_H

#include "ns3/ipv4-header.h"
#include "ns3/packet.h"
#include "ns3/tcp-header.h"
#include "ns3/udp-header.h"

#include <string>

namespace ns3::test
{

class PacketBuilder
{
  public:
    PacketBuilder& From(const std::string& addr, uint16_t port)
    {
        m_src = Ipv4Address(addr.c_str());
        m_sport = port;
        return *this;
    }

    PacketBuilder& To(const std::string& addr, uint16_t port)
    {
        m_dst = Ipv4Address(addr.c_str());
        m_dport = port;
        return *this;
    }

    PacketBuilder& Udp()
    {
        m_protocol = 17;
        return *this;
    }

    PacketBuilder& Flags(uint8_t flags)
    {
        m_flags = flags;
        return *this;
    }

    PacketBuilder& Payload(uint32_t bytes)
    {
        m_payload = bytes;
        return *this;
    }

    Ptr<Packet> Segment() const
    {
        Ptr<Packet> p = Create<Packet>(m_payload);
        if (m_protocol == 6)
        {
            TcpHeader tcp;
            tcp.SetSourcePort(m_sport);
            tcp.SetDestinationPort(m_dport);
            tcp.SetFlags(m_flags);
            tcp.SetSequenceNumber(SequenceNumber32(1000));
            tcp.EnableChecksums();
            tcp.InitializeChecksum(m_src, m_dst, 6);
            p->AddHeader(tcp);
        }
        else
        {
            UdpHeader udp;
            udp.SetSourcePort(m_sport);
            udp.SetDestinationPort(m_dport);
            udp.EnableChecksums();
            udp.InitializeChecksum(m_src, m_dst, 17);
            p->AddHeader(udp);
        }
        return p;
    }

    Ipv4Header Header() const
    {
        Ipv4Header h;
        h.SetSource(m_src);
        h.SetDestination(m_dst);
        h.SetProtocol(m_protocol);
        h.SetTtl(63);
        h.SetPayloadSize(Segment()->GetSize());
        return h;
    }

  private:
    Ipv4Address m_src{"172.16.0.5"};
    Ipv4Address m_dst{"10.0.0.100"};
    uint16_t m_sport = 40000;
    uint16_t m_dport = 80;
    uint8_t m_protocol = 6;
    uint8_t m_flags = TcpHeader::ACK;
    uint32_t m_payload = 0;
};

/// The L4 checksum of @p segment is right for @p header's addresses.
inline bool
ChecksumOk(Ptr<const Packet> segment, const Ipv4Header& header)
{
    if (header.GetProtocol() == 6)
    {
        TcpHeader tcp;
        tcp.EnableChecksums();
        tcp.InitializeChecksum(header.GetSource(), header.GetDestination(), 6);
        segment->PeekHeader(tcp);
        return tcp.IsChecksumOk();
    }
    UdpHeader udp;
    udp.EnableChecksums();
    udp.InitializeChecksum(header.GetSource(), header.GetDestination(), 17);
    segment->PeekHeader(udp);
    return udp.IsChecksumOk();
}

} // namespace ns3::test

#endif
