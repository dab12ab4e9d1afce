// Reading lvs-sim's options by their declaration (option-table.h): every
// typed read checks the declared range or choices, and a bad value names
// where it came from (the command line, or the configuration file and
// line) and what the option accepts.
#ifndef LVS_OPTION_READER_H
#define LVS_OPTION_READER_H

#include "model/apps/distribution-spec.h"
#include "model/ipvs/ipvs-types.h"
#include "scenarios/config-file.h"
#include "scenarios/option-table.h"

#include <boost/program_options.hpp>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

class OptionReader
{
  public:
    OptionReader(const boost::program_options::variables_map& vm,
                 std::map<std::string, std::string> origins)
        : m_vm(vm),
          m_origins(std::move(origins))
    {
    }

    [[noreturn]] void Fail(const std::string& name, const std::string& problem) const;

    /// "--name", "FILE:LINE: name" or "default of --name".
    std::string Origin(const std::string& name) const;

    /// Given on the command line or in the file (not a default).
    bool IsSet(const std::string& name) const
    {
        return m_origins.count(name) > 0;
    }

    /// The value as given (or the default), unchecked.
    std::string Text(const std::string& name) const;

    /// Whole options, in their declared range.
    uint64_t Whole(const std::string& name) const
    {
        return WholeOf(name, Text(name));
    }

    /// One item of a Whole option's list (per-server values).
    uint64_t WholeOf(const std::string& name, const std::string& text) const;

    /// A whole number in [min, max] that is part of a Text option's format.
    uint64_t WholeIn(const std::string& name,
                     const std::string& text,
                     uint64_t min,
                     uint64_t max) const;

    double Real(const std::string& name) const;
    bool Boolean(const std::string& name) const;

    /// One of the declared choices.
    std::string Choice(const std::string& name) const
    {
        return ChoiceOf(name, Text(name));
    }

    std::string ChoiceOf(const std::string& name, const std::string& text) const;
    ipvs::Addr Address(const std::string& name) const;
    /// A comma-separated list of distinct IPv4 addresses, at least one.
    std::vector<ipvs::Addr> Addresses(const std::string& name) const;
    /// a.b.c.d/len
    std::pair<ipvs::Addr, int> Network(const std::string& name) const;

    DistributionSpec Distribution(const std::string& name) const
    {
        return DistributionOf(name, Text(name));
    }

    DistributionSpec DistributionOf(const std::string& name, const std::string& text) const;

    /// A per-server option's values, one per server: the given list (one
    /// value for all, or exactly @p count), or the default list repeated
    /// over the servers.  @p withRules picks the declared rules default.
    std::vector<std::string> PerServer(const std::string& name,
                                       size_t count,
                                       bool withRules = false) const;

  private:
    const OptionDeclaration& Declaration(const std::string& name) const;

    const boost::program_options::variables_map& m_vm;
    std::map<std::string, std::string> m_origins;
};

/// Items of a comma-separated list, trimmed; with @p keepEmpty, empty
/// items too (a per-server list must not lose a position).
std::vector<std::string> SplitList(const std::string& text, bool keepEmpty = false);

} // namespace ns3

#endif
