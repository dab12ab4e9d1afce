// One client transaction as LvsClient records it.
#ifndef LVS_TRANSACTION_RECORD_H
#define LVS_TRANSACTION_RECORD_H

#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <string>

namespace ns3
{

enum class TransactionOutcome
{
    Ok,       ///< the whole response arrived
    Refused,  ///< the connection was refused (RST to our SYN)
    TimedOut, ///< no complete response within the transaction timeout
    Reset,    ///< the connection was reset or closed under us
};

std::string TransactionOutcomeName(TransactionOutcome outcome);

struct TransactionRecord
{
    uint64_t id = 0;
    uint32_t clientNode = 0;
    bool udp = false; ///< the transport: UDP, or TCP
    Ipv4Address cip;
    uint16_t cport = 0;
    Ipv4Address vip; ///< the service's address and port the client used
    uint16_t vport = 0;
    Time start;                   ///< request issued (connection opened for the first)
    Time connected = Seconds(-1); ///< connection established (-1 s: never)
    Time end;                     ///< response complete or failure noticed
    uint32_t requestBytes = 0;
    uint32_t responseBytes = 0; ///< asked for
    uint32_t receivedBytes = 0;
    Ipv4Address server; ///< RIP that served it (0.0.0.0: none)
    TransactionOutcome outcome = TransactionOutcome::TimedOut;
    /// No further transaction will use this connection (a monitor may
    /// forget the connection once it has seen this record).
    bool lastOnConnection = true;
};

} // namespace ns3

#endif
