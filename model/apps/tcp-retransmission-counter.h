// Counts the TCP segments an application's sockets send again: a segment
// (or a SYN or FIN) that does not take the highest sequence number the
// socket has sent any further.  ns-3 3.37's TCP has no trace source of its
// own for retransmissions, so each socket's Tx trace is watched.
#ifndef LVS_TCP_RETRANSMISSION_COUNTER_H
#define LVS_TCP_RETRANSMISSION_COUNTER_H

#include "ns3/ptr.h"
#include "ns3/sequence-number.h"
#include "ns3/socket.h"
#include "ns3/tcp-header.h"
#include "ns3/trace-source-accessor.h"

#include <cstdint>
#include <unordered_map>

namespace ns3
{

class Packet;
class TcpSocketBase;

class TcpRetransmissionCounter
{
  public:
    TcpRetransmissionCounter();
    /// Its trace callback is bound to this object: no copies.
    TcpRetransmissionCounter(const TcpRetransmissionCounter&) = delete;
    TcpRetransmissionCounter& operator=(const TcpRetransmissionCounter&) = delete;

    /// Starts watching a TCP socket (other sockets are ignored).
    void Watch(Ptr<Socket> socket);
    /// Stops watching it (the application is done with it).
    void Forget(Ptr<Socket> socket);

    uint64_t GetRetransmissions() const
    {
        return m_retransmissions;
    }

  private:
    void OnTx(Ptr<const Packet> packet, const TcpHeader& header, Ptr<const TcpSocketBase> socket);
    /// TcpSocketBase's Tx trace source, looked up once: a lookup by name
    /// walks the type's trace sources, and every connection has two sockets.
    static Ptr<const TraceSourceAccessor> TxTrace();

    Callback<void, Ptr<const Packet>, const TcpHeader&, Ptr<const TcpSocketBase>> m_onTx;

    /// Per watched socket: one past the highest sequence number sent.
    std::unordered_map<const TcpSocketBase*, SequenceNumber32> m_sentUpTo;
    uint64_t m_retransmissions = 0;
};

} // namespace ns3

#endif
