// The LVS Director: IPVS inside a node's IPv4 layer.
//
// IpvsDirector is the node's top-level Ipv4RoutingProtocol.  Ipv4ListRouting
// would deliver packets for the VIP (a local address) before any listed
// protocol saw them, so the Director sits above it: packets for one of the
// node's own addresses go through IPVS's LOCAL_IN logic, packets passing
// through go through its NAT-reply logic, and everything else is handed to
// the ordinary (list/static) routing below.  The Director never terminates
// TCP and never opens connections of its own: it rewrites and forwards.
#ifndef LVS_IPVS_DIRECTOR_H
#define LVS_IPVS_DIRECTOR_H

#include "model/director-cpu.h"
#include "model/forwarding/ipvs-forwarder.h"
#include "model/hosts/icmp-redirect.h"
#include "model/ipvs/ipvs-engine.h"

#include "ns3/event-id.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv4-static-routing.h"
#include "ns3/nstime.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <array>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{

/// A netfilter MARK rule, as `iptables -t mangle -A PREROUTING -d ADDR -p
/// PROTO --dport PORT -j MARK --set-mark MARK` sets one: packets to that
/// address and port get the mark, which firewall-mark services match.
struct FwmarkRule
{
    ipvs::Protocol protocol = ipvs::Protocol::Tcp;
    Ipv4Address addr;
    uint16_t port = 0;
    uint32_t mark = 0;
};

class IpvsDirector : public Ipv4RoutingProtocol
{
  public:
    static TypeId GetTypeId();
    IpvsDirector();
    ~IpvsDirector() override;

    /// The routing that handles everything IPVS does not (set by the helper).
    void SetInnerRouting(Ptr<Ipv4RoutingProtocol> inner);
    Ptr<Ipv4RoutingProtocol> GetInnerRouting() const;
    /// The static routing inside the inner list routing, for adding routes.
    Ptr<Ipv4StaticRouting> GetStaticRouting() const;

    /// Adds a MARK rule (first match wins).
    void AddFwmarkRule(const FwmarkRule& rule);
    /// The mark a packet gets (0: none).
    uint32_t Classify(const ipvs::PacketInfo& packet) const;

    /// The IPVS state: services, destinations, connection table.
    ipvs::IpvsEngine& GetEngine();
    const ipvs::IpvsEngine& GetEngine() const;

    /// Fixes the random stream of schedulers that draw (twos); returns the
    /// number of streams used.
    int64_t AssignStreams(int64_t stream);

    /// The processing model (CPUs, costs, input queue).
    Ptr<DirectorCpu> GetCpu() const
    {
        return m_cpu;
    }

    /// ICMP redirects sent so far (SendRedirects).
    uint64_t GetRedirectsSent() const
    {
        return m_redirectsSent;
    }

    /// Packets dropped so far, by reason name.
    std::map<std::string, uint64_t> GetDropCounts() const;
    /// Packets dropped so far for @p reason.
    uint64_t GetDropCount(ipvs::DropReason reason) const;

