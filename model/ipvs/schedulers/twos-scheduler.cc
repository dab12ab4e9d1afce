#include "model/ipvs/schedulers/twos-scheduler.h"

#include "model/ipvs/scheduler-common.h"
#include "model/ipvs/service.h"

namespace ipvs
{

Destination*
TwosScheduler::Schedule(Service& service, const ScheduleRequest& /*request*/)
{
    int64_t total = 0;
    for (const auto& d : service.GetDestinations())
    {
        if (IsSchedulable(*d))
        {
            total += d->GetWeight();
        }
    }
    RandomSource* random = service.GetRandomSource();
    if (total == 0 || !random)
    {
        if (Explaining())
        {
            Explain("no server available");
        }
        return nullptr;
    }
    int64_t r1 = random->UniformInclusive(uint32_t(total));
    int64_t r2 = random->UniformInclusive(uint32_t(total));
    Destination* choice1 = nullptr;
    Destination* choice2 = nullptr;
    for (const auto& d : service.GetDestinations())
    {
        if (!IsSchedulable(*d))
        {
            continue;
        }
        r1 -= d->GetWeight();
        r2 -= d->GetWeight();
        if (!choice1 && r1 <= 0)
        {
            choice1 = d.get();
        }
        if (!choice2 && r2 <= 0)
        {
            choice2 = d.get();
        }
    }
    // 32-bit signed products, as ip_vs_twos.c computes them.
    int32_t product1 =
        int32_t(uint32_t(choice2->GetWeight()) * uint32_t(ConnectionOverhead(*choice1)));
    int32_t product2 =
        int32_t(uint32_t(choice1->GetWeight()) * uint32_t(ConnectionOverhead(*choice2)));
    Destination* chosen = product1 > product2 ? choice2 : choice1;
    if (Explaining())
    {
        Explain("drew " + AddrPortToString(choice1->GetAddr(), choice1->GetPort()) + " and " +
                AddrPortToString(choice2->GetAddr(), choice2->GetPort()) +
                "; the less loaded per weight wins");
    }
    return chosen;
}

} // namespace ipvs
