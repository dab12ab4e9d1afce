#include "model/ipvs/schedulers/dh-scheduler.h"

#include "model/ipvs/ipvs-hash.h"
#include "model/ipvs/scheduler-common.h"
#include "model/ipvs/service.h"

namespace ipvs
{

void
DhScheduler::Fill(const Service& service)
{
    const auto& list = service.GetDestinations();
    auto it = list.begin();
    for (auto& bucket : m_table)
    {
        if (list.empty())
        {
            bucket = nullptr;
            continue;
        }
        bucket = it->get();
        if (++it == list.end())
        {
            it = list.begin();
        }
    }
}

void
DhScheduler::InitService(Service& service)
{
    Fill(service);
}

void
DhScheduler::AddDest(Service& service, Destination& /*dest*/)
{
    Fill(service);
}

void
DhScheduler::DelDest(Service& service, Destination& /*dest*/, Destination* /*predecessor*/)
{
    Fill(service);
}

Destination*
DhScheduler::Schedule(Service& /*service*/, const ScheduleRequest& request)
{
    uint32_t bucket = Hash32(request.daddr, kTableBits);
    Destination* d = m_table[bucket];
    bool usable = d && d->IsAvailable() && d->GetWeight() > 0 && !d->IsOverloaded();
    if (Explaining())
    {
        Explain("destination " + AddrToString(request.daddr) + " -> bucket " +
                std::to_string(bucket) +
                (d ? " owned by " + AddrPortToString(d->GetAddr(), d->GetPort()) : " (empty)") +
                (usable || !d ? "" : ", which is unavailable"));
    }
    return usable ? d : nullptr;
}

} // namespace ipvs
