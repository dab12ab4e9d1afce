#include "model/ipvs/schedulers/sh-scheduler.h"

#include "model/ipvs/ipvs-hash.h"
#include "model/ipvs/scheduler-common.h"
#include "model/ipvs/service.h"

namespace ipvs
{

void
ShScheduler::Fill(const Service& service)
{
    const auto& list = service.GetDestinations();
    auto it = list.begin();
    int taken = 0;
    for (auto& bucket : m_table)
    {
        if (list.empty())
        {
            bucket = nullptr;
            continue;
        }
        bucket = it->get();
        // A weight-0 destination still takes one bucket per round.
        if (++taken >= (*it)->GetWeight())
        {
            taken = 0;
            if (++it == list.end())
            {
                it = list.begin();
            }
        }
    }
}

void
ShScheduler::InitService(Service& service)
{
    Fill(service);
}

void
ShScheduler::AddDest(Service& service, Destination& /*dest*/)
{
    Fill(service);
}

void
ShScheduler::DelDest(Service& service, Destination& /*dest*/, Destination* /*predecessor*/)
{
    Fill(service);
}

void
ShScheduler::UpdDest(Service& service, Destination& /*dest*/)
{
    Fill(service);
}

Destination*
ShScheduler::Schedule(Service& service, const ScheduleRequest& request)
{
    const SchedulerFlags& flags = service.GetConfig().flags;
    bool fallback = flags.flag1;
    Port port = flags.flag2 ? request.sport : 0;
    uint32_t hash = Hash32(uint32_t(port) + request.saddr, kTableBits);
    auto bucketAt = [hash](uint32_t offset) { return (offset + hash) % kTableSize; };
    uint32_t first = bucketAt(0);
    Destination* d = m_table[first];
    if (Explaining())
    {
        Explain("source " + AddrToString(request.saddr) +
                (flags.flag2 ? ":" + std::to_string(port) : "") + " -> bucket " +
                std::to_string(first) +
                (d ? " owned by " + AddrPortToString(d->GetAddr(), d->GetPort()) : " (empty)"));
    }
    Destination* chosen = HashLookupWithFallback(d, fallback, kTableSize, [&](uint32_t k) {
        return m_table[bucketAt((first + k) % kTableSize)];
    });
    if (Explaining() && d && chosen != d)
    {
        ExplainMore(chosen ? ", unavailable; sh-fallback found " +
                                 AddrPortToString(chosen->GetAddr(), chosen->GetPort())
                           : std::string(", unavailable") + (fallback
                                                                 ? ", and no available server found"
                                                                 : ", and no sh-fallback"));
    }
    return chosen;
}

} // namespace ipvs
