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

struct Entry
{
    const char* name;
    Factory create;
    SchedulerFlagNames flagNames; ///< what the scheduler class declares
};

template <typename T>
Entry
Make(const char* name)
{
    return {name, [] { return std::make_unique<T>(); }, T::kFlagNames};
}

const std::vector<Entry>&
Table()
{
    static const std::vector<Entry> kTable = {
        Make<RrScheduler>("rr"),
        Make<WrrScheduler>("wrr"),
        Make<LcScheduler>("lc"),
        Make<WlcScheduler>("wlc"),
        Make<LblcScheduler>("lblc"),
        Make<LblcrScheduler>("lblcr"),
        Make<DhScheduler>("dh"),
        Make<ShScheduler>("sh"),
        Make<SedScheduler>("sed"),
        Make<NqScheduler>("nq"),
        Make<FoScheduler>("fo"),
        Make<OvfScheduler>("ovf"),
        Make<MhScheduler>("mh"),
        Make<TwosScheduler>("twos"),
    };
    return kTable;
}

} // namespace

std::unique_ptr<Scheduler>
CreateScheduler(const std::string& name)
{
    for (const auto& entry : Table())
    {
        if (name == entry.name)
        {
            return entry.create();
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
        names.emplace_back(entry.name);
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

SchedulerFlagNames
FlagNamesOf(const std::string& scheduler)
{
    for (const auto& entry : Table())
    {
        if (scheduler == entry.name)
        {
            return entry.flagNames;
        }
    }
    return Scheduler::kFlagNames;
}

namespace
{

bool&
FlagAt(SchedulerFlags& flags, size_t index)
{
    return index == 0 ? flags.flag1 : index == 1 ? flags.flag2 : flags.flag3;
}

} // namespace

bool
SetSchedulerFlag(const std::string& scheduler,
                 const std::string& flag,
                 bool generic,
                 SchedulerFlags* flags)
{
    SchedulerFlagNames names = FlagNamesOf(scheduler);
    for (size_t i = 0; i < names.size(); ++i)
    {
        bool own = names[i] && flag == names[i];
        if (own || (generic && flag == "flag-" + std::to_string(i + 1)))
        {
            FlagAt(*flags, i) = true;
            return true;
        }
    }
    return false;
}

std::string
FormatSchedulerFlags(const std::string& scheduler, const SchedulerFlags& flags)
{
    SchedulerFlagNames names = FlagNamesOf(scheduler);
    SchedulerFlags copy = flags;
    std::string list;
    for (size_t i = 0; i < names.size(); ++i)
    {
        if (FlagAt(copy, i))
        {
            list += list.empty() ? "" : ",";
            list += names[i] ? std::string(names[i]) : "flag-" + std::to_string(i + 1);
        }
    }
    return list;
}

std::string
SchedulerOwningFlag(const std::string& flag)
{
    for (const auto& entry : Table())
    {
        for (const char* name : entry.flagNames)
        {
            if (name && flag == name)
            {
                return entry.name;
            }
        }
    }
    return "";
}

std::string
DescribeSchedulerFlags()
{
    std::string text;
    for (const auto& entry : Table())
    {
        std::string own;
        for (const char* name : entry.flagNames)
        {
            if (name)
            {
                own += (own.empty() ? "" : ", ") + std::string(name);
            }
        }
        if (!own.empty())
        {
            text += (text.empty() ? "" : "; ") + own + " with " + entry.name;
        }
    }
    return text;
}

} // namespace ipvs
