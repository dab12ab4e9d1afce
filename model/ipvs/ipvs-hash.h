// The hash functions IPVS schedulers use, bit for bit as Linux 6.1 on a
// 64-bit kernel computes them (include/linux/hash.h, lib/siphash.c).
#ifndef IPVS_HASH_H
#define IPVS_HASH_H

#include <cstddef>
#include <cstdint>

namespace ipvs
{

/// hash_32(x, bits): the top @p bits of x * 0x61C88647 (mod 2^32).
inline uint32_t
Hash32(uint32_t value, unsigned bits)
{
    return uint32_t(value * 0x61C88647u) >> (32 - bits);
}

/// A 128-bit hsiphash key, as two 64-bit words.
struct SipKey
{
    uint64_t k0;
    uint64_t k1;
};

/// hsiphash on 64-bit kernels: SipHash-1-3, low 32 bits of the result.
uint32_t HsipHash(const uint8_t* data, size_t length, const SipKey& key);

/// hsiphash of the 4-byte little-endian encoding of @p value (what IPVS
/// hashes: a host-order u32 stored in memory on x86).
uint32_t HsipHash32(uint32_t value, const SipKey& key);

} // namespace ipvs

#endif
