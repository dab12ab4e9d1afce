#include "model/ipvs/service.h"

#include <algorithm>
#include <iterator>

namespace ipvs
{

std::string
ConfigStatusMessage(ConfigStatus status)
{
    switch (status)
    {
    case ConfigStatus::Ok:
        return "ok";
    case ConfigStatus::DestinationExists:
        return "Destination already exists";
    case ConfigStatus::NoSuchDestination:
        return "No such destination";
    case ConfigStatus::ThresholdRange:
        return "Numerical result out of range";
    case ConfigStatus::WeightRange:
        return "illegal weight specified";
    }
    return "unknown error";
}

Service::Service(const ServiceConfig& config,
                 std::unique_ptr<Scheduler> scheduler,
                 Time createdAt,
                 RandomSource* random)
    : m_config(config),
      m_createdAt(createdAt),
      m_random(random),
      m_scheduler(std::move(scheduler))
{
    m_config.scheduler = m_scheduler->GetName();
    m_scheduler->InitService(*this);
}

std::shared_ptr<Destination>
Service::FindDestination(Addr addr, Port port) const
{
    for (const auto& d : m_destinations)
    {
        if (d->GetAddr() == addr && d->GetPort() == port)
        {
            return d;
        }
    }
    return nullptr;
}

ConfigStatus
Service::Validate(const DestinationConfig& config)
{
    if (config.weight < 0)
    {
        return ConfigStatus::WeightRange;
    }
    if (config.upperThreshold != 0 && config.lowerThreshold > config.upperThreshold)
    {
        return ConfigStatus::ThresholdRange;
    }
    return ConfigStatus::Ok;
}

std::shared_ptr<Destination>
Service::TakeFromTrash(Addr addr, Port port)
{
    auto it = std::find_if(m_trash.begin(), m_trash.end(), [&](const auto& d) {
        return d->GetAddr() == addr && d->GetPort() == port;
    });
    if (it == m_trash.end())
    {
        return nullptr;
    }
    auto dest = *it;
    m_trash.erase(it);
    return dest;
}

ConfigStatus
Service::AddDestination(const DestinationConfig& config)
{
    ConfigStatus status = Validate(config);
    if (status != ConfigStatus::Ok)
    {
        return status;
    }
    if (FindDestination(config.addr, config.port))
    {
        return ConfigStatus::DestinationExists;
    }
    auto dest = TakeFromTrash(config.addr, config.port);
    if (dest)
    {
        // ip_vs_trash_get_dest: the same object comes back with its counters
        // and connections.  Linux 6.1 then marks it overloaded at once if it
        // already holds as many entries as its new upper threshold.
        dest->Update(config);
        dest->SetLastWeight(config.weight); // an add sets it, even to 0
        dest->ReevaluateUpperThreshold();
        dest->SetAvailable(true);
    }
    else
    {
        dest = std::make_shared<Destination>(config);
    }
    m_destinations.push_front(dest);
    m_scheduler->AddDest(*this, *dest);
    return ConfigStatus::Ok;
}

ConfigStatus
Service::EditDestination(const DestinationConfig& config)
{
    ConfigStatus status = Validate(config);
    if (status != ConfigStatus::Ok)
    {
        return status;
    }
    auto dest = FindDestination(config.addr, config.port);
    if (!dest)
    {
        return ConfigStatus::NoSuchDestination;
    }
    dest->Update(config);
    m_scheduler->UpdDest(*this, *dest);
    return ConfigStatus::Ok;
}

ConfigStatus
Service::RemoveDestination(Addr addr, Port port)
{
    auto it = std::find_if(m_destinations.begin(), m_destinations.end(), [&](const auto& d) {
        return d->GetAddr() == addr && d->GetPort() == port;
    });
    if (it == m_destinations.end())
    {
        return ConfigStatus::NoSuchDestination;
    }
    Destination* predecessor = it == m_destinations.begin() ? nullptr : std::prev(it)->get();
    auto dest = *it;
    m_destinations.erase(it);
    dest->SetAvailable(false);
    m_scheduler->DelDest(*this, *dest, predecessor);
    PurgeTrash();
    m_trash.push_back(dest);
    return ConfigStatus::Ok;
}

void
Service::ReplaceScheduler(std::unique_ptr<Scheduler> scheduler)
{
    m_scheduler = std::move(scheduler);
    m_config.scheduler = m_scheduler->GetName();
    m_scheduler->InitService(*this);
}

void
Service::UpdateSettings(const ServiceConfig& config)
{
    std::string scheduler = m_config.scheduler;
    m_config = config;
    m_config.scheduler = scheduler;
}

Destination*
Service::Schedule(const ScheduleRequest& request)
{
    return m_scheduler->Schedule(*this, request);
}

void
Service::PurgeTrash()
{
    // Only the trash holds the pointer: no connection refers to it any more.
    m_trash.erase(std::remove_if(m_trash.begin(),
                                 m_trash.end(),
                                 [](const auto& d) { return d.use_count() == 1; }),
                  m_trash.end());
}

} // namespace ipvs
