#include "model/ipvs/schedulers/wrr-scheduler.h"

#include "model/ipvs/scheduler-common.h"

#include <algorithm>

namespace ipvs
{

void
WrrScheduler::ComputeWeights(const Service& service)
{
    int gcd = 0;
    int maxWeight = 0;
    for (const auto& d : service.GetDestinations())
    {
        if (d->GetWeight() > 0)
        {
            gcd = gcd == 0 ? d->GetWeight() : Gcd(d->GetWeight(), gcd);
        }
        maxWeight = std::max(maxWeight, d->GetWeight());
    }
    m_gcd = gcd == 0 ? 1 : gcd;
    m_maxWeight = maxWeight - (m_gcd - 1);
}

void
WrrScheduler::InitService(Service& service)
{
    m_cursor = service.GetDestinations().end();
    ComputeWeights(service);
    m_currentWeight = m_maxWeight;
}

void
WrrScheduler::Recompute(const Service& service)
{
    m_cursor = service.GetDestinations().end();
    ComputeWeights(service);
    if (m_currentWeight > m_maxWeight || m_currentWeight == 0)
    {
        m_currentWeight = m_maxWeight;
    }
    else if (m_gcd > 1)
    {
        m_currentWeight = (m_currentWeight / m_gcd) * m_gcd + 1;
    }
}

void
WrrScheduler::AddDest(Service& service, Destination& /*dest*/)
{
    Recompute(service);
}

void
WrrScheduler::DelDest(Service& service, Destination& /*dest*/, Destination* /*predecessor*/)
{
    Recompute(service);
}

void
WrrScheduler::UpdDest(Service& service, Destination& /*dest*/)
{
    Recompute(service);
}

Destination*
WrrScheduler::Schedule(Service& service, const ScheduleRequest& /*request*/)
{
    const auto& list = service.GetDestinations();
    if (m_maxWeight == 0)
    {
        if (Explaining())
        {
            Explain("every weight is 0: no destination");
        }
        return nullptr;
    }
    const auto last = m_cursor;
    auto stop = list.end();
    bool haveStop = false;
    bool lastPass = false;
    bool restarted = false;
    auto it = m_cursor;
    while (true)
    {
        for (it = (it == list.end()) ? list.begin() : std::next(it); it != list.end(); ++it)
        {
            if (!(*it)->IsOverloaded() && (*it)->GetWeight() >= m_currentWeight)
            {
                m_cursor = it;
                if (Explaining())
                {
                    Explain("cw=" + std::to_string(m_currentWeight) +
                            " mw=" + std::to_string(m_maxWeight) + " di=" + std::to_string(m_gcd) +
                            ": the first server after the cursor with weight >= cw");
                }
                return it->get();
            }
            if (haveStop && it == stop)
            {
                m_cursor = it;
                if (Explaining())
                {
                    Explain("no server with weight >= cw that is not overloaded");
                }
                return nullptr;
            }
        }
        m_currentWeight -= m_gcd;
        if (m_currentWeight <= 0)
        {
            m_currentWeight = m_maxWeight;
            if (lastPass || last == list.end())
            {
                m_cursor = list.end();
                if (Explaining())
                {
                    Explain("no server with weight >= cw that is not overloaded");
                }
                return nullptr;
            }
            restarted = true;
        }
        lastPass = m_currentWeight <= m_gcd;
        if (lastPass && restarted && last != list.end())
        {
            stop = last;
            haveStop = true;
        }
    }
}

} // namespace ipvs
