#include "helper/latency-sketch.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace ns3
{

namespace
{

/// Values at or below this (ms) are counted as 0: ns-3 time has a
/// resolution of 1 ns, so nothing real is smaller.
constexpr double kSmallestValueMs = 1e-6;

} // namespace

LatencySketch::LatencySketch(double relativeAccuracy)
    : m_accuracy(relativeAccuracy),
      m_logGamma(std::log((1 + relativeAccuracy) / (1 - relativeAccuracy)))
{
    if (!(relativeAccuracy > 0 && relativeAccuracy < 1))
    {
        throw std::invalid_argument("LatencySketch: the relative accuracy must be in (0, 1)");
    }
}

int
LatencySketch::BucketOf(double value) const
{
    return int(std::ceil(std::log(value) / m_logGamma));
}

double
LatencySketch::ValueOf(int bucket) const
{
    // The point of (g^(i-1), g^i] whose relative distance to both ends is a.
    return 2 * std::exp(bucket * m_logGamma) / (std::exp(m_logGamma) + 1);
}

uint64_t&
LatencySketch::Slot(int bucket)
{
    if (m_buckets.empty())
    {
        m_lowest = bucket;
        m_buckets.assign(1, 0);
    }
    else if (bucket < m_lowest)
    {
        m_buckets.insert(m_buckets.begin(), size_t(m_lowest - bucket), 0);
        m_lowest = bucket;
    }
    else if (size_t(bucket - m_lowest) >= m_buckets.size())
    {
        m_buckets.resize(size_t(bucket - m_lowest) + 1, 0);
    }
    return m_buckets[size_t(bucket - m_lowest)];
}

void
LatencySketch::Add(double value)
{
    value = std::max(value, 0.0);
    m_min = m_count == 0 ? value : std::min(m_min, value);
    m_max = m_count == 0 ? value : std::max(m_max, value);
    ++m_count;
    m_sum += value;
    if (value <= kSmallestValueMs)
    {
        ++m_zeros;
        return;
    }
    ++Slot(BucketOf(value));
}

void
LatencySketch::Merge(const LatencySketch& other)
{
    if (other.m_accuracy != m_accuracy)
    {
        throw std::invalid_argument("LatencySketch: cannot merge sketches of different accuracy");
    }
    if (other.m_count == 0)
    {
        return;
    }
    m_min = m_count == 0 ? other.m_min : std::min(m_min, other.m_min);
    m_max = m_count == 0 ? other.m_max : std::max(m_max, other.m_max);
    m_count += other.m_count;
    m_sum += other.m_sum;
    m_zeros += other.m_zeros;
    for (size_t k = 0; k < other.m_buckets.size(); ++k)
    {
        if (other.m_buckets[k] > 0)
        {
            Slot(other.m_lowest + int(k)) += other.m_buckets[k];
        }
    }
}

double
LatencySketch::Mean() const
{
    return m_count ? m_sum / m_count : 0;
}

double
LatencySketch::Min() const
{
    return m_min;
}

double
LatencySketch::Max() const
{
    return m_max;
}

double
LatencySketch::Percentile(double percent) const
{
    if (m_count == 0)
    {
        return 0;
    }
    auto rank = uint64_t(std::ceil(percent / 100.0 * double(m_count)));
    rank = std::clamp<uint64_t>(rank, 1, m_count);
    if (rank == m_count)
    {
        return m_max; // exact
    }
    uint64_t seen = m_zeros;
    if (seen >= rank)
    {
        return m_min;
    }
    for (size_t k = 0; k < m_buckets.size(); ++k)
    {
        seen += m_buckets[k];
        if (seen >= rank)
        {
            // The bucket's answer, kept inside what was really seen.
            return std::clamp(ValueOf(m_lowest + int(k)), m_min, m_max);
        }
    }
    return m_max;
}

} // namespace ns3
