// Why IPVS dropped a packet: the one list of drop reasons, for the core's
// per-packet decisions (ip_vs_in) and the transmit step (ip_vs_xmit) alike.
// Results count drops under these names.
#ifndef IPVS_DROP_REASON_H
#define IPVS_DROP_REASON_H

#include <string>
#include <vector>

namespace ipvs
{

enum class DropReason
{
    NoService,           ///< TCP/UDP to a Director address with no virtual service
    NoEntry,             ///< a TCP segment that may not open an entry (not a SYN)
    NoDestination,       ///< the scheduler found no available real server
    DestinationDeleted,  ///< the entry's real server was removed (expire_nodest_conn=0)
    NoRoute,             ///< no route towards the real server or the client
    FragmentationNeeded, ///< too big for the tunnel with DF set (ICMP sent)
    CpuQueueFull,        ///< the Director's input queue was full (processing model)
};

/// "no-service", "no-entry", ...: the name results use.
std::string DropReasonName(DropReason reason);

/// Every reason, in declaration order.
const std::vector<DropReason>& AllDropReasons();

} // namespace ipvs

#endif
