// mh: Maglev hashing (follows linux ip_vs_mh.c; Eisenbud et al., "Maglev: A
// Fast and Reliable Software Network Load Balancer", NSDI 2016).
//
// Each destination gets a permutation of the 4093 table slots (an offset
// and a skip from two SipHash keys of its address and port); destinations
// take turns claiming their next free slot, as many per turn as their
// weight allows (scaled down so the largest takes at most 64), until the
// table is full.  Weights used are the last non-zero ones, so quiescing a
// server (weight 0) leaves the table alone and only makes it unavailable.
// A connection goes to the slot of hsiphash(source address [+ port with
// mh-port]); with mh-fallback an unavailable owner sends the search on.
#ifndef IPVS_MH_SCHEDULER_H
#define IPVS_MH_SCHEDULER_H

#include "model/ipvs/scheduler.h"

#include <vector>

namespace ipvs
{

class MhScheduler : public Scheduler
{
  public:
    /// IP_VS_SVC_F_SCHED_MH_FALLBACK and _MH_PORT (flag-1, flag-2).
    static constexpr SchedulerFlagNames kFlagNames{"mh-fallback", "mh-port", nullptr};
    static constexpr uint32_t kTableSize = 4093; ///< prime; CONFIG_IP_VS_MH_TAB_INDEX 12

    std::string GetName() const override
    {
        return "mh";
    }

    void InitService(Service& service) override;
    void AddDest(Service& service, Destination& dest) override;
    void DelDest(Service& service, Destination& dest, Destination* predecessor) override;
    void UpdDest(Service& service, Destination& dest) override;
    Destination* Schedule(Service& service, const ScheduleRequest& request) override;

    const std::vector<Destination*>& GetTable() const
    {
        return m_table;
    }

  private:
    void Populate(const Service& service);

    std::vector<Destination*> m_table = std::vector<Destination*>(kTableSize, nullptr);
};

} // namespace ipvs

#endif
