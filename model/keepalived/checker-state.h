// What keepalived's checker decides after each check: the next check's
// delay and whether the real server changes state.  Plain C++: the
// timings and the verdicts, without sockets, so that tests can step
// through them.
//
// Two state machines, as keepalived 2.4 has them:
// - TCP_CHECK (check_tcp.c tcp_epilog): a server that is up goes down on
//   the (retry + 1)-th failure in a row, delay_before_retry after each
//   failure; a server that is down is checked every delay_loop and one
//   success brings it back.
// - HTTP_GET (check_http.c epilog, one URL): the same way down, but while
//   down a failure waits max(delay_before_retry, delay_loop), and coming
//   back takes two successes: the first clears the failed URL, the second
//   marks the server up.
// Servers start up, with the retry counter already full, so that one
// failed first check takes a server down; with `alpha` they start down
// and their first passed check brings them up.
#ifndef KEEPALIVED_CHECKER_STATE_H
#define KEEPALIVED_CHECKER_STATE_H

#include <optional>
#include <string>

namespace keepalived
{

enum class CheckKind
{
    Tcp,  ///< TCP_CHECK: the connection completes
    Http, ///< HTTP_GET: a response arrives
};

/// "TCP_CHECK", "HTTP_GET".
std::string CheckKindName(CheckKind kind);

/// keepalived's timing keys, in seconds.
struct CheckTimings
{
    double connectTimeoutS = 5;
    double delayLoopS = 60;
    unsigned retry = 1;
    double delayBeforeRetryS = 1; ///< 3 for HTTP_GET (keepalived's default)
    double warmupS = 60;          ///< the random part of the first delay (default: delay_loop)

    /// keepalived's defaults for @p kind.
    static CheckTimings Defaults(CheckKind kind);
};

/// The first check comes 1 s after start (BOOTSTRAP_DELAY) plus this part
/// of the warm-up: @p uniform01 is a draw from [0, 1].
double FirstCheckDelayS(const CheckTimings& timings, double uniform01);

class CheckerState
{
  public:
    struct Outcome
    {
        double nextCheckInS = 0;
        std::optional<bool> becameUp; ///< set when the server changes state
    };

    /// @p alpha: the server starts down (keepalived's `alpha`).
    CheckerState(CheckKind kind, const CheckTimings& timings, bool alpha = false);

    /// One check finished: @p success or not.
    Outcome OnResult(bool success);

    bool IsUp() const
    {
        return m_up;
    }

  private:
    Outcome OnTcpResult(bool success);
    Outcome OnHttpResult(bool success);

    CheckKind m_kind;
    CheckTimings m_timings;
    bool m_up;             ///< without alpha, servers start up
    bool m_hasRun = false; ///< a check has finished
    unsigned m_retryIt;    ///< failures counted towards retry
    bool m_failedUrl = false;
};

} // namespace keepalived

#endif
