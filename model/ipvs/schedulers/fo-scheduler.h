// fo: weighted failover (follows linux ip_vs_fo.c).
//
// Always the available server with the highest weight (ties to the first in
// list order), whatever its load: the others are standbys.
#ifndef IPVS_FO_SCHEDULER_H
#define IPVS_FO_SCHEDULER_H

#include "model/ipvs/scheduler.h"

namespace ipvs
{

class FoScheduler : public Scheduler
{
  public:
    std::string GetName() const override
    {
        return "fo";
    }

    Destination* Schedule(Service& service, const ScheduleRequest& request) override;
};

} // namespace ipvs

#endif
