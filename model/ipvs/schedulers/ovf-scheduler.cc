#include "model/ipvs/schedulers/ovf-scheduler.h"

#include "model/ipvs/scheduler-common.h"
#include "model/ipvs/service.h"

namespace ipvs
{

Destination*
OvfScheduler::Schedule(Service& service, const ScheduleRequest& /*request*/)
{
    Destination* highest = nullptr;
    for (const auto& d : service.GetDestinations())
    {
        int weight = d->GetWeight();
        bool full = int64_t(d->GetActiveConns()) > weight;
        if (d->IsOverloaded() || full || weight == 0)
        {
            continue;
        }
        if (!highest || weight > highest->GetWeight())
        {
            highest = d.get();
        }
    }
    if (Explaining())
    {
        Explain(highest ? "the highest weight among servers with active <= weight"
                        : "every server is full (active > weight) or unavailable");
    }
    return highest;
}

} // namespace ipvs
