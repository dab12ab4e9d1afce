// keepalived.conf as lvs-sim reads it: keepalived's syntax and defaults,
// the timing keys inherited from virtual server to real server to checker,
// the ipvsadm commands of keepalived's start, and refusals with file:line.
#include "model/ipvs/ipvsadm/ipvsadm-command.h"
#include "model/keepalived/keepalived-conf.h"

#include <gtest/gtest.h>
#include <sstream>

namespace keepalived
{
namespace
{

KeepalivedConf
Read(const std::string& text)
{
    std::istringstream in(text);
    return ReadKeepalivedConf(in, "k.conf");
}

std::string
ErrorOf(const std::string& text)
{
    try
    {
        Read(text);
    }
    catch (const ConfError& e)
    {
        return e.what();
    }
    return "";
}

std::vector<std::string>
Commands(const std::vector<ipvs::RuleLine>& rules)
{
    std::vector<std::string> lines;
    for (const auto& rule : rules)
    {
        const auto& c = rule.command;
        std::string text = std::to_string(rule.line) + " ";
        if (c.verb == ipvs::IpvsadmVerb::AddService)
        {
            text += "-A " + ipvs::ServiceSelectorText(c.service) + " -s " + c.service.scheduler;
        }
        else if (c.verb == ipvs::IpvsadmVerb::AddServer)
        {
            text += "-a " + ipvs::ServiceSelectorText(c.service) + " -r " +
                    ipvs::AddrPortToString(c.server.addr, c.server.port) + " " +
                    ipvs::ForwardMethodName(c.server.method) + " -w " +
                    std::to_string(c.server.weight);
        }
        else
        {
            text += "--set";
        }
        lines.push_back(text);
    }
    return lines;
}

const char* kFarm = R"(! a comment
global_defs {
   router_id LVS_1
   lvs_timeouts tcp 900 tcpfin 120 udp 300
}
virtual_server 10.0.0.100 80 {
    delay_loop 6
    lb_algo wrr
    lb_kind DR
    persistence_timeout
    persistence_granularity 255.255.255.0
    sorry_server 192.168.10.99 80
    real_server 192.168.10.11 80 {
        weight 3
        HTTP_GET {
            url {
              path /healthz
              status_code 200
            }
            connect_timeout 2
        }
    }
    real_server 192.168.10.12 80{   # a brace against the port
        connect_timeout 4
        retry 2
        TCP_CHECK {
            delay_before_retry 0.5
        }
    }
    real_server 192.168.10.13 80 {
        alpha
        TCP_CHECK {
        }
    }
}
)";

TEST(KeepalivedConf, KeepalivedsStartIsOneCommandPerServiceAndLiveServer)
{
    KeepalivedConf conf = Read(kFarm);
    EXPECT_EQ(Commands(StartRules(conf)),
              (std::vector<std::string>{"4 --set",
                                        "6 -A -t 10.0.0.100:80 -s wrr",
                                        "13 -a -t 10.0.0.100:80 -r 192.168.10.11:80 Route -w 3",
                                        "23 -a -t 10.0.0.100:80 -r 192.168.10.12:80 Route -w 1"}));
    // The alpha server and the sorry server come later, if ever.
    EXPECT_EQ(Commands(LaterServers(conf)),
              (std::vector<std::string>{"30 -a -t 10.0.0.100:80 -r 192.168.10.13:80 Route -w 1",
                                        "6 -a -t 10.0.0.100:80 -r 192.168.10.99:80 Route -w 1"}));
    const ipvs::ServiceConfig& service = conf.virtualServers.at(0).service;
    EXPECT_TRUE(service.persistent);
    EXPECT_EQ(service.persistenceTimeoutS, 360u) << "persistence_timeout without a value";
    EXPECT_EQ(ipvs::AddrToString(service.netmask), "255.255.255.0");
    EXPECT_EQ(conf.timeouts->timeouts[0], 900u);
}

TEST(KeepalivedConf, TimingKeysComeFromTheNearestLevelThenKeepalivedsDefaults)
{
    KeepalivedConf conf = Read(kFarm);
    const auto& servers = conf.virtualServers.at(0).servers;
    const CheckSpec& http = *servers.at(0).check;
    EXPECT_EQ(http.kind, CheckKind::Http);
    EXPECT_EQ(http.timings.delayLoopS, 6) << "the virtual server's";
    EXPECT_EQ(http.timings.connectTimeoutS, 2) << "the checker's";
    EXPECT_EQ(http.timings.retry, 1u);
    EXPECT_EQ(http.timings.delayBeforeRetryS, 3) << "HTTP_GET's default";
    EXPECT_EQ(http.timings.warmupS, 6) << "warmup defaults to the delay loop";
    const CheckSpec& tcp = *servers.at(1).check;
    EXPECT_EQ(tcp.kind, CheckKind::Tcp);
    EXPECT_EQ(tcp.timings.connectTimeoutS, 4) << "the real server's";
    EXPECT_EQ(tcp.timings.retry, 2u);
    EXPECT_EQ(tcp.timings.delayBeforeRetryS, 0.5);
    EXPECT_FALSE(servers.at(0).alpha);
    EXPECT_TRUE(servers.at(2).alpha);
    EXPECT_EQ(servers.at(2).check->timings.delayBeforeRetryS, 1) << "TCP_CHECK's default";
}

TEST(KeepalivedConf, ARealServersKeysCountWhereverTheyStand)
{
    KeepalivedConf conf = Read("virtual_server 10.0.0.100 80 {\n"
                               "  lb_algo rr\n"
                               "  real_server 192.168.10.11 80 {\n"
                               "    TCP_CHECK {\n    }\n"
                               "    connect_timeout 7\n"
                               "    alpha\n"
                               "  }\n}\n");
    const CheckedServer& rs = conf.virtualServers.at(0).servers.at(0);
    EXPECT_EQ(rs.check->timings.connectTimeoutS, 7);
    EXPECT_TRUE(rs.alpha);
}

TEST(KeepalivedConf, NatAndWlcAreKeepalivedsDefaults)
{
    KeepalivedConf conf = Read("virtual_server 10.0.0.100 80 {\n"
                               "  real_server 192.168.10.11 80 {\n  }\n}\n");
    EXPECT_EQ(conf.virtualServers.at(0).service.scheduler, "wlc");
    EXPECT_EQ(conf.virtualServers.at(0).servers.at(0).server.method, ipvs::ForwardMethod::Masq);
    EXPECT_FALSE(conf.virtualServers.at(0).servers.at(0).check) << "no checker: always up";
    ASSERT_EQ(conf.notes.size(), 1u);
    EXPECT_EQ(conf.notes[0], "k.conf:1: virtual_server without lb_algo: wlc, keepalived's default");
}

TEST(KeepalivedConf, InhibitedAlphaServersStartAtWeightZero)
{
    KeepalivedConf conf = Read("virtual_server 10.0.0.100 80 {\n"
                               "  lb_algo rr\n"
                               "  inhibit_on_failure\n"
                               "  real_server 192.168.10.11 80 {\n"
                               "    weight 2\n"
                               "    TCP_CHECK {\n      alpha\n    }\n  }\n}\n");
    EXPECT_TRUE(conf.virtualServers.at(0).servers.at(0).inhibitOnFailure) << "inherited";
    EXPECT_EQ(Commands(StartRules(conf)),
              (std::vector<std::string>{"1 -A -t 10.0.0.100:80 -s rr",
                                        "4 -a -t 10.0.0.100:80 -r 192.168.10.11:80 Masq -w 0"}));
    EXPECT_TRUE(LaterServers(conf).empty());
}

TEST(KeepalivedConf, AnInhibitedSorryServerIsInTheServiceAtWeightZeroFromTheStart)
{
    KeepalivedConf conf = Read("virtual_server 10.0.0.100 80 {\n"
                               "  lb_algo rr\n"
                               "  sorry_server 192.168.10.99 80\n"
                               "  sorry_server_inhibit\n"
                               "  quorum 2\n"
                               "  hysteresis 1\n"
                               "  real_server 192.168.10.11 80 {\n  }\n}\n");
    EXPECT_EQ(Commands(StartRules(conf)),
              (std::vector<std::string>{"1 -A -t 10.0.0.100:80 -s rr",
                                        "7 -a -t 10.0.0.100:80 -r 192.168.10.11:80 Masq -w 1",
                                        "1 -a -t 10.0.0.100:80 -r 192.168.10.99:80 Masq -w 0"}));
    EXPECT_TRUE(LaterServers(conf).empty());
    EXPECT_EQ(conf.virtualServers.at(0).quorum, 2u);
    EXPECT_EQ(conf.virtualServers.at(0).hysteresis, 1u);
}

TEST(KeepalivedConf, UnknownKeywordsAreSkippedWithTheirBlockAndNamed)
{
    KeepalivedConf conf = Read("virtual_server 10.0.0.100 80 {\n"
                               "  lb_algo rr\n"
                               "  frobnicate yes\n"
                               "  mystery_block {\n"
                               "    real_server 192.168.10.99 80 {\n    }\n"
                               "  }\n"
                               "  real_server 192.168.10.11 80 {\n"
                               "    MISC_CHECK {\n      misc_path /bin/true\n    }\n"
                               "  }\n}\n");
    EXPECT_EQ(conf.virtualServers.at(0).servers.size(), 1u) << "nothing of the skipped block";
    EXPECT_EQ(conf.notes,
              (std::vector<std::string>{
                  "k.conf:3: unknown keyword 'frobnicate' skipped, as keepalived does",
                  "k.conf:4: unknown keyword 'mystery_block' skipped with its block, as keepalived "
                  "does",
                  "k.conf:9: MISC_CHECK is not modelled: it never fails here"}));
}

TEST(KeepalivedConf, VrrpInstancesAreRead)
{
    KeepalivedConf conf = Read("vrrp_instance VI_1 {\n"
                               "  state BACKUP\n  interface eth0\n  virtual_router_id 51\n"
                               "  priority 100\n  advert_int 2\n  nopreempt\n"
                               "  virtual_ipaddress {\n    10.0.0.100/24 dev eth0\n"
                               "    10.0.0.101\n  }\n}\n");
    const VrrpInstanceConf& v = conf.vrrpInstances.at(0);
    EXPECT_EQ(v.name, "VI_1");
    EXPECT_FALSE(v.master);
    EXPECT_EQ(v.virtualRouterId, 51u);
    EXPECT_EQ(v.advertIntS, 2);
    EXPECT_TRUE(v.nopreempt);
    ASSERT_EQ(v.virtualAddresses.size(), 2u);
    EXPECT_EQ(ipvs::AddrToString(v.virtualAddresses[1]), "10.0.0.101");
}

TEST(KeepalivedConf, BadConfigurationIsRefusedWithFileAndLine)
{
    EXPECT_EQ(ErrorOf("virtual_server 10.0.0.100 80 {\n  lb_algo rr\n"),
              "k.conf:1: this block is never closed ('}' missing)");
    EXPECT_EQ(ErrorOf("}\n"), "k.conf:1: '}' closes no block");
    EXPECT_EQ(ErrorOf("virtual_server 10.0.0.100 80 {\n  lb_kind FAST\n"
                      "  real_server 192.168.10.11 80 {\n  }\n}\n"),
              "k.conf:2: lb_kind 'FAST' is not NAT, DR or TUN");
    EXPECT_EQ(ErrorOf("virtual_server 10.0.0.100 80 {\n  lb_algo fastest\n"
                      "  real_server 192.168.10.11 80 {\n  }\n}\n")
                  .substr(0, 37),
              "k.conf:2: unknown scheduler 'fastest'");
    EXPECT_EQ(ErrorOf("virtual_server 10.0.0.100 80 {\n  lb_algo rr\n"
                      "  real_server 192.168.10.300 80 {\n  }\n}\n"),
              "k.conf:3: '192.168.10.300' is not an IPv4 address (IPv6 is not modelled)");
    EXPECT_EQ(ErrorOf("virtual_server 10.0.0.100 80 {\n  lb_algo rr\n"
                      "  real_server 192.168.10.11 80 {\n    weight -1\n  }\n}\n"),
              "k.conf:4: invalid weight '-1' (0 to 2147483647)");
    EXPECT_EQ(ErrorOf("virtual_server 10.0.0.100 80 {\n  lb_algo rr\n"
                      "  real_server 192.168.10.11 80 {\n    TCP_CHECK {\n"
                      "      connect_timeout 0\n    }\n  }\n}\n"),
              "k.conf:5: invalid connect_timeout '0' (seconds, above 0)");
    EXPECT_EQ(ErrorOf("virtual_server 10.0.0.100 0 {\n  lb_algo rr\n"
                      "  real_server 192.168.10.11 80 {\n  }\n}\n"),
              "k.conf:1: a port-0 virtual server must be persistent (persistence_timeout)");
    EXPECT_EQ(ErrorOf("virtual_server group WEB {\n}\n"),
              "k.conf:1: virtual_server group is not modelled: write one virtual_server per "
              "address");
    EXPECT_EQ(ErrorOf("virtual_server 10.0.0.100 80 {\n  lb_algo rr\n}\n"),
              "k.conf:1: virtual_server has no real_server");
}

TEST(KeepalivedConf, TheFileIsRecognisedByItsFirstKeyword)
{
    EXPECT_TRUE(LooksLikeKeepalivedConf("! Configuration File for keepalived\n\nglobal_defs {\n"));
    EXPECT_TRUE(LooksLikeKeepalivedConf("# comment\nvirtual_server 10.0.0.100 80 {\n"));
    EXPECT_FALSE(LooksLikeKeepalivedConf("-A -t 10.0.0.100:80 -s rr\n"));
    EXPECT_FALSE(LooksLikeKeepalivedConf("IP Virtual Server version 1.2.1 (size=4096)\n"));
}

} // namespace
} // namespace keepalived
