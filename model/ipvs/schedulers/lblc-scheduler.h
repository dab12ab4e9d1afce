// lblc: locality-based least connection (follows linux ip_vs_lblc.c).
//
// Remembers, per destination address (the packet's, as for cache
// clusters), the server last chosen for it, and keeps sending there while
// that server is available and not "overloaded" (more active connections
// than its weight while some server is below half its weight).  Otherwise
// it picks by wlc and remembers the new server.  Entries unused for 24 h
// are collected every 30 minutes.
#ifndef IPVS_LBLC_SCHEDULER_H
#define IPVS_LBLC_SCHEDULER_H

#include "model/ipvs/scheduler.h"
#include "model/ipvs/schedulers/locality-table.h"

#include <memory>

namespace ipvs
{

class LblcScheduler : public Scheduler
{
  public:
    std::string GetName() const override
    {
        return "lblc";
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
        std::shared_ptr<Destination> dest;
        Time lastuse;
    };

    LocalityTable<Entry> m_cache;
};

} // namespace ipvs

#endif
