// Reading an lvs-sim result folder: summary.json through a JSON library,
// CSV files by their header.  The one reader lvs-sweep and the tests share,
// so a column or key is found by its name, never by position or by text
// search.  MakeFolder is the one way result folders are created.
#ifndef LVS_RESULT_FOLDER_H
#define LVS_RESULT_FOLDER_H

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace ns3
{

/// A headed CSV file.
class CsvTable
{
  public:
    /// Reads @p path; throws ConfigError if it cannot be read or a row has
    /// another number of cells than the header.
    static CsvTable Read(const std::string& path);

    const std::vector<std::string>& Header() const
    {
        return m_header;
    }

    size_t Rows() const
    {
        return m_rows.size();
    }

    /// The index of @p column; throws ConfigError if there is none.
    size_t Column(const std::string& column) const;
    const std::string& Cell(size_t row, const std::string& column) const;
    double Number(size_t row, const std::string& column) const;

  private:
    std::string m_path;
    std::vector<std::string> m_header;
    std::vector<std::vector<std::string>> m_rows;
};

class ResultFolder
{
  public:
    explicit ResultFolder(std::string path);

    const std::string& Path() const
    {
        return m_path;
    }

    /// A run finished writing the folder: summary.json parses and has its
    /// last figure (wall_time_s).
    bool IsComplete() const;

    /// summary.json; throws ConfigError if missing or malformed.
    const nlohmann::json& Summary() const;

    /// A number of summary.json by JSON pointer ("/transactions/completed",
    /// "/latency_ms/p99"); throws ConfigError if it is absent.
    double Number(const std::string& pointer) const;

    /// A number of summary.json, or @p fallback if it is absent (a drop
    /// reason that never happened, say).
    double NumberOr(const std::string& pointer, double fallback) const;

    /// A CSV file of the folder ("servers.csv").
    CsvTable Table(const std::string& file) const;

  private:
    std::string m_path;
    mutable nlohmann::json m_summary;
    mutable bool m_loaded = false;
};

/// Creates @p path and its parents; throws ConfigError on failure.
void MakeFolder(const std::string& path);

} // namespace ns3

#endif
