// Creates schedulers by their ipvsadm names.
//
// An explicit table in one .cc (not self-registering statics, which a
// linker may drop from a static library).
#ifndef IPVS_SCHEDULER_REGISTRY_H
#define IPVS_SCHEDULER_REGISTRY_H

#include "model/ipvs/scheduler.h"

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

} // namespace ipvs

#endif
