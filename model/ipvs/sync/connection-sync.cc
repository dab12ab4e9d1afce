#include "model/ipvs/sync/connection-sync.h"

namespace ipvs
{

bool
SyncEntry::operator==(const SyncEntry& o) const
{
    return protocol == o.protocol && flags == o.flags && state == o.state && cport == o.cport &&
           vport == o.vport && dport == o.dport && fwmark == o.fwmark && timeoutS == o.timeoutS &&
           caddr == o.caddr && vaddr == o.vaddr && daddr == o.daddr && method == o.method;
}

namespace
{

bool
IsSyncedTcpState(ConnState state)
{
    return state == ConnState::Established || state == ConnState::FinWait ||
           state == ConnState::Close || state == ConnState::CloseWait ||
           state == ConnState::TimeWait;
}

/// IPPROTO numbers on the wire.
uint8_t
ProtocolNumber(Protocol protocol)
{
    switch (protocol)
    {
    case Protocol::Tcp:
        return 6;
    case Protocol::Udp:
        return 17;
    default:
        return 0;
    }
}

std::optional<Protocol>
ProtocolOfNumber(uint8_t number)
{
    switch (number)
    {
    case 6:
        return Protocol::Tcp;
    case 17:
        return Protocol::Udp;
    case 0:
        return Protocol::Ip;
    default:
        return std::nullopt;
    }
}

void
Put16(std::vector<uint8_t>& out, uint32_t value)
{
    out.push_back(uint8_t(value >> 8));
    out.push_back(uint8_t(value));
}

void
Put32(std::vector<uint8_t>& out, uint32_t value)
{
    Put16(out, value >> 16);
    Put16(out, value & 0xffff);
}

uint32_t
Get16(const uint8_t* p)
{
    return uint32_t(p[0]) << 8 | p[1];
}

uint32_t
Get32(const uint8_t* p)
{
    return Get16(p) << 16 | Get16(p + 2);
}

constexpr uint32_t kConnHashed = 0x0040;
constexpr uint32_t kMethodMask = 0x0007;

} // namespace

bool
SyncNeeded(const Connection& entry, uint64_t pkts, const SyncSettings& settings)
{
    if (entry.flags & kConnOnePacket)
    {
        return false;
    }
    if (entry.IsTemplate())
    {
        return true; // templates skip the packet-count test
    }
    if (entry.protocol == Protocol::Tcp)
    {
        if (!IsSyncedTcpState(entry.state))
        {
            return false;
        }
        bool force = entry.state != entry.syncedState;
        if (force && entry.state != ConnState::Established)
        {
            return true;
        }
    }
    if (settings.period > 0)
    {
        return pkts % settings.period == settings.threshold;
    }
    return pkts == settings.threshold;
}

SyncEntry
ToSyncEntry(const Connection& entry, uint32_t fwmark)
{
    SyncEntry s;
    s.protocol = entry.protocol;
    s.method = entry.method;
    s.flags = (entry.flags & ~kConnHashed & ~kMethodMask) | uint32_t(entry.method);
    s.state = entry.state;
    s.cport = entry.cport;
    s.vport = entry.vport;
    s.dport = entry.dport;
    s.fwmark = fwmark;
    s.timeoutS = uint32_t(entry.timeout / Seconds(1));
    s.caddr = entry.caddr;
    s.vaddr = entry.vaddr;
    s.daddr = entry.daddr;
    return s;
}

std::vector<uint8_t>
EncodeSyncMessage(uint8_t syncId, const std::vector<SyncEntry>& entries)
{
    std::vector<uint8_t> out{0, syncId};
    Put16(out, uint32_t(kSyncHeaderBytes + kSyncEntryBytes * entries.size()));
    out.push_back(uint8_t(entries.size()));
    out.push_back(1); // version
    Put16(out, 0);
    for (const SyncEntry& e : entries)
    {
        out.push_back(0); // type: IPv4, no options
        out.push_back(ProtocolNumber(e.protocol));
        Put16(out, uint32_t(kSyncEntryBytes)); // version 1: 4 bits reserved, 12 bits size
        Put32(out, e.flags);
        Put16(out, uint32_t(e.state));
        Put16(out, e.cport);
        Put16(out, e.vport);
        Put16(out, e.dport);
        Put32(out, e.fwmark);
        Put32(out, e.timeoutS);
        Put32(out, e.caddr);
        Put32(out, e.vaddr);
        Put32(out, e.daddr);
    }
    return out;
}

std::optional<SyncMessage>
DecodeSyncMessage(const uint8_t* data, size_t size)
{
    if (size < kSyncHeaderBytes || data[0] != 0 || data[5] != 1 || Get16(data + 2) != size)
    {
        return std::nullopt;
    }
    SyncMessage message;
    message.syncId = data[1];
    size_t count = data[4];
    if (size != kSyncHeaderBytes + count * kSyncEntryBytes)
    {
        return std::nullopt;
    }
    for (size_t i = 0; i < count; ++i)
    {
        const uint8_t* p = data + kSyncHeaderBytes + i * kSyncEntryBytes;
        auto protocol = ProtocolOfNumber(p[1]);
        uint32_t state = Get16(p + 8);
        if (p[0] != 0 || !protocol || (Get16(p + 2) & 0x0fff) != kSyncEntryBytes ||
            state > uint32_t(ConnState::Assured))
        {
            return std::nullopt;
        }
        SyncEntry e;
        e.protocol = *protocol;
        e.flags = Get32(p + 4);
        e.method = ForwardMethod(e.flags & kMethodMask & 3);
        e.state = ConnState(state);
        e.cport = Port(Get16(p + 10));
        e.vport = Port(Get16(p + 12));
        e.dport = Port(Get16(p + 14));
        e.fwmark = Get32(p + 16);
        e.timeoutS = Get32(p + 20);
        e.caddr = Get32(p + 24);
        e.vaddr = Get32(p + 28);
        e.daddr = Get32(p + 32);
        message.entries.push_back(e);
    }
    return message;
}

} // namespace ipvs
