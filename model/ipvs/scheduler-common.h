// Logic shared by several schedulers, written once as the kernel writes it.
#ifndef IPVS_SCHEDULER_COMMON_H
#define IPVS_SCHEDULER_COMMON_H

#include "model/ipvs/destination.h"
#include "model/ipvs/service.h"

#include <cstdint>

namespace ipvs
{

/// Weight of one active connection relative to an inactive one
/// (ip_vs_dest_conn_overhead: activeconns << 8).
constexpr int32_t kActiveConnectionFactor = 256;

/// The lc/wlc/lblc/lblcr/twos overhead: activeconns * 256 + inactconns.
inline int32_t
ConnectionOverhead(const Destination& d)
{
    return int32_t(d.GetActiveConns()) * kActiveConnectionFactor + int32_t(d.GetInactiveConns());
}

/// The sed/nq overhead: active connections plus the new one.
inline int32_t
ExpectedDelayOverhead(const Destination& d)
{
    return int32_t(d.GetActiveConns()) + 1;
}

/// Eligible for new connections: not overloaded and weight > 0.
inline bool
IsSchedulable(const Destination& d)
{
    return !d.IsOverloaded() && d.GetWeight() > 0;
}

/// "a is more loaded than b", weights cross-multiplied in 64 bits so that no
/// division happens, exactly as the kernel compares.
inline bool
MoreLoaded(int64_t overheadA, int weightA, int64_t overheadB, int weightB)
{
    return overheadA * int64_t(weightB) > overheadB * int64_t(weightA);
}

/// wlc's choice (ip_vs_wlc.c, and the fallback of lblc/lblcr): the first
/// schedulable destination, replaced by any later non-overloaded one with a
/// strictly smaller overhead / weight.
inline Destination*
WeightedLeastConnection(const DestinationList& list)
{
    auto it = list.begin();
    while (it != list.end() && !IsSchedulable(**it))
    {
        ++it;
    }
    if (it == list.end())
    {
        return nullptr;
    }
    Destination* least = it->get();
    int64_t leastOverhead = ConnectionOverhead(*least);
    for (++it; it != list.end(); ++it)
    {
        if ((*it)->IsOverloaded())
        {
            continue;
        }
        int64_t overhead = ConnectionOverhead(**it);
        if (MoreLoaded(leastOverhead, least->GetWeight(), overhead, (*it)->GetWeight()))
        {
            least = it->get();
            leastOverhead = overhead;
        }
    }
    return least;
}

/// lblc/lblcr's "overloaded": more active connections than its weight
/// while some destination of the service (any) is below half its weight.
inline bool
IsLocalityOverloaded(const Destination& d, const Service& service)
{
    if (int64_t(d.GetActiveConns()) <= d.GetWeight())
    {
        return false;
    }
    for (const auto& other : service.GetDestinations())
    {
        if (int64_t(other->GetActiveConns()) * 2 < other->GetWeight())
        {
            return true;
        }
    }
    return false;
}

/// "Unavailable" for the hashing schedulers (sh, mh): weight <= 0 or
/// overloaded.
inline bool
IsUnavailableForHashing(const Destination& d)
{
    return d.GetWeight() <= 0 || d.IsOverloaded();
}

/// The lookup of sh and mh: the owner of the first bucket if available;
/// otherwise, with fallback, the first available owner along
/// @p probe(0..probes-1), giving up at an empty bucket.
template <typename Probe>
Destination*
HashLookupWithFallback(Destination* first, bool fallback, uint32_t probes, Probe probe)
{
    if (!first || !IsUnavailableForHashing(*first))
    {
        return first;
    }
    if (!fallback)
    {
        return nullptr;
    }
    for (uint32_t k = 0; k < probes; ++k)
    {
        Destination* d = probe(k);
        if (!d || !IsUnavailableForHashing(*d))
        {
            return d;
        }
    }
    return nullptr;
}

inline int
Gcd(int a, int b)
{
    while (b != 0)
    {
        int t = a % b;
        a = b;
        b = t;
    }
    return a;
}

} // namespace ipvs

#endif
