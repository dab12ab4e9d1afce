// The request/response framing survives any split of the byte stream.
#include "model/apps/transaction-protocol.h"

#include <gtest/gtest.h>
#include <vector>

namespace ns3::test
{
namespace
{

std::vector<MessageHeader>
FeedInChunks(Ptr<Packet> stream, uint32_t chunk)
{
    MessageAssembler assembler;
    std::vector<MessageHeader> messages;
    for (uint32_t offset = 0; offset < stream->GetSize(); offset += chunk)
    {
        uint32_t n = std::min(chunk, stream->GetSize() - offset);
        assembler.Feed(stream->CreateFragment(offset, n),
                       [&](const MessageHeader& h) { messages.push_back(h); });
    }
    return messages;
}

TEST(TransactionProtocol, ReassemblesMessagesWhateverTheChunking)
{
    Ptr<Packet> stream = MakeMessage(2000, 0xC0A80A0B);
    stream->AddAtEnd(MakeMessage(8, 7));
    stream->AddAtEnd(MakeMessage(3, 9)); // too short: sent as a bare header
    for (uint32_t chunk : {1u, 3u, 7u, 8u, 536u, 1448u, 5000u})
    {
        auto messages = FeedInChunks(stream, chunk);
        ASSERT_EQ(messages.size(), 3u) << "chunk " << chunk;
        EXPECT_EQ(messages[0].length, 2000u);
        EXPECT_EQ(messages[0].value, 0xC0A80A0Bu);
        EXPECT_EQ(messages[1].length, 8u);
        EXPECT_EQ(messages[1].value, 7u);
        EXPECT_EQ(messages[2].length, 8u);
        EXPECT_EQ(messages[2].value, 9u);
    }
}

} // namespace
} // namespace ns3::test
