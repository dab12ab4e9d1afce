// One ipvsadm command (ipvsadm 1.31 syntax, as `ipvsadm -Sn` writes it and
// `ipvsadm -R` reads it), parsed, and applied to an IpvsEngine with
// ipvsadm's defaults, quirks and error messages.
#ifndef IPVS_IPVSADM_COMMAND_H
#define IPVS_IPVSADM_COMMAND_H

#include "model/ipvs/ipvs-engine.h"

#include <stdexcept>
#include <string>
#include <vector>

namespace ipvs
{

/// A command ipvsadm (or the kernel through it) would refuse; the message
/// is ipvsadm's.
class IpvsadmError : public std::runtime_error
{
  public:
    explicit IpvsadmError(const std::string& message)
        : std::runtime_error(message)
    {
    }
};

enum class IpvsadmVerb
{
    AddService,    ///< -A
    EditService,   ///< -E
    DeleteService, ///< -D
    Clear,         ///< -C
    AddServer,     ///< -a
    EditServer,    ///< -e
    DeleteServer,  ///< -d
    Zero,          ///< -Z
    SetTimeouts,   ///< --set tcp tcpfin udp
};

struct IpvsadmCommand
{
    IpvsadmVerb verb = IpvsadmVerb::AddService;
    /// The service: identity fields, and for -A/-E every setting (ipvsadm
    /// sends them all, defaults included).
    ServiceConfig service;
    bool serviceGiven = false;
    /// The real server, for -a/-e/-d (defaults: weight 1, -g).
    DestinationConfig server;
    bool serverGiven = false;
    uint32_t timeouts[3] = {0, 0, 0}; ///< --set
};

/// Parses one command line split into tokens (a leading "ipvsadm" is
/// ignored).  Throws IpvsadmError.
IpvsadmCommand ParseIpvsadmCommand(const std::vector<std::string>& tokens);

/// Applies a parsed command at time @p now.  Throws IpvsadmError with the
/// message ipvsadm prints for the kernel's answer.
void ApplyIpvsadmCommand(IpvsEngine& engine, const IpvsadmCommand& command, Time now);

/// The `ipvsadm -Sn` form of a service selector: "-t 10.0.0.100:80",
/// "-u ...", "-f 1".
std::string ServiceSelectorText(const ServiceConfig& service);

} // namespace ipvs

#endif
