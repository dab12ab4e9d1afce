// Reads an INI configuration file for lvs-sim: "key = value" lines, '#' or
// ';' comments, and optional "[group]" headings that only group keys for
// the reader.  Keys are the command-line option names without "--".
#ifndef LVS_CONFIG_FILE_H
#define LVS_CONFIG_FILE_H

#include <istream>
#include <stdexcept>
#include <string>
#include <vector>

namespace ns3
{

/// A configuration problem, with its origin ("file:line" or "--option").
class ConfigError : public std::runtime_error
{
  public:
    explicit ConfigError(const std::string& message)
        : std::runtime_error(message)
    {
    }
};

struct ConfigEntry
{
    std::string key;
    std::string value;
    int line;
};

/// Reads @p path; throws ConfigError naming the file (and line) for an
/// unreadable file, a malformed line or a key given twice.
std::vector<ConfigEntry> ReadConfigFile(const std::string& path);

/// The same for text already open; @p name is used in messages.
std::vector<ConfigEntry> ParseConfigText(std::istream& in, const std::string& name);

} // namespace ns3

#endif
