#include "scenarios/config-file.h"

#include <fstream>
#include <map>
#include <sys/stat.h>

namespace ns3
{

namespace
{

std::string
Trim(const std::string& s)
{
    const char* space = " \t\r\n";
    size_t first = s.find_first_not_of(space);
    if (first == std::string::npos)
    {
        return "";
    }
    return s.substr(first, s.find_last_not_of(space) - first + 1);
}

} // namespace

std::vector<ConfigEntry>
ReadConfigFile(const std::string& path)
{
    struct stat info;
    if (stat(path.c_str(), &info) != 0)
    {
        throw ConfigError(path + ": cannot read the configuration file: no such file");
    }
    if (!S_ISREG(info.st_mode))
    {
        throw ConfigError(path + ": cannot read the configuration file: not a regular file");
    }
    std::ifstream in(path);
    if (!in)
    {
        throw ConfigError(path + ": cannot read the configuration file");
    }
    return ParseConfigText(in, path);
}

std::vector<ConfigEntry>
ParseConfigText(std::istream& in, const std::string& path)
{
    std::vector<ConfigEntry> entries;
    std::map<std::string, int> firstLine;
    std::string text;
    int number = 0;
    while (std::getline(in, text))
    {
        ++number;
        std::string line = Trim(text.substr(0, text.find_first_of("#;")));
        if (line.empty() || (line.front() == '[' && line.back() == ']'))
        {
            continue;
        }
        std::string where = path + ":" + std::to_string(number) + ": ";
        size_t eq = line.find('=');
        if (eq == std::string::npos)
        {
            throw ConfigError(where + "expected 'key = value', got '" + line + "'");
        }
        std::string key = Trim(line.substr(0, eq));
        std::string value = Trim(line.substr(eq + 1));
        if (key.empty())
        {
            throw ConfigError(where + "missing key before '='");
        }
        if (firstLine.count(key))
        {
            throw ConfigError(where + "'" + key + "' is set twice (first at line " +
                              std::to_string(firstLine[key]) + ")");
        }
        firstLine[key] = number;
        entries.push_back({key, value, number});
    }
    if (in.bad())
    {
        throw ConfigError(path + ": read error");
    }
    return entries;
}

} // namespace ns3
