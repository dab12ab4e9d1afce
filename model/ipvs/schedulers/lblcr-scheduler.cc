#include "model/ipvs/schedulers/lblcr-scheduler.h"

#include "model/ipvs/scheduler-common.h"
#include "model/ipvs/service.h"

#include <algorithm>

namespace ipvs
{

void
LblcrScheduler::InitService(Service& service)
{
    m_cache.Start(service.GetCreatedAt());
}

Destination*
LblcrScheduler::LeastLoadedMember(const Entry& entry)
{
    // ip_vs_dest_set_min: the first usable member, then any later member
    // (not overloaded, available) with a smaller overhead / weight.
    auto it = entry.set.begin();
    for (; it != entry.set.end(); ++it)
    {
        const Destination& d = **it;
        if (!d.IsOverloaded() && d.GetWeight() > 0 && d.IsAvailable())
        {
            break;
        }
    }
    if (it == entry.set.end())
    {
        return nullptr;
    }
    Destination* least = it->get();
    int64_t leastOverhead = ConnectionOverhead(*least);
    for (++it; it != entry.set.end(); ++it)
    {
        Destination& d = **it;
        if (d.IsOverloaded())
        {
            continue;
        }
        int64_t overhead = ConnectionOverhead(d);
        if (MoreLoaded(leastOverhead, least->GetWeight(), overhead, d.GetWeight()) &&
            d.IsAvailable())
        {
            least = &d;
            leastOverhead = overhead;
        }
    }
    return least;
}

Destination*
LblcrScheduler::MostLoadedMember(const Entry& entry)
{
    auto it = std::find_if(entry.set.begin(), entry.set.end(), [](const auto& d) {
        return d->GetWeight() > 0;
    });
    if (it == entry.set.end())
    {
        return nullptr;
    }
    Destination* most = it->get();
    int64_t mostOverhead = ConnectionOverhead(*most);
    for (++it; it != entry.set.end(); ++it)
    {
        Destination& d = **it;
        int64_t overhead = ConnectionOverhead(d);
        if (mostOverhead * d.GetWeight() < overhead * most->GetWeight() && d.GetWeight() > 0)
        {
            most = &d;
            mostOverhead = overhead;
        }
    }
    return most;
}

Destination*
LblcrScheduler::Schedule(Service& service, const ScheduleRequest& request)
{
    m_cache.RunTimersBefore(request.now, kLocalityExpiration);
    Entry* entry = m_cache.Find(request.daddr);
    if (entry)
    {
        entry->lastuse = request.now;
        Destination* member = LeastLoadedMember(*entry);
        if (entry->set.size() > 1 && request.now > entry->lastmod + kLocalityExpiration)
        {
            if (Destination* most = MostLoadedMember(*entry))
            {
                entry->set.remove_if([most](const auto& d) { return d.get() == most; });
                entry->lastmod = request.now;
            }
        }
        if (member && !IsLocalityOverloaded(*member, service))
        {
            if (Explaining())
            {
                Explain("least loaded member of the set for " + AddrToString(request.daddr));
            }
            return member;
        }
    }
    Destination* chosen = WeightedLeastConnection(service.GetDestinations());
    if (!chosen)
    {
        if (Explaining())
        {
            Explain("no server available");
        }
        return nullptr;
    }
    if (!entry)
    {
        m_cache.Insert(
            Entry{request.daddr, {chosen->shared_from_this()}, request.now, request.now});
        if (Explaining())
        {
            Explain("no set for " + AddrToString(request.daddr) +
                    ": wlc picks a server, a new set");
        }
        return chosen;
    }
    bool member = std::any_of(entry->set.begin(), entry->set.end(), [chosen](const auto& d) {
        return d.get() == chosen;
    });
    if (!member)
    {
        entry->set.push_front(chosen->shared_from_this());
        entry->lastmod = request.now;
    }
    if (Explaining())
    {
        Explain("set member overloaded: wlc picks a server for the set of " +
                AddrToString(request.daddr));
    }
    return chosen;
}

} // namespace ipvs
