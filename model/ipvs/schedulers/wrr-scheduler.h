// wrr: weighted round robin (follows linux net/netfilter/ipvs/ip_vs_wrr.c).
//
// The scheduler walks the list in passes.  Each pass has a current weight
// cw and selects, in list order, every destination whose weight is at
// least cw; after a pass cw drops by di, the gcd of the weights, and when
// it falls to zero it restarts at mw (the largest weight less di - 1).  A
// full cycle thus gives each destination weight/di connections, heavier
// ones first.  Every configuration change resets the cursor to the list
// head and adjusts cw (not to mw!), so the state after incremental adds
// differs from a fresh start: the history of ipvsadm commands matters.
#ifndef IPVS_WRR_SCHEDULER_H
#define IPVS_WRR_SCHEDULER_H

#include "model/ipvs/scheduler.h"
#include "model/ipvs/service.h"

namespace ipvs
{

class WrrScheduler : public Scheduler
{
  public:
    std::string GetName() const override
    {
        return "wrr";
    }

    void InitService(Service& service) override;
    void AddDest(Service& service, Destination& dest) override;
    void DelDest(Service& service, Destination& dest, Destination* predecessor) override;
    void UpdDest(Service& service, Destination& dest) override;
    Destination* Schedule(Service& service, const ScheduleRequest& request) override;

  private:
    /// ip_vs_wrr_dest_changed.
    void Recompute(const Service& service);
    void ComputeWeights(const Service& service);

    DestinationList::const_iterator m_cursor; ///< cl; end() is the list head
    int m_currentWeight = 0;                  ///< cw
    int m_maxWeight = 0;                      ///< mw
    int m_gcd = 1;                            ///< di
};

} // namespace ipvs

#endif
