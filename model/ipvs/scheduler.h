// The scheduler interface, modelled on the kernel's struct ip_vs_scheduler.
//
// One scheduler object exists per virtual service, so its members are the
// kernel's sched_data (rr's cursor, wrr's current weight, ...).  The
// destinations belong to the service; a scheduler only reads them.  Every
// hook but Schedule is optional, as in the kernel.
#ifndef IPVS_SCHEDULER_H
#define IPVS_SCHEDULER_H

#include "model/ipvs/ipvs-types.h"

#include <array>
#include <memory>
#include <random>
#include <string>

namespace ipvs
{

class Service;
class Destination;

/// What a scheduler may read of the packet that opens a connection.
struct ScheduleRequest
{
    Protocol protocol = Protocol::Tcp;
    Addr saddr = 0; ///< client address (CIP)
    Port sport = 0;
    Addr daddr = 0; ///< the packet's destination (the VIP)
    Port dport = 0;
    Time now = 0; ///< for schedulers with timers (lblc, lblcr)
};

/// Where twos draws its random numbers: the ns-3 Director passes a
/// UniformRandomVariable (AssignStreams), the trace replayer a seeded
/// generator.
class RandomSource
{
  public:
    virtual ~RandomSource() = default;
    /// A uniform integer in [0, maxInclusive].
    virtual uint32_t UniformInclusive(uint32_t maxInclusive) = 0;
};

/// A RandomSource from a fixed-seed generator: reproducible draws for the
/// trace replayer, tests and benchmarks.
class SeededRandomSource : public RandomSource
{
  public:
    explicit SeededRandomSource(uint32_t seed)
        : m_generator(seed)
    {
    }

    uint32_t UniformInclusive(uint32_t maxInclusive) override
    {
        return std::uniform_int_distribution<uint32_t>(0, maxInclusive)(m_generator);
    }

  private:
    std::mt19937 m_generator;
};

/// The names a scheduler gives ipvsadm -b's flag-1, flag-2 and flag-3
/// (nullptr: none of its own).  A scheduler with names declares them as
/// its own static kFlagNames; the registry reads them from there.
using SchedulerFlagNames = std::array<const char*, 3>;

class Scheduler
{
  public:
    /// Most schedulers have no flags of their own.
    static constexpr SchedulerFlagNames kFlagNames{nullptr, nullptr, nullptr};

    virtual ~Scheduler() = default;

    /// The ipvsadm name: "rr", "wlc", ...
    virtual std::string GetName() const = 0;

    /// Service creation, or a switch to this scheduler with ipvsadm -E.
    virtual void InitService(Service& /*service*/)
    {
    }

    /// A destination was linked in at the head of the list.
    virtual void AddDest(Service& /*service*/, Destination& /*dest*/)
    {
    }

    /// A destination was unlinked.  @p predecessor is the entry that stood
    /// before it in list order (nullptr if it was the first): the kernel's rr
    /// moves its cursor there.
    virtual void DelDest(Service& /*service*/, Destination& /*dest*/, Destination* /*predecessor*/)
    {
    }

    /// A destination's weight, thresholds or method were edited.
    virtual void UpdDest(Service& /*service*/, Destination& /*dest*/)
    {
    }

    /// Picks the destination for a new connection, or nullptr for none.
    virtual Destination* Schedule(Service& service, const ScheduleRequest& request) = 0;

    /// Turns on the teaching notes of ExplainLastDecision (off by default:
    /// building them costs time on the Director's hot path).
    void EnableExplanations(bool enable)
    {
        m_explain = enable;
    }

    /// A sentence or two on why the last Schedule chose what it chose;
    /// empty unless explanations are enabled.
    const std::string& ExplainLastDecision() const
    {
        return m_explanation;
    }

  protected:
    bool Explaining() const
    {
        return m_explain;
    }

    /// Starts a new explanation (no-op when explanations are off).
    void Explain(const std::string& text)
    {
        if (m_explain)
        {
            m_explanation = text;
        }
    }

    void ExplainMore(const std::string& text)
    {
        if (m_explain)
        {
            m_explanation += text;
        }
    }

  private:
    bool m_explain = false;
    std::string m_explanation;
};

} // namespace ipvs

#endif
