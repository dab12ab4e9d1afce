// Connection synchronisation (ip_vs_sync.c): which inbound packets make a
// master send an entry, the version 1 message, and a backup's table built
// from the messages: bound to the same real server, in the same state,
// forwarding a mid-stream packet without scheduling, persistence kept.
#include "model/ipvs/ipvs-engine.h"
#include "model/ipvs/sync/connection-sync.h"

#include <gtest/gtest.h>
#include <memory>

namespace ipvs
{
namespace
{

constexpr Addr kVip = 0x0A000064; // 10.0.0.100
constexpr Addr kCip = 0xAC100005; // 172.16.0.5
constexpr Addr kRip1 = 0xC0A80A0B;
constexpr Addr kRip2 = 0xC0A80A0C;

/// A Director with one rr service over two real servers.
struct Director
{
    explicit Director(bool persistent = false, ForwardMethod method = ForwardMethod::DirectRoute)
    {
        ServiceConfig config;
        config.addr = kVip;
        config.port = 80;
        config.scheduler = "rr";
        config.persistent = persistent;
        config.persistenceTimeoutS = 300;
        std::string error;
        service = engine.AddService(config, &error);
        for (Addr rip : {kRip1, kRip2})
        {
            DestinationConfig d;
            d.addr = rip;
            d.port = 80;
            d.method = method;
            service->AddDestination(d);
        }
    }

    InboundDecision In(bool syn, bool fin, Time now, Port cport = 40000, Addr cip = kCip)
    {
        PacketInfo p;
        p.protocol = Protocol::Tcp;
        p.saddr = cip;
        p.sport = cport;
        p.daddr = kVip;
        p.dport = 80;
        p.tcp.syn = syn;
        p.tcp.ack = !syn;
        p.tcp.fin = fin;
        p.ipLength = 60;
        engine.AdvanceTo(now);
        return engine.ProcessInbound(p, now);
    }

