// Counters through the TCP states and entry expiry, checked against the
// timelines of tests/reference/ipvs-behaviour.md 2.6 (NAT, DR, UDP) and 3.3 (timeouts).
#include "model/ipvs/connection-table.h"
#include "model/ipvs/ipvs-engine.h"
#include "model/ipvs/ipvsadm-listing.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <memory>
#include <vector>

namespace ipvs
{
namespace
{

constexpr Addr kVip = 0x0A000064; // 10.0.0.100
constexpr Addr kRip = 0xC0A80A0B; // 192.168.10.11
constexpr Addr kCip = 0xAC100005; // 172.16.0.5

class ConnectionTableTest : public ::testing::Test
{
  protected:
    void SetUpService(Protocol protocol, ForwardMethod method)
    {
        ServiceConfig config;
        config.protocol = protocol;
        config.addr = kVip;
        config.port = 80;
        config.scheduler = "rr";
        std::string error;
        m_service = m_engine.AddService(config, &error);
        ASSERT_NE(m_service, nullptr) << error;
        DestinationConfig d;
        d.addr = kRip;
        d.port = 8080;
        d.method = method;
        ASSERT_EQ(m_service->AddDestination(d), ConfigStatus::Ok);
        m_dest = m_service->FindDestination(kRip, 8080).get();
    }

    /// A client packet with the given TCP flags ("S", "A", "F", "R", "FA").
    InboundDecision In(const std::string& flags, Time now, Port cport = 40000)
    {
        PacketInfo p = Packet(flags);
        p.saddr = kCip;
        p.sport = cport;
        p.daddr = kVip;
        p.dport = 80;
        m_engine.AdvanceTo(now);
        return m_engine.ProcessInbound(p, now);
    }

    OutboundDecision Out(const std::string& flags, Time now, Port cport = 40000)
    {
        PacketInfo p = Packet(flags);
        p.saddr = kRip;
        p.sport = 8080;
        p.daddr = kCip;
        p.dport = cport;
        m_engine.AdvanceTo(now);
        return m_engine.ProcessOutbound(p, now);
    }

    Connection* Entry(Port cport = 40000)
    {
        return m_engine.GetConnections().FindInbound(m_service->GetProtocol(),
                                                     kCip,
                                                     cport,
                                                     kVip,
                                                     80);
    }

    void ExpectCounters(uint32_t active, uint32_t inactive)
    {
        EXPECT_EQ(m_dest->GetActiveConns(), active);
        EXPECT_EQ(m_dest->GetInactiveConns(), inactive);
    }

    static PacketInfo Packet(const std::string& flags)
    {
        PacketInfo p;
        p.protocol = Protocol::Tcp;
        p.tcp.syn = flags.find('S') != std::string::npos;
        p.tcp.ack = flags.find('A') != std::string::npos;
        p.tcp.fin = flags.find('F') != std::string::npos;
        p.tcp.rst = flags.find('R') != std::string::npos;
        p.ipLength = 60;
        return p;
    }

