// Installs an IpvsDirector as a node's routing protocol, following the
// Ipv4RoutingHelper contract (Copy, Create); use it with
// InternetStackHelper::SetRoutingHelper for the Director node only.
#ifndef LVS_IPVS_DIRECTOR_HELPER_H
#define LVS_IPVS_DIRECTOR_HELPER_H

#include "model/ipvs-director.h"

#include "ns3/ipv4-routing-helper.h"
#include "ns3/object-factory.h"

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

  private:
    ObjectFactory m_factory;
};

} // namespace ns3

#endif
