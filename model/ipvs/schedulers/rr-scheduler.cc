#include "model/ipvs/schedulers/rr-scheduler.h"

#include "model/ipvs/scheduler-common.h"

namespace ipvs
{

void
RrScheduler::InitService(Service& service)
{
    MoveCursorTo(service, nullptr);
}

void
RrScheduler::MoveCursorTo(const Service& service, const Destination* dest)
{
    const auto& list = service.GetDestinations();
    m_cursor = list.end();
    m_cursorDest = nullptr;
    for (auto it = list.begin(); dest && it != list.end(); ++it)
    {
        if (it->get() == dest)
        {
            m_cursor = it;
            m_cursorDest = dest;
        }
    }
}

void
RrScheduler::DelDest(Service& service, Destination& dest, Destination* predecessor)
{
    // ip_vs_rr_del_dest: a cursor on the deleted entry steps back to its
    // predecessor, so the next pick starts at the deleted entry's successor.
    if (m_cursorDest == &dest)
    {
        MoveCursorTo(service, predecessor);
    }
}

Destination*
RrScheduler::Schedule(Service& service, const ScheduleRequest& /*request*/)
{
    const auto& list = service.GetDestinations();
    const auto start = m_cursor;
    if (Explaining())
    {
        Explain("no server with weight > 0 that is not overloaded");
    }
    auto it = start;
    for (int pass = 0; pass < 2; ++pass)
    {
        for (it = (it == list.end()) ? list.begin() : std::next(it); it != list.end(); ++it)
        {
            if (IsSchedulable(**it))
            {
                if (Explaining())
                {
                    Explain(std::string("the first available server after the cursor (") +
                            (m_cursorDest ? AddrPortToString(m_cursorDest->GetAddr(),
                                                             m_cursorDest->GetPort())
                                          : std::string("list head")) +
                            ")");
                }
                m_cursor = it;
                m_cursorDest = it->get();
                return it->get();
            }
            if (it == start)
            {
                return nullptr;
            }
        }
        if (start == list.end())
        {
            break; // started at the head: one pass saw every entry
        }
    }
    return nullptr;
}

} // namespace ipvs
