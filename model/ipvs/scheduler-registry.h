// Creates schedulers by their ipvsadm names.
//
// An explicit table in one .cc (not self-registering statics, which a
// linker may drop from a static library).
#ifndef IPVS_SCHEDULER_REGISTRY_H
#define IPVS_SCHEDULER_REGISTRY_H

#include "model/ipvs/scheduler.h"
#include "model/ipvs/service.h"

#include <memory>
#include <string>
#include <vector>

namespace ipvs
{

/// A new scheduler, or nullptr if @p name is not a known scheduler.
std::unique_ptr<Scheduler> CreateScheduler(const std::string& name);

/// Every name CreateScheduler accepts, in the order ipvsadm's man page
/// lists them.
std::vector<std::string> SchedulerNames();

/// "rr, wrr, lc, wlc" — for error messages and --help.
std::string SchedulerNameList();

/// The names @p scheduler gives ipvsadm -b's flags (all nullptr for an
/// unknown scheduler or one without names of its own).
SchedulerFlagNames FlagNamesOf(const std::string& scheduler);

/// Sets the flag called @p flag on @p flags: one of the scheduler's own
/// names (sh-fallback, ...), or, if @p generic, flag-1..flag-3 as ipvsadm
/// also accepts.  False if @p scheduler has no such flag.
bool SetSchedulerFlag(const std::string& scheduler,
                      const std::string& flag,
                      bool generic,
                      SchedulerFlags* flags);

/// The set flags as ipvsadm lists them: the scheduler's own names where
/// it has them, flag-N otherwise ("sh-fallback,sh-port", "flag-3", "").
std::string FormatSchedulerFlags(const std::string& scheduler, const SchedulerFlags& flags);

/// The scheduler whose own flag is called @p flag ("" if none).
std::string SchedulerOwningFlag(const std::string& flag);

/// Every scheduler's own flags, for help and errors:
/// "sh-fallback, sh-port with sh; mh-fallback, mh-port with mh".
std::string DescribeSchedulerFlags();

} // namespace ipvs

#endif
