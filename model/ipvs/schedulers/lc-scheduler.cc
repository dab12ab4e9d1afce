#include "model/ipvs/schedulers/lc-scheduler.h"

#include "model/ipvs/scheduler-common.h"
#include "model/ipvs/service.h"

namespace ipvs
{

Destination*
LcScheduler::Schedule(Service& service, const ScheduleRequest& /*request*/)
{
    Destination* least = nullptr;
    int32_t leastOverhead = 0;
    if (Explaining())
    {
        Explain("overhead (256*active+inactive):");
    }
    for (const auto& d : service.GetDestinations())
    {
        if (!IsSchedulable(*d))
        {
            continue;
        }
        int32_t overhead = ConnectionOverhead(*d);
        if (Explaining())
        {
            ExplainMore(" " + AddrPortToString(d->GetAddr(), d->GetPort()) + "=" +
                        std::to_string(overhead));
        }
        if (!least || overhead < leastOverhead)
        {
            least = d.get();
            leastOverhead = overhead;
        }
    }
    if (Explaining())
    {
        ExplainMore(least ? "; the smallest wins, ties to the first in list order"
                          : "; no server with weight > 0 that is not overloaded");
    }
    return least;
}

} // namespace ipvs
