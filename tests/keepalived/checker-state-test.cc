// keepalived's checker verdicts and timings (check_tcp.c tcp_epilog,
// check_http.c epilog), step by step, without sockets.
#include "model/keepalived/checker-state.h"

#include <gtest/gtest.h>

namespace keepalived
{
namespace
{

CheckTimings
Timings(unsigned retry)
{
    CheckTimings t;
    t.delayLoopS = 6;
    t.delayBeforeRetryS = 2;
    t.connectTimeoutS = 1;
    t.retry = retry;
    return t;
}

TEST(CheckerState, KeepalivedsDefaults)
{
    CheckTimings tcp = CheckTimings::Defaults(CheckKind::Tcp);
    EXPECT_EQ(tcp.delayLoopS, 60);
    EXPECT_EQ(tcp.connectTimeoutS, 5);
    EXPECT_EQ(tcp.retry, 1u);
    EXPECT_EQ(tcp.delayBeforeRetryS, 1);
    EXPECT_EQ(CheckTimings::Defaults(CheckKind::Http).delayBeforeRetryS, 3);
    // BOOTSTRAP_DELAY plus a random part of the warm-up.
    EXPECT_EQ(FirstCheckDelayS(tcp, 0), 1);
    EXPECT_EQ(FirstCheckDelayS(tcp, 0.5), 31);
}

TEST(CheckerState, TcpOneFailedFirstCheckTakesTheServerDown)
{
    CheckerState s(CheckKind::Tcp, Timings(3));
    auto out = s.OnResult(false);
    ASSERT_TRUE(out.becameUp.has_value());
    EXPECT_FALSE(*out.becameUp);
    EXPECT_EQ(out.nextCheckInS, 6) << "down: every delay_loop, no retries";
}

TEST(CheckerState, TcpAServerThatWasUpGoesDownOnTheRetryPlusFirstFailure)
{
    CheckerState s(CheckKind::Tcp, Timings(2));
    auto first = s.OnResult(true);
    EXPECT_FALSE(first.becameUp.has_value()) << "starts up: no change";
    EXPECT_EQ(first.nextCheckInS, 6);
    for (int failure = 1; failure <= 2; ++failure)
    {
        auto out = s.OnResult(false);
        EXPECT_FALSE(out.becameUp.has_value()) << "failure " << failure;
        EXPECT_EQ(out.nextCheckInS, 2) << "delay_before_retry after failure " << failure;
        EXPECT_TRUE(s.IsUp());
    }
    auto third = s.OnResult(false);
    ASSERT_TRUE(third.becameUp.has_value());
    EXPECT_FALSE(*third.becameUp);
    EXPECT_EQ(third.nextCheckInS, 6);
    // Down: failures change nothing and come every delay_loop.
    auto again = s.OnResult(false);
    EXPECT_FALSE(again.becameUp.has_value());
    EXPECT_EQ(again.nextCheckInS, 6);
    // One success brings it back.
    auto back = s.OnResult(true);
    ASSERT_TRUE(back.becameUp.has_value());
    EXPECT_TRUE(*back.becameUp);
    EXPECT_TRUE(s.IsUp());
}

TEST(CheckerState, TcpASuccessBetweenFailuresStartsTheCountAgain)
{
    CheckerState s(CheckKind::Tcp, Timings(1));
    s.OnResult(true);
    EXPECT_EQ(s.OnResult(false).nextCheckInS, 2);
    EXPECT_EQ(s.OnResult(true).nextCheckInS, 6);
    EXPECT_FALSE(s.OnResult(false).becameUp.has_value());
    auto down = s.OnResult(false);
    ASSERT_TRUE(down.becameUp.has_value());
    EXPECT_FALSE(*down.becameUp);
}

TEST(CheckerState, TcpRetryZeroGoesDownOnTheFirstFailure)
{
    CheckerState s(CheckKind::Tcp, Timings(0));
    s.OnResult(true);
    auto out = s.OnResult(false);
    ASSERT_TRUE(out.becameUp.has_value());
    EXPECT_FALSE(*out.becameUp);
}

TEST(CheckerState, HttpGoesDownLikeTcpButComesBackOnTheSecondSuccess)
{
    CheckTimings t = Timings(1);
    t.delayBeforeRetryS = 3;
    CheckerState s(CheckKind::Http, t);
    EXPECT_EQ(s.OnResult(true).nextCheckInS, 6);
    auto retry = s.OnResult(false);
    EXPECT_FALSE(retry.becameUp.has_value());
    EXPECT_EQ(retry.nextCheckInS, 3);
    auto down = s.OnResult(false);
    ASSERT_TRUE(down.becameUp.has_value());
    EXPECT_FALSE(*down.becameUp);
    EXPECT_EQ(down.nextCheckInS, 6) << "max(delay_before_retry, delay_loop) once the URL failed";
    EXPECT_EQ(s.OnResult(false).nextCheckInS, 6);
    // The first success clears the failed URL only.
    auto cleared = s.OnResult(true);
    EXPECT_FALSE(cleared.becameUp.has_value());
    EXPECT_FALSE(s.IsUp());
    EXPECT_EQ(cleared.nextCheckInS, 6);
    auto back = s.OnResult(true);
    ASSERT_TRUE(back.becameUp.has_value());
    EXPECT_TRUE(*back.becameUp);
}

TEST(CheckerState, HttpOneFailedFirstCheckTakesTheServerDown)
{
    CheckerState s(CheckKind::Http, Timings(3));
    auto out = s.OnResult(false);
    ASSERT_TRUE(out.becameUp.has_value());
    EXPECT_FALSE(*out.becameUp);
}

TEST(CheckerState, HttpALongDelayBeforeRetryOutlastsTheLoopWhenDown)
{
    CheckTimings t = Timings(0);
    t.delayBeforeRetryS = 10;
    CheckerState s(CheckKind::Http, t);
    s.OnResult(true);
    EXPECT_EQ(s.OnResult(false).nextCheckInS, 10);
}

TEST(CheckerState, AlphaServersStartDownAndComeUpOnTheirFirstPass)
{
    CheckerState tcp(CheckKind::Tcp, Timings(1), true);
    EXPECT_FALSE(tcp.IsUp());
    auto failed = tcp.OnResult(false);
    EXPECT_FALSE(failed.becameUp.has_value()) << "already down";
    EXPECT_EQ(failed.nextCheckInS, 6);
    auto up = tcp.OnResult(true);
    ASSERT_TRUE(up.becameUp.has_value());
    EXPECT_TRUE(*up.becameUp);

    CheckerState http(CheckKind::Http, Timings(1), true);
    auto first = http.OnResult(true);
    ASSERT_TRUE(first.becameUp.has_value()) << "no failed URL yet: one pass";
    EXPECT_TRUE(*first.becameUp);
}

} // namespace
} // namespace keepalived
