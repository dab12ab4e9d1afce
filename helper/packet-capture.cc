#include "helper/packet-capture.h"

#include "model/hosts/ipip-decapsulation.h"

#include "ns3/callback.h"
#include "ns3/csma-net-device.h"
#include "ns3/ethernet-header.h"
#include "ns3/ipv4-header.h"
#include "ns3/log.h"
#include "ns3/point-to-point-net-device.h"
#include "ns3/ppp-header.h"
#include "ns3/simulator.h"
#include "ns3/tcp-header.h"
#include "ns3/udp-header.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("PacketCapture");

namespace
{

constexpr uint16_t kEtherTypeIpv4 = 0x0800;
constexpr uint16_t kPppIpv4 = 0x0021;

} // namespace

void
PacketCapture::Attach(Ptr<NetDevice> device, const std::string& network)
{
    NS_LOG_FUNCTION(this << device << network);
    if (DynamicCast<CsmaNetDevice>(device))
    {
        device->TraceConnect("PromiscSniffer", network, MakeCallback(&PacketCapture::OnCsma, this));
    }
    else if (DynamicCast<PointToPointNetDevice>(device))
    {
        device->TraceConnect("PromiscSniffer",
                             network,
                             MakeCallback(&PacketCapture::OnPointToPoint, this));
    }
}

void
PacketCapture::OnCsma(std::string network, Ptr<const Packet> frame)
{
    Ptr<Packet> copy = frame->Copy();
    EthernetHeader ethernet(false);
    copy->RemoveHeader(ethernet);
    if (ethernet.GetLengthType() != kEtherTypeIpv4)
    {
        return;
    }
    CapturedPacket record;
    record.network = network;
    record.hasMac = true;
    record.macSource = ethernet.GetSource();
    record.macDestination = ethernet.GetDestination();
    Decode(record, copy);
}

void
PacketCapture::OnPointToPoint(std::string network, Ptr<const Packet> frame)
{
    Ptr<Packet> copy = frame->Copy();
    PppHeader ppp;
    copy->RemoveHeader(ppp);
    if (ppp.GetProtocol() != kPppIpv4)
    {
        return;
    }
    CapturedPacket record;
    record.network = network;
    Decode(record, copy);
}

void
PacketCapture::Decode(CapturedPacket record, Ptr<Packet> datagram)
{
    Ipv4Header ip;
    datagram->RemoveHeader(ip);
    record.time = Simulator::Now();
    record.source = ip.GetSource();
    record.destination = ip.GetDestination();
    record.ttl = ip.GetTtl();
    record.protocol = ip.GetProtocol();
    record.ipBytes = ip.GetSerializedSize() + ip.GetPayloadSize();
    if (ip.GetFragmentOffset() != 0)
    {
        return;
    }
    if (record.protocol == IpIpDecapsulation::PROT_NUMBER)
    {
        record.tunnelled = true;
        record.outerSource = record.source;
        record.outerDestination = record.destination;
        record.outerTtl = record.ttl;
        datagram->RemoveHeader(ip);
        record.source = ip.GetSource();
        record.destination = ip.GetDestination();
        record.ttl = ip.GetTtl();
        record.protocol = ip.GetProtocol();
    }
    uint32_t l4Bytes = std::min(datagram->GetSize(), uint32_t(ip.GetPayloadSize()));
    if (record.protocol == 6)
    {
        TcpHeader tcp;
        datagram->RemoveHeader(tcp);
        record.sourcePort = tcp.GetSourcePort();
        record.destinationPort = tcp.GetDestinationPort();
        record.tcpFlags = tcp.GetFlags();
        record.tcpSequence = tcp.GetSequenceNumber().GetValue();
        record.tcpAck = tcp.GetAckNumber().GetValue();
        record.payloadBytes = l4Bytes - tcp.GetSerializedSize();
    }
    else if (record.protocol == 17)
    {
        UdpHeader udp;
        datagram->RemoveHeader(udp);
        record.sourcePort = udp.GetSourcePort();
        record.destinationPort = udp.GetDestinationPort();
        record.payloadBytes = l4Bytes - udp.GetSerializedSize();
    }
    else
    {
        return;
    }
    m_packets.push_back(record);
}

} // namespace ns3
