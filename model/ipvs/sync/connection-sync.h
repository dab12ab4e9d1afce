// IPVS connection synchronisation (linux ip_vs_sync.c, v6.17): which
// entries a master daemon sends and when (ip_vs_sync_conn_needed, with
// sync_refresh_period 0), the version 1 message that carries them, and
// what one entry of it is.  What a backup does with an entry is
// IpvsEngine::ApplySyncEntry.
#ifndef IPVS_CONNECTION_SYNC_H
#define IPVS_CONNECTION_SYNC_H

#include "model/ipvs/connection.h"
#include "model/ipvs/ipvs-types.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace ipvs
{

/// The sync daemon's multicast group and port (defaults).
constexpr uint16_t kSyncPort = 8848;
constexpr const char* kSyncGroup = "224.0.0.81";

/// sync_threshold and sync_period (sysctls, defaults 3 and 50).
struct SyncSettings
{
    uint32_t threshold = 3;
    uint32_t period = 50;
};

/// IP_VS_CONN_F_SYNC: an entry the backup created from a message.
constexpr uint32_t kConnSync = 0x0020;

/// One connection entry as a version 1 message carries it.
struct SyncEntry
{
    Protocol protocol = Protocol::Tcp;
    uint32_t flags = 0;
    ConnState state = ConnState::None;
    Port cport = 0;
    Port vport = 0;
    Port dport = 0;
    uint32_t fwmark = 0;
    uint32_t timeoutS = 0;
    Addr caddr = 0;
    Addr vaddr = 0;
    Addr daddr = 0;
    ForwardMethod method = ForwardMethod::Masq; ///< the flags' low bits

    bool operator==(const SyncEntry& o) const;
};

/// ip_vs_sync_conn_needed for @p entry at its @p pkts-th inbound packet
/// (sync_refresh_period 0): a template every time; a TCP entry when it
/// changes into FIN_WAIT, CLOSE, CLOSE_WAIT or TIME_WAIT, and while in one
/// of those or ESTABLISHED when pkts % period == threshold; a UDP entry
/// when pkts % period == threshold; never a one-packet entry.
bool SyncNeeded(const Connection& entry, uint64_t pkts, const SyncSettings& settings);

/// @p entry as a message carries it (@p fwmark: its service's).
SyncEntry ToSyncEntry(const Connection& entry, uint32_t fwmark);

constexpr size_t kSyncHeaderBytes = 8;
constexpr size_t kSyncEntryBytes = 36;
/// The master's message size: MTU 1500 - 28.
constexpr size_t kSyncMaxMessageBytes = 1472;

/// A version 1 message: {0, syncid, size, count, version 1, 0}, then the
/// entries (36 bytes each, IPv4, no options).
std::vector<uint8_t> EncodeSyncMessage(uint8_t syncId, const std::vector<SyncEntry>& entries);

struct SyncMessage
{
    uint8_t syncId = 0;
    std::vector<SyncEntry> entries;
};

/// The message in @p data, or nothing if it is not a version 1 message
/// whose size and count add up.
std::optional<SyncMessage> DecodeSyncMessage(const uint8_t* data, size_t size);

} // namespace ipvs

#endif
