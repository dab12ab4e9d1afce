// Percentiles of a stream of latencies in constant memory.
//
// A relative-error sketch (the DDSketch idea): a value x > 0 falls in the
// bucket i = ceil(log_g(x)) with g = (1 + a) / (1 - a), and a bucket
// answers with 2 g^i / (g + 1), which is within a relative error a of
// every value the bucket holds.  A nearest-rank percentile read from the
// buckets is therefore within a relative error a of the exact
// nearest-rank percentile of the same values.  With a = 0.1%, latencies
// between 1 ns and 16 minutes fall in at most about 13,800 buckets
// (108 KiB; a run's latencies usually span a few thousand): memory does
// not grow with the number of values.  Count, mean, minimum and maximum are exact.
// Two sketches of the same accuracy merge into the sketch of both streams.
#ifndef LVS_LATENCY_SKETCH_H
#define LVS_LATENCY_SKETCH_H

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ns3
{

class LatencySketch
{
  public:
    /// The default relative accuracy: 0.1%.
    static constexpr double kDefaultRelativeAccuracy = 0.001;

    explicit LatencySketch(double relativeAccuracy = kDefaultRelativeAccuracy);

    /// Adds one value (ms; values <= 0 count as 0).
    void Add(double value);
    /// Adds every value of @p other (same accuracy).
    void Merge(const LatencySketch& other);

    uint64_t Count() const
    {
        return m_count;
    }

    double Mean() const;
    double Min() const;
    double Max() const;
    /// The nearest-rank @p percent percentile (0 < percent <= 100), within
    /// the relative accuracy of the exact one; 0 when empty.
    double Percentile(double percent) const;

    double RelativeAccuracy() const
    {
        return m_accuracy;
    }

    /// Buckets held (from the lowest to the highest value's): the memory.
    size_t BucketCount() const
    {
        return m_buckets.size();
    }

  private:
    int BucketOf(double value) const;
    double ValueOf(int bucket) const;
    uint64_t& Slot(int bucket);

    double m_accuracy;
    double m_logGamma;
    std::vector<uint64_t> m_buckets; ///< m_buckets[k] counts bucket m_lowest + k
    int m_lowest = 0;
    uint64_t m_zeros = 0; ///< values below the smallest bucket (<= 1 ns)
    uint64_t m_count = 0;
    double m_sum = 0;
    double m_min = 0;
    double m_max = 0;
};

} // namespace ns3

#endif
