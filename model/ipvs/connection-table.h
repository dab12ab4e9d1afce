// The IPVS connection table (linux ip_vs_conn.c): entries looked up from the
// client side and, for NAT, from the real-server side; an idle timer per
// entry; counters moved on the destination exactly when the kernel moves
// them.  Memory is bounded by live entries: an entry is freed when it
// expires.
#ifndef IPVS_CONNECTION_TABLE_H
#define IPVS_CONNECTION_TABLE_H

#include "model/ipvs/connection.h"
#include "model/ipvs/tcp-state-table.h"

#include <algorithm>
#include <cstddef>
#include <functional>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ipvs
{

/// How long a template (or any entry) that still controls others lives on
/// when its timer fires (ip_vs_conn_expire re-arms it for 60 s).
constexpr Time kControllerRecheck = Seconds(60);

/// Timeout of a freshly allocated entry before its first state transition.
constexpr Time kInitialTimeout = Seconds(3);

class ConnectionTable
{
  public:
    explicit ConnectionTable(const StateTimeouts& timeouts);

    /// Client -> Director packet (or a template's key, with cport 0).
    Connection* FindInbound(Protocol protocol, Addr caddr, Port cport, Addr vaddr, Port vport);
    /// Real server -> client packet: source daddr:dport for NAT entries,
    /// vaddr:vport for the others.
    Connection* FindOutbound(Protocol protocol, Addr saddr, Port sport, Addr daddr, Port dport);
    Connection* Get(ConnectionId id);

    /// Enters @p entry (its id is assigned here), binds it to its
    /// destination (counters, upper threshold) and arms its timer.
    Connection& Insert(Connection entry, Time now);

    /// Applies a state change and moves the entry between the active and
    /// inactive counters as set_tcp_state does; the timeout follows the
    /// new state.
    void SetState(Connection& entry, ConnState state);
    /// Re-arms the idle timer: the entry expires at now + its timeout.
    void Rearm(Connection& entry, Time now);
    /// A template that may no longer be used (its destination is gone):
    /// re-keyed with vport and dport 65535 so that no lookup finds it; it
    /// lives on while it controls connections.
    void InvalidateTemplate(Connection& tmpl);
    /// Removes these entries at once, whatever they control (a deleted
    /// service's entries).
    void RemoveAll(const std::vector<ConnectionId>& ids);
    /// The timer fires now (ip_vs_conn_expire_now).
    void ExpireNow(Connection& entry, Time now);

    /// Fires every timer due at or before @p now (strictly before it when
    /// @p inclusive is false), in time order.
    void RunTimers(Time now, bool inclusive = true);

    /// Idle timers of connection entries (templates excepted) on or off.
    /// The scheduler-trace format models a connection's timeout as its own
    /// `expired` event, so the trace replayer turns them off.
    void SetIdleTimersEnabled(bool enabled)
    {
        m_idleTimers = enabled;
    }

    std::size_t Size() const
    {
        return m_entries.size();
    }

    /// Elements in the timer queue, stale ones included: its memory.
    std::size_t PendingTimers() const
    {
        return m_timers.size();
    }

    void ForEach(const std::function<void(const Connection&)>& visit) const;

    const StateTimeouts& GetTimeouts() const
    {
        return m_timeouts;
    }

  private:
    struct Key
    {
        uint8_t protocol;
        Addr a;
        Port aPort;
        Addr b;
        Port bPort;

        bool operator==(const Key& o) const
        {
            return protocol == o.protocol && a == o.a && aPort == o.aPort && b == o.b &&
                   bPort == o.bPort;
        }
    };

    struct KeyHash
    {
        std::size_t operator()(const Key& k) const;
    };

    /// Key -> entry, straight to the entry (elements of m_entries never
    /// move while they live).  Open addressing with linear probing: the
    /// key sits in the slot, so a lookup among a million entries costs one
    /// cache miss, not a bucket and a node (docs/performance.md).
    class Index
    {
      public:
        Connection* Find(const Key& key) const;
        /// Points @p key at @p entry (inserting or replacing).
        void Set(const Key& key, Connection* entry);
        /// Removes @p key if it points at the entry with @p id.
        void EraseIf(const Key& key, ConnectionId id);

      private:
        struct Slot
        {
            Key key;
            Connection* entry = nullptr; ///< nullptr: the slot is free
        };

        size_t Home(const Key& key) const;
        /// The slot holding @p key, or the free slot where it would go.
        size_t Probe(const Key& key) const;
        void Grow();

        std::vector<Slot> m_slots; ///< size a power of two, at most half used
        size_t m_used = 0;
    };

    static Key InboundKey(const Connection& c);
    static Key OutboundKey(const Connection& c);
    /// What happens when an entry's timer fires.
    void OnTimer(Connection& entry, Time now);
    void Remove(Connection& entry);
    void ScheduleTimer(Connection& entry, Time expires);

    const StateTimeouts& m_timeouts;
    ConnectionId m_nextId = 1;
    bool m_idleTimers = true;
    std::unordered_map<ConnectionId, Connection> m_entries;
    Index m_inbound;
    Index m_outbound; ///< NAT entries only

    /// A pending timer: entry @p id is due at @p due (if the entry still
    /// says so: see Connection::timerAt).
    struct Timer
    {
        Time due;
        ConnectionId id;

        bool operator>(const Timer& o) const
        {
            return due != o.due ? due > o.due : id > o.id;
        }
    };

    /// A binary heap (std::push_heap with std::greater), earliest first,
    /// then by id: the order the entries' timers fire in.  Lazy: re-arming
    /// to a later time (most packets) leaves the pending element alone, and
    /// it moves itself when it comes up; only an earlier expiry adds one.
    /// Removing an entry leaves its element to be skipped.  A sorted set
    /// would cost every packet an erase and an insert among all live
    /// entries.
    std::vector<Timer> m_timers;
    /// Elements, stale and live, allowed beyond twice the live entries.
    static constexpr size_t kTimerSlack = 1024;
    /// Adds @p timer, whose entry's timerAt already says timer.due.
    void PushTimer(Timer timer);
    Timer PopTimer();
    /// Drops the stale elements once they outnumber the live ones (all
    /// elements reach twice the live entries plus kTimerSlack): an
    /// entry leaving ESTABLISHED (15 minutes) for a shorter state leaves
    /// an element 15 minutes out, and a long run would otherwise keep
    /// every one of them (docs/performance.md).
    void CompactTimers();
};

} // namespace ipvs

#endif
