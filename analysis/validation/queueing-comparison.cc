// Mean response time per scheduler against queueing theory
// (docs/validation.md): M/M/1 for a random split, E_k/M/1 for turns, the
// range M/M/k .. E_k/M/1 for joining the least loaded, the supermarket
// model for the power of two choices.
#include "analysis/validation/comparison-common.h"
#include "analysis/validation/comparisons.h"
#include "analysis/validation/queueing-theory.h"
#include "scenarios/config-file.h"

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

namespace
{

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

bool
JoinsTheLeastLoaded(const std::string& scheduler)
{
    static const std::set<std::string> kLeastLoaded{"lc", "wlc", "sed", "nq"};
    return kLeastLoaded.count(scheduler) > 0;
}

/// The theory a point is held against: chosen once, printed by its label
/// and used again for the figure at the drawn service times.
enum class Reference
{
    ReportedSplit,    ///< no theory applies: the random split, for comparison
    Unstable,         ///< rho >= 1 somewhere: no steady state
    RandomSplit,      ///< sh: M/M/1 per server at its measured share
    EkM1,             ///< rr, wrr over equal servers
    UdpCounts,        ///< a load-aware scheduler over UDP: balances entry counts
    Supermarket,      ///< twos over equal servers
    LeastLoadedRange, ///< lc, wlc, sed, nq over equal servers
    RandomSplitBound, ///< wrr, wlc, ... over unequal servers: no worse than chance
};

std::string
LabelOf(Reference reference)
{
    switch (reference)
    {
    case Reference::ReportedSplit:
        return "M/M/1 at its shares (reported)";
    case Reference::Unstable:
        return "unstable: rho >= 1 on a server (reported)";
    case Reference::RandomSplit:
        return "M/M/1 at its shares";
    case Reference::EkM1:
        return "E_k/M/1";
    case Reference::UdpCounts:
        return "UDP: counts entries, not queues (reported)";
    case Reference::Supermarket:
        return "supermarket d=2";
    case Reference::LeastLoadedRange:
        return "between M/M/k and E_k/M/1";
    case Reference::RandomSplitBound:
        return "at most M/M/1 at its shares";
    }
    return "";
}

Reference
ChooseReference(const QueueingPoint& q, double split)
{
    bool roundRobin = q.scheduler == "rr" || q.scheduler == "wrr";
    bool leastLoaded = JoinsTheLeastLoaded(q.scheduler);
    if (q.rho >= 1 || (std::isinf(split) && q.scheduler == "sh"))
    {
        // Offered more than the servers (or one of them) can serve: the
        // queue grew all run long.
        return Reference::Unstable;
    }
    if (q.scheduler == "sh")
    {
        return Reference::RandomSplit;
    }
    if (q.equal && roundRobin)
    {
        return Reference::EkM1;
    }
    if (q.udp && (leastLoaded || q.scheduler == "twos"))
    {
        // A UDP entry is never active: the overhead counts the entries of
        // the last UDP timeout, not the requests in progress, so the
        // scheduler balances counts (like rr) instead of queues.
        return Reference::UdpCounts;
    }
    if (q.equal && q.scheduler == "twos")
    {
        return Reference::Supermarket;
    }
    if (q.equal && leastLoaded)
    {
        return Reference::LeastLoadedRange;
    }
    if (!q.equal && (roundRobin || leastLoaded))
    {
        // No closed form, but a bound: turns (wrr) make each server's
        // arrivals more regular than a random split's Poisson stream, and
        // joining the least loaded uses more than chance does.
        return Reference::RandomSplitBound;
    }
    return Reference::ReportedSplit;
}

/// The theories of a point, ms (NaN where they do not apply).
struct Theories
{
    double split = NAN; ///< M/M/1 at the measured shares
    double ek = NAN;
    double mmk = NAN;
    double twos = NAN;
};

Theories
TheoriesOf(const SweepPoint& point, const QueueingPoint& q)
{
    Theories t;
    t.split = 1e3 * RandomSplitAtMeasuredShares(point, q);
    if (q.equal)
    {
        double mu = q.mu.front();
        t.ek = 1e3 * theory::EkM1Sojourn(q.servers, q.lambda, mu);
        t.mmk = 1e3 * theory::MMkSojourn(q.servers, q.lambda, mu);
        t.twos = 1e3 * theory::SupermarketSojourn(2, q.rho, mu);
    }
    return t;
}

/// What a row says: its verdict, the deviation from its reference and the
/// tolerance it was held to (NaN: none).
struct Judgement
{
    Verdict verdict = Verdict::Reported;
    double deviation = NAN;
    double tolerance = NAN;
};

Judgement
Judge(Reference reference, const MeanInterval& measured, const Theories& t, double tolerance)
{
    auto near = [&](double theory) {
        return Judgement{Near(measured.mean, measured.halfWidth, theory, tolerance),
                         (measured.mean - theory) / theory,
                         tolerance};
    };
    switch (reference)
    {
    case Reference::RandomSplit:
        return near(t.split);
    case Reference::EkM1:
        return near(t.ek);
    case Reference::Supermarket:
        return near(t.twos);
    case Reference::LeastLoadedRange: {
        double low = t.mmk * (1 - tolerance) - measured.halfWidth;
        double high = t.ek * (1 + tolerance) + measured.halfWidth;
        double deviation = measured.mean < t.mmk  ? (measured.mean - t.mmk) / t.mmk
                           : measured.mean > t.ek ? (measured.mean - t.ek) / t.ek
                                                  : 0.0;
        bool inside = measured.mean >= low && measured.mean <= high;
        return Judgement{inside ? Verdict::Pass : Verdict::Fail, deviation, tolerance};
    }
    case Reference::RandomSplitBound: {
        bool below = measured.mean <= t.split * (1 + tolerance) + measured.halfWidth;
        return Judgement{below ? Verdict::Pass : Verdict::Fail,
                         (measured.mean - t.split) / t.split,
                         tolerance};
    }
    case Reference::UdpCounts:
        return Judgement{Verdict::Reported, (measured.mean - t.ek) / t.ek, NAN};
    case Reference::Unstable:
        return Judgement{};
    case Reference::ReportedSplit:
        return Judgement{Verdict::Reported, (measured.mean - t.split) / t.split, NAN};
    }
    return Judgement{};
}

/// The reference theory again, with the service times the runs drew
/// instead of the nominal ones (ms; NaN where it does not apply): how much
/// of a deviation the sample of service times explains.
double
ReferenceAtDrawnService(const SweepPoint& point, const QueueingPoint& q, Reference reference)
{
    double drawnMs = DrawnServiceMs(point);
    if (std::isnan(drawnMs))
    {
        return NAN;
    }
    double mu = 1e3 / drawnMs;
    switch (reference)
    {
    case Reference::RandomSplit: {
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
    case Reference::EkM1:
        return 1e3 * theory::EkM1Sojourn(q.servers, q.lambda, mu);
    case Reference::Supermarket:
        return 1e3 * theory::SupermarketSojourn(2, q.lambda / (q.servers * mu), mu);
    default:
        return NAN;
    }
}

std::string
OrNone(double value)
{
    return std::isnan(value) ? std::string(kNone) : Fixed(value, 2);
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
        Theories t = TheoriesOf(point, q);
        Reference reference = ChooseReference(q, t.split);
        double tol = q.scheduler == "twos" ? tolerance.limitModel : tolerance.At(q.rho);
        Judgement j = Judge(reference, measured, t, tol);
        ReportRow row;
        row.verdict = j.verdict;
        row.cells = {q.scheduler,
                     std::to_string(q.servers),
                     Fixed(q.rho, 2),
                     std::to_string(point.runs.size()),
                     Fixed(measured.mean, 2),
                     Fixed(measured.halfWidth, 2),
                     OrNone(DrawnServiceMs(point)),
                     Fixed(t.split, 2),
                     OrNone(t.ek),
                     OrNone(t.mmk),
                     OrNone(t.twos),
                     LabelOf(reference),
                     std::isfinite(j.deviation) ? Percent(j.deviation) : kNone,
                     std::isnan(j.tolerance) ? kNone : Percent(j.tolerance),
                     OrNone(ReferenceAtDrawnService(point, q, reference))};
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

} // namespace validation
} // namespace lvs
