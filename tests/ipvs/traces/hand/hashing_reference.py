#!/usr/bin/env python3
"""Hand reference for the IPVS hashing schedulers dh, sh and mh.

Written straight from tests/reference/ipvs-behaviour.md (cited as "ref §N")
and docs/scheduler-trace.md (cited as "trace spec"), independently
of the project's C++ code.  It is used to compute the expected outputs
(NAME.out) of the hand traces dh-*, sh-*, mh-* in this directory.

Usage:
    python3 hashing_reference.py selftest          # ref test values + kernel traces
    python3 hashing_reference.py replay FILE.trace # print the expected output
    python3 hashing_reference.py explain FILE.trace ID...  # show the hash
                                                   # arithmetic for connects

Only what dh/sh/mh need is modelled: the destination list (newest first),
weights, last_weight, thresholds/OVERLOAD, and the connection total
(activeconns + inactconns) per destination.  No persistence.
"""

import sys

MASK32 = 0xFFFFFFFF
MASK64 = 0xFFFFFFFFFFFFFFFF


# ---------------------------------------------------------------------------
# ref §0 conventions: addresses are host-order u32, ports host-order u16.
# ---------------------------------------------------------------------------
def ip2u32(s):
    a, b, c, d = (int(x) for x in s.split("."))
    return (a << 24) | (b << 16) | (c << 8) | d


# ---------------------------------------------------------------------------
# ref §4.10 hash_32 (v6.17 generic): ((x * 0x61C88647) mod 2^32) >> (32 - bits)
# ---------------------------------------------------------------------------
def hash_32(x, bits):
    return ((x * 0x61C88647) & MASK32) >> (32 - bits)


# ---------------------------------------------------------------------------
# ref §4.10 hsiphash on 64-bit kernels = SipHash-1-3, 128-bit key (k0, k1),
# result = low 32 bits of v0^v1^v2^v3.
# ---------------------------------------------------------------------------
def _rotl64(x, n):
    return ((x << n) | (x >> (64 - n))) & MASK64


def _sipround(v0, v1, v2, v3):
    v0 = (v0 + v1) & MASK64; v1 = _rotl64(v1, 13); v1 ^= v0; v0 = _rotl64(v0, 32)
    v2 = (v2 + v3) & MASK64; v3 = _rotl64(v3, 16); v3 ^= v2
    v0 = (v0 + v3) & MASK64; v3 = _rotl64(v3, 21); v3 ^= v0
    v2 = (v2 + v1) & MASK64; v1 = _rotl64(v1, 17); v1 ^= v2; v2 = _rotl64(v2, 32)
    return v0, v1, v2, v3


def hsiphash_bytes(data, k0, k1):
    """General-length SipHash-1-3 (ref §4.10, 'General-length form')."""
    v0 = 0x736f6d6570736575 ^ k0
    v1 = 0x646f72616e646f6d ^ k1
    v2 = 0x6c7967656e657261 ^ k0
    v3 = 0x7465646279746573 ^ k1
    n = len(data)
    full = n - (n % 8)
    for i in range(0, full, 8):
        m = int.from_bytes(data[i:i + 8], "little")
        v3 ^= m
        v0, v1, v2, v3 = _sipround(v0, v1, v2, v3)
        v0 ^= m
    b = (n & 0xFF) << 56
    b |= int.from_bytes(data[full:], "little") if n > full else 0
    v3 ^= b
    v0, v1, v2, v3 = _sipround(v0, v1, v2, v3)
    v0 ^= b
    v2 ^= 0xFF
    for _ in range(3):
        v0, v1, v2, v3 = _sipround(v0, v1, v2, v3)
    return (v0 ^ v1 ^ v2 ^ v3) & MASK32


def hsiphash32(m, k0, k1):
    """ref §4.10 hsiphash32: the 4-byte message m (u32, little-endian bytes)."""
    return hsiphash_bytes((m & MASK32).to_bytes(4, "little"), k0, k1)


