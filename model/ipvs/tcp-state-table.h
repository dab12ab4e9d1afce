// The IPVS TCP state machine (linux ip_vs_proto_tcp.c, secure_tcp off) and
// the default per-state timeouts.
#ifndef IPVS_TCP_STATE_TABLE_H
#define IPVS_TCP_STATE_TABLE_H

#include "model/ipvs/connection.h"
#include "model/ipvs/ipvs-types.h"

#include <array>
#include <cstdint>

namespace ipvs
{

/// Which way a packet goes, as the state machine sees it.
enum class PacketDirection : uint8_t
{
    Input,     ///< client -> server, NAT entries
    Output,    ///< server -> client through the Director (NAT)
    InputOnly, ///< client -> server for entries with NOOUTPUT (DR, TUN)
};

/// The TCP header flags that select a transition.
struct TcpFlags
{
    bool syn = false;
    bool ack = false;
    bool fin = false;
    bool rst = false;
};

/// The next state, given the current one, the direction and the flags.
/// A packet with none of SYN/FIN/ACK/RST moves the entry to CLOSE.
ConnState NextTcpState(ConnState current, PacketDirection direction, TcpFlags flags);

/// Counted as active connection (v4.7+ kernels: ESTABLISHED, SYN_SENT,
/// SYN_RECV and SYNACK).
bool IsActiveTcpState(ConnState state);

/// Per-state timeouts; ipvsadm --set changes ESTABLISHED, FIN_WAIT and UDP.
class StateTimeouts
{
  public:
    StateTimeouts();
    Time Get(ConnState state) const;
    /// ipvsadm --set tcp tcpfin udp, in seconds; 0 leaves a value unchanged.
    void Set(uint32_t tcpS, uint32_t tcpFinS, uint32_t udpS);

  private:
    std::array<Time, kTcpStateCount> m_tcp;
    Time m_udp;
};

} // namespace ipvs

#endif
