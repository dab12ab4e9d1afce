#include "analysis/validation/comparisons.h"

#include "analysis/validation/hash-disruption.h"
#include "analysis/validation/queueing-theory.h"
#include "model/apps/distribution-spec.h"
#include "scenarios/config-file.h"
#include "scenarios/run-statistics.h"

#include "ns3/ipv4-address.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <set>

namespace lvs
{
namespace validation
{

using ns3::ConfigError;
using ns3::MeanInterval;
using ns3::MeanWithInterval;

namespace
{

constexpr const char* kNone = "-";

MeanInterval
OverRuns(const SweepPoint& point, double (*figure)(const RunFigures&))
{
    std::vector<double> values;
    for (const RunFigures& run : point.runs)
    {
        values.push_back(figure(run));
    }
    return MeanWithInterval(values);
}

bool
AllSame(const std::vector<std::string>& values)
{
    return std::adjacent_find(values.begin(), values.end(), std::not_equal_to<>()) == values.end();
}

std::string
Percent(double fraction)
{
    return Fixed(100.0 * fraction, 1);
}

/// Within tolerance * expected plus the interval of the measurement.
Verdict
Near(double measured, double halfWidth, double expected, double tolerance)
{
    if (!std::isfinite(measured) || !std::isfinite(expected))
    {
        return Verdict::Fail; // nothing to agree with
    }
    return std::fabs(measured - expected) <= tolerance * expected + halfWidth ? Verdict::Pass
                                                                              : Verdict::Fail;
}

double
MeanOfSpec(const RunFigures& run, const std::string& option)
{
    ns3::DistributionSpec spec;
    std::string error;
    if (!ns3::ParseDistributionSpec(run.config.at(option), &spec, &error))
    {
        throw ConfigError(run.folder + ": " + option + ": " + error);
    }
    return spec.Mean();
}

// --- queueing ------------------------------------------------------------------

/// The queueing set-up of a point, read from its first run.
struct QueueingPoint
{
    std::string scheduler;
    unsigned servers = 0;
    double lambda = 0;
    std::vector<double> mu;
    bool equal = false; ///< equal rates and weights: the k-server formulas apply
    bool udp = false;   ///< IPVS counts UDP entries as inactive: no queue lengths
    double rho = 0;
};

QueueingPoint
ReadQueueingPoint(const RunFigures& run)
{
    QueueingPoint q;
    q.scheduler = run.config.at("scheduler");
    q.udp = run.config.at("protocol") == "udp";
    q.servers = unsigned(run.Option("servers"));
    q.lambda = run.Option("arrival-rate-per-s");
    for (const std::string& workers : run.PerServer("server-workers", q.servers))
    {
        if (workers != "1")
        {
            throw ConfigError(run.folder +
                              ": the queueing comparison needs one worker per real server "
                              "(server-workers = 1)");
        }
    }
    for (const std::string& time : run.PerServer("server-service-time-ms", q.servers))
    {
        if (time.rfind("exp:", 0) != 0)
        {
            throw ConfigError(run.folder +
                              ": the queueing comparison needs exponential service times");
        }
    }
    double total = 0;
    for (double mean : ServiceMeansS(run))
    {
        q.mu.push_back(1.0 / mean);
        total += 1.0 / mean;
    }
    q.equal = AllSame(run.PerServer("server-weights", q.servers)) &&
              AllSame(run.PerServer("server-service-time-ms", q.servers));
    q.rho = q.lambda / total;
    return q;
}

/// M/M/1 per server at the shares each run measured, averaged over runs.
double
RandomSplitAtMeasuredShares(const SweepPoint& point, const QueueingPoint& q)
{
    double sum = 0;
    for (const RunFigures& run : point.runs)
    {
        if (run.serverShare.size() != q.mu.size())
        {
            throw ConfigError(run.folder + ": one share per server expected");
        }
        sum += theory::RandomSplitSojourn(q.lambda, run.serverShare, q.mu);
    }
    return sum / double(point.runs.size());
}

/// The service time the runs drew, ms: each server's mean weighted by its
/// share, averaged over runs (NaN for runs without it).
double
DrawnServiceMs(const SweepPoint& point)
{
    double sum = 0;
    for (const RunFigures& run : point.runs)
    {
        if (run.serverServiceMs.size() != run.serverShare.size())
        {
            return NAN;
        }
        for (size_t i = 0; i < run.serverShare.size(); ++i)
        {
            sum += run.serverShare[i] * run.serverServiceMs[i];
        }
    }
    return sum / double(point.runs.size());
}

/// The reference theory again, with the service times the runs drew
/// instead of the nominal ones (ms; NaN where it does not apply): how much
/// of a deviation the sample of service times explains.
double
ReferenceAtDrawnService(const SweepPoint& point,
                        const QueueingPoint& q,
                        const std::string& reference)
{
    double drawnMs = DrawnServiceMs(point);
    if (std::isnan(drawnMs))
    {
        return NAN;
    }
    double mu = 1e3 / drawnMs;
    if (reference == "M/M/1 at its shares")
    {
        double sum = 0;
        for (const RunFigures& run : point.runs)
        {
            std::vector<double> rates;
            for (double serviceMs : run.serverServiceMs)
            {
                rates.push_back(1e3 / serviceMs);
            }
            sum += theory::RandomSplitSojourn(q.lambda, run.serverShare, rates);
        }
        return 1e3 * sum / double(point.runs.size());
    }
    if (reference == "E_k/M/1")
    {
        return 1e3 * theory::EkM1Sojourn(q.servers, q.lambda, mu);
    }
    if (reference == "supermarket d=2")
    {
        return 1e3 * theory::SupermarketSojourn(2, q.lambda / (q.servers * mu), mu);
    }
    return NAN;
}

bool
JoinsTheLeastLoaded(const std::string& scheduler)
{
    static const std::set<std::string> kLeastLoaded{"lc", "wlc", "sed", "nq"};
    return kLeastLoaded.count(scheduler) > 0;
}

} // namespace

Report
CompareQueueing(const std::vector<SweepPoint>& points, const Tolerance& tolerance)
{
    Report report;
    report.title = "Mean response time against queueing theory";
    report.columns = {"scheduler",
                      "servers",
                      "rho",
                      "runs",
                      "measured_ms",
                      "ci95_ms",
                      "service_ms",
                      "mm1_split_ms",
                      "ek_m1_ms",
                      "mmk_ms",
                      "supermarket_ms",
                      "reference",
                      "deviation_pct",
                      "tolerance_pct",
                      "at_drawn_service_ms"};
    for (const SweepPoint& point : points)
    {
        QueueingPoint q = ReadQueueingPoint(point.runs.front());
        MeanInterval measured =
            OverRuns(point, [](const RunFigures& r) { return r.windowLatencyMeanMs; });
        double split = 1e3 * RandomSplitAtMeasuredShares(point, q);
        double mu = q.mu.front();
        double ek = q.equal ? 1e3 * theory::EkM1Sojourn(q.servers, q.lambda, mu) : NAN;
        double mmk = q.equal ? 1e3 * theory::MMkSojourn(q.servers, q.lambda, mu) : NAN;
        double twos = q.equal ? 1e3 * theory::SupermarketSojourn(2, q.rho, mu) : NAN;
        double tol = q.scheduler == "twos" ? tolerance.limitModel : tolerance.At(q.rho);

        ReportRow row;
        std::string reference = "M/M/1 at its shares (reported)";
        double deviation = (measured.mean - split) / split;
        bool roundRobin = q.scheduler == "rr" || q.scheduler == "wrr";
        bool loadAware = q.scheduler == "twos" || JoinsTheLeastLoaded(q.scheduler);
        if (q.rho >= 1 || (std::isinf(split) && q.scheduler == "sh"))
        {
            // Offered more than the servers (or one of them) can serve: no
            // steady state to compare with (the queue grew all run long).
            reference = "unstable: rho >= 1 on a server (reported)";
            deviation = NAN;
            tol = NAN;
        }
        else if (q.scheduler == "sh")
        {
            reference = "M/M/1 at its shares";
            row.verdict = Near(measured.mean, measured.halfWidth, split, tol);
        }
        else if (q.equal && roundRobin)
        {
            reference = "E_k/M/1";
            deviation = (measured.mean - ek) / ek;
            row.verdict = Near(measured.mean, measured.halfWidth, ek, tol);
        }
        else if (q.udp && loadAware)
        {
            // A UDP entry is never active: the overhead counts the entries
            // of the last UDP timeout, not the requests in progress, so the
            // scheduler balances counts (like rr) instead of queues.
            reference = "UDP: counts entries, not queues (reported)";
            deviation = q.equal ? (measured.mean - ek) / ek : NAN;
            tol = NAN;
        }
        else if (q.equal && q.scheduler == "twos")
        {
            reference = "supermarket d=2";
            deviation = (measured.mean - twos) / twos;
            row.verdict = Near(measured.mean, measured.halfWidth, twos, tol);
        }
        else if (q.equal && JoinsTheLeastLoaded(q.scheduler))
        {
            reference = "between M/M/k and E_k/M/1";
            double low = mmk * (1 - tol) - measured.halfWidth;
            double high = ek * (1 + tol) + measured.halfWidth;
            deviation = measured.mean < mmk  ? (measured.mean - mmk) / mmk
                        : measured.mean > ek ? (measured.mean - ek) / ek
                                             : 0.0;
            row.verdict =
                measured.mean >= low && measured.mean <= high ? Verdict::Pass : Verdict::Fail;
        }
        else if (!q.equal && (roundRobin || JoinsTheLeastLoaded(q.scheduler)))
        {
            // No closed form, but a bound: turns (wrr) make each server's
            // arrivals more regular than a random split's Poisson stream,
            // and joining the least loaded uses more than chance does.
            reference = "at most M/M/1 at its shares";
            row.verdict = measured.mean <= split * (1 + tol) + measured.halfWidth ? Verdict::Pass
                                                                                  : Verdict::Fail;
        }
        else
        {
            tol = NAN;
        }
        auto orNone = [](double v) { return std::isnan(v) ? std::string(kNone) : Fixed(v, 2); };
        row.cells = {q.scheduler,
                     std::to_string(q.servers),
                     Fixed(q.rho, 2),
                     std::to_string(point.runs.size()),
                     Fixed(measured.mean, 2),
                     Fixed(measured.halfWidth, 2),
                     orNone(DrawnServiceMs(point)),
                     Fixed(split, 2),
                     orNone(ek),
                     orNone(mmk),
                     orNone(twos),
                     reference,
                     std::isfinite(deviation) ? Percent(deviation) : kNone,
                     std::isnan(tol) ? kNone : Percent(tol),
                     orNone(ReferenceAtDrawnService(point, q, reference))};
        report.rows.push_back(row);
    }
    report.notes = {
        "Checked rows pass when |measured - theory| <= tolerance x theory + the 95% interval "
        "of the measurement (Student's t over the runs); a range passes when the measured mean "
        "lies in it, widened the same way. service_ms: the mean service time the real servers "
        "drew in these runs (the theory assumes the nominal mean); every point uses the same "
        "random streams (runs 1..N), so a sample that drew long service times shifts every "
        "point the same way. at_drawn_service_ms: the reference theory at the drawn service "
        "times (reported, not checked)."};
    return report;
}

bool
WriteQueueingCurves(const std::vector<SweepPoint>& points, const std::string& path)
{
    std::map<unsigned, double> muOfServers; // equal-server set-ups of the sweep
    for (const SweepPoint& point : points)
    {
        QueueingPoint q = ReadQueueingPoint(point.runs.front());
        if (q.equal)
        {
            muOfServers.emplace(q.servers, q.mu.front());
        }
    }
    if (muOfServers.empty())
    {
        return false;
    }
    std::ofstream out(path);
    if (!out)
    {
        throw ConfigError("cannot write " + path);
    }
    out << "servers,rho,mm1_ms,ek_m1_ms,mmk_ms,supermarket_ms\n";
    for (const auto& [servers, mu] : muOfServers)
    {
        for (int step = 1; step <= 19; ++step)
        {
            double rho = 0.05 * step;
            double lambda = rho * servers * mu;
            out << servers << "," << Fixed(rho, 2) << ","
                << Fixed(1e3 * theory::MM1Sojourn(lambda / servers, mu), 3) << ","
                << Fixed(1e3 * theory::EkM1Sojourn(servers, lambda, mu), 3) << ","
                << Fixed(1e3 * theory::MMkSojourn(servers, lambda, mu), 3) << ","
                << Fixed(1e3 * theory::SupermarketSojourn(2, rho, mu), 3) << "\n";
        }
    }
    return true;
}

// --- the Director's CPU ceiling --------------------------------------------------

namespace
{

struct CapacityFigures
{
    double bytesPerTransaction = 0; ///< mean response size
    double serverMBytesPerS = 0;    ///< what one real server can deliver
    double howtoMBytesPerS = 0;     ///< segment size / reply cost (0 if no reply cost)
};

CapacityFigures
ReadCapacityFigures(const RunFigures& run)
{
    CapacityFigures f;
    f.bytesPerTransaction = MeanOfSpec(run, "response-bytes");
    double workers = std::stod(run.PerServer("server-workers", 1).front());
    double service = MeanOfSpec(run, "server-service-time-ms") / 1e3;
    f.serverMBytesPerS = workers / service * f.bytesPerTransaction / 1e6;
    double replyCostUs = run.Option("director-reply-cost-us");
    if (replyCostUs > 0)
    {
        f.howtoMBytesPerS = run.Option("tcp-segment-bytes") / replyCostUs; // bytes/us = MB/s
    }
    return f;
}

/// CPU seconds per completed transaction, over the window (NaN if nothing
/// completed).
double
CpuPerTransaction(const RunFigures& run)
{
    if (!(run.windowThroughputPerS > 0))
    {
        return NAN;
    }
    return run.directorUtilisation * run.Option("director-cpus") / run.windowThroughputPerS;
}

/// The varied options other than the arrival rate, as a group key.
std::string
GroupOf(const SweepPoint& point)
{
    std::string key;
    for (const auto& [option, value] : point.varied)
    {
        if (option != "arrival-rate-per-s")
        {
            key += option + "=" + value + " ";
        }
    }
    return key;
}

} // namespace

Report
CompareDirectorCapacity(const std::vector<SweepPoint>& points, double tolerance)
{
    Report report;
    report.title = "The Director's CPU ceiling";
    report.columns = {"forwarding",
                      "arrival_rate_per_s",
                      "offered_mb_s",
                      "carried_mb_s",
                      "ci95_mb_s",
                      "director_utilisation",
                      "failed_pct",
                      "cpu_us_per_transaction",
                      "ceiling_mb_s",
                      "servers_fed",
                      "howto_ceiling_mb_s",
                      "howto_servers",
                      "expected_mb_s",
                      "deviation_pct"};
    std::map<std::string, std::vector<const SweepPoint*>> groups;
    std::vector<std::string> order;
    for (const SweepPoint& point : points)
    {
        auto& members = groups[GroupOf(point)];
        if (members.empty())
        {
            order.push_back(GroupOf(point));
        }
        members.push_back(&point);
    }
    for (const std::string& key : order)
    {
        auto& members = groups[key];
        auto rate = [](const SweepPoint* p) {
            return p->runs.front().Option("arrival-rate-per-s");
        };
        std::sort(members.begin(), members.end(), [&](const SweepPoint* a, const SweepPoint* b) {
            return rate(a) < rate(b);
        });
        const RunFigures& lightest = members.front()->runs.front();
        CapacityFigures f = ReadCapacityFigures(lightest);
        double cpuPerTx = OverRuns(*members.front(), CpuPerTransaction).mean;
        if (!(cpuPerTx > 0) || !std::isfinite(cpuPerTx))
        {
            throw ConfigError(lightest.folder +
                              ": no Director CPU time per transaction (the capacity comparison "
                              "needs the processing model: a --director-*-cost-us above 0)");
        }
        // The CPUs are all busy at cpus / cpuPerTx transactions per second.
        double cpus = lightest.Option("director-cpus");
        double ceiling = cpus / cpuPerTx * f.bytesPerTransaction / 1e6;
        for (const SweepPoint* point : members)
        {
            const RunFigures& first = point->runs.front();
            double offered = rate(point) * f.bytesPerTransaction / 1e6;
            MeanInterval carried = OverRuns(*point, [](const RunFigures& r) {
                return r.windowThroughputPerS * MeanOfSpec(r, "response-bytes") / 1e6;
            });
            MeanInterval utilisation =
                OverRuns(*point, [](const RunFigures& r) { return r.directorUtilisation; });
            MeanInterval failed = OverRuns(*point, [](const RunFigures& r) {
                return r.windowStarted > 0 ? r.windowFailed / r.windowStarted : 0.0;
            });
            ReportRow row;
            // Well below the ceiling the Director carries what is offered.
            // Well above it its CPU must be busy all the time; what it then
            // carries is reported against the ceiling, not checked: its full
            // input queue drops packets, and TCP makes that cost more (NAT:
            // resent data, timed-out transactions) or less (DR: a dropped
            // ACK is covered by the next, cumulative one) than the packets
            // of an unhurried transaction.  In between it is reported.
            double expected = NAN;
            if (offered <= 0.85 * ceiling)
            {
                expected = offered;
                row.verdict = Near(carried.mean, carried.halfWidth, expected, tolerance);
            }
            else if (offered >= 1.15 * ceiling)
            {
                expected = ceiling;
                row.verdict = utilisation.mean >= 0.95 ? Verdict::Pass : Verdict::Fail;
            }
            row.cells = {
                first.config.at("forwarding"),
                Fixed(rate(point), 0),
                Fixed(offered, 3),
                Fixed(carried.mean, 3),
                Fixed(carried.halfWidth, 3),
                Fixed(utilisation.mean, 3),
                Percent(failed.mean),
                Fixed(1e6 * cpuPerTx, 1),
                Fixed(ceiling, 3),
                Fixed(ceiling / f.serverMBytesPerS, 1),
                f.howtoMBytesPerS > 0 ? Fixed(f.howtoMBytesPerS, 3) : kNone,
                f.howtoMBytesPerS > 0 ? Fixed(f.howtoMBytesPerS / f.serverMBytesPerS, 1) : kNone,
                std::isnan(expected) ? kNone : Fixed(expected, 3),
                std::isnan(expected) ? kNone : Percent((carried.mean - expected) / expected)};
            report.rows.push_back(row);
        }
    }
    report.notes = {
        "ceiling_mb_s: response bytes per second at which the Director's CPUs are busy all the "
        "time, from the CPU time per transaction measured at the lightest load; servers_fed: "
        "that ceiling over what one real server delivers. howto_ceiling_mb_s: the LVS HOWTO's "
        "arithmetic, one full segment per reply cost.",
        "Checked rows: offered at most 85% of the ceiling, the carried throughput is the "
        "offered one (within the tolerance plus its 95% interval); offered at least 115%, the "
        "Director's CPU is busy at least 95% of the window, and what it carries is reported "
        "against the ceiling (deviation_pct): past the ceiling its input queue drops packets, "
        "which costs NAT resends and timed-out transactions (failed_pct) and costs DR little "
        "(a dropped ACK is covered by the next one)."};
    return report;
}

// --- persistence ------------------------------------------------------------------

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

// --- hash tables ------------------------------------------------------------------

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
