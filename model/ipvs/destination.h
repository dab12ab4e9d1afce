// A real server of a virtual service (the kernel's struct ip_vs_dest).
//
// Destinations belong to their service; connection entries hold a shared
// pointer so that a deleted destination lives on (in the service's trash)
// while connections still use it, as in linux ip_vs_ctl.c.
#ifndef IPVS_DESTINATION_H
#define IPVS_DESTINATION_H

#include "model/ipvs/ipvs-stats.h"
#include "model/ipvs/ipvs-types.h"

#include <cstdint>
#include <memory>

namespace ipvs
{

class Service;

/// What ipvsadm -a / -e configure for a real server.
/// ipvsadm's limits: a weight and a connection threshold are an int.
constexpr uint32_t kMaxDestinationWeight = 2147483647;
constexpr uint32_t kMaxConnectionThreshold = 2147483647;

struct DestinationConfig
{
    Addr addr = 0;
    Port port = 0;
    int weight = 1;
    ForwardMethod method = ForwardMethod::Masq;
    uint32_t upperThreshold = 0; ///< ipvsadm -x, 0 = none
    uint32_t lowerThreshold = 0; ///< ipvsadm -y, 0 = none
};

class Destination : public std::enable_shared_from_this<Destination>
{
  public:
    explicit Destination(const DestinationConfig& config);

    Addr GetAddr() const
    {
        return m_addr;
    }

    Port GetPort() const
    {
        return m_port;
    }

    int GetWeight() const
    {
        return m_weight;
    }

    /// The last non-zero weight configured (used by mh only).
    int GetLastWeight() const
    {
        return m_lastWeight;
    }

    ForwardMethod GetMethod() const
    {
        return m_method;
    }

    uint32_t GetUpperThreshold() const
    {
        return m_upperThreshold;
    }

    uint32_t GetLowerThreshold() const
    {
        return m_lowerThreshold;
    }

    uint32_t GetActiveConns() const
    {
        return m_activeConns;
    }

    uint32_t GetInactiveConns() const
    {
        return m_inactConns;
    }

    uint32_t GetPersistConns() const
    {
        return m_persistConns;
    }

    /// Linked into its service (cleared when deleted to the trash).
    bool IsAvailable() const
    {
        return m_available;
    }

    /// The upper connection threshold was reached (the kernel's
    /// IP_VS_DEST_F_OVERLOAD; cleared below the lower threshold).
    bool IsOverloaded() const
    {
        return m_overloaded;
    }

    IpvsStats& Stats()
    {
        return m_stats;
    }

    const IpvsStats& Stats() const
    {
        return m_stats;
    }

    /// Applies an ipvsadm -e (or a re-add from the trash): weight, method and
    /// thresholds, with the kernel's overload-flag rule for threshold edits.
    void Update(const DestinationConfig& config);

    void SetAvailable(bool available)
    {
        m_available = available;
    }

    void SetLastWeight(int weight)
    {
        m_lastWeight = weight;
    }

    /// Sets the overload flag if the entries held already reach the upper
    /// threshold (what Linux 6.1 does for a destination re-added from the
    /// trash).
    void ReevaluateUpperThreshold()
    {
        CheckUpperThreshold();
    }

    // Counter moves, called by the connection table only.
    void BindConnection(bool isTemplate);
    void UnbindConnection(bool isTemplate, bool inactive);
    void MoveToActive();
    void MoveToInactive();

  private:
    /// activeconns + inactconns: what thresholds compare against.
    uint32_t ThresholdTotal() const
    {
        return m_activeConns + m_inactConns;
    }

    void CheckUpperThreshold();
    void CheckLowerThreshold();

    Addr m_addr;
    Port m_port;
    int m_weight;
    int m_lastWeight;
    ForwardMethod m_method;
    uint32_t m_upperThreshold;
    uint32_t m_lowerThreshold;
    uint32_t m_activeConns = 0;
    uint32_t m_inactConns = 0;
    uint32_t m_persistConns = 0;
    bool m_available = true;
    bool m_overloaded = false;
    IpvsStats m_stats;
};

} // namespace ipvs

#endif
