// ipvsadm in and out: rules as `ipvsadm -Sn` writes them, read back into
// the same Director; listings compared with the layouts of ipvsadm 1.31
// (tests/reference/ipvs-behaviour.md 10.3-10.5); bad rules rejected with their line.
#include "model/ipvs/ipvsadm-listing.h"
#include "model/ipvs/ipvsadm/ipvsadm-rules.h"

#include <gtest/gtest.h>
#include <sstream>

namespace ipvs
{
namespace
{

IpvsEngine&
Load(IpvsEngine& engine, const std::string& rules)
{
    std::istringstream in(rules);
    ApplyInitialRules(engine, ReadRules(in, "rules"));
    return engine;
}

// A rich set in ipvsadm -Sn's own order (services by fwmark, protocol,
// address, port; servers by address, port): every option -Sn can write.
const char* const kRichRules = "-A -t 10.0.0.100:80 -s wlc\n"
                               "-a -t 10.0.0.100:80 -r 192.168.10.11:80 -m -w 3\n"
                               "-a -t 10.0.0.100:80 -r 192.168.10.12:8080 -m -w 0\n"
                               "-A -t 10.0.0.100:443 -s rr -p 360 -M 255.255.255.0\n"
                               "-a -t 10.0.0.100:443 -r 192.168.10.11:443 -g -w 1\n"
                               "-A -t 10.0.0.101:80 -s sh -b sh-fallback,sh-port\n"
                               "-a -t 10.0.0.101:80 -r 192.168.10.13:80 -i -w 2 --tun-type ipip\n"
                               "-A -u 10.0.0.100:53 -s mh -p 60 -o -b mh-port\n"
                               "-a -u 10.0.0.100:53 -r 192.168.10.11:53 -m -w 5\n"
                               "-A -f 1 -s lblcr -p 300\n"
                               "-a -f 1 -r 192.168.10.21:0 -g -w 1\n"
                               "-a -f 1 -r 192.168.10.22:0 -i -w 4 --tun-type ipip\n";

TEST(IpvsadmRules, SaveOfLoadedRulesGivesTheSameRules)
{
    IpvsEngine engine;
    EXPECT_EQ(FormatRules(Load(engine, kRichRules)), kRichRules);
    // And the saved rules rebuild the same Director again.
    IpvsEngine again;
    EXPECT_EQ(FormatRules(Load(again, FormatRules(engine))), kRichRules);
    EXPECT_EQ(FormatServiceList(again), FormatServiceList(engine));
}

TEST(IpvsadmRules, AListingReadAsRulesGivesTheRulesItLists)
{
    // -Ln carries everything -Sn does but the tunnel type, which is ipip
    // (the only one) anyway; the connection counts are ignored.
    IpvsEngine engine;
    std::string listing = FormatServiceList(Load(engine, kRichRules));
    std::istringstream in(listing);
    bool wasListing = false;
    auto rules = ReadRules(in, "node.ipvs", &wasListing);
    EXPECT_TRUE(wasListing);
    IpvsEngine again;
    ApplyInitialRules(again, rules);
    EXPECT_EQ(FormatRules(again), kRichRules) << listing;
    EXPECT_EQ(FormatServiceList(again), listing);
}

TEST(IpvsadmRules, AListingsLinesAreReadAsIpvsadmPrintsThem)
{
    std::istringstream in("# ipvsadm -Ln\n"
                          "IP Virtual Server version 1.2.1 (size=4096)\n"
                          "Prot LocalAddress:Port Scheduler Flags\n"
                          "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n"
                          "TCP  10.96.45.18:80 rr persistent 10800\n"
                          "  -> 10.244.1.9:8080              Masq    1      2          17\n"
                          "TCP  10.96.120.7:1 rr\n"
                          "  -> 10.244.2.12:1                Masq    3      0          0\n"
                          "TCP  10.0.0.101:80 sh (sh-fallback,sh-port)\n"
                          "  -> 192.168.10.13:80             Tunnel  2      0          0\n"
                          "TCP  10.0.0.100:443 rr persistent 360 mask 255.255.255.0\n"
                          "  -> 192.168.10.11:443            Route   1      0          0\n"
                          "UDP  10.0.0.100:53 mh (mh-port) persistent 60 ops\n"
                          "FWM  1 lblcr persistent 300\n"
                          "  -> 192.168.10.21:0              Route   1      0          0\n");
    IpvsEngine engine;
    bool wasListing = false;
    ApplyInitialRules(engine, ReadRules(in, "node.ipvs", &wasListing));
    EXPECT_TRUE(wasListing);
    // In -Sn's own order (services by fwmark, protocol, address, port).
    EXPECT_EQ(FormatRules(engine),
              "-A -t 10.0.0.100:443 -s rr -p 360 -M 255.255.255.0\n"
              "-a -t 10.0.0.100:443 -r 192.168.10.11:443 -g -w 1\n"
              "-A -t 10.0.0.101:80 -s sh -b sh-fallback,sh-port\n"
              "-a -t 10.0.0.101:80 -r 192.168.10.13:80 -i -w 2 --tun-type ipip\n"
              "-A -t 10.96.45.18:80 -s rr -p 10800\n"
              "-a -t 10.96.45.18:80 -r 10.244.1.9:8080 -m -w 1\n"
              "-A -t 10.96.120.7:1 -s rr\n"
              "-a -t 10.96.120.7:1 -r 10.244.2.12:1 -m -w 3\n"
              "-A -u 10.0.0.100:53 -s mh -p 60 -o -b mh-port\n"
              "-A -f 1 -s lblcr -p 300\n"
              "-a -f 1 -r 192.168.10.21:0 -g -w 1\n");
    std::istringstream commands(kRichRules);
    ReadRules(commands, "rules", &wasListing);
    EXPECT_FALSE(wasListing);
}

TEST(IpvsadmRules, LongFormsNamesDefaultsAndOrder)
{
    // Long options, port names, "ipvsadm" tokens, comments, another order:
    // -Sn writes them back sorted, with ipvsadm's defaults filled in (wlc,
    // -p 360, -g, weight 1, the service port for a DR server).
    IpvsEngine engine;
    Load(engine,
         "# production rules\n"
         "ipvsadm --add-service --udp-service 10.0.0.100:domain --scheduler rr\n"
         "ipvsadm --add-service --tcp-service 10.0.0.100:http --persistent\n"
         "--add-server --tcp-service 10.0.0.100:http --real-server 192.168.10.12 --weight=2\n"
         "-a -t 10.0.0.100:80 -r 192.168.10.11:8080   # DR forces port 80\n"
         "-a -u 10.0.0.100:53 -r 192.168.10.11 -m\n");
    EXPECT_EQ(FormatRules(engine),
              "-A -t 10.0.0.100:80 -s wlc -p 360\n"
              "-a -t 10.0.0.100:80 -r 192.168.10.11:80 -g -w 1\n"
              "-a -t 10.0.0.100:80 -r 192.168.10.12:80 -g -w 2\n"
              "-A -u 10.0.0.100:53 -s rr\n"
              "-a -u 10.0.0.100:53 -r 192.168.10.11:53 -m -w 1\n");
}

TEST(IpvsadmRules, EditResendsEverythingAsIpvsadmDoes)
{
    // ipvsadm -e without -m switches a server to direct routing, and -E
    // without -s/-p resets the service to wlc without persistence.
    IpvsEngine engine;
    Load(engine,
         "-A -t 10.0.0.100:80 -s rr -p 300\n"
         "-a -t 10.0.0.100:80 -r 192.168.10.11:80 -m -w 3\n"
         "-e -t 10.0.0.100:80 -r 192.168.10.11:80 -w 5\n"
         "-E -t 10.0.0.100:80\n");
    EXPECT_EQ(FormatRules(engine),
              "-A -t 10.0.0.100:80 -s wlc\n"
              "-a -t 10.0.0.100:80 -r 192.168.10.11:80 -g -w 5\n");
}

TEST(IpvsadmRules, TimedRulesAreKeptForLater)
{
    std::istringstream in("-A -t 10.0.0.100:80 -s rr\n"
                          "-a -t 10.0.0.100:80 -r 192.168.10.11:80 -m\n"
                          "at 30 -e -t 10.0.0.100:80 -r 192.168.10.11:80 -m -w 0\n"
                          "at 45.5 -d -t 10.0.0.100:80 -r 192.168.10.11:80\n");
    auto rules = ReadRules(in, "drain.rules");
    ASSERT_EQ(rules.size(), 4u);
    EXPECT_FALSE(rules[1].timed);
    EXPECT_TRUE(rules[2].timed);
    EXPECT_EQ(rules[2].at, Seconds(30));
    EXPECT_EQ(rules[3].at, Seconds(45) + Milliseconds(500));
    EXPECT_EQ(rules[3].command.verb, IpvsadmVerb::DeleteServer);
}

/// The state of the listing examples in tests/reference/ipvs-behaviour.md 10.4.
IpvsEngine&
ExampleState(IpvsEngine& engine)
{
    Load(engine,
         "-A -t 10.0.0.100:80 -s wlc\n"
         "-a -t 10.0.0.100:80 -r 192.168.10.11:80 -m -w 3\n"
         "-a -t 10.0.0.100:80 -r 192.168.10.12:80 -m -w 1\n"
         "-A -u 10.0.0.100:53 -s rr -p 360 -M 255.255.255.0\n"
         "-a -u 10.0.0.100:53 -r 192.168.10.11:53 -g -w 1\n"
         "-a -u 10.0.0.100:53 -r 192.168.10.12:53 -g -w 1\n"
         "-A -f 1 -s sh -b sh-fallback,sh-port\n"
         "-a -f 1 -r 192.168.10.21:0 -i -w 1 --tun-type ipip\n");
    auto connections =
        [&](const char* vip, Protocol p, Port port, Addr rip, int active, int inactive) {
            auto dest = engine.FindService(p, *ParseAddr(vip), port)->FindDestination(rip, port);
            for (int i = 0; i < active + inactive; ++i)
            {
                dest->BindConnection(false);
            }
            for (int i = 0; i < active; ++i)
            {
                dest->MoveToActive();
            }
        };
    connections("10.0.0.100", Protocol::Tcp, 80, 0xC0A80A0B, 12, 40);
    connections("10.0.0.100", Protocol::Tcp, 80, 0xC0A80A0C, 4, 15);
    connections("10.0.0.100", Protocol::Udp, 53, 0xC0A80A0B, 0, 7);
    connections("10.0.0.100", Protocol::Udp, 53, 0xC0A80A0C, 0, 6);
    return engine;
}

TEST(IpvsadmListing, PlainListingMatchesTheExample)
{
    IpvsEngine engine;
    EXPECT_EQ(FormatServiceList(ExampleState(engine)),
              "IP Virtual Server version 1.2.1 (size=4096)\n"
              "Prot LocalAddress:Port Scheduler Flags\n"
              "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n"
              "TCP  10.0.0.100:80 wlc\n"
              "  -> 192.168.10.11:80             Masq    3      12         40        \n"
              "  -> 192.168.10.12:80             Masq    1      4          15        \n"
              "UDP  10.0.0.100:53 rr persistent 360 mask 255.255.255.0\n"
              "  -> 192.168.10.11:53             Route   1      0          7         \n"
              "  -> 192.168.10.12:53             Route   1      0          6         \n"
              "FWM  1 sh (sh-fallback,sh-port)\n"
              "  -> 192.168.10.21:0              Tunnel  1      0          0         \n");
}

/// Counters as ipvsadm --stats lists them (no rates).
IpvsStats
Counters(uint64_t conns, uint64_t inPkts, uint64_t outPkts, uint64_t inBytes, uint64_t outBytes)
{
    IpvsStats stats;
    stats.conns = conns;
    stats.inPkts = inPkts;
    stats.outPkts = outPkts;
    stats.inBytes = inBytes;
    stats.outBytes = outBytes;
    return stats;
}

TEST(IpvsadmListing, StatsMatchTheExampleAndAbbreviateLargeNumbers)
{
    IpvsEngine engine;
    ExampleState(engine);
    Service* tcp = engine.FindService(Protocol::Tcp, *ParseAddr("10.0.0.100"), 80);
    tcp->Stats() = Counters(2030, 24360, 21220, 1461600, 28646000);
    tcp->FindDestination(0xC0A80A0B, 80)->Stats() = Counters(1520, 18240, 15890, 1094400, 21450000);
    tcp->FindDestination(0xC0A80A0C, 80)->Stats() = Counters(510, 6120, 5330, 367200, 7196000);
    Service* udp = engine.FindService(Protocol::Udp, *ParseAddr("10.0.0.100"), 53);
    udp->Stats() = Counters(1780, 3560, 0, 231400, 0);
    udp->FindDestination(0xC0A80A0B, 53)->Stats() = Counters(900, 1800, 0, 117000, 0);
    // 10^8 and more: "%8llu" + K (thousands), M, G, T.
    udp->FindDestination(0xC0A80A0C, 53)->Stats() = Counters(880, 100000000, 0, 123456789012ULL, 0);
    std::string listing = FormatServiceStats(engine);
    std::string expected =
        "IP Virtual Server version 1.2.1 (size=4096)\n"
        "Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes\n"
        "  -> RemoteAddress:Port\n"
        "TCP  10.0.0.100:80                    2030    24360    21220  1461600 28646000\n"
        "  -> 192.168.10.11:80                 1520    18240    15890  1094400 21450000\n"
        "  -> 192.168.10.12:80                  510     6120     5330   367200  7196000\n"
        "UDP  10.0.0.100:53                    1780     3560        0   231400        0\n"
        "  -> 192.168.10.11:53                  900     1800        0   117000        0\n"
        "  -> 192.168.10.12:53                  880  100000K        0     123G        0\n";
    EXPECT_EQ(listing.substr(0, expected.size()), expected);
}

TEST(IpvsadmListing, RatesFollowTheEstimator)
{
    // 10 new connections, 100 packets and 6000 bytes a second for two
    // minutes: each 2 s tick closes 1/4 of the gap to the target (scaled
    // 2^10 for rates, 2^5 for bytes), so after 60 ticks the averages are
    // within the rounding of the display: 10 CPS, 100 PPS, 6000 BPS.  (After
    // one minute the byte rate still reads 5999, as the kernel's would.)
    IpvsEngine engine;
    Load(engine, "-A -t 10.0.0.100:80 -s rr\n-a -t 10.0.0.100:80 -r 192.168.10.11:80 -m\n");
    Service* s = engine.FindService(Protocol::Tcp, *ParseAddr("10.0.0.100"), 80);
    Destination* d = s->FindDestination(0xC0A80A0B, 80).get();
    for (int second = 1; second <= 120; ++second)
    {
        d->Stats().conns += 10;
        d->Stats().inPkts += 100;
        d->Stats().inBytes += 6000;
        engine.AdvanceTo(Seconds(second));
    }
    EXPECT_EQ(d->Stats().Cps(), 10u);
    EXPECT_EQ(d->Stats().InPps(), 100u);
    EXPECT_EQ(d->Stats().InBps(), 6000u);
    std::string rates = FormatServiceRates(engine);
    EXPECT_NE(
        rates.find(
            "Prot LocalAddress:Port                 CPS    InPPS   OutPPS    InBPS   OutBPS\n"),
        std::string::npos)
        << rates;
    EXPECT_NE(
        rates.find(
            "  -> 192.168.10.11:80                   10      100        0     6000        0\n"),
        std::string::npos)
        << rates;
}

TEST(IpvsadmListing, ConnectionListMatchesTheExampleLayout)
{
    IpvsEngine engine;
    Load(engine, "-A -t 10.0.0.100:80 -s rr\n-a -t 10.0.0.100:80 -r 192.168.10.11:80 -m\n");
    PacketInfo syn;
    syn.saddr = *ParseAddr("172.16.0.5");
    syn.sport = 40312;
    syn.daddr = *ParseAddr("10.0.0.100");
    syn.dport = 80;
    syn.tcp.syn = true;
    engine.ProcessInbound(syn, 0);
    PacketInfo ack = syn;
    ack.tcp = TcpFlags{false, true, false, false};
    engine.ProcessInbound(ack, 0);
    EXPECT_EQ(FormatConnectionList(engine, Seconds(2)),
              "IPVS connection entries\n"
              "pro expire state       source             virtual            destination\n"
              "TCP 14:58  ESTABLISHED 172.16.0.5:40312   10.0.0.100:80      192.168.10.11:80\n");
}

struct BadRule
{
    const char* what;
    const char* rules;
    int line;
    const char* message;
};

class BadRulesTest : public ::testing::TestWithParam<BadRule>
{
};

TEST_P(BadRulesTest, IsRejectedWithItsLine)
{
    std::istringstream in(GetParam().rules);
    try
    {
        ReadRules(in, "site.rules");
        FAIL() << "accepted: " << GetParam().what;
    }
    catch (const RulesError& e)
    {
        std::string message = e.what();
        EXPECT_EQ(e.GetLine(), GetParam().line) << message;
        EXPECT_EQ(message.rfind("site.rules:" + std::to_string(GetParam().line) + ": ", 0), 0u)
            << message;
        EXPECT_NE(message.find(GetParam().message), std::string::npos) << message;
    }
}

constexpr const char* kService = "-A -t 10.0.0.100:80 -s wlc\n";

INSTANTIATE_TEST_SUITE_P(
    Cases,
    BadRulesTest,
    ::testing::Values(
        BadRule{"a listing's destination before any service",
                "Prot LocalAddress:Port Scheduler Flags\n  -> 10.0.0.1:80 Masq 1 0 0\n",
                2,
                "a destination line before any service line"},
        BadRule{"a listing's Local destination",
                "TCP  10.0.0.100:80 wlc\n  -> 127.0.0.1:80 Local 1 0 0\n",
                2,
                "'Local' destination is the Director itself"},
        BadRule{"a listing's unknown flag",
                "TCP  10.0.0.100:80 wlc sticky\n",
                1,
                "'sticky' is not a flag of an ipvsadm -Ln service line"},
        BadRule{"a listing's IPv6 service",
                "TCP  [2001:db8::1]:80 rr\n",
                1,
                "IPv6 services are not simulated"},
        BadRule{"a listing's IPv6 firewall mark",
                "FWM  1 IPv6 rr\n",
                1,
                "IPv6 services are not simulated"},
        BadRule{"a listing's unknown scheduler",
                "TCP  10.0.0.100:80 fastest\n",
                1,
                "Scheduler or persistence engine not found"},
        BadRule{"unknown scheduler",
                "# c\n-A -t 10.0.0.100:80 -s fastest\n",
                2,
                "Scheduler or persistence engine not found"},
        BadRule{"duplicate service",
                "-A -t 10.0.0.100:80\n-A -t 10.0.0.100:80 -s rr\n",
                2,
                "Service already exists"},
        BadRule{"duplicate destination",
                "-A -t 10.0.0.100:80\n-a -t 10.0.0.100:80 -r 192.168.10.11\n-a -t 10.0.0.100:80 -r "
                "192.168.10.11 -w 2\n",
                3,
                "Destination already exists"},
        BadRule{"bad address", "-A -t 10.0.0.300:80\n", 1, "illegal virtual service address"},
        BadRule{"bad port", "-A -t 10.0.0.100:99999\n", 1, "illegal virtual service port"},
        BadRule{"negative weight",
                "-A -t 10.0.0.100:80\n-a -t 10.0.0.100:80 -r 192.168.10.11 -w -1\n",
                2,
                "illegal weight specified"},
        BadRule{"weight out of range",
                "-A -t 10.0.0.100:80\n-a -t 10.0.0.100:80 -r 192.168.10.11 -w 4294967296\n",
                2,
                "illegal weight specified"},
        BadRule{"server of an undefined service",
                "-a -t 10.0.0.100:80 -r 192.168.10.11\n",
                1,
                "Service not defined"},
        BadRule{"edit of a missing server",
                "-A -t 10.0.0.100:80\n-e -t 10.0.0.100:80 -r 192.168.10.11\n",
                2,
                "No such destination"},
        BadRule{"delete of a missing service", "-D -t 10.0.0.100:80\n", 1, "No such service"},
        BadRule{"zero port without persistence",
                "-A -t 10.0.0.100:0\n",
                1,
                "Zero port specified for non-persistent service"},
        BadRule{"ops on tcp",
                "-A -t 10.0.0.100:80 -o\n",
                1,
                "One-Packet Scheduling is only for UDP"},
        BadRule{"lower above upper",
                "-A -t 10.0.0.100:80\n-a -t 10.0.0.100:80 -r 192.168.10.11 -x 5 -y 9\n",
                2,
                "Numerical result out of range"},
        BadRule{"unknown option", "-A -t 10.0.0.100:80 --fast\n", 1, "invalid option '--fast'"},
        BadRule{"option twice",
                "-A -t 10.0.0.100:80 -s rr -s wlc\n",
                1,
                "multiple scheduler options"},
        BadRule{"no command", "-t 10.0.0.100:80\n", 1, "no command specified"},
        BadRule{"sh flag on wlc",
                "-A -t 10.0.0.100:80 -s wlc -b sh-port\n",
                1,
                "invalid scheduler flag"},
        BadRule{"bad at time",
                "-A -t 10.0.0.100:80\nat soon -D -t 10.0.0.100:80\n",
                2,
                "at SECONDS"},
        BadRule{"timed change of a missing server",
                "-A -t 10.0.0.100:80\nat 10 -d -t 10.0.0.100:80 -r 192.168.10.11\n",
                2,
                "No such destination"},
        BadRule{"gue tunnel",
                "-A -t 10.0.0.100:80\n-a -t 10.0.0.100:80 -r 192.168.10.11 -i --tun-type gue\n",
                2,
                "not simulated"}),
    [](const auto& info) { return "case" + std::to_string(info.index); });

} // namespace
} // namespace ipvs
