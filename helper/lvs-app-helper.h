// Helpers for the workload applications.  ns-3 3.37 has no
// ApplicationHelper, so LvsAppHelper is the one shared base: it holds the
// ObjectFactory and sends every Install overload through one installer.
#ifndef LVS_APP_HELPER_H
#define LVS_APP_HELPER_H

#include "ns3/application-container.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/type-id.h"

#include <string>

namespace ns3
{

class LvsAppHelper
{
  public:
    /// Takes the TypeId itself (not its name), so that linking a helper
    /// always links the application it installs.
    explicit LvsAppHelper(TypeId typeId);
    virtual ~LvsAppHelper() = default;

    void SetAttribute(const std::string& name, const AttributeValue& value);
    ApplicationContainer Install(Ptr<Node> node) const;
    ApplicationContainer Install(const NodeContainer& nodes) const;

  private:
    Ptr<Application> InstallOne(Ptr<Node> node) const;

    ObjectFactory m_factory;
};

/// Installs LvsRealServer applications.
class LvsRealServerHelper : public LvsAppHelper
{
  public:
    LvsRealServerHelper();
};

/// Installs LvsClient applications.
class LvsClientHelper : public LvsAppHelper
{
  public:
    LvsClientHelper();
};

} // namespace ns3

#endif
