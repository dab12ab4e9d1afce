// Records the TCP/UDP packets seen on chosen devices (promiscuous sniffer
// traces), decoded down to the L4 ports: what happened on the wire, hop by
// hop, for tests and packet walks.
#ifndef LVS_PACKET_CAPTURE_H
#define LVS_PACKET_CAPTURE_H

#include "ns3/ipv4-address.h"
#include "ns3/mac48-address.h"
#include "ns3/net-device.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"

#include <string>
#include <vector>

namespace ns3
{

struct CapturedPacket
{
    Time time;
    std::string network; ///< name given to Attach
    bool hasMac = false; ///< Ethernet (CSMA) frames carry MAC addresses
    Mac48Address macSource;
    Mac48Address macDestination;
    Ipv4Address source;
    Ipv4Address destination;
    uint8_t ttl = 0;
    uint8_t protocol = 0;
    uint16_t sourcePort = 0;
    uint16_t destinationPort = 0;
    uint8_t tcpFlags = 0;
    uint32_t tcpSequence = 0; ///< tells apart segments alike in all else
    uint32_t tcpAck = 0;
    uint32_t payloadBytes = 0; ///< L4 payload
    uint32_t ipBytes = 0;      ///< IP total length on the wire (the outer packet's, tunnelled)
    /// IP-in-IP: the outer header; source/destination/ttl above are the
    /// inner packet's.
    bool tunnelled = false;
    Ipv4Address outerSource;
    Ipv4Address outerDestination;
    uint8_t outerTtl = 0;
};

class PacketCapture
{
  public:
    /// Records every IPv4 TCP/UDP packet the device sends or receives
    /// (CSMA and point-to-point devices).
    void Attach(Ptr<NetDevice> device, const std::string& network);

    const std::vector<CapturedPacket>& GetPackets() const
    {
        return m_packets;
    }

  private:
    void OnCsma(std::string network, Ptr<const Packet> frame);
    void OnPointToPoint(std::string network, Ptr<const Packet> frame);
    void Decode(CapturedPacket record, Ptr<Packet> datagram);

    std::vector<CapturedPacket> m_packets;
};

} // namespace ns3

#endif
