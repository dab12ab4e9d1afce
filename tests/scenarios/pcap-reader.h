// Reading the Ethernet pcap files lvs-sim writes (--pcap true), for tests
// that assert what went over a wire: frames in order, their ARP and IPv4
// fields.
#ifndef LVS_TESTS_PCAP_READER_H
#define LVS_TESTS_PCAP_READER_H

#include <cstdint>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

namespace ns3::test
{

/// The frames of a pcap file as ns-3 writes it (little-endian), in order.
inline std::vector<std::string>
FramesOf(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto word = [&](size_t at) {
        return uint32_t(uint8_t(data[at])) | uint32_t(uint8_t(data[at + 1])) << 8 |
               uint32_t(uint8_t(data[at + 2])) << 16 | uint32_t(uint8_t(data[at + 3])) << 24;
    };
    std::vector<std::string> frames;
    size_t at = 24; // the file header
    while (at + 16 <= data.size())
    {
        uint32_t length = word(at + 8);
        frames.push_back(data.substr(at + 16, length));
        at += 16 + length;
    }
    return frames;
}

inline std::string
DottedQuad(const std::string& bytes, size_t at)
{
    return std::to_string(uint8_t(bytes[at])) + "." + std::to_string(uint8_t(bytes[at + 1])) + "." +
           std::to_string(uint8_t(bytes[at + 2])) + "." + std::to_string(uint8_t(bytes[at + 3]));
}

inline std::string
MacAt(const std::string& bytes, size_t at)
{
    static const char* hex = "0123456789abcdef";
    std::string mac;
    for (size_t i = 0; i < 6; ++i)
    {
        uint8_t b = uint8_t(bytes[at + i]);
        mac += std::string(i ? ":" : "") + hex[b >> 4] + hex[b & 15];
    }
    return mac;
}

inline bool
HasEtherType(const std::string& frame, uint16_t type)
{
    return frame.size() >= 14 && uint8_t(frame[12]) == type >> 8 &&
           uint8_t(frame[13]) == (type & 0xff);
}

struct ArpPacket
{
    bool request = false;
    std::string senderMac;
    std::string senderIp;
    std::string targetIp;
};

/// The ARP packets of a capture, in order.
inline std::vector<ArpPacket>
ArpPacketsOf(const std::string& path)
{
    std::vector<ArpPacket> packets;
    for (const auto& frame : FramesOf(path))
    {
        if (HasEtherType(frame, 0x0806) && frame.size() >= 42)
        {
            packets.push_back({uint8_t(frame[21]) == 1,
                               MacAt(frame, 22),
                               DottedQuad(frame, 28),
                               DottedQuad(frame, 38)});
        }
    }
    return packets;
}

struct Ipv4Packet
{
    std::string source;
    std::string destination;
    uint8_t protocol = 0;
    std::string payload; ///< what follows the IPv4 header
};

/// The IPv4 packets of a capture, in order.
inline std::vector<Ipv4Packet>
Ipv4PacketsOf(const std::string& path)
{
    std::vector<Ipv4Packet> packets;
    for (const auto& frame : FramesOf(path))
    {
        if (!HasEtherType(frame, 0x0800) || frame.size() < 34)
        {
            continue;
        }
        size_t headerLength = (uint8_t(frame[14]) & 0x0f) * 4;
        packets.push_back({DottedQuad(frame, 26),
                           DottedQuad(frame, 30),
                           uint8_t(frame[23]),
                           frame.substr(std::min(frame.size(), 14 + headerLength))});
    }
    return packets;
}

} // namespace ns3::test

#endif
