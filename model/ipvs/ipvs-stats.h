// Per-object traffic counters, as ipvsadm -Ln --stats shows them.
#ifndef IPVS_STATS_H
#define IPVS_STATS_H

#include <cstdint>

namespace ipvs
{

struct IpvsStats
{
    uint64_t conns = 0;   ///< connection entries created (templates excluded)
    uint64_t inPkts = 0;  ///< client -> server packets handled
    uint64_t outPkts = 0; ///< server -> client packets handled (NAT only)
    uint64_t inBytes = 0; ///< IP datagram bytes, header included
    uint64_t outBytes = 0;
};

} // namespace ipvs

#endif
