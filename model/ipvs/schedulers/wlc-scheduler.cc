#include "model/ipvs/schedulers/wlc-scheduler.h"

#include "model/ipvs/scheduler-common.h"
#include "model/ipvs/service.h"

namespace ipvs
{

Destination*
WlcScheduler::Schedule(Service& service, const ScheduleRequest& /*request*/)
{
    Destination* least = WeightedLeastConnection(service.GetDestinations());
    if (Explaining())
    {
        Explain(least ? "overhead/weight (256*active+inactive):" : "no server available");
        for (const auto& d : service.GetDestinations())
        {
            if (least && IsSchedulable(*d))
            {
                if (Explaining())
                {
                    ExplainMore(" " + AddrPortToString(d->GetAddr(), d->GetPort()) + "=" +
                                std::to_string(ConnectionOverhead(*d)) + "/" +
                                std::to_string(d->GetWeight()));
                }
            }
        }
        if (least)
        {
            if (Explaining())
            {
                ExplainMore("; the smallest ratio wins, ties to the first in list order");
            }
        }
    }
    return least;
}

} // namespace ipvs
