#include "analysis/validation/hash-disruption.h"

#include "model/ipvs/scheduler-registry.h"
#include "model/ipvs/schedulers/mh-scheduler.h"
#include "model/ipvs/schedulers/sh-scheduler.h"
#include "model/ipvs/service.h"

#include <algorithm>
#include <map>
#include <memory>
#include <stdexcept>
#include <vector>

namespace lvs
{
namespace validation
{

namespace
{

using ipvs::Addr;

constexpr Addr kFirstRip = 0xC0A80A0B;   // 192.168.10.11
constexpr Addr kClientBase = 0xAC100000; // 172.16.0.0
constexpr unsigned kClients = 65536;

std::unique_ptr<ipvs::Service>
ServiceWith(const std::string& scheduler, const std::vector<Addr>& rips)
{
    ipvs::ServiceConfig config;
    config.addr = 0x0A000064; // 10.0.0.100
    config.port = 80;
    config.scheduler = scheduler;
    auto service = std::make_unique<ipvs::Service>(config, ipvs::CreateScheduler(scheduler));
    for (Addr rip : rips)
    {
        ipvs::DestinationConfig d;
        d.addr = rip;
        d.port = 80;
        d.weight = 1;
        service->AddDestination(d);
    }
    return service;
}

/// The owner (RIP, 0 if empty) of every slot of the service's table.
std::vector<Addr>
TableOwners(ipvs::Service& service)
{
    std::vector<Addr> owners;
    auto add = [&owners](const ipvs::Destination* d) { owners.push_back(d ? d->GetAddr() : 0); };
    ipvs::Scheduler& scheduler = service.GetScheduler();
    if (auto* mh = dynamic_cast<ipvs::MhScheduler*>(&scheduler))
    {
        std::for_each(mh->GetTable().begin(), mh->GetTable().end(), add);
    }
    else if (auto* sh = dynamic_cast<ipvs::ShScheduler*>(&scheduler))
    {
        std::for_each(sh->GetTable().begin(), sh->GetTable().end(), add);
    }
    else
    {
        throw std::invalid_argument("only mh and sh have lookup tables");
    }
    return owners;
}

/// The server each client address is sent to.
std::vector<Addr>
ClientOwners(ipvs::Service& service)
{
    std::vector<Addr> owners;
    ipvs::ScheduleRequest request;
    request.daddr = 0x0A000064;
    request.dport = 80;
    for (unsigned i = 0; i < kClients; ++i)
    {
        request.saddr = kClientBase + i;
        const ipvs::Destination* d = service.Schedule(request);
        owners.push_back(d ? d->GetAddr() : 0);
    }
    return owners;
}

double
FractionChanged(const std::vector<Addr>& before, const std::vector<Addr>& after)
{
    size_t changed = 0;
    for (size_t i = 0; i < before.size(); ++i)
    {
        changed += before[i] != after[i];
    }
    return double(changed) / double(before.size());
}

} // namespace

HashTableFigures
MeasureHashTable(const std::string& scheduler, unsigned servers)
{
    std::vector<Addr> rips;
    for (unsigned i = 0; i < servers; ++i)
    {
        rips.push_back(kFirstRip + i);
    }
    auto service = ServiceWith(scheduler, rips);
    std::vector<Addr> table = TableOwners(*service);
    std::vector<Addr> clients = ClientOwners(*service);

    HashTableFigures f;
    f.scheduler = scheduler;
    f.servers = servers;
    f.tableSize = table.size();
    std::map<Addr, size_t> entries;
    for (Addr owner : table)
    {
        ++entries[owner];
    }
    f.minEntries = table.size();
    for (Addr rip : rips) // a server without a slot counts as 0; empty slots not at all
    {
        f.minEntries = std::min(f.minEntries, entries[rip]);
        f.maxEntries = std::max(f.maxEntries, entries[rip]);
    }

    service->RemoveDestination(rips[servers / 2], 80);
    f.entriesMovedOnRemove = FractionChanged(table, TableOwners(*service));
    f.clientsMovedOnRemove = FractionChanged(clients, ClientOwners(*service));

    auto grown = ServiceWith(scheduler, rips);
    ipvs::DestinationConfig added;
    added.addr = kFirstRip + servers;
    added.port = 80;
    added.weight = 1;
    grown->AddDestination(added);
    f.entriesMovedOnAdd = FractionChanged(table, TableOwners(*grown));
    f.clientsMovedOnAdd = FractionChanged(clients, ClientOwners(*grown));
    return f;
}

} // namespace validation
} // namespace lvs
