// lvs-validate: holds lvs-sim's results against queueing theory, Maglev's
// properties and the LVS HOWTO's capacity arithmetic (docs/validation.md).
//
//   lvs-validate queueing SWEEP_DIR      mean response time per scheduler
//   lvs-validate capacity SWEEP_DIR      the Director's CPU ceiling
//   lvs-validate persistence SWEEP_DIR   the busiest server under -p / -M
//   lvs-validate hash-tables             mh and sh tables (no simulation)
//
// Prints the comparison as a Markdown table, writes it as CSV
// (SWEEP_DIR/validation.csv, or --csv FILE; queueing also writes the theory
// as curves over the load, SWEEP_DIR/theory-curves.csv) and exits 1 if a checked row is
// outside its tolerance, so that a test can run a short sweep through it.
#include "analysis/validation/comparisons.h"
#include "scenarios/config-file.h"

#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

namespace
{

using namespace lvs::validation;

int
Usage()
{
    std::cerr << "usage: lvs-validate queueing|capacity|persistence SWEEP_DIR [--csv FILE] "
                 "[--tolerance FRACTION]\n"
                 "       lvs-validate hash-tables [--csv FILE]\n"
                 "Compares lvs-sim's results with theory (see docs/validation.md); exits 1 if a "
                 "checked figure is outside its tolerance.\n";
    return 2;
}

struct Arguments
{
    std::string kind;
    std::string sweepDir;
    std::string csv;
    double tolerance = -1; ///< -1: the comparison's own
};

bool
ParseArguments(int argc, char** argv, Arguments* a)
{
    std::vector<std::string> words(argv + 1, argv + argc);
    for (size_t i = 0; i < words.size(); ++i)
    {
        const std::string& word = words[i];
        bool hasValue = i + 1 < words.size();
        if (word == "--csv" && hasValue)
        {
            a->csv = words[++i];
        }
        else if (word == "--tolerance" && hasValue)
        {
            char* end = nullptr;
            const std::string& text = words[++i];
            a->tolerance = std::strtod(text.c_str(), &end);
            if (end != text.c_str() + text.size() || !(a->tolerance >= 0 && a->tolerance < 1))
            {
                std::cerr << "lvs-validate: --tolerance: '" << text
                          << "' is not a fraction from 0 to 1 (0.03 is 3%)\n";
                return false;
            }
        }
        else if (word.rfind("--", 0) == 0)
        {
            return false;
        }
        else if (a->kind.empty())
        {
            a->kind = word;
        }
        else if (a->sweepDir.empty())
        {
            a->sweepDir = word;
        }
        else
        {
            return false;
        }
    }
    bool needsSweep = a->kind != "hash-tables";
    return !a->kind.empty() && needsSweep != a->sweepDir.empty();
}

Report
Compare(const Arguments& a)
{
    if (a.kind == "hash-tables")
    {
        if (a.tolerance >= 0)
        {
            throw ns3::ConfigError("--tolerance does not apply to the hash-tables comparison");
        }
        return CompareHashTables();
    }
    size_t incomplete = 0;
    std::vector<SweepPoint> points = ReadSweep(a.sweepDir, &incomplete);
    if (incomplete > 0)
    {
        // A run that crashed or was stopped is a point with less evidence:
        // say so rather than compare what is left.
        throw ns3::ConfigError(a.sweepDir + ": " + std::to_string(incomplete) +
                               " run(s) of sweep.csv did not finish (resume the sweep first)");
    }
    if (a.kind == "queueing")
    {
        Tolerance tolerance;
        if (a.tolerance >= 0)
        {
            tolerance.lowLoad = tolerance.highLoad = tolerance.limitModel = a.tolerance;
        }
        if (!a.sweepDir.empty())
        {
            WriteQueueingCurves(points, a.sweepDir + "/theory-curves.csv");
        }
        return CompareQueueing(points, tolerance);
    }
    if (a.kind == "capacity")
    {
        return CompareDirectorCapacity(points, a.tolerance >= 0 ? a.tolerance : 0.05);
    }
    if (a.kind == "persistence")
    {
        if (a.tolerance >= 0)
        {
            throw ns3::ConfigError("--tolerance does not apply to the persistence comparison");
        }
        return ComparePersistence(points);
    }
    throw ns3::ConfigError("unknown comparison '" + a.kind +
                           "' (queueing, capacity, persistence or hash-tables)");
}

} // namespace

int
main(int argc, char** argv)
{
    Arguments arguments;
    if (!ParseArguments(argc, argv, &arguments))
    {
        return Usage();
    }
    try
    {
        Report report = Compare(arguments);
        report.PrintMarkdown(std::cout);
        std::string csv = arguments.csv;
        if (csv.empty() && !arguments.sweepDir.empty())
        {
            csv = arguments.sweepDir + "/validation.csv";
        }
        if (!csv.empty())
        {
            report.WriteCsv(csv);
        }
        if (!report.Passed())
        {
            std::cerr << "lvs-validate: a checked figure is outside its tolerance (FAIL rows)\n";
            return 1;
        }
        if (report.Checked() == 0)
        {
            std::cerr << "lvs-validate: no row of this sweep is held to a tolerance\n";
            return 1;
        }
        return 0;
    }
    catch (const std::exception& e)
    {
        std::cerr << "lvs-validate: " << e.what() << "\n";
        return 2;
    }
}
