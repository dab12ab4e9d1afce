#include "model/ipvs/ipvs-hash.h"

namespace ipvs
{

namespace
{

inline uint64_t
Rotl(uint64_t x, int b)
{
    return (x << b) | (x >> (64 - b));
}

struct SipState
{
    uint64_t v0, v1, v2, v3;

    void Round()
    {
        v0 += v1;
        v1 = Rotl(v1, 13);
        v1 ^= v0;
        v0 = Rotl(v0, 32);
        v2 += v3;
        v3 = Rotl(v3, 16);
        v3 ^= v2;
        v0 += v3;
        v3 = Rotl(v3, 21);
        v3 ^= v0;
        v2 += v1;
        v1 = Rotl(v1, 17);
        v1 ^= v2;
        v2 = Rotl(v2, 32);
    }

    /// One compression round per block (the "1" of SipHash-1-3).
    void Absorb(uint64_t m)
    {
        v3 ^= m;
        Round();
        v0 ^= m;
    }
};

} // namespace

uint32_t
HsipHash(const uint8_t* data, size_t length, const SipKey& key)
{
    SipState s{0x736f6d6570736575ULL ^ key.k0,
               0x646f72616e646f6dULL ^ key.k1,
               0x6c7967656e657261ULL ^ key.k0,
               0x7465646279746573ULL ^ key.k1};
    size_t full = length / 8 * 8;
    for (size_t i = 0; i < full; i += 8)
    {
        uint64_t m = 0;
        for (int b = 7; b >= 0; --b)
        {
            m = (m << 8) | data[i + b];
        }
        s.Absorb(m);
    }
    uint64_t last = uint64_t(length) << 56;
    for (size_t b = 0; b < length - full; ++b)
    {
        last |= uint64_t(data[full + b]) << (8 * b);
    }
    s.Absorb(last);
    s.v2 ^= 0xff;
    s.Round(); // three finalisation rounds (the "3")
    s.Round();
    s.Round();
    return uint32_t(s.v0 ^ s.v1 ^ s.v2 ^ s.v3);
}

uint32_t
HsipHash32(uint32_t value, const SipKey& key)
{
    uint8_t bytes[4] = {uint8_t(value),
                        uint8_t(value >> 8),
                        uint8_t(value >> 16),
                        uint8_t(value >> 24)};
    return HsipHash(bytes, sizeof bytes, key);
}

} // namespace ipvs
