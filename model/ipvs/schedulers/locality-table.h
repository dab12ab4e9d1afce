// The cache shared by lblc and lblcr (linux ip_vs_lblc.c / ip_vs_lblcr.c):
// 1024 buckets keyed by hash_32(destination address, 10), each a list with
// the newest entry first, and the periodic garbage collection the kernel
// runs every 60 s from service creation.
//
// GC timers are run lazily, before each decision, at their nominal times:
// the outcome of every decision is the same as with a real timer.
#ifndef IPVS_LOCALITY_TABLE_H
#define IPVS_LOCALITY_TABLE_H

#include "model/ipvs/ipvs-hash.h"
#include "model/ipvs/ipvs-types.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <list>

namespace ipvs
{

/// lblc_expiration / lblcr_expiration sysctl default (24 h).
constexpr Time kLocalityExpiration = Seconds(86400);

template <typename Entry>
class LocalityTable
{
  public:
    static constexpr unsigned kBits = 10;
    static constexpr unsigned kBuckets = 1u << kBits;
    static constexpr size_t kMaxEntries = kBuckets * 16;   ///< GC threshold 16384
    static constexpr Time kCheckPeriod = Seconds(60);      ///< CHECK_EXPIRE_TIME
    static constexpr Time kEntryTimeout = Seconds(6 * 60); ///< partial GC idle limit
    static constexpr unsigned kRunsPerFullCheck = 30;      ///< COUNT_FOR_FULL_EXPIRATION

    void Start(Time createdAt)
    {
        m_nextCheck = createdAt + kCheckPeriod;
    }

    Entry* Find(Addr daddr)
    {
        for (Entry& e : Bucket(daddr))
        {
            if (e.daddr == daddr)
            {
                return &e;
            }
        }
        return nullptr;
    }

    /// A new entry at the head of its bucket.
    Entry& Insert(const Entry& entry)
    {
        auto& bucket = Bucket(entry.daddr);
        bucket.push_front(entry);
        ++m_entries;
        return bucket.front();
    }

    size_t Size() const
    {
        return m_entries;
    }

    /// Runs every GC timer due strictly before @p now.
    void RunTimersBefore(Time now, Time expiration)
    {
        while (m_nextCheck < now)
        {
            CheckExpire(m_nextCheck, expiration);
            m_nextCheck += kCheckPeriod;
        }
    }

  private:
    std::list<Entry>& Bucket(Addr daddr)
    {
        return m_buckets[Hash32(daddr, kBits)];
    }

    /// ip_vs_lblc_check_expire.
    void CheckExpire(Time now, Time expiration)
    {
        if (m_counter % kRunsPerFullCheck == 0)
        {
            RemoveIdle(now, expiration, SIZE_MAX);
            m_counter = 1;
            return;
        }
        if (m_entries <= kMaxEntries)
        {
            ++m_counter;
            return;
        }
        size_t goal = std::min((m_entries - kMaxEntries) * 4 / 3, kMaxEntries / 2);
        RemoveIdle(now, kEntryTimeout, goal);
    }

    /// Walks the buckets from the rover, removing entries idle for at least
    /// @p idle, and stops after the bucket in which @p goal is reached.
    void RemoveIdle(Time now, Time idle, size_t goal)
    {
        unsigned j = m_rover;
        for (unsigned i = 0; i < kBuckets; ++i)
        {
            j = (j + 1) & (kBuckets - 1);
            auto& bucket = m_buckets[j];
            for (auto it = bucket.begin(); it != bucket.end();)
            {
                if (now < it->lastuse + idle)
                {
                    ++it;
                    continue;
                }
                it = bucket.erase(it);
                --m_entries;
                goal = goal == 0 ? 0 : goal - 1;
            }
            if (goal == 0)
            {
                break;
            }
        }
        m_rover = j;
    }

    std::array<std::list<Entry>, kBuckets> m_buckets;
    size_t m_entries = 0;
    unsigned m_rover = 0;
    unsigned m_counter = 1;
    Time m_nextCheck = kCheckPeriod;
};

} // namespace ipvs

#endif
