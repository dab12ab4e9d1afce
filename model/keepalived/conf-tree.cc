#include "model/keepalived/conf-tree.h"

#include <cctype>

namespace keepalived
{

namespace
{

struct Token
{
    std::string text;
    int line = 0;
    bool quoted = false;
};

void
SplitLine(const std::string& line, int number, std::vector<Token>& tokens)
{
    size_t i = 0;
    while (i < line.size())
    {
        char c = line[i];
        if (std::isspace(static_cast<unsigned char>(c)))
        {
            ++i;
        }
        else if (c == '#' || c == '!')
        {
            return;
        }
        else if (c == '{' || c == '}')
        {
            tokens.push_back({std::string(1, c), number, false});
            ++i;
        }
        else if (c == '"')
        {
            size_t end = line.find('"', i + 1);
            end = end == std::string::npos ? line.size() : end;
            tokens.push_back({line.substr(i + 1, end - i - 1), number, true});
            i = end + 1;
        }
        else
        {
            size_t start = i;
            while (i < line.size() && !std::isspace(static_cast<unsigned char>(line[i])) &&
                   line[i] != '{' && line[i] != '}')
            {
                ++i;
            }
            tokens.push_back({line.substr(start, i - start), number, false});
        }
    }
}

bool
IsBrace(const Token& t, char brace)
{
    return !t.quoted && t.text.size() == 1 && t.text[0] == brace;
}

class TreeBuilder
{
  public:
    TreeBuilder(std::vector<Token> tokens, std::string file)
        : m_tokens(std::move(tokens)),
          m_file(std::move(file))
    {
    }

    std::vector<ConfNode> Build()
    {
        std::vector<ConfNode> top = Statements(0);
        if (m_at < m_tokens.size())
        {
            throw ConfError(m_file + ":" + std::to_string(m_tokens[m_at].line) +
                            ": '}' closes no block");
        }
        return top;
    }

  private:
    /// Statements up to the `}` that closes the block opened at line
    /// @p openedAt (0: the file's end).
    std::vector<ConfNode> Statements(int openedAt)
    {
        std::vector<ConfNode> nodes;
        while (m_at < m_tokens.size() && !IsBrace(m_tokens[m_at], '}'))
        {
            if (IsBrace(m_tokens[m_at], '{'))
            {
                throw ConfError(m_file + ":" + std::to_string(m_tokens[m_at].line) +
                                ": '{' without a keyword before it");
            }
            nodes.push_back(Statement());
        }
        if (openedAt > 0)
        {
            if (m_at >= m_tokens.size())
            {
                throw ConfError(m_file + ":" + std::to_string(openedAt) +
                                ": this block is never closed ('}' missing)");
            }
            ++m_at; // the closing brace
        }
        return nodes;
    }

    ConfNode Statement()
    {
        ConfNode node;
        node.keyword = m_tokens[m_at].text;
        node.line = m_tokens[m_at].line;
        ++m_at;
        while (m_at < m_tokens.size() && m_tokens[m_at].line == node.line &&
               !IsBrace(m_tokens[m_at], '{') && !IsBrace(m_tokens[m_at], '}'))
        {
            node.args.push_back(m_tokens[m_at++].text);
        }
        // The block may open on the keyword's line or on the next one.
        if (m_at < m_tokens.size() && IsBrace(m_tokens[m_at], '{'))
        {
            ++m_at;
            node.hasBlock = true;
            node.children = Statements(node.line);
        }
        return node;
    }

    std::vector<Token> m_tokens;
    std::string m_file;
    size_t m_at = 0;
};

} // namespace

std::vector<ConfNode>
ParseConfTree(std::istream& input, const std::string& file)
{
    std::vector<Token> tokens;
    std::string line;
    int number = 0;
    while (std::getline(input, line))
    {
        SplitLine(line, ++number, tokens);
    }
    return TreeBuilder(std::move(tokens), file).Build();
}

} // namespace keepalived
