#include "model/apps/transaction-protocol.h"

#include "ns3/log.h"

#include <algorithm>
#include <vector>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TransactionProtocol");

namespace
{

void
WriteU32(uint8_t* out, uint32_t value)
{
    out[0] = value >> 24;
    out[1] = value >> 16;
    out[2] = value >> 8;
    out[3] = value;
}

uint32_t
ReadU32(const uint8_t* in)
{
    return (uint32_t(in[0]) << 24) | (uint32_t(in[1]) << 16) | (uint32_t(in[2]) << 8) | in[3];
}

} // namespace

Ptr<Packet>
MakeMessage(uint32_t length, uint32_t value)
{
    length = std::max(length, kMessageHeaderBytes);
    uint8_t header[kMessageHeaderBytes];
    WriteU32(header, length);
    WriteU32(header + 4, value);
    Ptr<Packet> message = Create<Packet>(header, kMessageHeaderBytes);
    if (length > kMessageHeaderBytes)
    {
        message->AddAtEnd(Create<Packet>(length - kMessageHeaderBytes));
    }
    return message;
}

void
MessageAssembler::Feed(Ptr<const Packet> chunk,
                       const std::function<void(const MessageHeader&)>& onMessage)
{
    uint32_t size = chunk->GetSize();
    std::vector<uint8_t> bytes(size);
    chunk->CopyData(bytes.data(), size);
    uint32_t offset = 0;
    while (offset < size)
    {
        if (m_headerFill < kMessageHeaderBytes)
        {
            uint32_t n = std::min(kMessageHeaderBytes - m_headerFill, size - offset);
            std::copy_n(bytes.begin() + offset, n, m_header.begin() + m_headerFill);
            m_headerFill += n;
            offset += n;
            if (m_headerFill < kMessageHeaderBytes)
            {
                break;
            }
            m_current.length = ReadU32(m_header.data());
            m_current.value = ReadU32(m_header.data() + 4);
            m_bodyLeft =
                m_current.length > kMessageHeaderBytes ? m_current.length - kMessageHeaderBytes : 0;
        }
        uint32_t n = std::min(m_bodyLeft, size - offset);
        m_bodyLeft -= n;
        offset += n;
        if (m_bodyLeft == 0)
        {
            m_headerFill = 0;
            onMessage(m_current);
        }
    }
}

void
DrainToSocket(Ptr<Socket> socket, Ptr<Packet>& pending)
{
    while (pending && pending->GetSize() > 0)
    {
        uint32_t room = socket->GetTxAvailable();
        if (room == 0)
        {
            return;
        }
        uint32_t n = std::min(room, pending->GetSize());
        int sent = socket->Send(pending->CreateFragment(0, n));
        if (sent <= 0)
        {
            return;
        }
        pending->RemoveAtStart(uint32_t(sent));
    }
}

} // namespace ns3
