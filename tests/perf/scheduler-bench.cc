// Google Benchmark: one scheduling decision of every scheduler, with 4, 64
// and 1,024 real servers, and one connection-table lookup among up to
// 1,000,000 live entries (docs/performance.md).  A program that prints
// figures, not a test.
//
//   build/lvs-bench-schedulers [--benchmark_filter=wrr]
#include "model/ipvs/connection-table.h"
#include "model/ipvs/scheduler-registry.h"
#include "model/ipvs/service.h"

#include <benchmark/benchmark.h>
#include <malloc.h>
#include <random>

namespace
{

/// A service with @p servers destinations of weights 1..4, each holding a
/// few connections so that the least-connection schedulers compare loads.
std::unique_ptr<ipvs::Service>
MakeLoadedService(const std::string& scheduler, int servers, ipvs::RandomSource* random)
{
    ipvs::ServiceConfig config;
    config.addr = 0x0A000064;
    config.port = 80;
    config.scheduler = scheduler;
    auto service =
        std::make_unique<ipvs::Service>(config, ipvs::CreateScheduler(scheduler), 0, random);
    for (int i = 0; i < servers; ++i)
    {
        ipvs::DestinationConfig d;
        d.addr = 0xC0A80000 + i + 1;
        d.port = 80;
        d.weight = 1 + i % 4;
        service->AddDestination(d);
        auto dest = service->FindDestination(d.addr, d.port);
        for (int c = 0; c < (i * 7) % 13; ++c)
        {
            dest->BindConnection(false);
        }
        for (int c = 0; c < (i * 3) % 5 && c < (i * 7) % 13; ++c)
        {
            dest->MoveToActive();
        }
    }
    return service;
}

void
ScheduleOne(benchmark::State& state, const std::string& scheduler)
{
    ipvs::SeededRandomSource random(7);
    auto service = MakeLoadedService(scheduler, int(state.range(0)), &random);
    ipvs::ScheduleRequest request;
    request.daddr = 0x0A000064;
    request.dport = 80;
    uint32_t client = 0xAC100000;
    for (auto _ : state)
    {
        request.saddr = client++; // hashing schedulers see many clients
        request.sport = uint16_t(client);
        benchmark::DoNotOptimize(service->Schedule(request));
    }
}

/// Bytes allocated from glibc's malloc: small blocks and mmapped ones.
size_t
HeapInUse()
{
    struct mallinfo2 info = mallinfo2();
    return info.uordblks + info.hblkhd;
}

/// A packet of an existing connection finds its entry: the lookup every
/// packet after the first costs, with state.range(0) live entries (one per
/// client address and port, spread over 16 real servers).
void
LookUpOne(benchmark::State& state)
{
    ipvs::ServiceConfig config;
    config.addr = 0x0A000064;
    config.port = 80;
    config.scheduler = "rr";
    ipvs::Service service(config, ipvs::CreateScheduler("rr"));
    for (int i = 0; i < 16; ++i)
    {
        ipvs::DestinationConfig d;
        d.addr = 0xC0A80000 + i + 1;
        d.port = 80;
        service.AddDestination(d);
    }
    size_t heapBefore = HeapInUse();
    ipvs::ConnectionTable table{ipvs::StateTimeouts()};
    const auto entries = uint32_t(state.range(0));
    for (uint32_t i = 0; i < entries; ++i)
    {
        ipvs::Connection c;
        c.caddr = 0xAC100000 + i / 50000; // 50,000 ports per client address
        c.cport = uint16_t(10000 + i % 50000);
        c.vaddr = config.addr;
        c.vport = 80;
        c.dest = service.FindDestination(0xC0A80000 + i % 16 + 1, 80);
        c.daddr = c.dest->GetAddr();
        c.dport = 80;
        c.state = ipvs::ConnState::Established;
        table.Insert(c, 0);
    }
    // What one live NAT entry costs in the heap: the entry, its two index
    // slots (at most half full) and its timer, as glibc's malloc counts them.
    state.counters["heap_bytes_per_entry"] = double(HeapInUse() - heapBefore) / double(entries);
    std::mt19937 pick(11);
    std::uniform_int_distribution<uint32_t> any(0, entries - 1);
    for (auto _ : state)
    {
        uint32_t i = any(pick);
        benchmark::DoNotOptimize(table.FindInbound(ipvs::Protocol::Tcp,
                                                   0xAC100000 + i / 50000,
                                                   uint16_t(10000 + i % 50000),
                                                   config.addr,
                                                   80));
    }
}

int
RegisterAll()
{
    for (const auto& name : ipvs::SchedulerNames())
    {
        benchmark::RegisterBenchmark(name.c_str(), ScheduleOne, name)->Arg(4)->Arg(64)->Arg(1024);
    }
    benchmark::RegisterBenchmark("connection-lookup", LookUpOne)
        ->Arg(1000)
        ->Arg(100000)
        ->Arg(1000000);
    return 0;
}

const int kRegistered = RegisterAll();

} // namespace

BENCHMARK_MAIN();
