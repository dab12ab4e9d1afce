// mh (Maglev) and sh lookup tables on the IPVS core: balance, and what
// moves when a server goes or comes (docs/validation.md).
#include "analysis/validation/comparison-common.h"
#include "analysis/validation/comparisons.h"
#include "analysis/validation/hash-disruption.h"

namespace lvs
{
namespace validation
{

Report
CompareHashTables()
{
    Report report;
    report.title = "mh (Maglev) and sh lookup tables: balance and disruption";
    report.columns = {"scheduler",
                      "servers",
                      "table_slots",
                      "entries_min",
                      "entries_max",
                      "max_over_mean",
                      "moved_on_remove_pct",
                      "clients_moved_on_remove_pct",
                      "minimum_on_remove_pct",
                      "moved_on_add_pct",
                      "clients_moved_on_add_pct",
                      "minimum_on_add_pct"};
    for (const char* scheduler : {"mh", "sh"})
    {
        for (unsigned servers : {4u, 16u, 64u, 256u})
        {
            HashTableFigures f = MeasureHashTable(scheduler, servers);
            double mean = double(f.tableSize) / servers;
            double minRemove = 1.0 / servers;
            double minAdd = 1.0 / (servers + 1);
            ReportRow row;
            if (f.scheduler == "mh")
            {
                // Maglev's populate loop gives each server floor(M/N) or
                // ceil(M/N) slots; removal or addition moves few of the
                // slots that had no reason to move (those of the servers
                // that stay, or that the new one does not take).
                bool balanced = f.maxEntries - f.minEntries <= 1;
                auto needless = [](double moved, double minimum) {
                    return (moved - minimum) / (1 - minimum);
                };
                bool lowDisruption = needless(f.entriesMovedOnRemove, minRemove) <= 0.10 &&
                                     needless(f.entriesMovedOnAdd, minAdd) <= 0.10;
                row.verdict = balanced && lowDisruption ? Verdict::Pass : Verdict::Fail;
            }
            row.cells = {f.scheduler,
                         std::to_string(servers),
                         std::to_string(f.tableSize),
                         std::to_string(f.minEntries),
                         std::to_string(f.maxEntries),
                         Fixed(double(f.maxEntries) / mean, 3),
                         Percent(f.entriesMovedOnRemove),
                         Percent(f.clientsMovedOnRemove),
                         Percent(minRemove),
                         Percent(f.entriesMovedOnAdd),
                         Percent(f.clientsMovedOnAdd),
                         Percent(minAdd)};
            report.rows.push_back(row);
        }
    }
    report.notes = {
        "Servers of weight 1; the middle server in list order is removed; clients are the "
        "65,536 addresses of 172.16.0.0/16. mh is checked: every server holds floor(M/N) or "
        "ceil(M/N) slots, and at most 10% of the slots that had no reason to move do (beyond "
        "the minimum, as a share of the rest of the table). sh is reported."};
    return report;
}

} // namespace validation
} // namespace lvs
