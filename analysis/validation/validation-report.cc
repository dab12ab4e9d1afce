#include "analysis/validation/validation-report.h"

#include "scenarios/config-file.h"

#include <cmath>
#include <fstream>
#include <sstream>

namespace lvs
{
namespace validation
{

const char*
VerdictName(Verdict verdict)
{
    switch (verdict)
    {
    case Verdict::Pass:
        return "pass";
    case Verdict::Fail:
        return "FAIL";
    case Verdict::Reported:
        break;
    }
    return "reported";
}

bool
Report::Passed() const
{
    for (const ReportRow& row : rows)
    {
        if (row.verdict == Verdict::Fail)
        {
            return false;
        }
    }
    return true;
}

size_t
Report::Checked() const
{
    size_t checked = 0;
    for (const ReportRow& row : rows)
    {
        checked += row.verdict != Verdict::Reported;
    }
    return checked;
}

void
Report::PrintMarkdown(std::ostream& out) const
{
    out << "### " << title << "\n\n|";
    for (const std::string& column : columns)
    {
        out << " " << column << " |";
    }
    out << " verdict |\n|";
    for (size_t i = 0; i <= columns.size(); ++i)
    {
        out << " --- |";
    }
    out << "\n";
    for (const ReportRow& row : rows)
    {
        out << "|";
        for (const std::string& cell : row.cells)
        {
            out << " " << cell << " |";
        }
        out << " " << VerdictName(row.verdict) << " |\n";
    }
    out << "\n";
    for (const std::string& note : notes)
    {
        out << note << "\n";
    }
    if (!notes.empty())
    {
        out << "\n";
    }
}

void
Report::WriteCsv(const std::string& path) const
{
    std::ofstream out(path);
    if (!out)
    {
        throw ns3::ConfigError("cannot write " + path);
    }
    for (const std::string& column : columns)
    {
        out << column << ",";
    }
    out << "verdict\n";
    for (const ReportRow& row : rows)
    {
        for (const std::string& cell : row.cells)
        {
            bool quote = cell.find(',') != std::string::npos;
            out << (quote ? "\"" + cell + "\"" : cell) << ",";
        }
        out << VerdictName(row.verdict) << "\n";
    }
}

std::string
Fixed(double value, int decimals)
{
    if (std::isnan(value))
    {
        return "-";
    }
    if (std::isinf(value))
    {
        return value > 0 ? "inf" : "-inf";
    }
    std::ostringstream text;
    text.setf(std::ios::fixed);
    text.precision(decimals);
    text << value;
    return text.str();
}

} // namespace validation
} // namespace lvs
