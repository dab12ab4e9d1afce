#include "model/ipvs/ipvsadm-listing.h"

#include "model/ipvs/ipvsadm/ipvsadm-command.h"
#include "model/ipvs/scheduler-registry.h"

#include <cstdarg>
#include <cstdio>
#include <vector>

namespace ipvs
{

namespace
{

constexpr const char* kVersionLine = "IP Virtual Server version 1.2.1 (size=4096)\n";

std::string
Format(const char* format, ...)
{
    char buf[256];
    va_list args;
    va_start(args, format);
    std::vsnprintf(buf, sizeof buf, format, args);
    va_end(args);
    return buf;
}

/// ipvsadm compares keys as an unsigned subtraction read as a signed int,
/// so addresses 2^31 or more apart compare "backwards".
int
KeyDifference(uint32_t a, uint32_t b)
{
    return int32_t(a - b);
}

int
CompareServices(const Service* a, const Service* b)
{
    int d = KeyDifference(a->GetFwmark(), b->GetFwmark());
    if (d == 0)
    {
        d = KeyDifference(uint32_t(a->GetProtocol()), uint32_t(b->GetProtocol()));
    }
    if (d == 0)
    {
        d = KeyDifference(a->GetAddr(), b->GetAddr());
    }
    if (d == 0)
    {
        d = KeyDifference(a->GetPort(), b->GetPort());
    }
    return d;
}

int
CompareDestinations(const Destination* a, const Destination* b)
{
    int d = KeyDifference(a->GetAddr(), b->GetAddr());
    return d != 0 ? d : KeyDifference(a->GetPort(), b->GetPort());
}

/// glibc's qsort is a top-down merge sort (msort); with ipvsadm's
/// non-transitive comparator only the same algorithm gives the same order.
template <typename T, typename Compare>
void
MergeSort(std::vector<T>& items, Compare compare)
{
    if (items.size() < 2)
    {
        return;
    }
    size_t half = items.size() / 2;
    std::vector<T> left(items.begin(), items.begin() + half);
    std::vector<T> right(items.begin() + half, items.end());
    MergeSort(left, compare);
    MergeSort(right, compare);
    size_t i = 0;
    size_t j = 0;
    size_t k = 0;
    while (i < left.size() && j < right.size())
    {
        items[k++] = compare(left[i], right[j]) <= 0 ? left[i++] : right[j++];
    }
    while (i < left.size())
    {
        items[k++] = left[i++];
    }
    while (j < right.size())
    {
        items[k++] = right[j++];
    }
}

std::vector<const Service*>
SortedServices(const IpvsEngine& engine)
{
    std::vector<const Service*> services;
    for (const auto& s : engine.GetServices())
    {
        services.push_back(s.get());
    }
    MergeSort(services, CompareServices);
    return services;
}

std::vector<const Destination*>
SortedDestinations(const Service& service)
{
    std::vector<const Destination*> dests;
    for (const auto& d : service.GetDestinations())
    {
        dests.push_back(d.get());
    }
    MergeSort(dests, CompareDestinations);
    return dests;
}

/// "%-4s %s": protocol padded to 4 columns, then addr:port (at most 33).
std::string
ServiceName(const Service& s)
{
    if (s.IsFwmark())
    {
        return Format("FWM  %u", s.GetFwmark());
    }
    std::string name = Format("%-4s %s",
                              ProtocolName(s.GetProtocol()).c_str(),
                              AddrPortToString(s.GetAddr(), s.GetPort()).c_str());
    return name.substr(0, 33);
}

std::string
DestinationName(const Destination& d)
{
    return AddrPortToString(d.GetAddr(), d.GetPort()).substr(0, 28);
}

std::string
ServiceFlags(const Service& s)
{
    const ServiceConfig& c = s.GetConfig();
    std::string text;
    std::string flags = FormatSchedulerFlags(s.GetConfig().scheduler, s.GetConfig().flags);
    if (!flags.empty())
    {
        text += " (" + flags + ")";
    }
    if (c.persistent)
    {
        text += " persistent " + std::to_string(c.persistenceTimeoutS);
        if (c.netmask != 0xffffffff)
        {
            text += " mask " + AddrToString(c.netmask);
        }
    }
    if (c.onePacket)
    {
        text += " ops";
    }
    return text;
}

/// ipvsadm's print_largenum.
std::string
LargeNumber(uint64_t i)
{
    if (i < 100000000ULL)
    {
        return Format("%9llu", (unsigned long long)i);
    }
    if (i < 1000000000ULL)
    {
        return Format("%8lluK", (unsigned long long)(i / 1000));
    }
    if (i < 100000000000ULL)
    {
        return Format("%8lluM", (unsigned long long)(i / 1000000));
    }
    if (i < 100000000000000ULL)
    {
        return Format("%8lluG", (unsigned long long)(i / 1000000000ULL));
    }
    return Format("%8lluT", (unsigned long long)(i / 1000000000000ULL));
}

std::string
StatsColumns(const IpvsStats& s)
{
    return LargeNumber(s.conns) + LargeNumber(s.inPkts) + LargeNumber(s.outPkts) +
           LargeNumber(s.inBytes) + LargeNumber(s.outBytes);
}

} // namespace

std::string
FormatServiceList(const IpvsEngine& engine)
{
    std::string out = kVersionLine;
    out += "Prot LocalAddress:Port Scheduler Flags\n";
    out += "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n";
    for (const Service* s : SortedServices(engine))
    {
        out += ServiceName(*s) + " " + s->GetConfig().scheduler + ServiceFlags(*s) + "\n";
        for (const Destination* d : SortedDestinations(*s))
        {
            out += Format("  -> %-28s %-7s %-6d %-10u %-10u\n",
                          DestinationName(*d).c_str(),
                          ForwardMethodName(d->GetMethod()).c_str(),
                          d->GetWeight(),
                          d->GetActiveConns(),
                          d->GetInactiveConns());
        }
    }
    return out;
}

std::string
FormatServiceStats(const IpvsEngine& engine)
{
    std::string out = kVersionLine;
    out += Format("%-33s %8s %8s %8s %8s %8s\n",
                  "Prot LocalAddress:Port",
                  "Conns",
                  "InPkts",
                  "OutPkts",
                  "InBytes",
                  "OutBytes");
    out += "  -> RemoteAddress:Port\n";
    for (const Service* s : SortedServices(engine))
    {
        out += Format("%-33s", ServiceName(*s).c_str()) + StatsColumns(s->Stats()) + "\n";
        for (const Destination* d : SortedDestinations(*s))
        {
            out +=
                Format("  -> %-28s", DestinationName(*d).c_str()) + StatsColumns(d->Stats()) + "\n";
        }
    }
    return out;
}

std::string
FormatServiceRates(const IpvsEngine& engine)
{
    std::string out = kVersionLine;
    out += Format("%-33s %8s %8s %8s %8s %8s\n",
                  "Prot LocalAddress:Port",
                  "CPS",
                  "InPPS",
                  "OutPPS",
                  "InBPS",
                  "OutBPS");
    out += "  -> RemoteAddress:Port\n";
    for (const Service* s : SortedServices(engine))
    {
        const IpvsStats& st = s->Stats();
        out += Format("%-33s", ServiceName(*s).c_str()) + LargeNumber(st.Cps()) +
               LargeNumber(st.InPps()) + LargeNumber(st.OutPps()) + LargeNumber(st.InBps()) +
               LargeNumber(st.OutBps()) + "\n";
        for (const Destination* d : SortedDestinations(*s))
        {
            const IpvsStats& ds = d->Stats();
            out += Format("  -> %-28s %8llu %8llu %8llu",
                          DestinationName(*d).c_str(),
                          (unsigned long long)ds.Cps(),
                          (unsigned long long)ds.InPps(),
                          (unsigned long long)ds.OutPps()) +
                   LargeNumber(ds.InBps()) + LargeNumber(ds.OutBps()) + "\n";
        }
    }
    return out;
}

std::string
FormatRules(const IpvsEngine& engine)
{
    std::string out;
    for (const Service* s : SortedServices(engine))
    {
        const ServiceConfig& c = s->GetConfig();
        std::string selector = ServiceSelectorText(c);
        out += "-A " + selector + " -s " + c.scheduler;
        if (c.persistent)
        {
            out += " -p " + std::to_string(c.persistenceTimeoutS);
            if (c.netmask != 0xffffffff)
            {
                out += " -M " + AddrToString(c.netmask);
            }
        }
        if (c.onePacket)
        {
            out += " -o";
        }
        std::string flags = FormatSchedulerFlags(s->GetConfig().scheduler, s->GetConfig().flags);
        if (!flags.empty())
        {
            out += " -b " + flags;
        }
        out += "\n";
        for (const Destination* d : SortedDestinations(*s))
        {
            const char* method = SpellingOf(d->GetMethod()).ipvsadmShort;
            out += "-a " + selector + " -r " + AddrPortToString(d->GetAddr(), d->GetPort()) + " " +
                   method + " -w " + std::to_string(d->GetWeight());
            if (d->GetMethod() == ForwardMethod::Tunnel)
            {
                out += " --tun-type ipip";
            }
            out += "\n";
        }
    }
    return out;
}

std::string
FormatConnectionList(const IpvsEngine& engine, Time now)
{
    std::vector<const Connection*> entries;
    engine.GetConnections().ForEach([&](const Connection& c) { entries.push_back(&c); });
    MergeSort(entries, [](const Connection* a, const Connection* b) {
        if (a->caddr != b->caddr)
        {
            return a->caddr < b->caddr ? -1 : 1;
        }
        if (a->cport != b->cport)
        {
            return a->cport < b->cport ? -1 : 1;
        }
        return a->id < b->id ? -1 : (a->id > b->id ? 1 : 0);
    });
    std::string out = "IPVS connection entries\n";
    out += "pro expire state       source             virtual            destination\n";
    for (const Connection* c : entries)
    {
        int64_t left = (c->expires - now) / Seconds(1);
        left = left < 0 ? 0 : left;
        std::string expire =
            Format("%02lld:%02lld", (long long)(left / 60), (long long)(left % 60));
        out += Format("%-3s %-6s %-11s %-18s %-18s %s\n",
                      ProtocolName(c->protocol).c_str(),
                      expire.c_str(),
                      ConnStateName(c->state).c_str(),
                      AddrPortToString(c->caddr, c->cport).c_str(),
                      AddrPortToString(c->vaddr, c->vport).c_str(),
                      AddrPortToString(c->daddr, c->dport).c_str());
    }
    return out;
}

} // namespace ipvs
