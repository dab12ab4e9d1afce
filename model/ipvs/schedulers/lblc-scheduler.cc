#include "model/ipvs/schedulers/lblc-scheduler.h"

#include "model/ipvs/scheduler-common.h"
#include "model/ipvs/service.h"

namespace ipvs
{

void
LblcScheduler::InitService(Service& service)
{
    m_cache.Start(service.GetCreatedAt());
}

Destination*
LblcScheduler::Schedule(Service& service, const ScheduleRequest& request)
{
    m_cache.RunTimersBefore(request.now, kLocalityExpiration);
    Entry* entry = m_cache.Find(request.daddr);
    if (entry)
    {
        entry->lastuse = request.now;
        Destination& cached = *entry->dest;
        // The OVERLOAD (threshold) flag is not checked here, as in the kernel.
        if (cached.IsAvailable() && cached.GetWeight() > 0 &&
            !IsLocalityOverloaded(cached, service))
        {
            if (Explaining())
            {
                Explain("cached server for " + AddrToString(request.daddr) + " is still fine");
            }
            return &cached;
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
    if (entry)
    {
        entry->dest = chosen->shared_from_this();
    }
    else
    {
        m_cache.Insert(Entry{request.daddr, chosen->shared_from_this(), request.now});
    }
    if (Explaining())
    {
        Explain(std::string(entry ? "cached server unusable" : "no cache entry") + " for " +
                AddrToString(request.daddr) + ": wlc picks a server, now cached");
    }
    return chosen;
}

} // namespace ipvs
