// Small helpers for scheduler tests: a service whose real servers are
// named by letters (A = 10.1.0.1, B = 10.1.0.2, ...), so that expected
// decision sequences read like the hand calculations in the comments.
#ifndef LVS_TESTS_SERVICE_FIXTURE_H
#define LVS_TESTS_SERVICE_FIXTURE_H

#include "model/ipvs/scheduler-registry.h"
#include "model/ipvs/service.h"

#include <memory>
#include <random>
#include <string>
#include <vector>

namespace ipvs::test
{

inline Addr
AddrOf(char name)
{
    return 0x0A010000 + Addr(name - 'A' + 1);
}

inline std::string
NameOf(const Destination* d)
{
    return d ? std::string(1, char('A' + (d->GetAddr() - 0x0A010001))) : std::string("-");
}

inline DestinationConfig
Server(char name, int weight)
{
    DestinationConfig c;
    c.addr = AddrOf(name);
    c.port = 80;
    c.weight = weight;
    return c;
}

inline std::unique_ptr<Service>
MakeService(const std::string& scheduler, const SchedulerFlags& flags = {})
{
    // Each service draws from its own stream with the same seed, so two
    // services given the same inputs make the same choices.
    static std::vector<std::unique_ptr<SeededRandomSource>> randoms;
    randoms.push_back(std::make_unique<SeededRandomSource>(42));
    ServiceConfig config;
    config.addr = 0x0A000064;
    config.port = 80;
    config.scheduler = scheduler;
    config.flags = flags;
    return std::make_unique<Service>(config, CreateScheduler(scheduler), 0, randoms.back().get());
}

/// Adds servers in the order given, as successive ipvsadm -a commands.
inline void
AddServers(Service& service, const std::vector<DestinationConfig>& servers)
{
    for (const auto& s : servers)
    {
        service.AddDestination(s);
    }
}

/// The next @p count decisions as a string of names, e.g. "CBAA".
inline std::string
Picks(Service& service, int count)
{
    std::string out;
    ScheduleRequest request;
    for (int i = 0; i < count; ++i)
    {
        out += NameOf(service.Schedule(request));
    }
    return out;
}

inline Destination&
Dest(Service& service, char name)
{
    return *service.FindDestination(AddrOf(name), 80);
}

/// Gives a destination @p active active and @p inactive inactive entries.
inline void
SetConnections(Destination& d, int active, int inactive)
{
    for (int i = 0; i < active + inactive; ++i)
    {
        d.BindConnection(false);
    }
    for (int i = 0; i < active; ++i)
    {
        d.MoveToActive();
    }
}

} // namespace ipvs::test

#endif
