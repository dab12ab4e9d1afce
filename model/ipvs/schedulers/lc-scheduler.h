// lc: least connection (follows linux net/netfilter/ipvs/ip_vs_lc.c).
//
// Picks the destination with the smallest overhead, activeconns * 256 +
// inactconns, skipping overloaded and weight-0 ones; ties go to the first
// in list order (newest first).  Weights other than 0 are ignored.
#ifndef IPVS_LC_SCHEDULER_H
#define IPVS_LC_SCHEDULER_H

#include "model/ipvs/scheduler.h"

namespace ipvs
{

class LcScheduler : public Scheduler
{
  public:
    std::string GetName() const override
    {
        return "lc";
    }

    Destination* Schedule(Service& service, const ScheduleRequest& request) override;
};

} // namespace ipvs

#endif
