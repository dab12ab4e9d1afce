#include "model/ipvs/scheduler-registry.h"

#include "model/ipvs/schedulers/dh-scheduler.h"
#include "model/ipvs/schedulers/fo-scheduler.h"
#include "model/ipvs/schedulers/lblc-scheduler.h"
#include "model/ipvs/schedulers/lblcr-scheduler.h"
#include "model/ipvs/schedulers/lc-scheduler.h"
#include "model/ipvs/schedulers/mh-scheduler.h"
#include "model/ipvs/schedulers/nq-scheduler.h"
#include "model/ipvs/schedulers/ovf-scheduler.h"
#include "model/ipvs/schedulers/rr-scheduler.h"
#include "model/ipvs/schedulers/sed-scheduler.h"
#include "model/ipvs/schedulers/sh-scheduler.h"
#include "model/ipvs/schedulers/twos-scheduler.h"
#include "model/ipvs/schedulers/wlc-scheduler.h"
#include "model/ipvs/schedulers/wrr-scheduler.h"

#include <functional>
#include <utility>

namespace ipvs
{

namespace
{

using Factory = std::function<std::unique_ptr<Scheduler>()>;

template <typename T>
std::pair<const char*, Factory>
Entry(const char* name)
{
    return {name, [] { return std::make_unique<T>(); }};
}

const std::vector<std::pair<const char*, Factory>>&
Table()
{
    static const std::vector<std::pair<const char*, Factory>> kTable = {
        Entry<RrScheduler>("rr"),
        Entry<WrrScheduler>("wrr"),
        Entry<LcScheduler>("lc"),
        Entry<WlcScheduler>("wlc"),
        Entry<LblcScheduler>("lblc"),
        Entry<LblcrScheduler>("lblcr"),
        Entry<DhScheduler>("dh"),
        Entry<ShScheduler>("sh"),
        Entry<SedScheduler>("sed"),
        Entry<NqScheduler>("nq"),
        Entry<FoScheduler>("fo"),
        Entry<OvfScheduler>("ovf"),
        Entry<MhScheduler>("mh"),
        Entry<TwosScheduler>("twos"),
    };
    return kTable;
}

} // namespace

std::unique_ptr<Scheduler>
CreateScheduler(const std::string& name)
{
    for (const auto& [entryName, factory] : Table())
    {
        if (name == entryName)
        {
            return factory();
        }
    }
    return nullptr;
}

std::vector<std::string>
SchedulerNames()
{
    std::vector<std::string> names;
    for (const auto& entry : Table())
    {
        names.emplace_back(entry.first);
    }
    return names;
}

std::string
SchedulerNameList()
{
    std::string list;
    for (const auto& name : SchedulerNames())
    {
        list += (list.empty() ? "" : ", ") + name;
    }
    return list;
}

} // namespace ipvs
