#include "model/forwarding/l4-header-rewriter.h"

#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-l4-protocol.h"
#include "ns3/udp-header.h"
#include "ns3/udp-l4-protocol.h"

#include <algorithm>

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

/// A TCP header as bytes, for putting back a header patched in place (a
/// TcpHeader would parse every option into an object, and recompute the
/// checksum over the whole segment).
class PatchedTcpHeader : public Header
{
  public:
    PatchedTcpHeader() = default;

    PatchedTcpHeader(const uint8_t* bytes, uint32_t length)
        : m_length(length)
    {
        std::copy(bytes, bytes + length, m_bytes);
    }

    static TypeId GetTypeId()
    {
        static TypeId tid = TypeId("ns3::PatchedTcpHeader").SetParent<Header>().SetGroupName("Lvs");
        return tid;
    }

    TypeId GetInstanceTypeId() const override
    {
        return GetTypeId();
    }

    uint32_t GetSerializedSize() const override
    {
        return m_length;
    }

    void Serialize(Buffer::Iterator start) const override
    {
        start.Write(m_bytes, m_length);
    }

    /// Reads the header's own length from its data offset (packet
    /// printing deserializes with a default-constructed header).
    uint32_t Deserialize(Buffer::Iterator start) override
    {
        Buffer::Iterator peek = start;
        peek.Next(12);
        m_length = std::clamp<uint32_t>((peek.ReadU8() >> 4) * 4, 20, 60);
        start.Read(m_bytes, m_length);
        return m_length;
    }

    void Print(std::ostream& os) const override
    {
        os << "TCP header, " << m_length << " bytes (rewritten by IPVS)";
    }

  private:
    uint8_t m_bytes[60] = {};
    uint32_t m_length = 20;
};

NS_OBJECT_ENSURE_REGISTERED(PatchedTcpHeader);

uint16_t
ReadWord(const uint8_t* at)
{
    return uint16_t(at[0] << 8 | at[1]);
}

void
WriteWord(uint8_t* at, uint16_t value)
{
    at[0] = uint8_t(value >> 8);
    at[1] = uint8_t(value);
}

/// RFC 1624's incremental update (eqn. 3: HC' = ~(~HC + ~m + m')) for one
/// 16-bit word that changed from @p was to @p now, as the kernel's
/// csum_replace2 and inet_proto_csum_replace4 do for NAT.
uint16_t
ReplaceInChecksum(uint16_t checksum, uint16_t was, uint16_t now)
{
    uint32_t sum = uint32_t(uint16_t(~checksum)) + uint16_t(~was) + now;
    sum = (sum & 0xffff) + (sum >> 16);
    sum = (sum & 0xffff) + (sum >> 16);
    return uint16_t(~sum);
}

/// Sets the port of @p end in the TCP header at the front of @p segment,
/// and updates its checksum for the new port and the new address of the
/// pseudo-header (@p oldAddress to @p newAddress), bytes in place.
void
RewriteTcp(Ptr<Packet> segment,
           RewriteEnd end,
           Ipv4Address oldAddress,
           Ipv4Address newAddress,
           uint16_t port)
{
    uint8_t bytes[60];
    if (segment->CopyData(bytes, 20) < 20)
    {
        return; // not a whole TCP header: nothing IPVS could have matched
    }
    uint32_t length = std::clamp<uint32_t>((bytes[12] >> 4) * 4, 20, 60);
    if (segment->CopyData(bytes, length) < length)
    {
        return; // shorter than its own data offset says
    }
    uint8_t* portField = bytes + (end == RewriteEnd::Source ? 0 : 2);
    uint16_t oldPort = ReadWord(portField);
    WriteWord(portField, port);
    uint16_t checksum = ReadWord(bytes + 16);
    if (Node::ChecksumEnabled())
    {
        checksum = ReplaceInChecksum(checksum, oldPort, port);
        checksum = ReplaceInChecksum(checksum, oldAddress.Get() >> 16, newAddress.Get() >> 16);
        checksum =
            ReplaceInChecksum(checksum, oldAddress.Get() & 0xffff, newAddress.Get() & 0xffff);
        WriteWord(bytes + 16, checksum);
    }
    segment->RemoveAtStart(length);
    segment->AddHeader(PatchedTcpHeader(bytes, length));
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
    Ipv4Address oldAddress =
        end == RewriteEnd::Source ? header.GetSource() : header.GetDestination();
    SetAddress(header, end, address);
    Ptr<Packet> copy = packet->Copy();
    if (header.GetProtocol() == TcpL4Protocol::PROT_NUMBER)
    {
        RewriteTcp(copy, end, oldAddress, address, port);
    }
    else if (header.GetProtocol() == UdpL4Protocol::PROT_NUMBER)
    {
        RewriteUdp(copy, header, end, port);
    }
    return copy;
}

} // namespace ns3
