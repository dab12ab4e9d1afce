// rr: round robin (follows linux net/netfilter/ipvs/ip_vs_rr.c).
//
// A cursor remembers the last destination chosen.  Each decision walks on
// from the one after the cursor to the end of the list, then from the
// first entry back to the cursor itself, and takes the first destination
// that is not overloaded and has a weight above zero.  Other weights are
// ignored.  A new destination sits at the head of the list, so it is first
// reached when the cursor wraps.
#ifndef IPVS_RR_SCHEDULER_H
#define IPVS_RR_SCHEDULER_H

#include "model/ipvs/scheduler.h"
#include "model/ipvs/service.h"

namespace ipvs
{

class RrScheduler : public Scheduler
{
  public:
    std::string GetName() const override
    {
        return "rr";
    }

    void InitService(Service& service) override;
    void DelDest(Service& service, Destination& dest, Destination* predecessor) override;
    Destination* Schedule(Service& service, const ScheduleRequest& request) override;

  private:
    void MoveCursorTo(const Service& service, const Destination* dest);

    /// end() of the list stands for the list head.
    DestinationList::const_iterator m_cursor;
    const Destination* m_cursorDest = nullptr;
};

} // namespace ipvs

#endif
