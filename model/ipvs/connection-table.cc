#include "model/ipvs/connection-table.h"

namespace ipvs
{

std::size_t
ConnectionTable::KeyHash::operator()(const Key& k) const
{
    uint64_t h = (uint64_t(k.a) << 32) ^ (uint64_t(k.aPort) << 16) ^ k.protocol;
    h ^= (uint64_t(k.b) * 0x9E3779B97F4A7C15ULL) ^ (uint64_t(k.bPort) << 48);
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 32;
    return std::size_t(h);
}

ConnectionTable::ConnectionTable(const StateTimeouts& timeouts)
    : m_timeouts(timeouts)
{
}

ConnectionTable::Key
ConnectionTable::InboundKey(const Connection& c)
{
    return Key{uint8_t(c.protocol), c.caddr, c.cport, c.vaddr, c.vport};
}

ConnectionTable::Key
ConnectionTable::OutboundKey(const Connection& c)
{
    return Key{uint8_t(c.protocol), c.daddr, c.dport, c.caddr, c.cport};
}

Connection*
ConnectionTable::Get(ConnectionId id)
{
    auto it = m_entries.find(id);
    return it == m_entries.end() ? nullptr : &it->second;
}

Connection*
ConnectionTable::FindInbound(Protocol protocol, Addr caddr, Port cport, Addr vaddr, Port vport)
{
    return m_inbound.Find(Key{uint8_t(protocol), caddr, cport, vaddr, vport});
}

Connection*
ConnectionTable::FindOutbound(Protocol protocol, Addr saddr, Port sport, Addr daddr, Port dport)
{
    if (Connection* nat = m_outbound.Find(Key{uint8_t(protocol), saddr, sport, daddr, dport}))
    {
        return nat;
    }
    // Non-NAT entries answer from vaddr:vport, the client-side key reversed.
    Connection* c = FindInbound(protocol, daddr, dport, saddr, sport);
    return (c && !c->IsTemplate()) ? c : nullptr;
}

Connection&
ConnectionTable::Insert(Connection entry, Time now)
{
    entry.id = m_nextId++;
    entry.timerAt = kNoTimer; // a copy of another entry must not inherit its timer
    // ip_vs_bind_dest: every new entry starts INACTIVE (templates excepted).
    if (!entry.IsTemplate())
    {
        entry.flags |= kConnInactive;
    }
    if (entry.timeout == 0)
    {
        entry.timeout = kInitialTimeout;
    }
    auto [it, inserted] = m_entries.emplace(entry.id, std::move(entry));
    Connection& c = it->second;
    m_inbound.Set(InboundKey(c), &c);
    if (!c.IsTemplate() && c.method == ForwardMethod::Masq)
    {
        m_outbound.Set(OutboundKey(c), &c);
    }
    if (c.dest)
    {
        c.dest->BindConnection(c.IsTemplate());
    }
    if (c.control != 0)
    {
        if (Connection* t = Get(c.control))
        {
            ++t->controlled;
        }
    }
    ScheduleTimer(c, now + c.timeout);
    return c;
}

void
ConnectionTable::SetState(Connection& c, ConnState state)
{
    if (c.dest && c.protocol == Protocol::Tcp && !c.IsTemplate())
    {
        bool nowActive = IsActiveTcpState(state);
        if (!c.IsInactive() && !nowActive)
        {
            c.dest->MoveToInactive();
            c.flags |= kConnInactive;
        }
        else if (c.IsInactive() && nowActive)
        {
            c.dest->MoveToActive();
            c.flags &= ~kConnInactive;
        }
    }
    c.state = state;
    c.timeout = m_timeouts.Get(state);
}

void
ConnectionTable::Rearm(Connection& c, Time now)
{
    ScheduleTimer(c, now + c.timeout);
}

void
ConnectionTable::ScheduleTimer(Connection& c, Time expires)
{
    c.expires = expires;
    if (!m_idleTimers && !c.IsTemplate())
    {
        c.timerAt = kNoTimer; // any pending element is now stale
        return;
    }
    if (expires < c.timerAt)
    {
        c.timerAt = expires;
        PushTimer(Timer{expires, c.id});
    }
    // Otherwise the pending element comes up first and moves to c.expires.
}

void
ConnectionTable::PushTimer(Timer timer)
{
    if (m_timers.size() >= 2 * m_entries.size() + kTimerSlack)
    {
        CompactTimers(); // the entry's timerAt is already set: this timer is in
        return;
    }
    m_timers.push_back(timer);
    std::push_heap(m_timers.begin(), m_timers.end(), std::greater<Timer>());
}

ConnectionTable::Timer
ConnectionTable::PopTimer()
{
    std::pop_heap(m_timers.begin(), m_timers.end(), std::greater<Timer>());
    Timer timer = m_timers.back();
    m_timers.pop_back();
    return timer;
}

void
ConnectionTable::CompactTimers()
{
    // Each live entry's one valid element is {timerAt, id}: keep those.
    // The order of firing is the heap's (due, id) order, which the
    // rebuilt heap keeps, so nothing observable changes.
    m_timers.clear();
    for (const auto& [id, c] : m_entries)
    {
        if (c.timerAt != kNoTimer)
        {
            m_timers.push_back(Timer{c.timerAt, id});
        }
    }
    std::make_heap(m_timers.begin(), m_timers.end(), std::greater<Timer>());
    m_timers.shrink_to_fit();
}

void
ConnectionTable::RemoveAll(const std::vector<ConnectionId>& ids)
{
    // Connections first, so that their templates are uncontrolled.
    for (bool templates : {false, true})
    {
        for (ConnectionId id : ids)
        {
            Connection* c = Get(id);
            if (c && c->IsTemplate() == templates)
            {
                Remove(*c);
            }
        }
    }
}

void
ConnectionTable::InvalidateTemplate(Connection& tmpl)
{
    m_inbound.EraseIf(InboundKey(tmpl), tmpl.id);
    constexpr Port kInvalidPort = 0xffff;
    tmpl.cport = 0;
    tmpl.vport = kInvalidPort;
    tmpl.dport = kInvalidPort;
}

void
ConnectionTable::ExpireNow(Connection& c, Time now)
{
    OnTimer(c, now);
}

void
ConnectionTable::OnTimer(Connection& c, Time now)
{
    if (c.controlled > 0)
    {
        // A controller never dies while it controls entries: from now on
        // its timeout is 60 s (ip_vs_conn_expire).
        c.timeout = kControllerRecheck;
        ScheduleTimer(c, now + kControllerRecheck);
        return;
    }
    Remove(c);
}

void
ConnectionTable::Remove(Connection& c)
{
    m_inbound.EraseIf(InboundKey(c), c.id);
    m_outbound.EraseIf(OutboundKey(c), c.id);
    if (c.control != 0)
    {
        if (Connection* t = Get(c.control))
        {
            --t->controlled;
        }
    }
    if (c.dest)
    {
        c.dest->UnbindConnection(c.IsTemplate(), c.IsInactive());
    }
    m_entries.erase(c.id);
}

size_t
ConnectionTable::Index::Home(const Key& key) const
{
    return KeyHash()(key) & (m_slots.size() - 1);
}

size_t
ConnectionTable::Index::Probe(const Key& key) const
{
    size_t mask = m_slots.size() - 1;
    size_t i = Home(key);
    while (m_slots[i].entry && !(m_slots[i].key == key))
    {
        i = (i + 1) & mask;
    }
    return i;
}

Connection*
ConnectionTable::Index::Find(const Key& key) const
{
    return m_slots.empty() ? nullptr : m_slots[Probe(key)].entry;
}

void
ConnectionTable::Index::Set(const Key& key, Connection* entry)
{
    if (2 * (m_used + 1) > m_slots.size())
    {
        Grow();
    }
    Slot& slot = m_slots[Probe(key)];
    m_used += slot.entry == nullptr;
    slot.key = key;
    slot.entry = entry;
}

void
ConnectionTable::Index::EraseIf(const Key& key, ConnectionId id)
{
    if (m_slots.empty())
    {
        return;
    }
    size_t mask = m_slots.size() - 1;
    size_t hole = Probe(key);
    if (!m_slots[hole].entry || m_slots[hole].entry->id != id)
    {
        return;
    }
    m_slots[hole].entry = nullptr;
    --m_used;
    // Backward-shift deletion: move up every later key of the run that
    // may not live past the hole, so that no probe stops short of it.
    for (size_t i = (hole + 1) & mask; m_slots[i].entry; i = (i + 1) & mask)
    {
        size_t home = Home(m_slots[i].key);
        bool homeBetween = hole <= i ? (hole < home && home <= i) : (hole < home || home <= i);
        if (!homeBetween)
        {
            m_slots[hole] = m_slots[i];
            m_slots[i].entry = nullptr;
            hole = i;
        }
    }
}

void
ConnectionTable::Index::Grow()
{
    std::vector<Slot> old;
    old.swap(m_slots);
    m_slots.resize(old.empty() ? 64 : 2 * old.size());
    m_used = 0;
    for (const Slot& slot : old)
    {
        if (slot.entry)
        {
            m_slots[Probe(slot.key)] = slot;
            ++m_used;
        }
    }
}

void
ConnectionTable::RunTimers(Time now, bool inclusive)
{
    while (!m_timers.empty())
    {
        const Timer& top = m_timers.front();
        if (top.due > now || (!inclusive && top.due == now))
        {
            break;
        }
        Timer timer = PopTimer();
        Connection* c = Get(timer.id);
        if (!c || c->timerAt != timer.due)
        {
            continue; // removed, or re-armed earlier since
        }
        if (c->expires > timer.due)
        {
            // Re-armed later since: due then, in its turn among the others.
            c->timerAt = c->expires;
            PushTimer(Timer{c->expires, c->id});
            continue;
        }
        c->timerAt = kNoTimer;
        OnTimer(*c, timer.due);
    }
}

void
ConnectionTable::ForEach(const std::function<void(const Connection&)>& visit) const
{
    for (const auto& [id, c] : m_entries)
    {
        visit(c);
    }
}

} // namespace ipvs
