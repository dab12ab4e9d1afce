// What the network does during a run: per link end (a device that
// sends), the bytes it sent, hence its utilisation, and the packets its
// transmit queue dropped; so that a run limited by its links says so.
#ifndef LVS_LINK_MONITOR_H
#define LVS_LINK_MONITOR_H

#include "ns3/data-rate.h"
#include "ns3/net-device.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/// One sending end of a link, and what it did so far.
struct LinkLoad
{
    std::string name; ///< "router on VIP network", "D/RIP switch to rs-2", ...
    DataRate rate;
    uint64_t bytesSent = 0;
    uint64_t queueDrops = 0;
};

class LinkMonitor
{
  public:
    /// Watches @p device's transmissions and queue drops (CSMA and
    /// point-to-point devices; others are ignored).
    void Watch(Ptr<NetDevice> device, const std::string& name);

    const std::vector<LinkLoad>& GetLinks() const
    {
        return m_links;
    }

    uint64_t GetQueueDrops() const;
    /// The busiest link's utilisation since the previous call (0..1) and
    /// its index; the first call measures from time 0.
    std::pair<double, size_t> BusiestSinceLast();
    /// Utilisation of link @p index over [0, now].
    double UtilisationSoFar(size_t index) const;

  private:
    // Free functions, so that the link's index can be bound to them.
    static void OnSent(LinkMonitor* self, size_t index, Ptr<const Packet> packet);
    static void OnDrop(LinkMonitor* self, size_t index, Ptr<const Packet> packet);

    std::vector<LinkLoad> m_links;
    std::vector<uint64_t> m_bytesAtLast;
    Time m_last;
};

} // namespace ns3

#endif