    IpvsEngine engine;
    Service* service = nullptr;
};

TEST(ConnectionSync, AnEstablishedEntryIsSentAtItsThirdPacketThenEveryFiftieth)
{
    Director master;
    std::vector<std::pair<int, SyncEntry>> sent;
    int packet = 0;
    master.engine.SetSyncMaster([&](const SyncEntry& e) { sent.push_back({packet, e}); });
    for (packet = 1; packet <= 110; ++packet)
    {
        master.In(packet == 1, false, Seconds(packet));
    }
    ASSERT_EQ(sent.size(), 3u);
    EXPECT_EQ(sent[0].first, 3);
    EXPECT_EQ(sent[1].first, 53);
    EXPECT_EQ(sent[2].first, 103);
    EXPECT_EQ(sent[0].second.state, ConnState::Established);
    EXPECT_EQ(sent[0].second.timeoutS, 900u) << "the state's timeout";
    EXPECT_EQ(sent[0].second.method, ForwardMethod::DirectRoute);
    // A change into FIN_WAIT is sent at once, and only once.
    master.In(false, true, Seconds(200));
    master.In(false, false, Seconds(201));
    ASSERT_EQ(sent.size(), 4u);
    EXPECT_EQ(sent[3].first, 111);
    EXPECT_EQ(sent[3].second.state, ConnState::FinWait);
}

TEST(ConnectionSync, AConnectionThatNeverEstablishesIsNotSent)
{
    Director master;
    int sent = 0;
    master.engine.SetSyncMaster([&](const SyncEntry&) { ++sent; });
    for (int i = 0; i < 5; ++i)
    {
        master.In(true, false, Seconds(i)); // SYNs only: SYN_RECV
    }
    EXPECT_EQ(sent, 0);
}

TEST(ConnectionSync, MessagesCarryEntriesBothWays)
{
    SyncEntry e;
    e.protocol = Protocol::Tcp;
    e.state = ConnState::Established;
    e.flags = 0x0080 | 3; // NOOUTPUT, DR
    e.method = ForwardMethod::DirectRoute;
    e.cport = 40000;
    e.vport = 80;
    e.dport = 80;
    e.timeoutS = 900;
    e.caddr = kCip;
    e.vaddr = kVip;
    e.daddr = kRip1;
    SyncEntry t = e;
    t.flags = kConnTemplate | 3;
    t.cport = 0;
    t.state = ConnState::None;
    std::vector<uint8_t> bytes = EncodeSyncMessage(51, {e, t});
    ASSERT_EQ(bytes.size(), kSyncHeaderBytes + 2 * kSyncEntryBytes);
    EXPECT_EQ(bytes[1], 51);
    EXPECT_EQ(bytes[4], 2) << "count";
    EXPECT_EQ(bytes[5], 1) << "version";
    auto message = DecodeSyncMessage(bytes.data(), bytes.size());
    ASSERT_TRUE(message.has_value());
    EXPECT_EQ(message->syncId, 51);
    ASSERT_EQ(message->entries.size(), 2u);
    EXPECT_TRUE(message->entries[0] == e);
    EXPECT_TRUE(message->entries[1] == t);
    bytes[5] = 0; // version 0 is not read
    EXPECT_FALSE(DecodeSyncMessage(bytes.data(), bytes.size()).has_value());
    EXPECT_FALSE(DecodeSyncMessage(bytes.data(), 20).has_value());
}

TEST(ConnectionSync, TheBackupForwardsASyncedConnectionWithoutScheduling)
{
    Director master;
    Director backup;
    std::vector<SyncEntry> sent;
    master.engine.SetSyncMaster([&](const SyncEntry& e) { sent.push_back(e); });
    // Two connections: rr gives them rs-1 and rs-2.
    for (Port cport : {Port(40000), Port(40001)})
    {
        for (int i = 0; i < 3; ++i)
        {
            master.In(i == 0, false, Seconds(1), cport);
        }
    }
    ASSERT_EQ(sent.size(), 2u);
    for (const SyncEntry& e : sent)
    {
        EXPECT_TRUE(backup.engine.ApplySyncEntry(e, Seconds(2)));
    }
    Connection* synced =
        backup.engine.GetConnections().FindInbound(Protocol::Tcp, kCip, 40001, kVip, 80);
    Connection* original =
        master.engine.GetConnections().FindInbound(Protocol::Tcp, kCip, 40001, kVip, 80);
    ASSERT_NE(synced, nullptr);
    ASSERT_NE(original, nullptr);
    Addr server = original->daddr;
    EXPECT_EQ(synced->daddr, server);
    EXPECT_EQ(synced->state, ConnState::Established);
    EXPECT_TRUE(synced->flags & kConnSync);
    EXPECT_EQ(synced->inPkts, 3u) << "sync_threshold";
    EXPECT_EQ(synced->expires, Seconds(2) + Seconds(900));
    EXPECT_EQ(backup.service->FindDestination(server, 80)->GetActiveConns(), 1u);
    // After a failover: a mid-stream ACK goes to the same server.
    auto ack = backup.In(false, false, Seconds(3), 40001);
    ASSERT_TRUE(ack.forward);
    EXPECT_FALSE(ack.target.created);
    EXPECT_EQ(ack.target.daddr, server);
    // Without the entry it would have been left to the Director's stack.
    auto unknown = backup.In(false, false, Seconds(3), 40002);
    EXPECT_FALSE(unknown.forward);
    EXPECT_EQ(unknown.reason, DropReason::NoEntry);
}

TEST(ConnectionSync, TemplatesAreSentWithEveryConnectionAndKeepPersistence)
{
    Director master(true);
    Director backup(true);
    std::vector<SyncEntry> sent;
    master.engine.SetSyncMaster([&](const SyncEntry& e) { sent.push_back(e); });
    // The client's first connection goes to rs-1 and creates its template.
    master.In(true, false, Seconds(1), 40000);
    master.In(false, false, Seconds(1), 40000);
    int templates = 0;
    for (const SyncEntry& e : sent)
    {
        templates += (e.flags & kConnTemplate) != 0;
        backup.engine.ApplySyncEntry(e, Seconds(1));
    }
    EXPECT_EQ(templates, 2) << "a template at each packet of its connections";
    Addr server =
        master.engine.GetConnections().FindInbound(Protocol::Tcp, kCip, 40000, kVip, 80)->daddr;
    // Another client takes that server's turn of rr first, so that only
    // the template can send this client back there: a backup without the
    // messages sends it to the other server.
    Director unsynced(true);
    for (Director* d : {&backup, &unsynced})
    {
        d->In(true, false, Seconds(2), 50000, kCip + 1);
    }
    auto next = backup.In(true, false, Seconds(2), 40005);
    auto elsewhere = unsynced.In(true, false, Seconds(2), 40005);
    ASSERT_TRUE(next.forward);
    EXPECT_EQ(next.target.daddr, server) << "the synced template";
    EXPECT_NE(elsewhere.target.daddr, server);
}

TEST(ConnectionSync, AConnectionOfAPortZeroServiceIsSyncedToItsService)
{
    // A persistent all-ports service (port 0): its connections carry their
    // own port, and the backup finds the service as ip_vs_service_find
    // does, by falling back to port 0.
    auto portZero = []() {
        auto d = std::make_unique<Director>();
        d->engine.Clear();
        ServiceConfig config;
        config.addr = kVip;
        config.port = 0;
        config.scheduler = "rr";
        config.persistent = true;
        std::string error;
        d->service = d->engine.AddService(config, &error);
        DestinationConfig dest;
        dest.addr = kRip1;
        dest.method = ForwardMethod::DirectRoute;
        d->service->AddDestination(dest);
        return d;
    };
    auto master = portZero();
    auto backup = portZero();
    std::vector<SyncEntry> sent;
    master->engine.SetSyncMaster([&](const SyncEntry& e) { sent.push_back(e); });
    for (int i = 0; i < 3; ++i)
    {
        master->In(i == 0, false, Seconds(1)); // to port 80
    }
    int connections = 0;
    for (const SyncEntry& e : sent)
    {
        EXPECT_TRUE(backup->engine.ApplySyncEntry(e, Seconds(1)));
        connections += (e.flags & kConnTemplate) == 0;
    }
    EXPECT_EQ(connections, 1);
    EXPECT_NE(backup->engine.GetConnections().FindInbound(Protocol::Tcp, kCip, 40000, kVip, 80),
              nullptr);
}

TEST(ConnectionSync, ASyncedStateIsNotSentAgainByTheNextMaster)
{
    // The backup records the state it was sent (cp->old_state): once master,
    // it sends the entry again only when the state changes.
    Director master;
    Director backup;
    std::vector<SyncEntry> sent;
    master.engine.SetSyncMaster([&](const SyncEntry& e) { sent.push_back(e); });
    for (int i = 0; i < 3; ++i)
    {
        master.In(i == 0, false, Seconds(1));
    }
    master.In(false, true, Seconds(2)); // FIN: FIN_WAIT, sent at once
    ASSERT_EQ(sent.back().state, ConnState::FinWait);
    for (const SyncEntry& e : sent)
    {
        backup.engine.ApplySyncEntry(e, Seconds(2));
    }
    std::vector<SyncEntry> resent;
    backup.engine.SetSyncMaster([&](const SyncEntry& e) { resent.push_back(e); });
    backup.In(false, false, Seconds(3)); // still FIN_WAIT
    EXPECT_TRUE(resent.empty());
}

TEST(ConnectionSync, AnEntryOfNoLocalServiceIsIgnored)
{
    Director backup;
    SyncEntry e;
    e.protocol = Protocol::Tcp;
    e.state = ConnState::Established;
    e.caddr = kCip;
    e.cport = 1;
    e.vaddr = kVip + 1;
    e.vport = 80;
    e.daddr = kRip1;
    e.dport = 80;
    e.timeoutS = 900;
    EXPECT_FALSE(backup.engine.ApplySyncEntry(e, 0));
}

} // namespace
} // namespace ipvs
