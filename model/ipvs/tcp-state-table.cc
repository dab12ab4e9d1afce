#include "model/ipvs/tcp-state-table.h"

namespace ipvs
{

namespace
{

using S = ConnState;
constexpr S NO = S::None, ES = S::Established, SS = S::SynSent, SR = S::SynRecv, FW = S::FinWait,
            TW = S::TimeWait, CL = S::Close, CW = S::CloseWait, LA = S::LastAck, LI = S::Listen,
            SA = S::SynAck;

/// Columns: SYN, FIN, ACK, RST.  Rows: current state in ConnState order.
using Table = std::array<std::array<ConnState, 4>, kTcpStateCount>;

// clang-format off
constexpr Table kInput = {{
    /* NO */ {SR, CL, ES, CL}, /* ES */ {ES, CW, ES, CL}, /* SS */ {ES, SS, SS, CL},
    /* SR */ {SR, TW, ES, SR}, /* FW */ {SR, TW, FW, CL}, /* TW */ {SR, TW, TW, CL},
    /* CL */ {SR, CL, CL, CL}, /* CW */ {SR, CW, CW, CL}, /* LA */ {SR, LA, CL, LA},
    /* LI */ {SR, LI, LI, LI}, /* SA */ {SR, TW, ES, SR},
}};
constexpr Table kOutput = {{
    /* NO */ {SS, TW, ES, CL}, /* ES */ {ES, FW, ES, CL}, /* SS */ {SS, SS, SS, SS},
    /* SR */ {SR, TW, ES, CL}, /* FW */ {SS, FW, FW, CL}, /* TW */ {SS, TW, TW, TW},
    /* CL */ {SS, CL, CL, CL}, /* CW */ {SS, TW, CW, CL}, /* LA */ {SS, LA, LA, CL},
    /* LI */ {LI, LI, ES, CL}, /* SA */ {SR, TW, ES, CL},
}};
constexpr Table kInputOnly = {{
    /* NO */ {SR, CL, ES, CL}, /* ES */ {ES, FW, ES, CL}, /* SS */ {ES, SS, SS, CL},
    /* SR */ {SR, TW, ES, SR}, /* FW */ {SR, FW, FW, CL}, /* TW */ {SR, TW, TW, CL},
    /* CL */ {SR, CL, CL, CL}, /* CW */ {SR, CW, CW, CL}, /* LA */ {SR, LA, CL, LA},
    /* LI */ {SR, LI, LI, LI}, /* SA */ {SR, TW, ES, CL},
}};
// clang-format on

} // namespace

ConnState
NextTcpState(ConnState current, PacketDirection direction, TcpFlags flags)
{
    int column;
    if (flags.rst)
    {
        column = 3;
    }
    else if (flags.syn)
    {
        column = 0;
    }
    else if (flags.fin)
    {
        column = 1;
    }
    else if (flags.ack)
    {
        column = 2;
    }
    else
    {
        return ConnState::Close;
    }
    int row = int(current);
    if (row >= kTcpStateCount)
    {
        row = int(ConnState::None);
    }
    const Table& table = direction == PacketDirection::Input    ? kInput
                         : direction == PacketDirection::Output ? kOutput
                                                                : kInputOnly;
    return table[row][column];
}

bool
IsActiveTcpState(ConnState state)
{
    return state == ConnState::Established || state == ConnState::SynSent ||
           state == ConnState::SynRecv || state == ConnState::SynAck;
}

StateTimeouts::StateTimeouts()
    : m_tcp{Seconds(2),    // NONE
            Seconds(900),  // ESTABLISHED
            Seconds(120),  // SYN_SENT
            Seconds(60),   // SYN_RECV
            Seconds(120),  // FIN_WAIT
            Seconds(120),  // TIME_WAIT
            Seconds(10),   // CLOSE
            Seconds(60),   // CLOSE_WAIT
            Seconds(30),   // LAST_ACK
            Seconds(120),  // LISTEN
            Seconds(120)}, // SYNACK
      m_udp(Seconds(300))
{
}

Time
StateTimeouts::Get(ConnState state) const
{
    if (state == ConnState::Udp)
    {
        return m_udp;
    }
    int index = int(state);
    return index < kTcpStateCount ? m_tcp[index] : m_tcp[0];
}

void
StateTimeouts::Set(uint32_t tcpS, uint32_t tcpFinS, uint32_t udpS)
{
    if (tcpS != 0)
    {
        m_tcp[int(ConnState::Established)] = Seconds(tcpS);
    }
    if (tcpFinS != 0)
    {
        m_tcp[int(ConnState::FinWait)] = Seconds(tcpFinS);
    }
    if (udpS != 0)
    {
        m_udp = Seconds(udpS);
    }
}

std::string
ConnStateName(ConnState state)
{
    static const char* const kNames[] = {"NONE",
                                         "ESTABLISHED",
                                         "SYN_SENT",
                                         "SYN_RECV",
                                         "FIN_WAIT",
                                         "TIME_WAIT",
                                         "CLOSE",
                                         "CLOSE_WAIT",
                                         "LAST_ACK",
                                         "LISTEN",
                                         "SYNACK",
                                         "UDP",
                                         "ASSURED"};
    return kNames[int(state)];
}

} // namespace ipvs
