// Basic value types of the IPVS core: addresses, ports, protocols, time.
//
// The core is plain C++17 with no ns-3 dependency.  Addresses and ports are
// host-order integers, as the kernel documentation of the hash functions
// assumes (10.0.0.1 == 0x0A000001).
#ifndef IPVS_TYPES_H
#define IPVS_TYPES_H

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ipvs
{

using Addr = uint32_t; ///< IPv4 address, host order
using Port = uint16_t; ///< L4 port, host order

/// Simulated time in nanoseconds; the core never reads a clock of its own.
using Time = int64_t;

constexpr Time
Seconds(int64_t s)
{
    return s * 1000000000LL;
}

constexpr Time
Milliseconds(int64_t ms)
{
    return ms * 1000000LL;
}

enum class Protocol : uint8_t
{
    Ip = 0, ///< firewall-mark persistence templates (any protocol)
    Tcp = 6,
    Udp = 17,
};

/// Forwarding methods, numbered as the kernel's IP_VS_CONN_F_* method bits.
enum class ForwardMethod : uint8_t
{
    Masq = 0,        ///< NAT (ipvsadm -m)
    Local = 1,       ///< delivered to the Director's own stack
    Tunnel = 2,      ///< IP-in-IP (ipvsadm -i)
    DirectRoute = 3, ///< direct routing (ipvsadm -g)
};

std::string AddrToString(Addr a);
std::string AddrPortToString(Addr a, Port p);
/// Parses a dotted quad without leading zeros; nullopt if malformed.
std::optional<Addr> ParseAddr(const std::string& text);
std::string ProtocolName(Protocol p);                           ///< "TCP" / "UDP"
std::optional<Protocol> ParseProtocol(const std::string& text); ///< "tcp"/"udp"

/// Every spelling of one forwarding method, in one row: the core's single
/// table of them (ForwardMethodTable), used by every layer.
struct ForwardMethodSpelling
{
    ForwardMethod method;
    const char* option;       ///< lvs-sim's --forwarding: "nat", "dr", "tun" ("" for Local)
    const char* label;        ///< "NAT", "DR", "TUN", "Local"
    const char* ipvsadmShort; ///< "-m", "-g", "-i"
    const char* ipvsadmLong;  ///< "--masquerading", "--gatewaying", "--ipip"
    const char* column;       ///< ipvsadm -Ln's Forward column: Masq, Route, Tunnel, Local
};

/// The forwarding methods, those a user can choose first (nat, dr, tun).
const std::vector<ForwardMethodSpelling>& ForwardMethodTable();
const ForwardMethodSpelling& SpellingOf(ForwardMethod m);
/// ipvsadm's column name: Masq, Local, Tunnel, Route.
std::string ForwardMethodName(ForwardMethod m);
/// "nat", "dr" or "tun" (lvs-sim's --forwarding); nullopt otherwise.
std::optional<ForwardMethod> ParseForwardMethodOption(const std::string& text);
/// -m/--masquerading, -g/--gatewaying, -i/--ipip; nullopt otherwise.
std::optional<ForwardMethod> ParseIpvsadmMethodFlag(const std::string& flag);
/// The user's choices, for help and errors: {"nat", "dr", "tun"}.
std::vector<std::string> ForwardMethodOptions();

/// Seconds as written in traces and rules: digits[.digits] (also "5." and
/// ".5"), no sign or exponent; nullopt if malformed.
std::optional<Time> ParseSeconds(const std::string& text);

} // namespace ipvs

#endif
