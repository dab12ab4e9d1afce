// The Director as a machine with limits: CPUs that serve its packets in
// arrival order, each packet costing a fixed time plus a time per byte
// (separately for packets it forwards to real servers, NAT replies it
// rewrites, and packets for its own stack), behind a bounded input queue
// per CPU.  Flows are spread over the CPUs as RSS spreads them over a
// NIC's queues: by a hash of the packet's addresses and ports, so every
// packet of a flow lands on the same CPU.
//
// With every cost at zero (the default) the model is off: the Director
// handles each packet at once, as it always has, and schedules nothing.
#ifndef LVS_DIRECTOR_CPU_H
#define LVS_DIRECTOR_CPU_H

#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <deque>
#include <functional>
#include <vector>

namespace ns3
{

/// What a packet asks of the Director's CPU.
enum class CpuWork
{
    Forward, ///< a client's packet forwarded to a real server (or plain routing)
    Reply,   ///< a real server's reply rewritten back to the client (NAT)
    Local,   ///< a packet for the Director's own stack
};

class DirectorCpu : public Object
{
  public:
    static TypeId GetTypeId();
    DirectorCpu();

    /// Every cost is zero: packets are handled at once.
    bool IsOff() const;

    /// The CPU a packet with this flow hash lands on.
    uint32_t CpuOf(uint32_t flowHash) const;

    /// Whether a packet for @p cpu finds room in its input queue.
    bool HasRoom(uint32_t cpu) const;

    /// Queues a packet on @p cpu: @p done runs when the CPU has spent the
    /// packet's cost on it, after every packet queued before it.
    void Submit(uint32_t cpu, CpuWork work, uint32_t bytes, std::function<void()> done);

    /// The time a packet of @p bytes costs for @p work.
    Time CostOf(CpuWork work, uint32_t bytes) const;

    uint32_t GetCpus() const
    {
        return m_cpus;
    }

    /// CPU time spent so far, summed over the CPUs (the packet in service
    /// counts up to now).
    Time GetBusyTime() const;
    /// Packets waiting now, over every CPU (those in service excluded).
    uint32_t GetWaiting() const;

    /// The most packets that ever waited on one CPU.
    uint32_t GetMaxWaiting() const
    {
        return m_maxWaiting;
    }

    uint64_t GetProcessed() const
    {
        return m_processed;
    }

    /// Signature of the Processed trace source.
    typedef void (*ProcessedTracedCallback)(uint32_t cpu, Time waited, Time cost);

  protected:
    void DoDispose() override;

  private:
    struct Job
    {
        Time cost;
        Time queuedAt;
        std::function<void()> done;
    };

    struct Core
    {
        std::deque<Job> waiting;
        bool busy = false;
        Time serviceStart;
        Time busyBefore; ///< CPU time of the packets finished so far
        std::function<void()> current;
    };

    void StartNext(uint32_t cpu);
    void Finish(uint32_t cpu);
    std::vector<Core>& Cores();

    uint32_t m_cpus = 1;
    uint32_t m_queueLimit = 1000;
    Time m_forwardPerPacket;
    Time m_forwardPerByte;
    Time m_replyPerPacket;
    Time m_replyPerByte;
    Time m_localPerPacket;
    Time m_localPerByte;
    std::vector<Core> m_cores;
    uint32_t m_maxWaiting = 0;
    uint64_t m_processed = 0;
    TracedCallback<uint32_t, Time, Time> m_processedTrace;
};

} // namespace ns3

#endif
