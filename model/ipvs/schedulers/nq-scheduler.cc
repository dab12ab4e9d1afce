#include "model/ipvs/schedulers/nq-scheduler.h"

#include "model/ipvs/scheduler-common.h"
#include "model/ipvs/service.h"

namespace ipvs
{

Destination*
NqScheduler::Schedule(Service& service, const ScheduleRequest& /*request*/)
{
    Destination* least = nullptr;
    int64_t leastOverhead = 0;
    for (const auto& d : service.GetDestinations())
    {
        if (!IsSchedulable(*d))
        {
            continue;
        }
        if (d->GetActiveConns() == 0)
        {
            if (Explaining())
            {
                Explain("first idle server in list order: " +
                        AddrPortToString(d->GetAddr(), d->GetPort()));
            }
            return d.get();
        }
        int64_t overhead = ExpectedDelayOverhead(*d);
        if (!least || MoreLoaded(leastOverhead, least->GetWeight(), overhead, d->GetWeight()))
        {
            least = d.get();
            leastOverhead = overhead;
        }
    }
    if (Explaining())
    {
        Explain(least ? "no idle server: smallest (active+1)/weight" : "no server available");
    }
    return least;
}

} // namespace ipvs
