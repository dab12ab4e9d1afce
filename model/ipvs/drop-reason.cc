#include "model/ipvs/drop-reason.h"

namespace ipvs
{

namespace
{

struct NamedReason
{
    DropReason reason;
    const char* name;
};

const std::vector<NamedReason>&
Table()
{
    static const std::vector<NamedReason> kTable = {
        {DropReason::NoService, "no-service"},
        {DropReason::NoEntry, "no-entry"},
        {DropReason::NoDestination, "no-destination"},
        {DropReason::DestinationDeleted, "destination-deleted"},
        {DropReason::NoRoute, "no-route"},
        {DropReason::FragmentationNeeded, "fragmentation-needed"},
        {DropReason::CpuQueueFull, "cpu-queue-full"},
    };
    return kTable;
}

} // namespace

std::string
DropReasonName(DropReason reason)
{
    for (const auto& row : Table())
    {
        if (row.reason == reason)
        {
            return row.name;
        }
    }
    return "unknown";
}

const std::vector<DropReason>&
AllDropReasons()
{
    static const std::vector<DropReason> kAll = [] {
        std::vector<DropReason> all;
        for (const auto& row : Table())
        {
            all.push_back(row.reason);
        }
        return all;
    }();
    return kAll;
}

} // namespace ipvs