# ---------------------------------------------------------------------------
# Destinations and the service (ref §1.2, §6)
# ---------------------------------------------------------------------------
class Dest:
    def __init__(self, addr, port, weight, upper=0, lower=0):
        self.addr = addr            # dotted quad string
        self.port = port            # int
        self.weight = weight
        self.last_weight = weight   # ref §1.2: set on add regardless of value
        self.upper = upper
        self.lower = lower
        self.total = 0              # activeconns + inactconns (ref §6)
        self.overload = False       # OVERLOAD flag
        self.available = True       # AVAILABLE flag (linked into the service)

    @property
    def a(self):
        return ip2u32(self.addr)

    def name(self):
        return "%s:%d" % (self.addr, self.port)

    def unavailable_sh_mh(self):
        # ref §4.12 / §4.13: "Unavailable" means weight <= 0 or OVERLOAD
        return self.weight <= 0 or self.overload


# ---------------------------------------------------------------------------
# dh (ref §4.11)
# ---------------------------------------------------------------------------
DH_SIZE = 256


def dh_fill(dests):
    """Bucket i = (i mod n)-th destination in list order; weights ignored."""
    if not dests:
        return [None] * DH_SIZE
    return [dests[i % len(dests)] for i in range(DH_SIZE)]


def dh_select(table, daddr):
    d = table[hash_32(daddr, 8)]
    if d is None or not d.available or d.weight <= 0 or d.overload:
        return None
    return d


# ---------------------------------------------------------------------------
# sh (ref §4.12)
# ---------------------------------------------------------------------------
SH_SIZE = 256


def sh_fill(dests):
    """Each destination takes max(weight,1) consecutive buckets per round."""
    if not dests:
        return [None] * SH_SIZE
    table = []
    j = 0
    count = 0
    for _ in range(SH_SIZE):
        d = dests[j]
        table.append(d)
        count += 1
        if count >= d.weight:       # weight-0 entry still takes 1 bucket
            j = (j + 1) % len(dests)
            count = 0
    return table


def sh_h(offset, saddr, port):
    # ref §4.12: h(offset) = (offset + hash_32((port + saddr) mod 2^32, 8)) mod 256
    return (offset + hash_32((port + saddr) & MASK32, 8)) % SH_SIZE


def sh_select(table, saddr, port, fallback):
    ih = sh_h(0, saddr, port)
    d = table[ih]
    if d is None:
        return None
    if not d.unavailable_sh_mh():
        return d
    if not fallback:
        return None
    # ref §4.12 sh-fallback walk: bucket[h((ih + k) mod 256)] for k = 0..255
    for k in range(SH_SIZE):
        d = table[sh_h((ih + k) % SH_SIZE, saddr, port)]
        if d is None:
            return None
        if not d.unavailable_sh_mh():
            return d
    return None


# ---------------------------------------------------------------------------
# mh (ref §4.13)
# ---------------------------------------------------------------------------
MH_SIZE = 4093
MH_K1 = (2654435761, 2654435761)
MH_K2 = (2654446892, 2654446892)
MH_TAB_BITS = 6     # 12 / 2


def mh_H(key, offset, port, addr):
    return hsiphash32((offset + port + addr) & MASK32, key[0], key[1])


def _gcd(a, b):
    while b:
        a, b = b, a % b
    return a


