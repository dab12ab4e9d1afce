#include "model/ipvs/ipvs-types.h"

#include <cstdio>

namespace ipvs
{

std::string
AddrToString(Addr a)
{
    char buf[16];
    std::snprintf(buf,
                  sizeof buf,
                  "%u.%u.%u.%u",
                  (a >> 24) & 0xff,
                  (a >> 16) & 0xff,
                  (a >> 8) & 0xff,
                  a & 0xff);
    return buf;
}

std::string
AddrPortToString(Addr a, Port p)
{
    return AddrToString(a) + ":" + std::to_string(p);
}

std::optional<Addr>
ParseAddr(const std::string& text)
{
    Addr result = 0;
    size_t pos = 0;
    for (int octet = 0; octet < 4; ++octet)
    {
        if (octet > 0)
        {
            if (pos >= text.size() || text[pos] != '.')
            {
                return std::nullopt;
            }
            ++pos;
        }
        size_t start = pos;
        unsigned value = 0;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9' && pos - start < 3)
        {
            value = value * 10 + (text[pos] - '0');
            ++pos;
        }
        size_t digits = pos - start;
        bool leadingZero = digits > 1 && text[start] == '0';
        if (digits == 0 || value > 255 || leadingZero)
        {
            return std::nullopt;
        }
        result = (result << 8) | value;
    }
    if (pos != text.size())
    {
        return std::nullopt;
    }
    return result;
}

std::string
ProtocolName(Protocol p)
{
    switch (p)
    {
    case Protocol::Tcp:
        return "TCP";
    case Protocol::Udp:
        return "UDP";
    case Protocol::Ip:
        return "IP";
    }
    return "?";
}

std::optional<Time>
ParseSeconds(const std::string& text)
{
    auto dot = text.find('.');
    std::string whole = text.substr(0, dot);
    std::string fraction = dot == std::string::npos ? "" : text.substr(dot + 1);
    bool digitsOnly = (whole + fraction).find_first_not_of("0123456789") == std::string::npos;
    if ((whole.empty() && fraction.empty()) || !digitsOnly || whole.size() > 9 ||
        fraction.size() > 9)
    {
        return std::nullopt;
    }
    fraction.resize(9, '0');
    return Seconds(whole.empty() ? 0 : std::stoll(whole)) + std::stoll(fraction);
}

std::optional<Protocol>
ParseProtocol(const std::string& text)
{
    if (text == "tcp")
    {
        return Protocol::Tcp;
    }
    if (text == "udp")
    {
        return Protocol::Udp;
    }
    return std::nullopt;
}

const std::vector<ForwardMethodSpelling>&
ForwardMethodTable()
{
    static const std::vector<ForwardMethodSpelling> kTable = {
        {ForwardMethod::Masq, "nat", "NAT", "-m", "--masquerading", "Masq"},
        {ForwardMethod::DirectRoute, "dr", "DR", "-g", "--gatewaying", "Route"},
        {ForwardMethod::Tunnel, "tun", "TUN", "-i", "--ipip", "Tunnel"},
        // ipvsadm -Sn writes a local server with -g, as DR (its fwd_switch).
        {ForwardMethod::Local, "", "Local", "-g", "", "Local"},
    };
    return kTable;
}

const ForwardMethodSpelling&
SpellingOf(ForwardMethod m)
{
    for (const auto& row : ForwardMethodTable())
    {
        if (row.method == m)
        {
            return row;
        }
    }
    return ForwardMethodTable().back(); // every enumerator has a row
}

std::string
ForwardMethodName(ForwardMethod m)
{
    return SpellingOf(m).column;
}

std::optional<ForwardMethod>
ParseForwardMethodOption(const std::string& text)
{
    for (const auto& row : ForwardMethodTable())
    {
        if (!text.empty() && text == row.option)
        {
            return row.method;
        }
    }
    return std::nullopt;
}

std::optional<ForwardMethod>
ParseIpvsadmMethodFlag(const std::string& flag)
{
    for (const auto& row : ForwardMethodTable())
    {
        if (!flag.empty() && (flag == row.ipvsadmShort || flag == row.ipvsadmLong))
        {
            return row.method;
        }
    }
    return std::nullopt;
}

std::vector<std::string>
ForwardMethodOptions()
{
    std::vector<std::string> options;
    for (const auto& row : ForwardMethodTable())
    {
        if (*row.option)
        {
            options.emplace_back(row.option);
        }
    }
    return options;
}

} // namespace ipvs
