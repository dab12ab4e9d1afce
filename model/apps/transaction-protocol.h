// The tiny request/response protocol spoken by LvsClient and LvsRealServer.
//
// Every message starts with an 8-byte header: its total length (header
// included) and one 32-bit value.  In a request the value is the response
// length wanted; in a response it is the RIP of the real server that
// served it, so that the client can record who served each transaction
// even through NAT.  The rest of a message is padding.
#ifndef LVS_TRANSACTION_PROTOCOL_H
#define LVS_TRANSACTION_PROTOCOL_H

#include "ns3/packet.h"
#include "ns3/socket.h"

#include <array>
#include <cstdint>
#include <functional>

namespace ns3
{

constexpr uint32_t kMessageHeaderBytes = 8;

struct MessageHeader
{
    uint32_t length = 0; ///< whole message, header included
    uint32_t value = 0;
};

/// A message of max(length, 8) bytes carrying @p value.
Ptr<Packet> MakeMessage(uint32_t length, uint32_t value);

/// Reassembles messages from a byte stream (or a sequence of datagrams).
class MessageAssembler
{
  public:
    /// Feeds received bytes; calls @p onMessage for each message completed.
    void Feed(Ptr<const Packet> chunk, const std::function<void(const MessageHeader&)>& onMessage);

  private:
    std::array<uint8_t, kMessageHeaderBytes> m_header{};
    uint32_t m_headerFill = 0;
    uint32_t m_bodyLeft = 0;
    MessageHeader m_current;
};

/// Sends as much of @p pending as the socket's buffer takes now; the rest
/// stays in @p pending for the next send callback.
void DrainToSocket(Ptr<Socket> socket, Ptr<Packet>& pending);

} // namespace ns3

#endif
