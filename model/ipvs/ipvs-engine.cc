#include "model/ipvs/ipvs-engine.h"

#include "model/ipvs/scheduler-registry.h"

namespace ipvs
{

/// Seed of the default random source (twos in trace replays).
constexpr uint32_t kDefaultRandomSeed = 12345;

IpvsEngine::IpvsEngine()
    : m_defaultRandom(std::make_unique<SeededRandomSource>(kDefaultRandomSeed)),
      m_random(m_defaultRandom.get()),
      m_table(m_timeouts)
{
}

void
IpvsEngine::SetRandomSource(RandomSource* random)
{
    m_random = random;
}

Service*
IpvsEngine::AddService(const ServiceConfig& config, std::string* error, Time now)
{
    if (FindService(config))
    {
        *error = "Service already exists";
        return nullptr;
    }
    auto scheduler = CreateScheduler(config.scheduler);
    if (!scheduler)
    {
        *error =
            "Scheduler not found: '" + config.scheduler + "' (known: " + SchedulerNameList() + ")";
        return nullptr;
    }
    m_services.push_back(std::make_unique<Service>(config, std::move(scheduler), now, m_random));
    return m_services.back().get();
}

Service*
IpvsEngine::FindService(Protocol protocol, Addr addr, Port port) const
{
    for (const auto& s : m_services)
    {
        if (!s->IsFwmark() && s->GetProtocol() == protocol && s->GetAddr() == addr &&
            s->GetPort() == port)
        {
            return s.get();
        }
    }
    return nullptr;
}

Service*
IpvsEngine::FindFwmarkService(uint32_t fwmark) const
{
    for (const auto& s : m_services)
    {
        if (s->IsFwmark() && s->GetFwmark() == fwmark)
        {
            return s.get();
        }
    }
    return nullptr;
}

Service*
IpvsEngine::FindService(const ServiceConfig& config) const
{
    return config.fwmark != 0 ? FindFwmarkService(config.fwmark)
                              : FindService(config.protocol, config.addr, config.port);
}

bool
IpvsEngine::DeleteService(const ServiceConfig& identity)
{
    Service* service = FindService(identity);
    if (!service)
    {
        return false;
    }
    // Entries keep a pointer to their service (for statistics): like the
    // kernel, drop them with it.
    std::vector<ConnectionId> orphans;
    m_table.ForEach([&](const Connection& c) {
        if (c.service == service)
        {
            orphans.push_back(c.id);
        }
    });
    m_table.RemoveAll(orphans);
    for (auto it = m_services.begin(); it != m_services.end(); ++it)
    {
        if (it->get() == service)
        {
            m_services.erase(it);
            break;
        }
    }
    return true;
}

void
IpvsEngine::Clear()
{
    while (!m_services.empty())
    {
        DeleteService(m_services.front()->GetConfig());
    }
}

Service*
IpvsEngine::LookupService(const PacketInfo& packet) const
{
    if (packet.fwmark != 0)
    {
        if (Service* s = FindFwmarkService(packet.fwmark))
        {
            return s;
        }
    }
    if (Service* s = FindService(packet.protocol, packet.daddr, packet.dport))
    {
        return s;
    }
    return FindService(packet.protocol, packet.daddr, 0);
}

void
IpvsEngine::AdvanceTo(Time now)
{
    m_table.RunTimers(now, true);
    while (m_nextEstimate <= now)
    {
        m_totalStats.EstimateRates();
        for (auto& service : m_services)
        {
            service->Stats().EstimateRates();
            for (const auto& d : service->GetDestinations())
            {
                d->Stats().EstimateRates();
            }
        }
        m_nextEstimate += kEstimatorPeriod;
    }
}

void
IpvsEngine::ZeroStats(Service* only)
{
    if (!only)
    {
        m_totalStats = IpvsStats{};
    }
    for (auto& service : m_services)
    {
        if (only && service.get() != only)
        {
            continue;
        }
        service->Stats() = IpvsStats{};
        for (const auto& d : service->GetDestinations())
        {
            d->Stats() = IpvsStats{};
        }
    }
}

ForwardTarget
IpvsEngine::TargetOf(const Connection& c, bool created)
{
    return ForwardTarget{c.id,
                         c.method,
                         c.caddr,
                         c.cport,
                         c.vaddr,
                         c.vport,
                         c.daddr,
                         c.dport,
                         created};
}

Connection*
IpvsEngine::ReuseOrKeep(Connection* entry, const PacketInfo& packet, Time now)
{
    bool opensConnection = packet.protocol == Protocol::Tcp && packet.tcp.syn;
    if (!entry || !opensConnection)
    {
        return entry;
    }
    bool reschedule =
        (m_sysctls.expireNodestConn && entry->dest && entry->dest->GetWeight() == 0) ||
        (m_sysctls.connReuseMode != 0 && entry->control == 0 &&
         (entry->state == ConnState::TimeWait || entry->state == ConnState::Close ||
          ((m_sysctls.connReuseMode & 2) && entry->state == ConnState::FinWait &&
           (entry->flags & kConnNoOutput))));
    if (!reschedule)
    {
        return entry;
    }
    if (entry->controlled == 0)
    {
        m_table.ExpireNow(*entry, now);
    }
    return nullptr;
}

InboundDecision
IpvsEngine::ProcessInbound(const PacketInfo& packet, Time now)
{
    InboundDecision decision;
    Connection* entry = m_table.FindInbound(packet.protocol,
                                            packet.saddr,
                                            packet.sport,
                                            packet.daddr,
                                            packet.dport);
    entry = ReuseOrKeep(entry, packet, now);
    if (entry && entry->dest && !entry->dest->IsAvailable())
    {
        if (!m_sysctls.expireNodestConn)
        {
            decision.reason = DropReason::DestinationDeleted;
            return decision;
        }
        // expire_nodest_conn: the packet is new (a SYN is scheduled afresh).
        if (entry->controlled == 0)
        {
            m_table.ExpireNow(*entry, now);
        }
        entry = nullptr;
    }
    bool created = false;
    if (!entry)
    {
        Service* service = LookupService(packet);
        if (!service)
        {
            decision.reason = DropReason::NoService;
            return decision;
        }
        if (packet.protocol == Protocol::Tcp && !(packet.tcp.syn && !packet.tcp.rst))
        {
            decision.reason = DropReason::NoEntry;
            return decision;
        }
        entry = Schedule(*service, packet, now);
        if (!entry)
        {
            decision.reason = DropReason::NoDestination;
            return decision;
        }
        created = true;
    }
    ApplyInboundPacket(*entry, packet, now);
    if (m_syncSink)
    {
        MaybeSync(*entry);
    }
    decision.forward = true;
    decision.target = TargetOf(*entry, created);
    if (entry->flags & kConnOnePacket)
    {
        m_table.ExpireNow(*entry, now);
    }
    return decision;
}

void
IpvsEngine::ApplyInboundPacket(Connection& entry, const PacketInfo& packet, Time now)
{
    CountInbound(entry, packet);
    TransitionState(entry,
                    (entry.flags & kConnNoOutput) ? PacketDirection::InputOnly
                                                  : PacketDirection::Input,
                    packet);
    ++entry.inPkts;
    m_table.Rearm(entry, now);
}

OutboundDecision
IpvsEngine::ProcessOutbound(const PacketInfo& packet, Time now)
{
    OutboundDecision decision;
    Connection* entry = m_table.FindOutbound(packet.protocol,
                                             packet.saddr,
                                             packet.sport,
                                             packet.daddr,
                                             packet.dport);
    if (!entry)
    {
        return decision;
    }
    if (entry->dest)
    {
        IpvsStats& d = entry->dest->Stats();
        IpvsStats& s = entry->service->Stats();
        for (IpvsStats* stats : {&d, &s, &m_totalStats})
        {
            ++stats->outPkts;
            stats->outBytes += packet.ipLength;
        }
    }
    entry->flags &= ~kConnNoOutput;
    TransitionState(*entry, PacketDirection::Output, packet);
    m_table.Rearm(*entry, now);
    decision.matched = true;
    decision.target = TargetOf(*entry, false);
    return decision;
}

void
IpvsEngine::CountInbound(Connection& entry, const PacketInfo& packet)
{
    if (!entry.dest || !entry.dest->IsAvailable())
    {
        return;
    }
    for (IpvsStats* stats : {&entry.dest->Stats(), &entry.service->Stats(), &m_totalStats})
    {
        ++stats->inPkts;
        stats->inBytes += packet.ipLength;
    }
}

void
IpvsEngine::TransitionState(Connection& entry, PacketDirection direction, const PacketInfo& packet)
{
    if (entry.protocol == Protocol::Udp)
    {
        m_table.SetState(entry, ConnState::Udp);
        if (direction == PacketDirection::Output && entry.control != 0)
        {
            if (Connection* t = m_table.Get(entry.control))
            {
                t->state = ConnState::Assured;
            }
        }
        return;
    }
    ConnState next = NextTcpState(entry.state, direction, packet.tcp);
    m_table.SetState(entry, next);
    if (next == ConnState::Established && entry.control != 0)
    {
        if (Connection* t = m_table.Get(entry.control))
        {
            t->state = ConnState::Assured;
        }
    }
}

Connection*
IpvsEngine::Schedule(Service& service, const PacketInfo& packet, Time now)
{
    return service.GetConfig().persistent ? SchedulePersistent(service, packet, now)
                                          : ScheduleNonPersistent(service, packet, now);
}

Connection&
IpvsEngine::CreateEntry(Service& service,
                        const PacketInfo& packet,
                        Destination& dest,
                        Port dport,
                        ConnectionId control,
                        Time now)
{
    Connection c;
    c.protocol = packet.protocol;
    c.caddr = packet.saddr;
    c.cport = packet.sport;
    c.vaddr = packet.daddr;
    c.vport = packet.dport;
    c.daddr = dest.GetAddr();
    c.dport = dport;
    c.method = dest.GetMethod();
    if (c.method != ForwardMethod::Masq)
    {
        c.flags |= kConnNoOutput;
    }
    if (service.GetConfig().onePacket && packet.protocol == Protocol::Udp)
    {
        c.flags |= kConnOnePacket;
    }
    c.dest = dest.shared_from_this();
    c.service = &service;
    c.control = control;
    for (IpvsStats* stats : {&dest.Stats(), &service.Stats(), &m_totalStats})
    {
        ++stats->conns;
    }
    return m_table.Insert(std::move(c), now);
}

Connection*
IpvsEngine::ScheduleNonPersistent(Service& service, const PacketInfo& packet, Time now)
{
    // A non-fwmark service schedules only packets for its own port (a
    // port-0 service needs persistence).
    if (!service.IsFwmark() && packet.dport != service.GetPort())
    {
        return nullptr;
    }
    ScheduleRequest request{packet.protocol,
                            packet.saddr,
                            packet.sport,
                            packet.daddr,
                            packet.dport,
                            now};
    Destination* dest = service.Schedule(request);
    if (!dest)
    {
        return nullptr;
    }
    Port dport = dest->GetPort() != 0 ? dest->GetPort() : packet.dport;
    return &CreateEntry(service, packet, *dest, dport, 0, now);
}

bool
IpvsEngine::TemplateStillValid(const Connection& tmpl) const
{
    if (!tmpl.dest || !tmpl.dest->IsAvailable())
    {
        return false;
    }
    return !(m_sysctls.expireQuiescentTemplate && tmpl.dest->GetWeight() == 0);
}

Connection*
IpvsEngine::SchedulePersistent(Service& service, const PacketInfo& packet, Time now)
{
    const ServiceConfig& config = service.GetConfig();
    constexpr Port kFtpPort = 21;
    Addr clientNet = packet.saddr & config.netmask;
    // ip_vs_sched_persist: a template per client network and virtual port;
    // FTP and port-0 services share one template across ports, and a
    // firewall-mark service one across protocols, addresses and ports.
    bool portSpecific =
        !service.IsFwmark() && packet.dport == config.port && config.port != kFtpPort;
    Port templatePort = portSpecific ? packet.dport : 0;
    Protocol templateProtocol = service.IsFwmark() ? Protocol::Ip : packet.protocol;
    Addr templateAddr = service.IsFwmark() ? config.fwmark : packet.daddr;

    Connection* tmpl =
        m_table.FindInbound(templateProtocol, clientNet, 0, templateAddr, templatePort);
    if (tmpl && (!tmpl->IsTemplate() || !TemplateStillValid(*tmpl)))
    {
        m_table.InvalidateTemplate(*tmpl);
        tmpl = nullptr;
    }
    if (!tmpl)
    {
        ScheduleRequest request{packet.protocol,
                                packet.saddr,
                                packet.sport,
                                packet.daddr,
                                packet.dport,
                                now};
        Destination* dest = service.Schedule(request);
        if (!dest)
        {
            return nullptr;
        }
        Connection t;
        t.protocol = templateProtocol;
        t.caddr = clientNet;
        t.cport = 0;
        t.vaddr = templateAddr;
        t.vport = templatePort;
        t.daddr = dest->GetAddr();
        t.dport = portSpecific ? dest->GetPort() : 0;
        t.method = dest->GetMethod();
        t.flags = kConnTemplate;
        t.state = ConnState::None;
        t.timeout = Seconds(config.persistenceTimeoutS);
        t.dest = dest->shared_from_this();
        t.service = &service;
        tmpl = &m_table.Insert(std::move(t), now);
    }
    Destination& dest = *tmpl->dest;
    Port dport = packet.dport;
    if (packet.dport == config.port && dest.GetPort() != 0)
    {
        dport = dest.GetPort();
    }
    ConnectionId templateId = tmpl->id;
    Connection& entry = CreateEntry(service, packet, dest, dport, templateId, now);
    if (Connection* t = m_table.Get(templateId))
    {
        m_table.Rearm(*t, now);
    }
    return &entry;
}

void
IpvsEngine::SetSyncMaster(std::function<void(const SyncEntry&)> sink, SyncSettings settings)
{
    m_syncSink = std::move(sink);
    m_syncSettings = settings;
}

void
IpvsEngine::SendSync(Connection& entry)
{
    m_syncSink(ToSyncEntry(entry, entry.service ? entry.service->GetFwmark() : 0));
    entry.syncedState = entry.state;
}

void
IpvsEngine::MaybeSync(Connection& entry)
{
    // ip_vs_sync_conn: a one-packet entry counts as at the threshold; its
    // template is still considered.
    uint64_t pkts = (entry.flags & kConnOnePacket) ? m_syncSettings.threshold : entry.inPkts;
    if (SyncNeeded(entry, pkts, m_syncSettings))
    {
        SendSync(entry);
    }
    if (entry.control == 0)
    {
        return;
    }
    if (Connection* tmpl = m_table.Get(entry.control))
    {
        uint64_t templatePkts = ++tmpl->inPkts;
        if (SyncNeeded(*tmpl, templatePkts, m_syncSettings))
        {
            SendSync(*tmpl);
        }
    }
}

bool
IpvsEngine::ApplySyncEntry(const SyncEntry& s, Time now)
{
    // The service: by mark, else by address and port (a template's port is
    // its service's, or 0 for a port-0 service).
    Service* service =
        s.fwmark != 0 ? FindFwmarkService(s.fwmark) : FindService(s.protocol, s.vaddr, s.vport);
    if (!service && s.fwmark == 0)
    {
        service = FindService(s.protocol, s.vaddr, 0); // ip_vs_service_find: a port-0 service
    }
    bool isTemplate = s.flags & kConnTemplate;
    if (!service && isTemplate && s.protocol == Protocol::Ip)
    {
        service = FindFwmarkService(s.vaddr);
    }
    if (!service)
    {
        return false;
    }
    std::shared_ptr<Destination> dest = service->FindDestination(s.daddr, s.dport);
    if (!dest)
    {
        for (const auto& d : service->GetDestinations())
        {
            if (d->GetAddr() == s.daddr)
            {
                dest = d; // a template of a port-0 service names no port
            }
        }
    }
    constexpr uint32_t kKeptFlags =
        kConnNoOutput | kConnInactive | kConnTemplate | 0x0200 | 0x0400 | 0x0800;
    Connection* existing = m_table.FindInbound(s.protocol, s.caddr, s.cport, s.vaddr, s.vport);
    // A template is found as it is (ip_vs_ct_in_get) and never replaced.
    if (existing && !isTemplate && (existing->daddr != s.daddr || existing->dport != s.dport))
    {
        if (s.flags & kConnInactive)
        {
            return true; // an inactive entry does not replace an active one
        }
        m_table.ExpireNow(*existing, now);
        existing = nullptr;
    }
    if (!existing)
    {
        Connection c;
        c.protocol = s.protocol;
        c.caddr = s.caddr;
        c.cport = s.cport;
        c.vaddr = s.vaddr;
        c.vport = s.vport;
        c.daddr = s.daddr;
        c.dport = s.dport;
        c.method = dest ? dest->GetMethod() : s.method;
        c.flags = (s.flags & kKeptFlags & ~kConnInactive) | kConnSync;
        if (c.method != ForwardMethod::Masq)
        {
            c.flags |= kConnNoOutput;
        }
        c.state = isTemplate ? s.state : ConnState::None;
        c.dest = dest;
        c.service = service;
        existing = &m_table.Insert(std::move(c), now);
    }
    if (!isTemplate)
    {
        m_table.SetState(*existing, s.state);
    }
    existing->inPkts = m_syncSettings.threshold;
    existing->syncedState = s.state; // cp->old_state
    // Version 1 carries the timeout; without one, the table's (templates: 180 s).
    constexpr Time kTemplateSyncTimeout = Seconds(180);
    if (s.timeoutS > 0)
    {
        existing->timeout = Seconds(s.timeoutS);
    }
    else if (isTemplate)
    {
        existing->timeout = kTemplateSyncTimeout;
    }
    m_table.Rearm(*existing, now);
    return true;
}

} // namespace ipvs
