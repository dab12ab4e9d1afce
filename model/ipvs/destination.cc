#include "model/ipvs/destination.h"

namespace ipvs
{

Destination::Destination(const DestinationConfig& config)
    : m_addr(config.addr),
      m_port(config.port),
      m_weight(config.weight),
      m_lastWeight(config.weight),
      m_method(config.method),
      m_upperThreshold(config.upperThreshold),
      m_lowerThreshold(config.lowerThreshold)
{
}

void
Destination::Update(const DestinationConfig& config)
{
    m_weight = config.weight;
    if (config.weight != 0)
    {
        m_lastWeight = config.weight;
    }
    m_method = config.method;
    // __ip_vs_update_dest: a lifted (or removed) upper threshold clears the
    // overload flag; otherwise the flag stays until the next bind/unbind.
    if (config.upperThreshold == 0 || config.upperThreshold > m_upperThreshold)
    {
        m_overloaded = false;
    }
    m_upperThreshold = config.upperThreshold;
    m_lowerThreshold = config.lowerThreshold;
}

void
Destination::BindConnection(bool isTemplate)
{
    if (isTemplate)
    {
        ++m_persistConns;
    }
    else
    {
        // Every new entry starts INACTIVE (the destination's conn_flags).
        ++m_inactConns;
    }
    CheckUpperThreshold();
}

void
Destination::UnbindConnection(bool isTemplate, bool inactive)
{
    if (isTemplate)
    {
        --m_persistConns;
    }
    else if (inactive)
    {
        --m_inactConns;
    }
    else
    {
        --m_activeConns;
    }
    CheckLowerThreshold();
}

void
Destination::MoveToActive()
{
    --m_inactConns;
    ++m_activeConns;
}

void
Destination::MoveToInactive()
{
    --m_activeConns;
    ++m_inactConns;
}

void
Destination::CheckUpperThreshold()
{
    if (m_upperThreshold != 0 && ThresholdTotal() >= m_upperThreshold)
    {
        m_overloaded = true;
    }
}

void
Destination::CheckLowerThreshold()
{
    if (!m_overloaded)
    {
        return;
    }
    uint64_t total = ThresholdTotal();
    if (m_lowerThreshold != 0)
    {
        if (total < m_lowerThreshold)
        {
            m_overloaded = false;
        }
    }
    else if (m_upperThreshold != 0)
    {
        if (total * 4 < uint64_t(m_upperThreshold) * 3)
        {
            m_overloaded = false;
        }
    }
    else
    {
        m_overloaded = false;
    }
}

} // namespace ipvs
