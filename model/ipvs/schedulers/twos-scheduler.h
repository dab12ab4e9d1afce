// twos: power of two choices (follows linux ip_vs_twos.c, since Linux 5.12;
// Mitzenmacher, "The Power of Two Choices in Randomized Load Balancing").
//
// Draws two servers at random with probability proportional to weight and
// takes the less loaded of the two (overhead / weight, as wlc).  The draw
// r is uniform on [0, total weight] inclusive, so the first eligible server
// is favoured by one extra value, as in the kernel.  The products are
// 32-bit signed, unlike the other schedulers.
#ifndef IPVS_TWOS_SCHEDULER_H
#define IPVS_TWOS_SCHEDULER_H

#include "model/ipvs/scheduler.h"

namespace ipvs
{

class TwosScheduler : public Scheduler
{
  public:
    std::string GetName() const override
    {
        return "twos";
    }

    Destination* Schedule(Service& service, const ScheduleRequest& request) override;
};

} // namespace ipvs

#endif
