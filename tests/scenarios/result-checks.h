// Reading an lvs-sim result folder in front-end tests, through the same
// reader lvs-sweep uses (scenarios/result-folder.h): summary.json by JSON
// pointer, CSV files by header.
#ifndef LVS_TESTS_RESULT_CHECKS_H
#define LVS_TESTS_RESULT_CHECKS_H

#include "lvs-sim-runner.h"
#include "scenarios/result-folder.h"

#include <cstdint>
#include <map>
#include <string>

namespace ns3::test
{

/// ok_transactions per RIP, from servers.csv.
inline std::map<std::string, uint64_t>
ServedByRip(const std::string& folder)
{
    CsvTable servers = ResultFolder(folder).Table("servers.csv");
    std::map<std::string, uint64_t> served;
    for (size_t row = 0; row < servers.Rows(); ++row)
    {
        served[servers.Cell(row, "rip")] = uint64_t(servers.Number(row, "ok_transactions"));
    }
    return served;
}

} // namespace ns3::test

#endif
