#include "model/ipvs/schedulers/fo-scheduler.h"

#include "model/ipvs/scheduler-common.h"
#include "model/ipvs/service.h"

namespace ipvs
{

Destination*
FoScheduler::Schedule(Service& service, const ScheduleRequest& /*request*/)
{
    Destination* highest = nullptr;
    for (const auto& d : service.GetDestinations())
    {
        if (!d->IsOverloaded() && d->GetWeight() > (highest ? highest->GetWeight() : 0))
        {
            highest = d.get();
        }
    }
    if (Explaining())
    {
        Explain(highest ? "the available server with the highest weight" : "no server available");
    }
    return highest;
}

} // namespace ipvs
