// Reading an lvs-sim result folder in front-end tests: numbers from
// summary.json and the served counts per real server from servers.csv.
#ifndef LVS_TESTS_RESULT_FOLDER_H
#define LVS_TESTS_RESULT_FOLDER_H

#include "lvs-sim-runner.h"

#include <cstdint>
#include <gtest/gtest.h>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace ns3::test
{

/// A number after "key": in summary.json.
inline double
JsonNumber(const std::string& json, const std::string& key)
{
    size_t pos = json.find("\"" + key + "\": ");
    EXPECT_NE(pos, std::string::npos) << key;
    return pos == std::string::npos ? -1 : std::stod(json.substr(pos + key.size() + 4));
}

/// ok_transactions per RIP, from servers.csv.
inline std::map<std::string, uint64_t>
ServedByRip(const std::string& folder)
{
    std::istringstream in(ReadText(folder + "/servers.csv"));
    std::string line;
    std::getline(in, line);
    EXPECT_EQ(
        line.rfind(
            "server,rip,weight,workers,service_time_ms,ipvs_connections,served,ok_transactions",
            0),
        0u);
    std::map<std::string, uint64_t> served;
    while (std::getline(in, line))
    {
        std::vector<std::string> cells;
        std::istringstream row(line);
        std::string cell;
        while (std::getline(row, cell, ','))
        {
            cells.push_back(cell);
        }
        served[cells.at(1)] = std::stoull(cells.at(7));
    }
    return served;
}

} // namespace ns3::test

#endif
