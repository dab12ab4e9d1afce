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
    static std::string AddService(Ptr<IpvsDirector> director,
                                  const ipvs::ServiceConfig& service,
                                  const std::vector<ipvs::DestinationConfig>& destinations);

  private:
    ObjectFactory m_factory;
};

} // namespace ns3

#endif