    IpvsEngine m_engine;
    Service* m_service = nullptr;
    Destination* m_dest = nullptr;
};

TEST_F(ConnectionTableTest, NatClientCloseTimeline)
{
    SetUpService(Protocol::Tcp, ForwardMethod::Masq);
    auto first = In("S", 0);
    ASSERT_TRUE(first.forward);
    EXPECT_EQ(first.target.daddr, kRip);
    EXPECT_EQ(first.target.dport, 8080); // NAT maps the port
    EXPECT_EQ(Entry()->state, ConnState::SynRecv);
    ExpectCounters(1, 0); // active from the SYN (Linux >= 4.7)
    EXPECT_EQ(Entry()->timeout, Seconds(60));

    ASSERT_TRUE(Out("SA", Seconds(1)).matched);
    EXPECT_EQ(Entry()->state, ConnState::SynRecv);
    In("A", Seconds(1));
    EXPECT_EQ(Entry()->state, ConnState::Established);
    EXPECT_EQ(Entry()->timeout, Seconds(900));
    ExpectCounters(1, 0);

    In("FA", Seconds(2)); // client FIN
    EXPECT_EQ(Entry()->state, ConnState::CloseWait);
    ExpectCounters(0, 1);
    EXPECT_EQ(Entry()->timeout, Seconds(60));
    Out("A", Seconds(2));
    Out("FA", Seconds(2)); // server FIN
    EXPECT_EQ(Entry()->state, ConnState::TimeWait);
    In("A", Seconds(3)); // last ACK
    EXPECT_EQ(Entry()->state, ConnState::TimeWait);
    EXPECT_EQ(Entry()->timeout, Seconds(120));
    ExpectCounters(0, 1);

    // Idle timer: still there just before 3 + 120 s, gone at it.
    m_engine.AdvanceTo(Seconds(123) - 1);
    EXPECT_NE(Entry(), nullptr);
    m_engine.AdvanceTo(Seconds(123));
    EXPECT_EQ(Entry(), nullptr);
    ExpectCounters(0, 0);
    EXPECT_EQ(m_engine.GetConnections().Size(), 0u);
}

TEST_F(ConnectionTableTest, AShorterTimeoutAfterALongOneFiresAtTheShorterTime)
{
    SetUpService(Protocol::Tcp, ForwardMethod::Masq);
    In("S", 0);
    Out("SA", Seconds(1));
    In("A", Seconds(1)); // ESTABLISHED: expires at 901 s
    m_engine.AdvanceTo(Seconds(100));
    ASSERT_NE(Entry(), nullptr);
    EXPECT_EQ(Entry()->expires, Seconds(901));
    In("FA", Seconds(100)); // CLOSE_WAIT: 60 s, earlier than the pending 901 s
    EXPECT_EQ(Entry()->expires, Seconds(160));
    m_engine.AdvanceTo(Seconds(160) - 1);
    EXPECT_NE(Entry(), nullptr);
    m_engine.AdvanceTo(Seconds(160));
    EXPECT_EQ(Entry(), nullptr);
    // The element of 901 s is left behind, stale, and fires nothing.
    m_engine.AdvanceTo(Seconds(1000));
    EXPECT_EQ(m_engine.GetConnections().PendingTimers(), 0u);
}

TEST_F(ConnectionTableTest, StaleTimersAreDroppedOnceTheyOutnumberTheLiveEntries)
{
    // A connection open for 70 s: its SYN_RECV element (60 s) comes up and
    // moves to the ESTABLISHED expiry, 900 s out; its FIN at 70 s then
    // adds an earlier element (CLOSE_WAIT, 60 s), leaving the 900 s one
    // stale.  One connection every 10 ms for 900 s: about 13,000 live
    // entries, and without dropping them, 80,000 stale elements.
    SetUpService(Protocol::Tcp, ForwardMethod::Masq);
    const int kConnections = 90000;
    const int kOpenSteps = 7000; // 70 s
    const Time kStep = 10000000; // 10 ms
    size_t mostPending = 0;
    size_t mostLive = 0;
    for (int step = 0; step < kConnections + kOpenSteps; ++step)
    {
        Time t = step * kStep;
        if (step < kConnections)
        {
            auto cport = Port(1024 + step % 60000);
            In("S", t, cport);
            Out("SA", t, cport);
            In("A", t, cport);
        }
        if (step >= kOpenSteps)
        {
            In("FA", t, Port(1024 + (step - kOpenSteps) % 60000));
        }
        mostPending = std::max(mostPending, m_engine.GetConnections().PendingTimers());
        mostLive = std::max(mostLive, m_engine.GetConnections().Size());
    }
    EXPECT_GT(mostLive, 12000u) << "the connections overlap, as meant";
    EXPECT_LE(mostPending, 2 * mostLive + 1024) << "stale elements were kept";
    // Dropping stale elements changes no expiry: the last connection goes
    // exactly 60 s after its FIN.
    Time lastFin = Time(kConnections + kOpenSteps - 1) * kStep;
    Port lastPort = Port(1024 + (kConnections - 1) % 60000);
    m_engine.AdvanceTo(lastFin + Seconds(60) - 1);
    EXPECT_NE(Entry(lastPort), nullptr);
    EXPECT_EQ(m_engine.GetConnections().Size(), 1u);
    m_engine.AdvanceTo(lastFin + Seconds(60));
    EXPECT_EQ(m_engine.GetConnections().Size(), 0u);
}

TEST_F(ConnectionTableTest, PacketsReArmWithoutQueueingATimerEach)
{
    SetUpService(Protocol::Tcp, ForwardMethod::Masq);
    In("S", 0);
    Out("SA", 1);
    In("A", 2);
    for (Time t = 3; t < 100000; ++t)
    {
        if (t % 2)
        {
            In("A", t);
        }
        else
        {
            Out("A", t);
        }
    }
    EXPECT_NE(Entry(), nullptr);
    EXPECT_LE(m_engine.GetConnections().PendingTimers(), 2u);
    m_engine.AdvanceTo(99999 + Seconds(900) - 1);
    EXPECT_NE(Entry(), nullptr) << "the last packet re-armed it for 900 s";
    m_engine.AdvanceTo(99999 + Seconds(900));
    EXPECT_EQ(Entry(), nullptr);
}

TEST_F(ConnectionTableTest, StatisticsCountPacketsBothWaysForNat)
{
    SetUpService(Protocol::Tcp, ForwardMethod::Masq);
    In("S", 0);
    Out("SA", 0);
    In("A", 0);
    const IpvsStats& s = m_dest->Stats();
    EXPECT_EQ(s.conns, 1u);
    EXPECT_EQ(s.inPkts, 2u);
    EXPECT_EQ(s.outPkts, 1u);
    EXPECT_EQ(s.inBytes, 120u);
    EXPECT_EQ(s.outBytes, 60u);
    EXPECT_EQ(m_service->Stats().conns, 1u);
}

TEST_F(ConnectionTableTest, DirectRoutingSeesOnlyInput)
{
    SetUpService(Protocol::Tcp, ForwardMethod::DirectRoute);
    In("S", 0);
    EXPECT_EQ(Entry()->state, ConnState::SynRecv);
    In("A", 0);
    EXPECT_EQ(Entry()->state, ConnState::Established);
    In("FA", 0); // INPUT_ONLY: ES -> FIN_WAIT
    EXPECT_EQ(Entry()->state, ConnState::FinWait);
    ExpectCounters(0, 1);
    EXPECT_EQ(Entry()->timeout, Seconds(120));
    In("A", Seconds(1));
    EXPECT_EQ(Entry()->state, ConnState::FinWait);
}

TEST_F(ConnectionTableTest, RstDuringHandshakeKeepsSynRecvActive)
{
    SetUpService(Protocol::Tcp, ForwardMethod::Masq);
    In("S", 0);
    In("R", Seconds(1));
    EXPECT_EQ(Entry()->state, ConnState::SynRecv);
    ExpectCounters(1, 0);
    m_engine.AdvanceTo(Seconds(61));
    EXPECT_EQ(Entry(), nullptr);
    ExpectCounters(0, 0);
}

TEST_F(ConnectionTableTest, NonSynWithoutEntryIsNotScheduled)
{
    SetUpService(Protocol::Tcp, ForwardMethod::Masq);
    auto d = In("A", 0);
    EXPECT_FALSE(d.forward);
    EXPECT_EQ(d.reason, DropReason::NoEntry);
    EXPECT_EQ(m_engine.GetConnections().Size(), 0u);
}

TEST_F(ConnectionTableTest, SynOnTimeWaitEntryIsRescheduled)
{
    SetUpService(Protocol::Tcp, ForwardMethod::Masq);
    In("S", 0);
    In("A", 0);
    In("FA", 0);
    Out("FA", 0);
    ASSERT_EQ(Entry()->state, ConnState::TimeWait);
    ConnectionId old = Entry()->id;
    auto again = In("S", Seconds(5)); // conn_reuse_mode=1
    ASSERT_TRUE(again.forward);
    EXPECT_TRUE(again.target.created);
    EXPECT_NE(Entry()->id, old);
    ExpectCounters(1, 0);
    EXPECT_EQ(m_dest->Stats().conns, 2u);
}

TEST_F(ConnectionTableTest, UdpEntriesAreAlwaysInactive)
{
    SetUpService(Protocol::Udp, ForwardMethod::Masq);
    PacketInfo p;
    p.protocol = Protocol::Udp;
    p.saddr = kCip;
    p.sport = 5000;
    p.daddr = kVip;
    p.dport = 80;
    ASSERT_TRUE(m_engine.ProcessInbound(p, 0).forward);
    ExpectCounters(0, 1);
    Connection* e = m_engine.GetConnections().FindInbound(Protocol::Udp, kCip, 5000, kVip, 80);
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->timeout, Seconds(300));
    m_engine.AdvanceTo(Seconds(300));
    ExpectCounters(0, 0);
}

TEST_F(ConnectionTableTest, MemoryIsBoundedByLiveEntries)
{
    SetUpService(Protocol::Tcp, ForwardMethod::Masq);
    // 10,000 short connections over 10,000 s: at most those of the last
    // 120 s (TIME_WAIT) may still be in the table.
    for (int i = 0; i < 10000; ++i)
    {
        Time t = Seconds(i);
        Port port = Port(1024 + i % 50000);
        In("S", t, port);
        Out("SA", t, port);
        In("A", t, port);
        In("FA", t, port);
        Out("FA", t, port);
        In("A", t, port);
    }
    EXPECT_LE(m_engine.GetConnections().Size(), 121u);
    EXPECT_EQ(m_dest->GetInactiveConns(), m_engine.GetConnections().Size());
}

TEST_F(ConnectionTableTest, UpperThresholdSetsAndLowerClearsOverload)
{
    ServiceConfig config;
    config.addr = kVip;
    config.port = 80;
    config.scheduler = "rr";
    std::string error;
    m_service = m_engine.AddService(config, &error);
    DestinationConfig d;
    d.addr = kRip;
    d.port = 80;
    d.upperThreshold = 2;
    d.lowerThreshold = 1;
    m_service->AddDestination(d);
    m_dest = m_service->FindDestination(kRip, 80).get();
    EXPECT_TRUE(In("S", 0, 1001).forward);
    EXPECT_TRUE(In("S", 0, 1002).forward); // total reaches 2: overloaded
    EXPECT_TRUE(m_dest->IsOverloaded());
    auto third = In("S", 0, 1003);
    EXPECT_FALSE(third.forward);
    EXPECT_EQ(third.reason, DropReason::NoDestination);
    m_engine.GetConnections().ExpireNow(*Entry(1001), 0); // total 1, not < 1
    EXPECT_TRUE(m_dest->IsOverloaded());
    m_engine.GetConnections().ExpireNow(*Entry(1002), 0); // total 0 < 1
    EXPECT_FALSE(m_dest->IsOverloaded());
}

TEST_F(ConnectionTableTest, RemovedDestinationDropsItsPackets)
{
    SetUpService(Protocol::Tcp, ForwardMethod::Masq);
    In("S", 0);
    m_service->RemoveDestination(kRip, 8080);
    auto d = In("A", Seconds(1));
    EXPECT_FALSE(d.forward);
    EXPECT_EQ(d.reason, DropReason::DestinationDeleted);
}

TEST_F(ConnectionTableTest, ExpireNodestConnLeavesAMidStreamPacketToTheLocalStack)
{
    // expire_nodest_conn=1: the entry expires at its next packet, which is
    // then new: not a SYN, so no service may take it (ip_vs_in passes it
    // to the Director's stack), and a SYN afterwards is scheduled afresh.
    SetUpService(Protocol::Tcp, ForwardMethod::Masq);
    m_engine.GetSysctls().expireNodestConn = true;
    In("S", 0);
    m_service->RemoveDestination(kRip, 8080);
    auto d = In("A", Seconds(1));
    EXPECT_FALSE(d.forward);
    EXPECT_EQ(d.reason, DropReason::NoEntry);
    EXPECT_EQ(Entry(), nullptr) << "expired";
    auto syn = In("S", Seconds(2));
    EXPECT_FALSE(syn.forward);
    EXPECT_EQ(syn.reason, DropReason::NoDestination) << "scheduled afresh: no server is left";
}

TEST_F(ConnectionTableTest, PersistenceTemplateKeepsTheClientOnItsServer)
{
    ServiceConfig config;
    config.addr = kVip;
    config.port = 80;
    config.scheduler = "rr";
    config.persistent = true;
    config.persistenceTimeoutS = 300;
    std::string error;
    m_service = m_engine.AddService(config, &error);
    for (Addr rip : {kRip, kRip + 1})
    {
        DestinationConfig d;
        d.addr = rip;
        d.port = 80;
        m_service->AddDestination(d);
    }
    auto a = In("S", 0, 1001);
    auto b = In("S", Seconds(1), 1002);
    EXPECT_EQ(a.target.daddr, b.target.daddr);
    auto* tmpl = m_engine.GetConnections().FindInbound(Protocol::Tcp, kCip, 0, kVip, 80);
    ASSERT_NE(tmpl, nullptr);
    EXPECT_TRUE(tmpl->IsTemplate());
    EXPECT_EQ(tmpl->controlled, 2u);
    EXPECT_EQ(tmpl->expires, Seconds(301)); // re-armed by the second connection
}

TEST(IpvsadmListing, PrintsTheKernelLayout)
{
    IpvsEngine engine;
    ServiceConfig config;
    config.addr = kVip;
    config.port = 80;
    std::string error;
    Service* s = engine.AddService(config, &error);
    DestinationConfig d;
    d.addr = 0xC0A80A0C; // .12 added first, listed second (sorted)
    d.port = 80;
    d.weight = 1;
    s->AddDestination(d);
    d.addr = kRip;
    d.weight = 3;
    s->AddDestination(d);
    // Layout from tests/reference/ipvs-behaviour.md 10.4: "  -> %-28s %-7s %-6d %-10u %-10u".
    EXPECT_EQ(FormatServiceList(engine),
              "IP Virtual Server version 1.2.1 (size=4096)\n"
              "Prot LocalAddress:Port Scheduler Flags\n"
              "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n"
              "TCP  10.0.0.100:80 wlc\n"
              "  -> 192.168.10.11:80             Masq    3      0          0         \n"
              "  -> 192.168.10.12:80             Masq    1      0          0         \n");
    EXPECT_EQ(FormatServiceStats(engine),
              "IP Virtual Server version 1.2.1 (size=4096)\n"
              "Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes\n"
              "  -> RemoteAddress:Port\n"
              "TCP  10.0.0.100:80                       0        0        0        0        0\n"
              "  -> 192.168.10.11:80                    0        0        0        0        0\n"
              "  -> 192.168.10.12:80                    0        0        0        0        0\n");
}

} // namespace
} // namespace ipvs

