// ovf: weighted overflow (follows linux ip_vs_ovf.c).
//
// The highest-weight server takes new connections while its active
// connections do not exceed its weight (so up to weight + 1 of them), then
// the next highest, and so on; ties to the first in list order.  UDP
// entries are never active, so for UDP ovf behaves like fo.
#ifndef IPVS_OVF_SCHEDULER_H
#define IPVS_OVF_SCHEDULER_H

#include "model/ipvs/scheduler.h"

namespace ipvs
{

class OvfScheduler : public Scheduler
{
  public:
    std::string GetName() const override
    {
        return "ovf";
    }

    Destination* Schedule(Service& service, const ScheduleRequest& request) override;
};

} // namespace ipvs

#endif
