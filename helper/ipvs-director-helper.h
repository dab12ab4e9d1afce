// Installs an IpvsDirector as a node's routing protocol, following the
// Ipv4RoutingHelper contract (Copy, Create); use it with
// InternetStackHelper::SetRoutingHelper for the Director node only.
#ifndef LVS_IPVS_DIRECTOR_HELPER_H
#define LVS_IPVS_DIRECTOR_HELPER_H

#include "model/ipvs-director.h"

#include "ns3/ipv4-routing-helper.h"
#include "ns3/object-factory.h"

#include <string>
#include <vector>

namespace ns3
{

/// The Director's processing model (model/director-cpu.h): every cost 0
/// (the default) leaves it off.
struct DirectorCpuConfig
{
    uint32_t cpus = 1;
    uint32_t queuePackets = 1000; ///< per CPU
    double forwardCostUs = 0;     ///< per packet forwarded to a real server
    double forwardByteCostNs = 0;
    double replyCostUs = 0; ///< per NAT reply rewritten
    double replyByteCostNs = 0;
    double localCostUs = 0; ///< per packet for the Director's own stack
    double localByteCostNs = 0;
};

class IpvsDirectorHelper : public Ipv4RoutingHelper
{
  public:
    IpvsDirectorHelper();
    IpvsDirectorHelper* Copy() const override;
    /// A Director whose inner routing is list routing with static routing.
    Ptr<Ipv4RoutingProtocol> Create(Ptr<Node> node) const override;
    void SetAttribute(const std::string& name, const AttributeValue& value);

    /// The Director installed on @p node, or nullptr.
    static Ptr<IpvsDirector> GetDirector(Ptr<Node> node);

    /// ipvsadm -A for @p service, then -a for each destination in order
    /// (the kernel's list ends up newest first, as with ipvsadm).  Returns
    /// "" or what ipvsadm would say is wrong ("server 2: ...").
    /// Sets the processing model of @p director.
    static void ConfigureCpu(Ptr<IpvsDirector> director, const DirectorCpuConfig& config);

    static std::string AddService(Ptr<IpvsDirector> director,
                                  const ipvs::ServiceConfig& service,
                                  const std::vector<ipvs::DestinationConfig>& destinations);

  private:
    ObjectFactory m_factory;
};

} // namespace ns3

#endif
