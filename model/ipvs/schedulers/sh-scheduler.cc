#include "sh-scheduler.h"

#include "../ipvs-hash.h"
#include "../scheduler-common.h"
#include "../service.h"

namespace ipvs
{

namespace
{

bool
Unavailable(const Destination& d)
{
    return d.GetWeight() <= 0 || d.IsOverloaded();
}

} // namespace

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
        Explain("source " + AddrToString(request.saddr) + (flags.flag2 ? ":" + std::to_string(port) : "") +
                " -> bucket " + std::to_string(first) +
                (d ? " owned by " + AddrPortToString(d->GetAddr(), d->GetPort()) : " (empty)"));
    }
    if (!d)
    {
        return nullptr;
    }
    if (!Unavailable(*d))
    {
        return d;
    }
    if (!fallback)
    {
        if (Explaining())
        {
            ExplainMore(", unavailable, and no sh-fallback");
        }
        return nullptr;
    }
    for (uint32_t k = 0; k < kTableSize; ++k)
    {
        d = m_table[bucketAt((first + k) % kTableSize)];
        if (!d)
        {
            return nullptr;
        }
        if (!Unavailable(*d))
        {
            if (Explaining())
            {
                ExplainMore(", unavailable; sh-fallback found " + AddrPortToString(d->GetAddr(), d->GetPort()));
            }
            return d;
        }
    }
    return nullptr;
}

} // namespace ipvs
