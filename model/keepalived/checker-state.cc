#include "model/keepalived/checker-state.h"

#include <algorithm>

namespace keepalived
{

std::string
CheckKindName(CheckKind kind)
{
    return kind == CheckKind::Tcp ? "TCP_CHECK" : "HTTP_GET";
}

CheckTimings
CheckTimings::Defaults(CheckKind kind)
{
    CheckTimings t;
    t.delayBeforeRetryS = kind == CheckKind::Http ? 3 : 1; // check_http.c: 3 * TIMER_HZ
    return t;
}

double
FirstCheckDelayS(const CheckTimings& timings, double uniform01)
{
    constexpr double kBootstrapDelayS = 1;
    return kBootstrapDelayS + timings.warmupS * uniform01;
}

CheckerState::CheckerState(CheckKind kind, const CheckTimings& timings, bool alpha)
    : m_kind(kind),
      m_timings(timings),
      m_up(!alpha),
      m_retryIt(timings.retry) // one failure is enough at first (check_data.c)
{
}

CheckerState::Outcome
CheckerState::OnResult(bool success)
{
    return m_kind == CheckKind::Tcp ? OnTcpResult(success) : OnHttpResult(success);
}

CheckerState::Outcome
CheckerState::OnTcpResult(bool success)
{
    Outcome out;
    out.nextCheckInS = m_timings.delayLoopS;
    bool retriesUsed = (m_up || !m_hasRun) && m_retryIt >= m_timings.retry;
    if (success || retriesUsed)
    {
        m_retryIt = 0;
        if (success && !m_up)
        {
            out.becameUp = true;
        }
        else if (!success && m_up)
        {
            out.becameUp = false;
        }
    }
    else if (m_up)
    {
        out.nextCheckInS = m_timings.delayBeforeRetryS;
        ++m_retryIt;
    }
    if (out.becameUp)
    {
        m_up = *out.becameUp;
    }
    m_hasRun = true;
    return out;
}

CheckerState::Outcome
CheckerState::OnHttpResult(bool success)
{
    Outcome out;
    if (success)
    {
        m_retryIt = 0;
        if (m_failedUrl)
        {
            m_failedUrl = false; // the failed URL answers: check them all again
        }
        else if (!m_up)
        {
            out.becameUp = true;
        }
        out.nextCheckInS = m_timings.delayLoopS;
        m_hasRun = true;
    }
    else if (m_up || !m_hasRun)
    {
        m_hasRun = true; // timeout_epilog: REGISTER_CHECKER_RETRY
        if (++m_retryIt > m_timings.retry)
        {
            if (m_up)
            {
                out.becameUp = false;
            }
            m_failedUrl = true;
        }
        out.nextCheckInS = m_failedUrl ? std::max(m_timings.delayBeforeRetryS, m_timings.delayLoopS)
                                       : m_timings.delayBeforeRetryS;
    }
    else
    {
        // Known dead: REGISTER_CHECKER_FAILED, no retry.
        out.nextCheckInS = m_failedUrl ? std::max(m_timings.delayBeforeRetryS, m_timings.delayLoopS)
                                       : m_timings.delayBeforeRetryS;
    }
    if (out.becameUp)
    {
        m_up = *out.becameUp;
    }
    return out;
}

} // namespace keepalived
