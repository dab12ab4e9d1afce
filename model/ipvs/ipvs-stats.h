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

    /// The rate estimator (ip_vs_est.c): averages scaled as the kernel
    /// keeps them, and the counters at the last 2-second tick.
    struct Rates
    {
        int64_t cps = 0;
        int64_t inPps = 0;
        int64_t outPps = 0;
        int64_t inBps = 0;
        int64_t outBps = 0;
        uint64_t lastConns = 0;
        uint64_t lastInPkts = 0;
        uint64_t lastOutPkts = 0;
        uint64_t lastInBytes = 0;
        uint64_t lastOutBytes = 0;
    } rates;

    /// One 2-second estimator tick.
    void EstimateRates()
    {
        auto average = [](int64_t& avg, uint64_t now, uint64_t& last, int shift) {
            int64_t delta = int64_t(now - last);
            last = now;
            avg += ((delta << shift) - avg) >> 2;
        };
        average(rates.cps, conns, rates.lastConns, 9);
        average(rates.inPps, inPkts, rates.lastInPkts, 9);
        average(rates.outPps, outPkts, rates.lastOutPkts, 9);
        average(rates.inBps, inBytes, rates.lastInBytes, 4);
        average(rates.outBps, outBytes, rates.lastOutBytes, 4);
    }

    /// Per second, as ipvsadm --rate shows them.
    uint64_t Cps() const
    {
        return uint64_t((rates.cps + 511) >> 10);
    }

    uint64_t InPps() const
    {
        return uint64_t((rates.inPps + 511) >> 10);
    }

    uint64_t OutPps() const
    {
        return uint64_t((rates.outPps + 511) >> 10);
    }

    uint64_t InBps() const
    {
        return uint64_t((rates.inBps + 15) >> 5);
    }

    uint64_t OutBps() const
    {
        return uint64_t((rates.outBps + 15) >> 5);
    }
};

} // namespace ipvs

#endif
