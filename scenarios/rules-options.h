// The rules mode of lvs-sim (--rules): the Director's services and real
// servers come from an ipvsadm rules file, and the cluster around them is
// derived from it (real servers by RIP, VIPs, networks, client targets).
#ifndef LVS_RULES_OPTIONS_H
#define LVS_RULES_OPTIONS_H

#include "scenarios/option-reader.h"
#include "scenarios/scenario-config.h"

#include <string>
#include <vector>

namespace ns3
{

/// PROTO:ADDR:PORT; nullopt if malformed.
std::optional<ListenPort> ParseTarget(const std::string& text, Ipv4Address* addr);
/// --fwmark-rules.
void ReadFwmarkRules(const OptionReader& r, ScenarioConfig* c);
/// Loads --rules; returns the RIPs in the order the rules first name them.
std::vector<Ipv4Address> ReadRulesFile(const OptionReader& r, ScenarioConfig* c);
/// Per RIP: its forwarding (which decides its gateway), ports and weight.
void DeriveServersFromRules(const OptionReader& r,
                            ScenarioConfig* c,
                            const std::vector<Ipv4Address>& rips);
/// The services' VIPs, and where the clients go.
void DeriveTargetsFromRules(const OptionReader& r, ScenarioConfig* c);
/// The VIP and RIP networks (with router and DIP) of pasted rules.
void DeriveNetworksFromRules(const OptionReader& r, ScenarioConfig* c);

} // namespace ns3

#endif