namespace ipvs
{
namespace
{

TEST(ConnectionTableIndex, FindsEveryLiveEntryAfterRemovalsInAnyOrder)
{
    // The indexes probe linearly and close the gap a removal leaves (backward
    // shift): fill them past several growths with keys that crowd together
    // (one client, consecutive ports), remove every third entry, and every
    // entry left must still be found, every removed one not.
    StateTimeouts timeouts;
    ConnectionTable table(timeouts);
    auto dest = std::make_shared<Destination>(DestinationConfig{});
    std::vector<ConnectionId> ids;
    constexpr int kEntries = 5000;
    for (int i = 0; i < kEntries; ++i)
    {
        Connection c;
        c.caddr = 0xAC100005;
        c.cport = Port(20000 + i);
        c.vaddr = 0x0A000064;
        c.vport = 80;
        c.daddr = 0xC0A80A0B;
        c.dport = 8080;
        c.dest = dest;
        ids.push_back(table.Insert(c, 0).id);
    }
    std::vector<ConnectionId> removed;
    for (int i = 0; i < kEntries; i += 3)
    {
        removed.push_back(ids[i]);
    }
    table.RemoveAll(removed);
    for (int i = 0; i < kEntries; ++i)
    {
        Connection* in =
            table.FindInbound(Protocol::Tcp, 0xAC100005, Port(20000 + i), 0x0A000064, 80);
        Connection* out =
            table.FindOutbound(Protocol::Tcp, 0xC0A80A0B, 8080, 0xAC100005, Port(20000 + i));
        if (i % 3 == 0)
        {
            EXPECT_EQ(in, nullptr) << i;
            EXPECT_EQ(out, nullptr) << i;
        }
        else
        {
            ASSERT_NE(in, nullptr) << i;
            EXPECT_EQ(in->id, ids[i]);
            EXPECT_EQ(out, in) << i;
        }
    }
}

} // namespace
} // namespace ipvs
