// `ipvsadm -Ln` output read as rules: what people usually have at hand from
// a production Director (or a Kubernetes node: kube-proxy in IPVS mode) is
// the listing, not `ipvsadm -Sn`.  A listing carries the services, their
// schedulers, scheduler flags, persistence, netmask and one-packet
// scheduling, and each destination's forwarding method and weight; it does
// not carry thresholds (-x, -y), tunnel types or the connection table,
// whose ActiveConn/InActConn counts are state, not rules.
#ifndef IPVS_IPVSADM_LISTING_RULES_H
#define IPVS_IPVSADM_LISTING_RULES_H

#include <optional>
#include <string>
#include <vector>

namespace ipvs
{

/// Whether @p lines (a file's lines) are an `ipvsadm -Ln` listing rather
/// than ipvsadm commands: a listing's heading, or a service or "->" line.
bool LooksLikeListing(const std::vector<std::string>& lines);

/// The ipvsadm command tokens one listing line stands for ("-A ..." for a
/// service, "-a ..." for a destination of @p service, the service's
/// selector tokens of the last service line), nothing for the headings
/// and blank lines.  Throws std::invalid_argument with the reason.
std::optional<std::vector<std::string>> ListingLineToCommand(const std::string& line,
                                                             std::vector<std::string>* service);

/// What a listing cannot carry, said once when one is read.
std::string ListingLimits();

} // namespace ipvs

#endif
