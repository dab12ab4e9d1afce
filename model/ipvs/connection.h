// A connection entry of the IPVS connection table (struct ip_vs_conn), and
// the protocol states an entry can be in.
#ifndef IPVS_CONNECTION_H
#define IPVS_CONNECTION_H

#include "model/ipvs/destination.h"
#include "model/ipvs/ipvs-types.h"

#include <cstdint>
#include <memory>
#include <string>

namespace ipvs
{

class Service;

/// TCP states in the kernel's order (IP_VS_TCP_S_*), plus the single UDP
/// state.  Templates use None (and Assured once a connection under them
/// is established).
enum class ConnState : uint8_t
{
    None = 0,
    Established,
    SynSent,
    SynRecv,
    FinWait,
    TimeWait,
    Close,
    CloseWait,
    LastAck,
    Listen,
    SynAck,
    Udp,
    Assured,
};

constexpr int kTcpStateCount = 11; ///< None .. SynAck

/// The name ipvsadm -Lnc prints.
std::string ConnStateName(ConnState state);

/// IP_VS_CONN_F_* flags that the model uses.
enum ConnFlag : uint32_t
{
    kConnNoOutput = 0x0080,
    kConnInactive = 0x0100,
    kConnTemplate = 0x1000,
    kConnOnePacket = 0x2000,
};

using ConnectionId = uint64_t;

/// No timer pending.
constexpr Time kNoTimer = INT64_MAX;

struct Connection
{
    ConnectionId id = 0;
    Protocol protocol = Protocol::Tcp;
    Addr caddr = 0; ///< client (CIP)
    Port cport = 0;
    Addr vaddr = 0; ///< virtual address as the packet carried it (VIP)
    Port vport = 0;
    Addr daddr = 0; ///< real server (RIP)
    Port dport = 0;
    ForwardMethod method = ForwardMethod::Masq;
    uint32_t flags = 0;
    ConnState state = ConnState::None;
    Time timeout = 0; ///< idle timeout of the current state
    Time expires = 0; ///< when the timer fires
    /// When the table's timer queue holds this entry's live element
    /// (kNoTimer: none).  Elements at other times are stale.
    Time timerAt = kNoTimer;
    std::shared_ptr<Destination> dest;
    Service* service = nullptr;
    ConnectionId control = 0; ///< controlling template, 0 for none
    uint32_t controlled = 0;  ///< n_control: entries this one controls
    uint64_t inPkts = 0;
    /// The state the last sync message carried (cp->old_state).
    ConnState syncedState = ConnState::None;

    bool IsTemplate() const
    {
        return flags & kConnTemplate;
    }

    bool IsInactive() const
    {
        return flags & kConnInactive;
    }
};

} // namespace ipvs

#endif
