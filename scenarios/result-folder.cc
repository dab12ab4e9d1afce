#include "scenarios/result-folder.h"

#include "scenarios/config-file.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace ns3
{

namespace
{

/// The cells of one CSV line; a cell in double quotes may hold commas
/// (and "" for a quote).
std::vector<std::string>
SplitCells(const std::string& line)
{
    std::vector<std::string> cells(1);
    bool quoted = false;
    for (size_t i = 0; i < line.size(); ++i)
    {
        char c = line[i];
        if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"')
        {
            cells.back() += '"';
            ++i;
        }
        else if (c == '"')
        {
            quoted = !quoted;
        }
        else if (c == ',' && !quoted)
        {
            cells.emplace_back();
        }
        else
        {
            cells.back() += c;
        }
    }
    return cells;
}

} // namespace

CsvTable
CsvTable::Read(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
    {
        throw ConfigError(path + ": cannot read");
    }
    CsvTable table;
    table.m_path = path;
    std::string line;
    std::getline(in, line);
    table.m_header = SplitCells(line);
    for (size_t number = 2; std::getline(in, line); ++number)
    {
        auto cells = SplitCells(line);
        if (cells.size() != table.m_header.size())
        {
            throw ConfigError(path + ":" + std::to_string(number) + ": " +
                              std::to_string(cells.size()) + " cells for " +
                              std::to_string(table.m_header.size()) + " columns");
        }
        table.m_rows.push_back(std::move(cells));
    }
    return table;
}

size_t
CsvTable::Column(const std::string& column) const
{
    for (size_t i = 0; i < m_header.size(); ++i)
    {
        if (m_header[i] == column)
        {
            return i;
        }
    }
    throw ConfigError(m_path + ": no column '" + column + "'");
}

const std::string&
CsvTable::Cell(size_t row, const std::string& column) const
{
    return m_rows.at(row).at(Column(column));
}

double
CsvTable::Number(size_t row, const std::string& column) const
{
    const std::string& text = Cell(row, column);
    try
    {
        return std::stod(text);
    }
    catch (const std::exception&)
    {
        throw ConfigError(m_path + ": '" + text + "' in column " + column + " is not a number");
    }
}

ResultFolder::ResultFolder(std::string path)
    : m_path(std::move(path))
{
}

const nlohmann::json&
ResultFolder::Summary() const
{
    if (!m_loaded)
    {
        std::string path = m_path + "/summary.json";
        std::ifstream in(path);
        if (!in)
        {
            throw ConfigError(path + ": cannot read");
        }
        try
        {
            m_summary = nlohmann::json::parse(in);
        }
        catch (const nlohmann::json::exception& e)
        {
            throw ConfigError(path + ": " + e.what());
        }
        m_loaded = true;
    }
    return m_summary;
}

bool
ResultFolder::IsComplete() const
{
    try
    {
        return Summary().contains("wall_time_s");
    }
    catch (const ConfigError&)
    {
        return false;
    }
}

double
ResultFolder::Number(const std::string& pointer) const
{
    nlohmann::json::json_pointer at(pointer);
    const nlohmann::json& summary = Summary();
    if (!summary.contains(at) || !summary.at(at).is_number())
    {
        throw ConfigError(m_path + "/summary.json: no number at " + pointer);
    }
    return summary.at(at).get<double>();
}

double
ResultFolder::NumberOr(const std::string& pointer, double fallback) const
{
    nlohmann::json::json_pointer at(pointer);
    const nlohmann::json& summary = Summary();
    return summary.contains(at) && summary.at(at).is_number() ? summary.at(at).get<double>()
                                                              : fallback;
}

CsvTable
ResultFolder::Table(const std::string& file) const
{
    return CsvTable::Read(m_path + "/" + file);
}

void
MakeFolder(const std::string& path)
{
    std::error_code error;
    std::filesystem::create_directories(path, error);
    if (error)
    {
        throw ConfigError(path + ": cannot create the result folder: " + error.message());
    }
}

} // namespace ns3
