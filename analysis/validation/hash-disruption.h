// How the hashing schedulers spread real servers over their lookup tables
// and how much of the table (and of a population of client addresses)
// moves when one server is removed or added: mh (Maglev, 4093 slots)
// against sh (256 buckets filled in turn).  Computed on the IPVS core, as
// the kernel builds the tables; no simulation needed.
#ifndef LVS_HASH_DISRUPTION_H
#define LVS_HASH_DISRUPTION_H

#include <string>

namespace lvs
{
namespace validation
{

struct HashTableFigures
{
    std::string scheduler;
    unsigned servers = 0;
    size_t tableSize = 0;
    size_t minEntries = 0; ///< fewest slots of one server
    size_t maxEntries = 0;
    double entriesMovedOnRemove = 0; ///< fraction of slots whose server changed
    double clientsMovedOnRemove = 0; ///< fraction of the client addresses
    double entriesMovedOnAdd = 0;
    double clientsMovedOnAdd = 0;
};

/// @p servers servers of weight 1 (RIPs 192.168.10.11 on); the removed one
/// is the middle one in list order; clients are the 65,536 addresses of
/// 172.16.0.0/16.
HashTableFigures MeasureHashTable(const std::string& scheduler, unsigned servers);

} // namespace validation
} // namespace lvs

#endif
