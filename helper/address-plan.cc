#include "address-plan.h"

#include <algorithm>
#include <array>
#include <iomanip>

namespace ns3
{

void
AddressPlan::Add(const AddressPlanEntry& entry)
{
    m_entries.push_back(entry);
}

void
AddressPlan::Print(std::ostream& os) const
{
    using Row = std::array<std::string, 6>;
    std::vector<Row> rows{{"NODE", "ROLE", "INTERFACE", "NETWORK", "ADDRESS", "LVS ROLE"}};
    // Rows grouped by node: clients, router, Director, real servers, each
    // role's nodes in the order they first appear.
    std::vector<std::string> nodes;
    for (const char* role : {"client", "router", "director", "real-server"})
    {
        for (const auto& e : m_entries)
        {
            if (e.role == role && std::find(nodes.begin(), nodes.end(), e.node) == nodes.end())
            {
                nodes.push_back(e.node);
            }
        }
    }
    for (const auto& node : nodes)
    {
        for (const auto& e : m_entries)
        {
            if (e.node == node)
            {
                rows.push_back({e.node, e.role, e.interface, e.network, e.address, e.lvsRole});
            }
        }
    }
    std::array<size_t, 6> width{};
    for (const Row& row : rows)
    {
        for (size_t i = 0; i < row.size(); ++i)
        {
            width[i] = std::max(width[i], row[i].size());
        }
    }
    for (const Row& row : rows)
    {
        for (size_t i = 0; i < row.size(); ++i)
        {
            bool last = i + 1 == row.size();
            os << (last ? row[i] : row[i] + std::string(width[i] - row[i].size() + 2, ' '));
        }
        os << "\n";
    }
}

} // namespace ns3
