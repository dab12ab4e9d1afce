// dh: destination hashing (follows linux ip_vs_dh.c).
//
// A table of 256 buckets is filled by walking the destination list
// cyclically, one bucket per destination (weights are ignored).  A
// connection goes to the bucket hash_32(destination address, 8): the
// packet's destination, so an ordinary service sends everything to one
// server; dh is meant for firewall-mark services in front of transparent
// caches.  An unavailable bucket owner means no server: there is no
// fallback.
#ifndef IPVS_DH_SCHEDULER_H
#define IPVS_DH_SCHEDULER_H

#include "model/ipvs/scheduler.h"

#include <array>

namespace ipvs
{

class DhScheduler : public Scheduler
{
  public:
    static constexpr unsigned kTableBits = 8;
    static constexpr unsigned kTableSize = 1u << kTableBits;

    std::string GetName() const override
    {
        return "dh";
    }

    void InitService(Service& service) override;
    void AddDest(Service& service, Destination& dest) override;
    void DelDest(Service& service, Destination& dest, Destination* predecessor) override;
    Destination* Schedule(Service& service, const ScheduleRequest& request) override;

    /// The owner of each bucket (for tests and --explain).
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
