#include "model/apps/tcp-retransmission-counter.h"

#include "ns3/callback.h"
#include "ns3/packet.h"
#include "ns3/tcp-socket-base.h"

namespace ns3
{

TcpRetransmissionCounter::TcpRetransmissionCounter()
    : m_onTx(MakeCallback(&TcpRetransmissionCounter::OnTx, this))
{
}

Ptr<const TraceSourceAccessor>
TcpRetransmissionCounter::TxTrace()
{
    static Ptr<const TraceSourceAccessor> tx =
        TcpSocketBase::GetTypeId().LookupTraceSourceByName("Tx");
    return tx;
}

void
TcpRetransmissionCounter::Watch(Ptr<Socket> socket)
{
    Ptr<TcpSocketBase> tcp = DynamicCast<TcpSocketBase>(socket);
    if (!tcp)
    {
        return;
    }
    TxTrace()->ConnectWithoutContext(PeekPointer(tcp), m_onTx);
}

void
TcpRetransmissionCounter::Forget(Ptr<Socket> socket)
{
    Ptr<TcpSocketBase> tcp = DynamicCast<TcpSocketBase>(socket);
    if (!tcp)
    {
        return;
    }
    TxTrace()->DisconnectWithoutContext(PeekPointer(tcp), m_onTx);
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
