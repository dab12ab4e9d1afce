// A rules file: the Director's rules as `ipvsadm -Sn` (or ipvsadm-save)
// writes them, one command per line, plus rule changes at simulated times
// with an `at SECONDS` prefix:
//
//   -A -t 10.0.0.100:80 -s wlc
//   -a -t 10.0.0.100:80 -r 192.168.10.11:80 -m -w 3
//   at 30 -e -t 10.0.0.100:80 -r 192.168.10.11:80 -m -w 0    # drain
//
// '#' starts a comment; blank lines are ignored; a token "ipvsadm" is
// ignored, so `ipvsadm -A ...` lines work too.  `ipvsadm -Ln` output is
// read as the rules it lists.
#ifndef IPVS_IPVSADM_RULES_H
#define IPVS_IPVSADM_RULES_H

#include "model/ipvs/ipvsadm/ipvsadm-command.h"

#include <istream>
#include <stdexcept>
#include <string>
#include <vector>

namespace ipvs
{

/// A bad rule: "FILE:LINE: message".
class RulesError : public std::runtime_error
{
  public:
    RulesError(const std::string& file, int line, const std::string& message);

    int GetLine() const
    {
        return m_line;
    }

  private:
    int m_line;
};

struct RuleLine
{
    int line = 0;
    bool timed = false; ///< an `at` rule
    Time at = 0;
    IpvsadmCommand command;
};

/// Parses a rules file and checks it by applying it, in time order, to a
/// scratch Director: any rule ipvsadm or the kernel would refuse is an
/// error naming @p file and the line.  An `ipvsadm -Ln` listing is read
/// too (ipvsadm-listing-rules.h), and says so in @p wasListing.
std::vector<RuleLine> ReadRules(std::istream& input,
                                const std::string& file,
                                bool* wasListing = nullptr);

/// Applies the rules without an `at` prefix (the Director's start state).
void ApplyInitialRules(IpvsEngine& engine, const std::vector<RuleLine>& rules);

} // namespace ipvs

#endif
