#include "model/ipvs/schedulers/sed-scheduler.h"

#include "model/ipvs/scheduler-common.h"
#include "model/ipvs/service.h"

namespace ipvs
{

Destination*
SedScheduler::Schedule(Service& service, const ScheduleRequest& /*request*/)
{
    const auto& list = service.GetDestinations();
    auto it = list.begin();
    while (it != list.end() && !IsSchedulable(**it))
    {
        ++it;
    }
    if (it == list.end())
    {
        if (Explaining())
        {
            Explain("no server with weight > 0 that is not overloaded");
        }
        return nullptr;
    }
    Destination* least = it->get();
    int64_t leastOverhead = ExpectedDelayOverhead(*least);
    for (++it; it != list.end(); ++it)
    {
        if ((*it)->IsOverloaded())
        {
            continue;
        }
        int64_t overhead = ExpectedDelayOverhead(**it);
        if (MoreLoaded(leastOverhead, least->GetWeight(), overhead, (*it)->GetWeight()))
        {
            least = it->get();
            leastOverhead = overhead;
        }
    }
    if (Explaining())
    {
        Explain(
            "smallest (active+1)/weight: " + AddrPortToString(least->GetAddr(), least->GetPort()) +
            " with " + std::to_string(leastOverhead) + "/" + std::to_string(least->GetWeight()));
    }
    return least;
}

} // namespace ipvs