def mh_setup(dests):
    """Returns (g, rshift, [(dest, offset, skip, turns)])."""
    g = 0
    for d in dests:
        if d.last_weight > 0:
            g = _gcd(d.last_weight, g) if g > 0 else d.last_weight
    if g < 1:
        return 0, 0, []
    mw = max(d.last_weight for d in dests) // g
    rshift = max(0, mw.bit_length() - MH_TAB_BITS)
    setup = []
    for d in dests:
        off = mh_H(MH_K1, 0, d.port, d.a) % MH_SIZE
        skip = mh_H(MH_K2, 0, d.port, d.a) % (MH_SIZE - 1) + 1
        t = (d.last_weight // g) >> rshift
        if t == 0:
            t = 1 if d.last_weight != 0 else 0
        setup.append([d, off, skip, t])
    return g, rshift, setup


def mh_fill(dests, log=None):
    """log: if a list, the first len-limited claims are appended to it as
    (dest, slot) pairs (used to document the fill in trace comments)."""
    g, rshift, setup = mh_setup(dests)
    table = [None] * MH_SIZE
    if g < 1:
        return table                # ref: "if none: table := all empty"
    used = [False] * MH_SIZE
    nxt = [s[1] for s in setup]
    n = 0
    while n < MH_SIZE:
        for j, (d, off, skip, turns) in enumerate(setup):
            if turns < 1:
                continue
            for _ in range(turns):
                c = nxt[j]
                while used[c]:
                    c = (c + skip) % MH_SIZE
                nxt[j] = c
                if log is not None and len(log) < 16:
                    log.append((d, c))
                table[c] = d
                used[c] = True
                n += 1
                if n == MH_SIZE:
                    return table
    return table


def mh_select(table, saddr, port, fallback):
    ih = mh_H(MH_K1, 0, port, saddr) % MH_SIZE
    d = table[ih]
    if not fallback:
        return d if d is not None and not d.unavailable_sh_mh() else None
    if d is None:
        return None
    if not d.unavailable_sh_mh():
        return d
    for k in range(MH_SIZE):
        d = table[mh_H(MH_K1, (k + ih) % MH_SIZE, port, saddr) % MH_SIZE]
        if d is None:
            return None
        if not d.unavailable_sh_mh():
            return d
    return None


# ---------------------------------------------------------------------------
# A service + minimal trace replay (trace spec; ref §4.0 hooks, §2, §6)
# ---------------------------------------------------------------------------
class Service:
    def __init__(self, proto, vip, vport, sched, flags):
        self.proto = proto
        self.vip = vip
        self.vport = vport
        self.sched = sched
        self.flags = set(flags)
        self.dests = []             # list order: NEWEST FIRST (ref §0)
        self.trash = {}             # removed dests keep their counters (ref §1.2)
        self.table = None
        self.refill()

    def find(self, name):
        for d in self.dests:
            if d.name() == name:
                return d
        return None

    def refill(self):
        if self.sched == "dh":
            self.table = dh_fill(self.dests)
        elif self.sched == "sh":
            self.table = sh_fill(self.dests)
        elif self.sched == "mh":
            self.table = mh_fill(self.dests)
        else:
            raise ValueError(self.sched)

    # ref §4.0 hook table: dh refills on add/delete (not edit),
    # sh refills on add/delete/edit, mh recomputes + refills on all three.
    def add(self, addr, port, weight, upper, lower):
        name = "%s:%d" % (addr, port)
        assert self.find(name) is None
        if name in self.trash:
            # revived from the trash with its counters (ref §1.2)
            d = self.trash.pop(name)
            # ref §6: clear OVERLOAD when new upper is 0 or larger than old
            if upper == 0 or upper > d.upper:
                d.overload = False
            d.upper, d.lower = upper, lower
            d.weight = weight
            d.last_weight = weight  # ref §1.2: set on add regardless of value
            d.available = True
        else:
            d = Dest(addr, port, weight, upper, lower)
        self.dests.insert(0, d)     # new destinations go to the list head
        self.refill()

    def remove(self, name):
        d = self.find(name)
        assert d is not None
        self.dests.remove(d)
        d.available = False
        self.trash[name] = d
        self.refill()

    def edit_weight(self, name, w):
        d = self.find(name)
        assert d is not None
        d.weight = w
        if w != 0:
            d.last_weight = w       # ref §1.2
        # ref §6: thresholds unchanged by a weight edit, so OVERLOAD is only
        # cleared if upper == 0
        if d.upper == 0:
            d.overload = False
        if self.sched in ("sh", "mh"):
            self.refill()

    def schedule(self, caddr, cport):
        sa = ip2u32(caddr)
        if self.sched == "dh":
            return dh_select(self.table, ip2u32(self.vip))
        if self.sched == "sh":
            port = cport if "sh-port" in self.flags else 0
            return sh_select(self.table, sa, port, "sh-fallback" in self.flags)
        port = cport if "mh-port" in self.flags else 0
        return mh_select(self.table, sa, port, "mh-fallback" in self.flags)

    @staticmethod
    def bind(d):
        # ref §2.1 / §6: +1, then set OVERLOAD if upper != 0 and total >= upper
        d.total += 1
        if d.upper != 0 and d.total >= d.upper:
            d.overload = True

    @staticmethod
    def unbind(d):
        # ref §6 clear rule
        d.total -= 1
        if d.lower != 0:
            if d.total < d.lower:
                d.overload = False
        elif d.upper != 0:
            if d.total * 4 < d.upper * 3:
                d.overload = False
        else:
            d.overload = False


def _opts(tokens):
    o = {}
    for t in tokens:
        k, _, v = t.partition("=")
        o[k] = v
    return o


def _split_hostport(s):
    h, _, p = s.partition(":")
    return h, int(p)


def replay(lines, explain_ids=(), notes=None):
    """Replays a dh/sh/mh trace; returns the list of output lines.

    For each connect whose ID is in explain_ids, the arithmetic is appended to
    notes (a list); a line "#@table" in the trace appends describe_table()."""
    svc = None
    out = []
    conns = {}                      # id -> (dest or None, cip:cport)
    live = set()
    for raw in lines:
        if raw.startswith("#@table") and notes is not None:
            notes.append(describe_table(svc))
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        tok = line.split()
        if tok[0] == "service":
            proto = tok[1]
            vip, vport = _split_hostport(tok[2])
            o = _opts(tok[3:])
            flags = o.get("flags", "").split(",") if o.get("flags") else []
            assert "persistent" not in o
            svc = Service(proto, vip, vport, o["scheduler"], flags)
            continue
        if tok[0] == "server":
            a, p = _split_hostport(tok[1])
            o = _opts(tok[2:])
            svc.add(a, p, int(o["weight"]), int(o.get("upper", 0)),
                    int(o.get("lower", 0)))
            continue
        ev = tok[1]
        if ev == "connect":
            cid, cep = tok[2], tok[3]
            assert cid not in conns and cep not in live
            ca, cp = _split_hostport(cep)
            d = None if cp == 20 else svc.schedule(ca, cp)
            if cid in explain_ids and notes is not None:
                notes.append(explain(svc, ca, cp, d, cid))
            if d is not None:
                Service.bind(d)
                live.add(cep)
            conns[cid] = (d, cep)
            out.append("%s %s" % (cid, d.name() if d else "-"))
        elif ev in ("established", "closed"):
            assert tok[2] in conns      # total unchanged (ref §6)
        elif ev == "expired":
            d, cep = conns[tok[2]]
            if d is not None:
                Service.unbind(d)
                live.discard(cep)
            conns[tok[2]] = (None, None)
        elif ev == "weight":
            svc.edit_weight(tok[2], int(tok[3]))
        elif ev == "add":
            a, p = _split_hostport(tok[2])
            o = _opts(tok[3:])
            svc.add(a, p, int(o["weight"]), int(o.get("upper", 0)),
                    int(o.get("lower", 0)))
        elif ev == "remove":
            svc.remove(tok[2])
        else:
            raise ValueError(raw)
    return out


def _short(d):
    return d.name() if d is not None else "empty"


def _abridge(walk, sep):
    if len(walk) <= 16:
        return sep.join(walk)
    return "%s%s... (%d probes in all) ...%s%s" % (
        sep.join(walk[:8]), sep, len(walk), sep, sep.join(walk[-2:]))


def _state(d):
    if d is None:
        return ""
    st = []
    if d.weight <= 0:
        st.append("weight %d" % d.weight)
    if d.overload:
        st.append("OVERLOAD")
    thr = ""
    if d.upper:
        thr = ", holding %d entries, upper %d lower %d" % (d.total, d.upper, d.lower)
    if st:
        return " (unavailable: %s%s)" % (", ".join(st), thr)
    return " (available%s)" % thr


def explain(svc, ca, cp, d, cid):
    """The arithmetic of one connect, as text (used for trace comments)."""
    sa = ip2u32(ca)
    res = d.name() if d else "-"
    if not svc.dests:
        return "%s: %s with no destinations: every bucket/slot is empty -> %s" % (
            cid, svc.sched, res)
    if svc.sched == "dh":
        v = ip2u32(svc.vip)
        prod = (v * 0x61C88647) & MASK32
        b = hash_32(v, 8)
        n = len(svc.dests)
        o = svc.table[b]
        return ("%s: dh key = VIP %s = 0x%08X; 0x%08X*0x61C88647 mod 2^32 = "
                "0x%08X, >>24 = bucket %d; n=%d so bucket %d holds list[%d mod "
                "%d = %d] = %s%s -> %s" % (
                    cid, svc.vip, v, v, prod, b, n, b, b, n,
                    b % n if n else 0, _short(o), _state(o), res))
    if svc.sched == "sh":
        port = cp if "sh-port" in svc.flags else 0
        key = (port + sa) & MASK32
        prod = (key * 0x61C88647) & MASK32
        b = sh_h(0, sa, port)
        o = svc.table[b]
        rl = sum(max(x.weight, 1) for x in svc.dests)
        txt = ("%s: sh %s = 0x%08X, port %d, key 0x%08X; key*0x61C88647 mod "
               "2^32 = 0x%08X, >>24 = bucket %d; round length %d, %d mod %d = "
               "%d -> %s%s" % (cid, ca, sa, port, key, prod, b, rl, b, rl,
                                b % rl, _short(o), _state(o)))
        if o is not None and o.unavailable_sh_mh() and "sh-fallback" in svc.flags:
            walk = []
            for k in range(SH_SIZE):
                bb = sh_h((b + k) % SH_SIZE, sa, port)
                x = svc.table[bb]
                walk.append("%d:%s" % (bb, x.addr.split(".")[-1] if x else "-"))
                if x is None or not x.unavailable_sh_mh():
                    break
            txt += "; fallback walk buckets (2*%d+k) mod 256: %s" % (
                b, _abridge(walk, " "))
        return txt + " -> " + res
    port = cp if "mh-port" in svc.flags else 0
    hv = mh_H(MH_K1, 0, port, sa)
    s = hv % MH_SIZE
    o = svc.table[s]
    txt = ("%s: mh %s = 0x%08X, port %d; hsiphash32(0x%08X, K1) = 0x%08x, "
           "mod 4093 = slot %d -> %s%s" % (
               cid, ca, sa, port, (port + sa) & MASK32, hv, s, _short(o),
               _state(o)))
    if o is not None and o.unavailable_sh_mh() and "mh-fallback" in svc.flags:
        walk = []
        for k in range(MH_SIZE):
            hh = mh_H(MH_K1, (k + s) % MH_SIZE, port, sa)
            x = svc.table[hh % MH_SIZE]
            walk.append("k=%d hsiphash32(0x%08X)=0x%08x slot %d:%s" % (
                k, ((k + s) % MH_SIZE + port + sa) & MASK32, hh, hh % MH_SIZE,
                x.addr.split(".")[-1] if x else "-"))
            if x is None or not x.unavailable_sh_mh():
                break
        txt += "; fallback: " + _abridge(walk, ", ")
    return txt + " -> " + res


def describe_table(svc):
    """A one-line summary of the current table (for trace comments)."""
    order = " ".join("%s(w=%d)" % (d.name(), d.weight) for d in svc.dests)
    if svc.sched in ("dh", "sh"):
        first = " ".join(d.addr.split(".")[-1] if d else "-"
                         for d in svc.table[:16])
        return "list %s; buckets 0..15 = %s" % (order, first)
    g, rs, setup = mh_setup(svc.dests)
    parts = []
    for d, off, skip, turns in setup:
        cnt = sum(1 for x in svc.table if x is d)
        parts.append("%s last_weight=%d offset=%d skip=%d turns=%d slots=%d" % (
            d.name(), d.last_weight, off, skip, turns, cnt))
    return "gcd=%d rshift=%d; %s" % (g, rs, "; ".join(parts))


# ---------------------------------------------------------------------------
# Self-test against the reference's values and the real-kernel traces
# ---------------------------------------------------------------------------
def selftest():
    # ref §4.10 hash_32 test values
    assert hash_32(0x0A000001, 8) == 39
    assert hash_32(1, 8) == 97
    assert hash_32(0xC0A8010A, 8) == 248
    assert hash_32(0x08080808, 8) == 188
    assert hash_32(0x0A000001, 10) == 159
    assert hash_32(0xC0A8010A, 10) == 995
    # ref §4.10 hsiphash self-check vectors
    k0, k1 = 0x0706050403020100, 0x0f0e0d0c0b0a0908
    assert hsiphash_bytes(b"", k0, k1) == 0x050fc4dc
    assert hsiphash_bytes(bytes([0, 1, 2, 3]), k0, k1) == 0x88d38328
    assert hsiphash32(0x03020100, k0, k1) == 0x88d38328

    # ref §4.12 sh example: RS1(w1), RS2(w2), RS3(w1) added in that order
    svc = Service("tcp", "10.0.0.100", 80, "sh", [])
    svc.add("10.9.9.1", 80, 1, 0, 0)
    svc.add("10.9.9.2", 80, 2, 0, 0)
    svc.add("10.9.9.3", 80, 1, 0, 0)
    names = [d.addr[-1] for d in svc.table[:12]]
    assert names == list("322132213221"), names
    assert sh_h(0, ip2u32("172.16.0.5"), 0) == 1
    assert svc.table[1].addr == "10.9.9.2"
    assert sh_h(0, ip2u32("172.16.0.6"), 0) == 99
    assert svc.table[99].addr == "10.9.9.1"
    assert sh_h(0, ip2u32("203.0.113.7"), 0) == 124
    assert svc.table[124].addr == "10.9.9.3"
    assert sh_h(0, ip2u32("172.16.0.5"), 40000) == 165

    # ref §4.13 mh worked example
    svc = Service("tcp", "10.0.0.100", 80, "mh", [])
    for a in ("192.168.10.11", "192.168.10.12", "192.168.10.13"):
        svc.add(a, 80, 1, 0, 0)
    g, rs, setup = mh_setup(svc.dests)
    got = [(s[0].addr, s[1], s[2]) for s in setup]
    assert got == [("192.168.10.13", 1740, 3242), ("192.168.10.12", 3560, 3568),
                   ("192.168.10.11", 3834, 1607)], got
    cnt = {}
    for d in svc.table:
        cnt[d.addr] = cnt.get(d.addr, 0) + 1
    assert (cnt["192.168.10.13"], cnt["192.168.10.12"], cnt["192.168.10.11"]) \
        == (1365, 1364, 1364), cnt
    first = [d.addr.split(".")[-1] for d in svc.table[:12]]
    assert first == "12 13 13 13 11 11 12 13 11 12 11 13".split(), first
    assert mh_H(MH_K1, 0, 0, ip2u32("172.16.0.5")) == 0xed735258
    for c, slot, owner in (("172.16.0.5", 82, "13"), ("172.16.0.7", 1249, "11"),
                           ("10.1.2.3", 1263, "12")):
        s = mh_H(MH_K1, 0, 0, ip2u32(c)) % MH_SIZE
        assert s == slot, (c, s)
        assert svc.table[s].addr.endswith("." + owner)

    # real-kernel traces with answers
    import os
    kdir = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                        "..", "kernel")
    for n in ("dh", "sh-50", "sh-port-weights", "mh-50"):
        with open(os.path.join(kdir, n + ".trace")) as f:
            got = replay(f.read().splitlines())
        with open(os.path.join(kdir, n + ".out")) as f:
            want = f.read().split("\n")
        want = [w for w in want if w.strip()]
        assert got == want, n
    print("selftest OK")


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "selftest":
        selftest()
    elif len(sys.argv) >= 3 and sys.argv[1] == "replay":
        with open(sys.argv[2]) as f:
            print("\n".join(replay(f.read().splitlines())))
    elif len(sys.argv) >= 3 and sys.argv[1] == "explain":
        notes = []
        with open(sys.argv[2]) as f:
            replay(f.read().splitlines(), set(sys.argv[3:]), notes)
        print("\n".join(notes))
    else:
        print(__doc__)
