#include "helper/lvs-app-helper.h"

#include "model/apps/lvs-client.h"
#include "model/apps/lvs-real-server.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("LvsAppHelper");

LvsAppHelper::LvsAppHelper(TypeId typeId)
{
    m_factory.SetTypeId(typeId);
}

void
LvsAppHelper::SetAttribute(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

ApplicationContainer
LvsAppHelper::Install(Ptr<Node> node) const
{
    return ApplicationContainer(InstallOne(node));
}

ApplicationContainer
LvsAppHelper::Install(const NodeContainer& nodes) const
{
    ApplicationContainer apps;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        apps.Add(InstallOne(*it));
    }
    return apps;
}

Ptr<Application>
LvsAppHelper::InstallOne(Ptr<Node> node) const
{
    NS_LOG_FUNCTION(this << node);
    Ptr<Application> app = m_factory.Create<Application>();
    node->AddApplication(app);
    return app;
}

LvsRealServerHelper::LvsRealServerHelper()
    : LvsAppHelper(LvsRealServer::GetTypeId())
{
}

LvsClientHelper::LvsClientHelper()
    : LvsAppHelper(LvsClient::GetTypeId())
{
}

} // namespace ns3
