// The address plan of a simulated LVS cluster: every node's role, each of
// its interfaces and addresses, and the LVS role of each address (CIP, VIP,
// DIP, RIP).  Printed by lvs-sim --show-addresses.
#ifndef LVS_ADDRESS_PLAN_H
#define LVS_ADDRESS_PLAN_H

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

/// What an address is for in LVS terms, which decides who knows it.
enum class AddressKind
{
    Cip,     ///< a client's address
    Vip,     ///< the virtual address (the Director's, or a DR/TUN server's copy)
    Dip,     ///< the Director's address on a RIP subnet
    Rip,     ///< a real server's address
    Gateway, ///< a router's address that some hosts route through
    Link,    ///< a point-to-point link's end
    Route,   ///< not an address: a route a node holds
    Host,    ///< a Director's own address beside the VRRP addresses
};

struct AddressPlanEntry
{
    std::string node;      ///< "client-0", "router", "director", "rs-1"
    std::string role;      ///< client, router, director, real-server
    std::string interface; ///< "if1 (p2p to router)", "if1 (VIP network)"
    std::string network;   ///< "10.0.0.0/24"
    std::string address;   ///< one address, or a range "a - b"
    std::string lvsRole;   ///< CIP, VIP, DIP, RIP, gateway, link
    /// The interface's MAC on an Ethernet LAN (DR rewrites frames to it);
    /// "-" for point-to-point links and the loopback.
    std::string mac = "-";
    AddressKind kind = AddressKind::Route; ///< set by AddressPlan::Add
};

class AddressPlan
{
  public:
    void Add(AddressKind kind, AddressPlanEntry entry);
    /// Sets the MAC of every entry of @p node on interface "if@p interface".
    void SetMac(const std::string& node, uint32_t interface, const std::string& mac);

    const std::vector<AddressPlanEntry>& GetEntries() const
    {
        return m_entries;
    }

    /// Who knows (uses) the address of @p entry, for teaching: the clients
    /// know only the VIP.
    static std::string KnownTo(const AddressPlanEntry& entry);

    /// An aligned table with a heading line.
    void Print(std::ostream& os) const;
    /// The topology as a Graphviz graph: a box per node listing its
    /// addresses and their LVS roles, an ellipse per network.
    void WriteDot(std::ostream& os) const;

  private:
    std::vector<AddressPlanEntry> m_entries;
};

} // namespace ns3

#endif