    /// Signature of the Drop trace source.
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet,
                                       const Ipv4Header& header,
                                       ipvs::DropReason reason);
    /// Signature of the NewConnection trace source.
    typedef void (*ConnectionTracedCallback)(const ipvs::ForwardTarget& entry);

    // Ipv4RoutingProtocol
    Ptr<Ipv4Route> RouteOutput(Ptr<Packet> p,
                               const Ipv4Header& header,
                               Ptr<NetDevice> oif,
                               Socket::SocketErrno& sockerr) override;
    bool RouteInput(Ptr<const Packet> p,
                    const Ipv4Header& header,
                    Ptr<const NetDevice> idev,
                    UnicastForwardCallback ucb,
                    MulticastForwardCallback mcb,
                    LocalDeliverCallback lcb,
                    ErrorCallback ecb) override;
    void NotifyInterfaceUp(uint32_t interface) override;
    void NotifyInterfaceDown(uint32_t interface) override;
    void NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void SetIpv4(Ptr<Ipv4> ipv4) override;
    void PrintRoutingTable(Ptr<OutputStreamWrapper> stream,
                           Time::Unit unit = Time::S) const override;

  protected:
    void DoDispose() override;
    void DoInitialize() override;

  private:
    /// The TCP/UDP fields IPVS reads, or nothing for other packets and
    /// for non-first fragments.
    std::optional<ipvs::PacketInfo> ReadPacket(Ptr<const Packet> p, const Ipv4Header& header) const;
    /// LOCAL_IN: forwards or drops the packet and returns true, or returns
    /// false for a packet IPVS leaves to the Director's own stack.
    bool HandleInbound(Ptr<const Packet> p,
                       const Ipv4Header& header,
                       const ipvs::PacketInfo& info,
                       const UnicastForwardCallback& ucb,
                       uint32_t cpu);
    bool HandleOutbound(Ptr<const Packet> p,
                        const Ipv4Header& header,
                        const ipvs::PacketInfo& info,
                        const UnicastForwardCallback& ucb,
                        uint32_t cpu);
    /// Runs @p action now when the processing model is off (without
    /// wrapping it: this is every packet's path), else when @p cpu has
    /// spent the packet's cost on it.
    template <typename Action>
    void RunOnCpu(uint32_t cpu,
                  CpuWork work,
                  Ptr<const Packet> p,
                  const Ipv4Header& header,
                  Action&& action);
    void Transmit(ForwardedPacket packet,
                  Ptr<const Packet> original,
                  const Ipv4Header& originalHeader,
                  const UnicastForwardCallback& ucb);
    /// The tunnel's MTU check (ip_vs_xmit.c): true if the packet fits.
    bool FitsPathMtu(const ForwardedPacket& packet,
                     Ptr<Ipv4Route> route,
                     Ptr<const Packet> original,
                     const Ipv4Header& originalHeader);
    Ptr<Ipv4Route> LookupRoute(const ForwardedPacket& packet);
    /// Linux's forwarding path: a packet leaving by the interface it came
    /// in on, from a sender on that link, earns the sender a redirect.
    void RedirectIfSameLink(Ptr<const Packet> p, const Ipv4Header& header, int32_t iif);
    void Drop(Ptr<const Packet> p, const Ipv4Header& header, ipvs::DropReason reason);
    const IpvsForwarder& ForwarderFor(ipvs::ForwardMethod method) const;
    ipvs::Time Now() const;
    void ExpireConnections();

    /// twos draws from an ns-3 random variable, so runs are reproducible
    /// and streams are assigned like every other model's.
    class Ns3RandomSource : public ipvs::RandomSource
    {
      public:
        Ns3RandomSource();
        uint32_t UniformInclusive(uint32_t maxInclusive) override;
        Ptr<UniformRandomVariable> m_variable;
    };

    Ptr<Ipv4> m_ipv4;
    Ptr<Ipv4RoutingProtocol> m_inner;
    Ptr<DirectorCpu> m_cpu;
    Ns3RandomSource m_random;
    ipvs::IpvsEngine m_engine;
    std::array<std::unique_ptr<IpvsForwarder>, 4> m_forwarders; ///< by ForwardMethod
    std::map<std::string, uint64_t> m_drops;
    std::vector<FwmarkRule> m_fwmarkRules;
    Time m_expiryInterval;
    EventId m_expiryEvent;
    bool m_sendRedirects = true;
    RedirectRateLimit m_redirectLimit;
    uint64_t m_redirectsSent = 0;
    TracedCallback<Ptr<const Packet>, const Ipv4Header&, ipvs::DropReason> m_dropTrace;
    TracedCallback<const ipvs::ForwardTarget&> m_newConnectionTrace;
};

} // namespace ns3

#endif
