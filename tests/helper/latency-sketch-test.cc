// The latency sketch: percentiles within its relative accuracy of the
// exact nearest-rank ones, in memory that does not grow with the values.
#include "helper/latency-sketch.h"

#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>
#include <random>
#include <vector>

namespace ns3
{
namespace
{

double
ExactPercentile(std::vector<double> values, double percent)
{
    std::sort(values.begin(), values.end());
    auto rank = size_t(std::ceil(percent / 100.0 * values.size()));
    return values[std::clamp<size_t>(rank, 1, values.size()) - 1];
}

std::vector<double>
LognormalLatencies(size_t n, unsigned seed)
{
    std::mt19937_64 random(seed);
    std::lognormal_distribution<double> latency(std::log(20.0), 1.2); // ms
    std::vector<double> values(n);
    for (double& v : values)
    {
        v = latency(random);
    }
    return values;
}

TEST(LatencySketch, PercentilesAreWithinTheRelativeAccuracyOfTheExactOnes)
{
    std::vector<double> values = LognormalLatencies(200000, 1);
    LatencySketch sketch;
    for (double v : values)
    {
        sketch.Add(v);
    }
    for (double p : {1.0, 25.0, 50.0, 90.0, 95.0, 99.0, 99.9})
    {
        double exact = ExactPercentile(values, p);
        EXPECT_LE(std::abs(sketch.Percentile(p) - exact), 0.001 * exact) << "p" << p;
        EXPECT_NE(sketch.Percentile(p), exact) << "p" << p << " (a sketch answers for a bucket)";
    }
    EXPECT_EQ(sketch.Percentile(100), *std::max_element(values.begin(), values.end()));
    EXPECT_EQ(sketch.Max(), *std::max_element(values.begin(), values.end()));
    EXPECT_EQ(sketch.Min(), *std::min_element(values.begin(), values.end()));
    double sum = 0;
    for (double v : values)
    {
        sum += v;
    }
    EXPECT_NEAR(sketch.Mean(), sum / values.size(), 1e-9 * sum / values.size());
    EXPECT_EQ(sketch.Count(), values.size());
}

TEST(LatencySketch, AFewValuesAnswerAsTheExactNearestRank)
{
    LatencySketch sketch;
    for (double v : {10.0, 20.0, 30.0, 40.0})
    {
        sketch.Add(v);
    }
    EXPECT_NEAR(sketch.Percentile(50), 20.0, 0.02);
    EXPECT_NEAR(sketch.Percentile(75), 30.0, 0.03);
    EXPECT_NEAR(sketch.Percentile(1), 10.0, 0.01);
    EXPECT_EQ(sketch.Percentile(99), 40.0);
}

TEST(LatencySketch, MemoryDoesNotGrowWithTheNumberOfValues)
{
    LatencySketch sketch;
    std::mt19937_64 random(7);
    std::uniform_real_distribution<double> exponent(-2, 5); // 0.01 ms to 100 s
    for (int i = 0; i < 1000000; ++i)
    {
        sketch.Add(std::pow(10.0, exponent(random)));
    }
    size_t buckets = sketch.BucketCount();
    // log_g(10^7) with g = 1.001 / 0.999: the buckets of seven decades.
    double decades = std::log(1e7) / std::log(1.001 / 0.999);
    EXPECT_LE(double(buckets), decades + 2);
    EXPECT_GE(double(buckets), decades - 2);
    for (int i = 0; i < 1000000; ++i)
    {
        sketch.Add(std::pow(10.0, exponent(random)));
    }
    EXPECT_EQ(sketch.BucketCount(), buckets);
    EXPECT_EQ(sketch.Count(), 2000000u);
}

TEST(LatencySketch, MergingTwoSketchesGivesTheSketchOfBothStreams)
{
    std::vector<double> values = LognormalLatencies(50000, 3);
    LatencySketch whole;
    LatencySketch first;
    LatencySketch second;
    for (size_t i = 0; i < values.size(); ++i)
    {
        whole.Add(values[i]);
        (i % 3 == 0 ? first : second).Add(values[i]);
    }
    first.Merge(second);
    EXPECT_EQ(first.Count(), whole.Count());
    EXPECT_EQ(first.Max(), whole.Max());
    EXPECT_EQ(first.Min(), whole.Min());
    for (double p : {50.0, 95.0, 99.0})
    {
        EXPECT_EQ(first.Percentile(p), whole.Percentile(p)) << "p" << p;
    }
    EXPECT_THROW(first.Merge(LatencySketch(0.01)), std::invalid_argument);
}

TEST(LatencySketch, ZeroAndEmpty)
{
    LatencySketch sketch;
    EXPECT_EQ(sketch.Percentile(50), 0);
    EXPECT_EQ(sketch.Mean(), 0);
    sketch.Add(0);
    sketch.Add(0);
    sketch.Add(5);
    EXPECT_EQ(sketch.Percentile(50), 0);
    EXPECT_EQ(sketch.Percentile(100), 5);
    EXPECT_THROW(LatencySketch(0), std::invalid_argument);
    EXPECT_THROW(LatencySketch(1), std::invalid_argument);
}

} // namespace
} // namespace ns3
