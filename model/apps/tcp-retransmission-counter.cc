#include "model/apps/tcp-retransmission-counter.h"

#include "ns3/callback.h"
#include "ns3/packet.h"
#include "ns3/tcp-socket-base.h"

namespace ns3
{

void
TcpRetransmissionCounter::Watch(Ptr<Socket> socket)
{
    Ptr<TcpSocketBase> tcp = DynamicCast<TcpSocketBase>(socket);
    if (!tcp)
    {
        return;
    }
    tcp->TraceConnectWithoutContext("Tx", MakeCallback(&TcpRetransmissionCounter::OnTx, this));
}

void
TcpRetransmissionCounter::Forget(Ptr<Socket> socket)
{
    Ptr<TcpSocketBase> tcp = DynamicCast<TcpSocketBase>(socket);
    if (!tcp)
    {
        return;
    }
    tcp->TraceDisconnectWithoutContext("Tx", MakeCallback(&TcpRetransmissionCounter::OnTx, this));
    m_sentUpTo.erase(PeekPointer(tcp));
}

void
TcpRetransmissionCounter::OnTx(Ptr<const Packet> packet,
                               const TcpHeader& header,
                               Ptr<const TcpSocketBase> socket)
{
    uint8_t flags = header.GetFlags();
    uint32_t length = packet->GetSize();
    if ((flags & (TcpHeader::SYN | TcpHeader::FIN)) != 0)
    {
        ++length; // SYN and FIN take a sequence number
    }
    if (length == 0)
    {
        return; // a pure ACK carries no sequence space
    }
    SequenceNumber32 end = header.GetSequenceNumber() + length;
    auto [it, first] = m_sentUpTo.emplace(PeekPointer(socket), end);
    if (first)
    {
        return;
    }
    if (end <= it->second)
    {
        ++m_retransmissions;
        return;
    }
    it->second = end;
}

} // namespace ns3
