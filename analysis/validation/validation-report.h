// What lvs-validate prints: per comparison a table of measured figures next
// to the theory or published figure they are held against, each row either
// checked against a stated tolerance or only reported.  Written as
// Markdown (for docs/validation.md) and as CSV (for the plots).
#ifndef LVS_VALIDATION_REPORT_H
#define LVS_VALIDATION_REPORT_H

#include <ostream>
#include <string>
#include <vector>

namespace lvs
{
namespace validation
{

enum class Verdict
{
    Reported, ///< shown for comparison, no tolerance applies
    Pass,
    Fail,
};

const char* VerdictName(Verdict verdict);

struct ReportRow
{
    std::vector<std::string> cells; ///< one per column
    Verdict verdict = Verdict::Reported;
};

struct Report
{
    std::string title;
    std::vector<std::string> columns;
    std::vector<ReportRow> rows;
    std::vector<std::string> notes; ///< printed under the table

    /// No row failed.
    bool Passed() const;
    /// Rows held to a tolerance (passed or failed).
    size_t Checked() const;
    void PrintMarkdown(std::ostream& out) const;
    /// The table with a last column "verdict"; numbers as plain numbers.
    void WriteCsv(const std::string& path) const;
};

/// @p value with @p decimals digits after the point ("inf" if infinite,
/// "-" if not a number).
std::string Fixed(double value, int decimals);

} // namespace validation
} // namespace lvs

#endif
