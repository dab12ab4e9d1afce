// sh: source hashing (follows linux ip_vs_sh.c).
//
// A table of 256 buckets: walking the list in order, each destination takes
// max(weight, 1) consecutive buckets per round until the table is full.  A
// connection goes to bucket hash_32(source address [+ source port with
// sh-port], 8).  With sh-fallback an unavailable owner sends the search on
// through the table (the kernel's quirky 2*h + k walk); without it there
// is no server.  Every configuration change refills the table, so setting a
// weight to 0 remaps other clients too.
#ifndef IPVS_SH_SCHEDULER_H
#define IPVS_SH_SCHEDULER_H

#include "model/ipvs/scheduler.h"

#include <array>

namespace ipvs
{

class ShScheduler : public Scheduler
{
  public:
    /// IP_VS_SVC_F_SCHED_SH_FALLBACK and _SH_PORT (flag-1, flag-2).
    static constexpr SchedulerFlagNames kFlagNames{"sh-fallback", "sh-port", nullptr};
    static constexpr unsigned kTableBits = 8;
    static constexpr unsigned kTableSize = 1u << kTableBits;

    std::string GetName() const override
    {
        return "sh";
    }

    void InitService(Service& service) override;
    void AddDest(Service& service, Destination& dest) override;
    void DelDest(Service& service, Destination& dest, Destination* predecessor) override;
    void UpdDest(Service& service, Destination& dest) override;
    Destination* Schedule(Service& service, const ScheduleRequest& request) override;

    const std::array<Destination*, kTableSize>& GetTable() const
    {
        return m_table;
    }

  private:
    void Fill(const Service& service);

    std::array<Destination*, kTableSize> m_table{};
};

} // namespace ipvs

#endif
