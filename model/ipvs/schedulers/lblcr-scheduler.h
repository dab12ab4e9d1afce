// lblcr: locality-based least connection with replication (follows linux
// ip_vs_lblcr.c).
//
// Like lblc, but each destination address maps to a set of servers: the
// least loaded member (overhead / weight) serves while it is not
// "overloaded"; otherwise wlc picks a server that joins the set.  A set
// unchanged for 24 h sheds its most loaded member.
#ifndef IPVS_LBLCR_SCHEDULER_H
#define IPVS_LBLCR_SCHEDULER_H

#include "model/ipvs/scheduler.h"
#include "model/ipvs/schedulers/locality-table.h"

#include <list>
#include <memory>

namespace ipvs
{

class LblcrScheduler : public Scheduler
{
  public:
    std::string GetName() const override
    {
        return "lblcr";
    }

    void InitService(Service& service) override;
    Destination* Schedule(Service& service, const ScheduleRequest& request) override;

    size_t GetCacheSize() const
    {
        return m_cache.Size();
    }

  private:
    struct Entry
    {
        Addr daddr;
        std::list<std::shared_ptr<Destination>> set; ///< newest first
        Time lastmod;
        Time lastuse;
    };

    static Destination* LeastLoadedMember(const Entry& entry);
    static Destination* MostLoadedMember(const Entry& entry);

    LocalityTable<Entry> m_cache;
};

} // namespace ipvs

#endif
