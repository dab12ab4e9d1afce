// sed: shortest expected delay (follows linux ip_vs_sed.c, which cites
// A. Weinrib and S. Shenker, "Greed is not enough: Adaptive load sharing in
// large heterogeneous systems", Proc. IEEE INFOCOM '88, pp. 986-994).
//
// As wlc, but the overhead is activeconns + 1: the expected delay of a new
// connection on a server is (active + 1) / weight.  Inactive connections
// are ignored, so for UDP (whose entries are all inactive) sed always picks
// the highest weight, first in list order among equals.
#ifndef IPVS_SED_SCHEDULER_H
#define IPVS_SED_SCHEDULER_H

#include "model/ipvs/scheduler.h"

namespace ipvs
{

class SedScheduler : public Scheduler
{
  public:
    std::string GetName() const override
    {
        return "sed";
    }

    Destination* Schedule(Service& service, const ScheduleRequest& request) override;
};

} // namespace ipvs

#endif
