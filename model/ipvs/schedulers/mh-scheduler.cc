#include "model/ipvs/schedulers/mh-scheduler.h"

#include "model/ipvs/ipvs-hash.h"
#include "model/ipvs/scheduler-common.h"
#include "model/ipvs/service.h"

#include <algorithm>

namespace ipvs
{

namespace
{

// The fixed hsiphash keys of ip_vs_mh.c: each 64-bit word holds the 32-bit
// constant.
constexpr SipKey kOffsetKey{2654435761ULL, 2654435761ULL};
constexpr SipKey kSkipKey{2654446892ULL, 2654446892ULL};
/// IP_VS_MH_TAB_BITS / 2: the largest weight is scaled to at most 2^6 turns.
constexpr int kMaxTurnBits = 6;

uint32_t
MhHash(const SipKey& key, uint32_t offset, Port port, Addr addr)
{
    return HsipHash32(offset + port + addr, key);
}

int
BitLength(uint32_t x)
{
    int bits = 0;
    for (; x != 0; x >>= 1)
    {
        ++bits;
    }
    return bits;
}

struct Permutation
{
    Destination* dest;
    uint32_t next;
    uint32_t skip;
    uint32_t turns;
};

} // namespace

void
MhScheduler::Populate(const Service& service)
{
    const auto& list = service.GetDestinations();
    if (list.size() > kTableSize)
    {
        return; // the kernel keeps the old table (the hook's error is ignored)
    }
    int gcd = 0;
    int maxWeight = 0;
    for (const auto& d : list)
    {
        if (d->GetLastWeight() > 0)
        {
            gcd = gcd == 0 ? d->GetLastWeight() : Gcd(gcd, d->GetLastWeight());
            maxWeight = std::max(maxWeight, d->GetLastWeight());
        }
    }
    std::fill(m_table.begin(), m_table.end(), nullptr);
    if (gcd == 0)
    {
        return;
    }
    int shift = std::max(0, BitLength(uint32_t(maxWeight / gcd)) - kMaxTurnBits);
    std::vector<Permutation> perms;
    for (const auto& d : list)
    {
        uint32_t offset = MhHash(kOffsetKey, 0, d->GetPort(), d->GetAddr()) % kTableSize;
        uint32_t skip = MhHash(kSkipKey, 0, d->GetPort(), d->GetAddr()) % (kTableSize - 1) + 1;
        int lastWeight = d->GetLastWeight();
        uint32_t turns = uint32_t(lastWeight > 0 ? lastWeight / gcd : 0) >> shift;
        if (turns == 0 && lastWeight != 0)
        {
            turns = 1;
        }
        perms.push_back({d.get(), offset, skip, turns});
    }
    std::vector<bool> used(kTableSize, false);
    uint32_t filled = 0;
    while (filled < kTableSize)
    {
        for (Permutation& p : perms)
        {
            for (uint32_t turn = 0; turn < p.turns && filled < kTableSize; ++turn)
            {
                while (used[p.next])
                {
                    p.next = (p.next + p.skip) % kTableSize;
                }
                m_table[p.next] = p.dest;
                used[p.next] = true;
                ++filled;
            }
        }
    }
}

void
MhScheduler::InitService(Service& service)
{
    Populate(service);
}

void
MhScheduler::AddDest(Service& service, Destination& /*dest*/)
{
    Populate(service);
}

void
MhScheduler::DelDest(Service& service, Destination& /*dest*/, Destination* /*predecessor*/)
{
    Populate(service);
}

void
MhScheduler::UpdDest(Service& service, Destination& /*dest*/)
{
    Populate(service);
}

Destination*
MhScheduler::Schedule(Service& service, const ScheduleRequest& request)
{
    const SchedulerFlags& flags = service.GetConfig().flags;
    bool fallback = flags.flag1;
    Port port = flags.flag2 ? request.sport : 0;
    uint32_t first = MhHash(kOffsetKey, 0, port, request.saddr) % kTableSize;
    Destination* d = m_table[first];
    if (Explaining())
    {
        Explain("source " + AddrToString(request.saddr) +
                (flags.flag2 ? ":" + std::to_string(port) : "") + " -> slot " +
                std::to_string(first) +
                (d ? " owned by " + AddrPortToString(d->GetAddr(), d->GetPort()) : " (empty)"));
    }
    Destination* chosen = HashLookupWithFallback(d, fallback, kTableSize, [&](uint32_t k) {
        return m_table[MhHash(kOffsetKey, (k + first) % kTableSize, port, request.saddr) %
                       kTableSize];
    });
    if (Explaining() && d && chosen != d)
    {
        ExplainMore(chosen ? ", unavailable; mh-fallback found " +
                                 AddrPortToString(chosen->GetAddr(), chosen->GetPort())
                           : std::string(", unavailable") + (fallback
                                                                 ? ", and no available server found"
                                                                 : ", and no mh-fallback"));
    }
    return chosen;
}

} // namespace ipvs
