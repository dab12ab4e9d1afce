#include "model/director-cpu.h"

#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DirectorCpu");
NS_OBJECT_ENSURE_REGISTERED(DirectorCpu);

TypeId
DirectorCpu::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::DirectorCpu")
            .SetParent<Object>()
            .SetGroupName("Lvs")
            .AddConstructor<DirectorCpu>()
            .AddAttribute("Cpus",
                          "CPUs that handle packets; flows are spread over them by a hash of "
                          "their addresses and ports (as RSS does).",
                          UintegerValue(1),
                          MakeUintegerAccessor(&DirectorCpu::m_cpus),
                          MakeUintegerChecker<uint32_t>(1, 1024))
            .AddAttribute("QueueLimit",
                          "Packets that may wait for each CPU; one more is dropped "
                          "(drop reason cpu-queue-full).",
                          UintegerValue(1000),
                          MakeUintegerAccessor(&DirectorCpu::m_queueLimit),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("ForwardPacketCost",
                          "CPU time per packet forwarded to a real server.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&DirectorCpu::m_forwardPerPacket),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("ForwardByteCost",
                          "CPU time per byte (IP datagram) of a packet forwarded to a real "
                          "server.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&DirectorCpu::m_forwardPerByte),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("ReplyPacketCost",
                          "CPU time per NAT reply rewritten back to the client.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&DirectorCpu::m_replyPerPacket),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("ReplyByteCost",
                          "CPU time per byte of a NAT reply.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&DirectorCpu::m_replyPerByte),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("LocalPacketCost",
                          "CPU time per packet for the Director's own stack.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&DirectorCpu::m_localPerPacket),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("LocalByteCost",
                          "CPU time per byte of a packet for the Director's own stack.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&DirectorCpu::m_localPerByte),
                          MakeTimeChecker(Seconds(0)))
            .AddTraceSource("Processed",
                            "A packet left the CPU: its CPU, time waited, cost.",
                            MakeTraceSourceAccessor(&DirectorCpu::m_processedTrace),
                            "ns3::DirectorCpu::ProcessedTracedCallback");
    return tid;
}

DirectorCpu::DirectorCpu()
{
    NS_LOG_FUNCTION(this);
}

void
DirectorCpu::DoDispose()
{
    m_cores.clear();
    Object::DoDispose();
}

bool
DirectorCpu::IsOff() const
{
    return m_forwardPerPacket.IsZero() && m_forwardPerByte.IsZero() && m_replyPerPacket.IsZero() &&
           m_replyPerByte.IsZero() && m_localPerPacket.IsZero() && m_localPerByte.IsZero();
}

std::vector<DirectorCpu::Core>&
DirectorCpu::Cores()
{
    // Sized on first use: the Cpus attribute may be set after construction.
    if (m_cores.size() != m_cpus)
    {
        m_cores.resize(m_cpus);
    }
    return m_cores;
}

uint32_t
DirectorCpu::CpuOf(uint32_t flowHash) const
{
    return flowHash % m_cpus;
}

bool
DirectorCpu::HasRoom(uint32_t cpu) const
{
    return cpu >= m_cores.size() || m_cores[cpu].waiting.size() < m_queueLimit;
}

Time
DirectorCpu::CostOf(CpuWork work, uint32_t bytes) const
{
    switch (work)
    {
    case CpuWork::Forward:
        return m_forwardPerPacket + m_forwardPerByte * int64_t(bytes);
    case CpuWork::Reply:
        return m_replyPerPacket + m_replyPerByte * int64_t(bytes);
    case CpuWork::Local:
        return m_localPerPacket + m_localPerByte * int64_t(bytes);
    }
    return Time(0);
}

void
DirectorCpu::Submit(uint32_t cpu, CpuWork work, uint32_t bytes, std::function<void()> done)
{
    NS_LOG_FUNCTION(this << cpu << uint32_t(work) << bytes);
    Core& core = Cores().at(cpu);
    core.waiting.push_back(Job{CostOf(work, bytes), Simulator::Now(), std::move(done)});
    if (!core.busy)
    {
        StartNext(cpu);
        return;
    }
    m_maxWaiting = std::max(m_maxWaiting, uint32_t(core.waiting.size()));
}

void
DirectorCpu::StartNext(uint32_t cpu)
{
    Core& core = m_cores[cpu];
    Job job = std::move(core.waiting.front());
    core.waiting.pop_front();
    core.busy = true;
    core.serviceStart = Simulator::Now();
    core.current = std::move(job.done);
    m_processedTrace(cpu, Simulator::Now() - job.queuedAt, job.cost);
    Simulator::Schedule(job.cost, &DirectorCpu::Finish, this, cpu);
}

void
DirectorCpu::Finish(uint32_t cpu)
{
    Core& core = m_cores[cpu];
    core.busyBefore += Simulator::Now() - core.serviceStart;
    core.busy = false;
    ++m_processed;
    std::function<void()> done = std::move(core.current);
    done();
    if (!core.busy && !core.waiting.empty())
    {
        StartNext(cpu);
    }
}

Time
DirectorCpu::GetBusyTime() const
{
    Time busy;
    for (const Core& core : m_cores)
    {
        busy += core.busyBefore + (core.busy ? Simulator::Now() - core.serviceStart : Time(0));
    }
    return busy;
}

uint32_t
DirectorCpu::GetWaiting() const
{
    uint32_t waiting = 0;
    for (const Core& core : m_cores)
    {
        waiting += core.waiting.size();
    }
    return waiting;
}

} // namespace ns3
