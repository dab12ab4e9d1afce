// nq: never queue (follows linux ip_vs_nq.c).
//
// The first idle server (no active connection) in list order wins at once;
// if none is idle, the one with the shortest expected delay, as sed.  With
// UDP every server looks idle, so nq returns the first eligible entry.
#ifndef IPVS_NQ_SCHEDULER_H
#define IPVS_NQ_SCHEDULER_H

#include "model/ipvs/scheduler.h"

namespace ipvs
{

class NqScheduler : public Scheduler
{
  public:
    std::string GetName() const override
    {
        return "nq";
    }

    Destination* Schedule(Service& service, const ScheduleRequest& request) override;
};

} // namespace ipvs

#endif
