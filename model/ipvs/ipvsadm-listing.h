// The Director's state printed exactly as ipvsadm 1.31 prints it
// (ipvsadm -Ln, -Ln --stats, -Lnc), with ipvsadm's sort order.
#ifndef IPVS_IPVSADM_LISTING_H
#define IPVS_IPVSADM_LISTING_H

#include "model/ipvs/ipvs-engine.h"

#include <string>

namespace ipvs
{

/// ipvsadm -Ln.
std::string FormatServiceList(const IpvsEngine& engine);
/// ipvsadm -Ln --stats.
std::string FormatServiceStats(const IpvsEngine& engine);
/// ipvsadm -Ln --rate.
std::string FormatServiceRates(const IpvsEngine& engine);
/// ipvsadm -Sn: the rules that rebuild this Director.
std::string FormatRules(const IpvsEngine& engine);
/// ipvsadm -Lnc (entries sorted by client address and port; the kernel's
/// own order is its hash order, which no two runs share).
std::string FormatConnectionList(const IpvsEngine& engine, Time now);

} // namespace ipvs

#endif
