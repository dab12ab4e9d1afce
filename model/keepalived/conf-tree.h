// keepalived.conf's syntax, without its meaning: a keyword, its arguments
// (the rest of its line) and, when a `{` follows, a block of statements.
// Comments run from `#` or `!` to the end of the line; braces are tokens
// of their own even when written against a word; "quoted strings" are
// one argument.
#ifndef KEEPALIVED_CONF_TREE_H
#define KEEPALIVED_CONF_TREE_H

#include <istream>
#include <stdexcept>
#include <string>
#include <vector>

namespace keepalived
{

/// A configuration keepalived would refuse, or lvs-sim cannot model; the
/// message starts with FILE:LINE.
class ConfError : public std::runtime_error
{
  public:
    explicit ConfError(const std::string& message)
        : std::runtime_error(message)
    {
    }
};

struct ConfNode
{
    std::string keyword;
    std::vector<std::string> args;
    int line = 0;
    bool hasBlock = false;
    std::vector<ConfNode> children;
};

/// The statements of @p input; throws ConfError for an unbalanced brace.
std::vector<ConfNode> ParseConfTree(std::istream& input, const std::string& file);

} // namespace keepalived

#endif
