// wlc: weighted least connection (follows linux ip_vs_wlc.c); the default
// scheduler of ipvsadm.
//
// Picks the destination with the smallest overhead / weight, where overhead
// is activeconns * 256 + inactconns.  The comparison never divides:
// "least is worse than d" is overhead(least) * weight(d) > overhead(d) *
// weight(least), in 64 bits, so ties keep the earlier entry in list order.
#ifndef IPVS_WLC_SCHEDULER_H
#define IPVS_WLC_SCHEDULER_H

#include "model/ipvs/scheduler.h"

namespace ipvs
{

class WlcScheduler : public Scheduler
{
  public:
    std::string GetName() const override
    {
        return "wlc";
    }

    Destination* Schedule(Service& service, const ScheduleRequest& request) override;
};

} // namespace ipvs

#endif
