// The IPVS connection synchronisation daemon of a Director (ip_vs_sync.c),
// as keepalived's lvs_sync_daemon runs it: master while its VRRP instance
// is master, backup otherwise.
//
// Master: every entry IpvsEngine picks (model/ipvs/sync) is packed into the
// current message; a full message (40 entries in 1472 bytes) is queued and
// sent 20 ms later (at once when 8 are queued), and the current message at
// the sender's 1 s poll once it is 2 s old, as a version 1 message to
// 224.0.0.81:8848 (TTL 1) from the sync interface.  Stopping the master
// daemon throws away what it has not sent, as the kernel's thread does.  Backup: every message with
// its syncid becomes entries of the local table (IpvsEngine::ApplySyncEntry), ready for the day
// this Director is master.
#ifndef LVS_IPVS_SYNC_DAEMON_H
#define LVS_IPVS_SYNC_DAEMON_H

#include "model/ipvs-director.h"
#include "model/ipvs/sync/connection-sync.h"

#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/net-device.h"
#include "ns3/socket.h"

#include <vector>

namespace ns3
{

class IpvsSyncDaemon : public Application
{
  public:
    enum class Role
    {
        None,
        Master,
        Backup,
    };

    static TypeId GetTypeId();
    IpvsSyncDaemon();
    ~IpvsSyncDaemon() override;

    /// The Director whose table is synchronised, and the interface (the
    /// D/RIP network's) with this Director's own address on it.
    void Setup(Ptr<IpvsDirector> director, Ptr<NetDevice> device, Ipv4Address ownAddress);

    /// ipvsadm --start-daemon master|backup (the other role stops), or
    /// --stop-daemon for None.
    void SetRole(Role role);

    Role GetRole() const
    {
        return m_role;
    }

    uint64_t GetMessagesSent() const
    {
        return m_messagesSent;
    }

    uint64_t GetEntriesSent() const
    {
        return m_entriesSent;
    }

    uint64_t GetEntriesApplied() const
    {
        return m_entriesApplied;
    }

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    void Queue(const ipvs::SyncEntry& entry);
    void Poll();
    /// Sends the full messages queued.
    void SendQueued();
    void Send(const std::vector<ipvs::SyncEntry>& entries);
    void HandleRead(Ptr<Socket> socket);
    void OpenSocket();

    uint32_t m_syncId = 0;
    Ptr<IpvsDirector> m_director;
    Ptr<NetDevice> m_device;
    Ipv4Address m_ownAddress;
    Ptr<Socket> m_socket;
    Role m_role = Role::None;
    std::vector<ipvs::SyncEntry> m_buffer;              ///< the message being filled
    std::vector<std::vector<ipvs::SyncEntry>> m_queued; ///< full messages
    Time m_bufferSince;
    EventId m_poll;
    EventId m_wake;
    uint64_t m_messagesSent = 0;
    uint64_t m_entriesSent = 0;
    uint64_t m_entriesApplied = 0;
};

} // namespace ns3

#endif
