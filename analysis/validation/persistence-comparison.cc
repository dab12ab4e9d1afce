// The busiest real server under persistence against the floor that the
// heaviest persistence unit sets (docs/validation.md).
#include "analysis/validation/comparison-common.h"
#include "analysis/validation/comparisons.h"
#include "scenarios/config-file.h"

#include "ns3/ipv4-address.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace lvs
{
namespace validation
{

using ns3::ConfigError;
using ns3::MeanInterval;

namespace
{

/// Each persistence unit's share of the load (client-nodes = 1: the node's
/// k-th CIP, cip-base + k, carries weight 1/k^s).
std::map<uint32_t, double>
UnitShares(const RunFigures& run, uint32_t mask)
{
    if (run.Option("client-nodes") != 1)
    {
        throw ConfigError(run.folder + ": the persistence comparison needs client-nodes = 1");
    }
    unsigned addresses = unsigned(run.Option("client-addresses"));
    double s = run.Option("client-address-zipf");
    uint32_t base = ns3::Ipv4Address(run.config.at("cip-base").c_str()).Get();
    std::map<uint32_t, double> units;
    double total = 0;
    for (unsigned k = 1; k <= addresses; ++k)
    {
        double weight = 1.0 / std::pow(double(k), s);
        units[(base + k) & mask] += weight;
        total += weight;
    }
    for (auto& unit : units)
    {
        unit.second /= total;
    }
    return units;
}

double
BusiestShare(const RunFigures& run)
{
    return *std::max_element(run.serverShare.begin(), run.serverShare.end());
}

} // namespace

Report
ComparePersistence(const std::vector<SweepPoint>& points)
{
    Report report;
    report.title = "The busiest real server under persistence";
    report.columns = {"persistence_netmask",
                      "persistent_s",
                      "units",
                      "heaviest_unit_share",
                      "expected_floor",
                      "busiest_share",
                      "ci95",
                      "ideal_share"};
    for (const SweepPoint& point : points)
    {
        const RunFigures& first = point.runs.front();
        double servers = first.Option("servers");
        bool persistent = first.Option("persistent-s") > 0;
        uint32_t mask = ns3::Ipv4Mask(first.config.at("persistence-netmask").c_str()).Get();
        std::map<uint32_t, double> units = UnitShares(first, persistent ? mask : 0xFFFFFFFFu);
        double heaviest = 0;
        for (const auto& unit : units)
        {
            heaviest = std::max(heaviest, unit.second);
        }
        double ideal = 1.0 / servers;
        // A persistence unit cannot be split, so some server carries at
        // least the heaviest one; without persistence nothing sticks.
        double floor = persistent ? std::max(ideal, heaviest) : ideal;
        MeanInterval busiest = OverRuns(point, BusiestShare);
        ReportRow row;
        // One point: the heaviest unit's share of a run is itself random
        // (binomial: about 0.5 points at 6,000 transactions and 25%).
        constexpr double kSlack = 0.01;
        if (persistent && heaviest <= ideal)
        {
            // The floor is 1/N, which the busiest server always reaches.
            row.verdict = Verdict::Reported;
        }
        else if (persistent)
        {
            row.verdict =
                busiest.mean >= floor - busiest.halfWidth - kSlack ? Verdict::Pass : Verdict::Fail;
        }
        else
        {
            row.verdict = Near(busiest.mean, busiest.halfWidth, ideal, 0.10);
        }
        row.cells = {first.config.at("persistence-netmask"),
                     first.config.at("persistent-s"),
                     std::to_string(units.size()),
                     Fixed(heaviest, 4),
                     Fixed(floor, 4),
                     Fixed(busiest.mean, 4),
                     Fixed(busiest.halfWidth, 4),
                     Fixed(ideal, 4)};
        report.rows.push_back(row);
    }
    report.notes = {
        "expected_floor: with persistence, max(1/N, the heaviest unit's share), since a unit "
        "(the client addresses one -M mask groups) always goes to one server; checked: the "
        "busiest server carries at least that (less its interval and 1 point). Without "
        "persistence: within 10% of 1/N plus the interval."};
    return report;
}

} // namespace validation
} // namespace lvs
