// The streaming summary of a run's transactions: the same counts, shares,
// window and throughput as a summary over every record would give.
#include "helper/transaction-summary.h"

#include <gtest/gtest.h>

namespace ns3
{
namespace
{

TransactionRecord
Transaction(double startS, double endS, TransactionOutcome outcome, const char* server = "10.0.1.1")
{
    TransactionRecord t;
    t.start = Seconds(startS);
    t.end = Seconds(endS);
    t.outcome = outcome;
    t.server = Ipv4Address(server);
    return t;
}

TEST(TransactionSummarizer, CountsOutcomesSharesAndTheMeasuredSpan)
{
    TransactionSummarizer summary;
    summary.SetWindow(Seconds(0), Seconds(100));
    summary.Add(Transaction(1.0, 1.010, TransactionOutcome::Ok, "10.0.1.1"));
    summary.Add(Transaction(0.5, 1.5, TransactionOutcome::TimedOut));
    summary.Add(Transaction(2.0, 2.030, TransactionOutcome::Ok, "10.0.1.2"));
    summary.Add(Transaction(2.5, 2.520, TransactionOutcome::Ok, "10.0.1.1"));
    summary.Add(Transaction(3.0, 3.0, TransactionOutcome::Refused));
    summary.Add(Transaction(3.0, 4.0, TransactionOutcome::Reset));
    ResultSummary s = summary.Run();
    EXPECT_EQ(s.offered, 6u);
    EXPECT_EQ(s.ok, 3u);
    EXPECT_EQ(s.timedOut, 1u);
    EXPECT_EQ(s.refused, 1u);
    EXPECT_EQ(s.reset, 1u);
    EXPECT_EQ(s.servedBy.at("10.0.1.1"), 2u);
    EXPECT_EQ(s.servedBy.at("10.0.1.2"), 1u);
    EXPECT_DOUBLE_EQ(s.measuredS, 3.5); // 0.5 s to 4.0 s
    EXPECT_DOUBLE_EQ(s.throughputPerS, 3 / 3.5);
    EXPECT_NEAR(s.latency.mean, 20.0, 1e-9);
    EXPECT_EQ(s.latency.max, 30.0);
    EXPECT_NEAR(s.latency.p50, 20.0, 0.02);
}

TEST(TransactionSummarizer, TheWindowCountsWhatStartedInItAndWhatCompletedInIt)
{
    TransactionSummarizer summary;
    summary.SetWindow(Seconds(10), Seconds(20));
    summary.Add(Transaction(9.9, 10.1, TransactionOutcome::Ok));  // completed in, started before
    summary.Add(Transaction(10.0, 10.2, TransactionOutcome::Ok)); // both
    summary.Add(Transaction(15.0, 16.0, TransactionOutcome::TimedOut));
    summary.Add(Transaction(19.9, 20.1, TransactionOutcome::Ok)); // started in, completed after
    summary.Add(Transaction(20.0, 20.1, TransactionOutcome::Ok)); // after
    WindowSummary w = summary.Window();
    EXPECT_EQ(w.started, 3u);
    EXPECT_EQ(w.failed, 1u);
    EXPECT_DOUBLE_EQ(w.throughputPerS, 2 / 10.0);
    EXPECT_NEAR(w.latency.max, 200.0, 1e-6);
    EXPECT_EQ(summary.Run().offered, 5u);
}

TEST(TransactionSummarizer, ArrivalsThatEndEarlyEndTheWindowJustAfterTheLastStart)
{
    TransactionSummarizer summary;
    summary.SetWindow(Seconds(1), Seconds(60));
    summary.Add(Transaction(2.0, 2.1, TransactionOutcome::Ok));
    summary.EndWindowAfter(Seconds(5)); // the first client node's last start
    summary.Add(Transaction(5.0, 5.1, TransactionOutcome::Ok)); // that last start: inside
    summary.Add(Transaction(5.5, 5.6, TransactionOutcome::Ok)); // another node's tail: outside
    summary.EndWindowAfter(Seconds(6));                         // a later node: no change
    WindowSummary w = summary.Window();
    EXPECT_NEAR(w.endS, 5.0, 1e-8);
    EXPECT_EQ(w.started, 2u);
    EXPECT_NEAR(w.throughputPerS, 1 / 4.0, 1e-8); // 5.1 s is past the end
}

TEST(TransactionSummarizer, ArrivalsThatEndInTheWarmUpLeaveAnEmptyWindow)
{
    TransactionSummarizer summary;
    summary.SetWindow(Seconds(10), Seconds(60));
    summary.EndWindowAfter(Seconds(4));
    summary.Add(Transaction(3.0, 3.1, TransactionOutcome::Ok));
    WindowSummary w = summary.Window();
    EXPECT_EQ(w.endS, w.startS);
    EXPECT_EQ(w.started, 0u);
    EXPECT_EQ(w.throughputPerS, 0);
    EXPECT_EQ(summary.Run().ok, 1u);
}

} // namespace
} // namespace ns3
