#include "wlc-scheduler.h"

#include "../scheduler-common.h"
#include "../service.h"

namespace ipvs
{

Destination*
WlcScheduler::Schedule(Service& service, const ScheduleRequest& /*request*/)
{
    const auto& list = service.GetDestinations();
    auto it = list.begin();
    while (it != list.end() && !IsSchedulable(**it))
    {
        ++it;
    }
    if (it == list.end())
    {
        Explain("no server with weight > 0 that is not overloaded");
        return nullptr;
    }
    auto describe = [this](const Destination& d, int64_t overhead) {
        if (Explaining())
        {
            ExplainMore(" " + AddrPortToString(d.GetAddr(), d.GetPort()) + "=" +
                        std::to_string(overhead) + "/" + std::to_string(d.GetWeight()));
        }
    };
    Destination* least = it->get();
    int64_t leastOverhead = ConnectionOverhead(*least);
    Explain("overhead/weight:");
    describe(*least, leastOverhead);
    for (++it; it != list.end(); ++it)
    {
        const Destination& d = **it;
        if (d.IsOverloaded())
        {
            continue;
        }
        int64_t overhead = ConnectionOverhead(d);
        describe(d, overhead);
        if (MoreLoaded(leastOverhead, least->GetWeight(), overhead, d.GetWeight()))
        {
            least = it->get();
            leastOverhead = overhead;
        }
    }
    ExplainMore("; the smallest ratio wins, ties to the first in list order");
    return least;
}

} // namespace ipvs
