#!/usr/bin/env python3
"""Generator of the dh-/sh-/mh- hand traces in this directory.

The trace texts are committed as plain files; this script only documents how
they were made (seeded pseudo-random client addresses and ports, so re-running
it rewrites identical files). Every expected output (.out) is computed with
hashing_reference.replay(), the independent Python model of tests/reference/ipvs-behaviour.md
sections 4.10-4.13 and 6.

    python3 hashing_generate.py            # rewrite all dh-/sh-/mh- traces
    python3 hashing_generate.py mh_weights # only some scenarios
"""
import os, random, sys, textwrap
from collections import Counter
HAND = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HAND)
from hashing_reference import replay, explain, describe_table

TABLE = '#@table'


class TB:
    def __init__(self, seed, head, tcp=True):
        self.head = head
        self.rng = random.Random(seed)
        self.body = []
        self.t = 0.0
        self.tcp = tcp
        self.used = set()
        self.ports = set()
        self.n = 0
        self.state = {}     # id -> 'open' | 'est' | 'closed' | 'expired'
        self.addr_of = {}

    def ts(self):
        return ('%.2f' % self.t).rstrip('0').rstrip('.') or '0'

    def ev(self, s, dt=0.05):
        self.body.append('%s %s' % (self.ts(), s))
        self.t = round(self.t + dt, 2)

    def c(self, s):
        self.body.append('# ' + s)

    def table(self):
        self.body.append(TABLE)

    def addr(self, prefixes):
        while True:
            p = self.rng.choice(prefixes).split('.')
            while len(p) < 4:
                p.append(str(self.rng.randint(1, 254)))
            a = '.'.join(p)
            if a not in self.used:
                self.used.add(a)
                return a

    def port(self):
        while True:
            p = self.rng.randint(1024, 65535)
            if p not in self.ports:
                self.ports.add(p)
                return p

    def connect(self, addr, prefix='c', port=None):
        self.n += 1
        cid = '%s%d' % (prefix, self.n)
        if port is None:
            port = self.port()
        self.ev('connect %s %s:%d' % (cid, addr, port))
        self.state[cid] = 'open'
        self.addr_of[cid] = addr
        return cid

    def many(self, count, prefixes, prefix='c'):
        ids = []
        for _ in range(count):
            ids.append(self.connect(self.addr(prefixes), prefix))
            if self.tcp and self.rng.random() < 0.3:
                self.tcp_step()
        return ids

    def tcp_step(self):
        """established/closed on a random earlier connection (no effect on
        the totals: ref section 6)."""
        cands = [i for i, s in self.state.items() if s in ('open', 'est')]
        if not cands:
            return
        i = self.rng.choice(cands)
        if self.state[i] == 'open' and self.rng.random() < 0.7:
            self.ev('established ' + i)
            self.state[i] = 'est'
        else:
            self.ev('closed ' + i)
            self.state[i] = 'closed'

    def again(self, ids, prefix='c'):
        """Connect again from the addresses of earlier connections (new ports)."""
        return [self.connect(self.addr_of[i], prefix) for i in ids]

    def on(self, server, ids=None):
        """Live connections currently bound to server (from the reference)."""
        r = self.results()
        return [i for i, d in r.items() if d == server and self.state[i] != 'expired'
                and (ids is None or i in ids)]

    def expire(self, cid):
        self.ev('expired ' + cid)
        self.state[cid] = 'expired'

    def results(self):
        out = replay(self.head + self.body)
        return dict(l.split() for l in out)


def wrap(prefix, text, width=100):
    return textwrap.wrap(text, width=width, initial_indent=prefix,
                         subsequent_indent='#' + ' ' * (len(prefix) + 3),
                         break_long_words=False, break_on_hyphens=False)


def write(name, header, head_lines, tb, explain_ids):
    """header: list of paragraphs; head_lines: service/server lines."""
    caller = sys._getframe(1).f_code.co_name
    lines = head_lines + tb.body
    # explain_ids: single ids, or lists of ids (a phase) from which the
    # first connect, the first one meeting an unavailable owner and the one
    # with the longest fallback walk are shown
    allids = []
    for e in explain_ids:
        allids += e if isinstance(e, list) else [e]
    alln = []
    replay(lines, set(allids), alln)
    bynote = {n.split(':', 1)[0]: n for n in alln}
    chosen = []
    for e in explain_ids:
        if not isinstance(e, list):
            chosen.append(e)
            continue
        sel = [e[0]]
        un = [i for i in e if 'unavailable' in bynote[i]]
        if un:
            sel.append(un[0])
        fb = [i for i in e if 'fallback' in bynote[i]]
        if fb:
            best = max(fb, key=lambda i: bynote[i].count(':'))
            sel.append(best)
        for i in sel:
            if i not in chosen:
                chosen.append(i)
    notes = [bynote[i] for i in chosen]
    explain_ids = chosen
    # expand #@table markers
    final_body = []
    for i, l in enumerate(lines):
        if l == TABLE:
            n2 = []
            replay(lines[:i + 1], (), n2)
            final_body += wrap('# table now: ', n2[-1])
        else:
            final_body.append(l)
    text = ['# %s.trace -- hand trace (tests/ipvs/traces/hand)' % name, '#']
    for para in header:
        if para == '':
            text.append('#')
        else:
            text += wrap('# ', para)
    text.append('#')
    if head_lines[0].split()[3] == 'scheduler=mh':
        from hashing_reference import Service, mh_fill, mh_setup
        svc = Service('tcp', '0.0.0.0', 0, 'mh', [])
        for l in head_lines[1:]:
            t = l.split()
            a, p = t[1].split(':')
            o = dict(x.split('=') for x in t[2:])
            svc.add(a, int(p), int(o['weight']), 0, 0)
        log = []
        mh_fill(svc.dests, log)
        g, rs, setup = mh_setup(svc.dests)
        txt = ('Initial fill by hand (ref 4.13): ' + '; '.join(
            '%s offset %d skip %d turns %d' % (d.addr.split('.')[-1] + ':' + str(d.port), o, k, t)
            for d, o, k, t in setup) + '. Each destination claims its next free slot of the '
            'sequence offset, offset+skip, offset+2*skip, ... (mod 4093), `turns` times in a row, '
            'in list order, pass after pass; the first claims are: ' + ', '.join(
                '%s->%d' % (d.addr.split('.')[-1] + ':' + str(d.port), c) for d, c in log) + ' ...')
        text += wrap('# ', txt)
        text.append('#')
    text.append('# Trace text written by hashing_generate.py (%s(), seeded client addresses).' % caller)
    text.append('# Expected output (%s.out): computed by hashing_reference.py in this directory,' % name)
    text.append('# function replay() (tables by dh_fill/sh_fill/mh_fill, lookups by')
    text.append('# dh_select/sh_select/mh_select, thresholds by Service.bind/unbind), written from')
    text.append('# tests/reference/ipvs-behaviour.md sections 4.10-4.13 and 6, not from the C++ code:')
    text.append('#   python3 hashing_reference.py replay %s.trace' % name)
    text.append('# Worked lines (python3 hashing_reference.py explain %s.trace ID...):' % name)
    for n in notes:
        text += wrap('#   ', n)
    text.append('')
    full = text + final_body
    trace = '\n'.join(full) + '\n'
    with open(os.path.join(HAND, name + '.trace'), 'w') as f:
        f.write(trace)
    out = replay(trace.splitlines())
    with open(os.path.join(HAND, name + '.out'), 'w') as f:
        f.write('\n'.join(out) + '\n')
    return out


# ---------------------------------------------------------------------------
# dh scenarios
# ---------------------------------------------------------------------------
DH_CL = ['172.16', '172.17', '172.18', '10.1', '10.2', '198.18', '198.19', '100.64']

def dh_owner():
    tb = TB(101, None)
    head = ['service tcp 10.0.0.100:80 scheduler=dh',
            'server 192.168.10.21:80 weight=3',
            'server 192.168.10.22:80 weight=1',
            'server 192.168.10.23:80 weight=2',
            'server 192.168.10.24:80 weight=5',
            'server 192.168.10.25:80 weight=1']
    tb.table()
    tb.c('phase A: 100 clients; every one goes to the owner of bucket 248')
    a = tb.many(100, DH_CL)
    tb.c('phase B: quiesce a server that does not own bucket 248: no effect')
    tb.ev('weight 192.168.10.24:80 0')
    b = tb.many(40, DH_CL)
    tb.c('phase C: weight edit of the owner itself: dh does not refill on edits')
    tb.ev('weight 192.168.10.22:80 7')
    cc = tb.many(30, DH_CL)
    tb.c('phase D: add .26: refill over 6 servers; bucket 248 -> list[2] = .24, quiesced in phase B')
    tb.ev('add 192.168.10.26:80 weight=2')
    tb.table()
    d = tb.many(40, DH_CL)
    tb.c('phase E: give .24 a weight again (no refill): it is the owner now')
    tb.ev('weight 192.168.10.24:80 4')
    e = tb.many(40, DH_CL)
    tb.c('phase F: remove .25: refill over 5 servers, bucket 248 -> list[3] = .22')
    tb.ev('remove 192.168.10.25:80')
    tb.table()
    f = tb.many(40, DH_CL)
    tb.c('phase G: quiesce the owner .22: nobody (dh has no fallback)')
    tb.ev('weight 192.168.10.22:80 0')
    g = tb.many(20, DH_CL)
    tb.c('phase H: remove .26: refill over 4 servers, bucket 248 -> list[0] = .24')
    tb.ev('remove 192.168.10.26:80')
    tb.table()
    h = tb.many(30, DH_CL)
    ids = [a[0], b[0], cc[0], d[0], e[0], f[0], g[0], h[0]]
    return write('dh-vip-owner-340-clients', [
        'dh with 340 distinct client addresses. dh hashes the packet\'s DESTINATION address '
        '(the VIP 10.0.0.100), so every client of this service lands in bucket hash_32(0x0A000064, 8) '
        '= 248 whatever its own address: the output only changes when the owner of bucket 248 '
        'changes or becomes unavailable.',
        '',
        'Tests: weights are ignored by the fill (ref 4.11); weight edits do NOT refill (ref 4.0 hook '
        'table), so quiescing a non-owner changes nothing and quiescing the owner gives "-" (no '
        'fallback); add and remove refill the table over the new list (bucket i = list[i mod n]).',
        '',
        'List order (newest first, ref 0): servers added .21 .22 .23 .24 .25, so the list is '
        '.25 .24 .23 .22 .21; n=5, 248 mod 5 = 3 -> .22. After "add .26": .26 .25 .24 .23 .22 .21, '
        '248 mod 6 = 2 -> .24. After "remove .25": .26 .24 .23 .22 .21, 248 mod 5 = 3 -> .22. After '
        '"remove .26": .24 .23 .22 .21, 248 mod 4 = 0 -> .24.',
    ], head, tb, ids)

def dh_udp_threshold():
    tb = TB(202, None, tcp=False)
    head = ['service udp 192.0.2.53:53 scheduler=dh',
            'server 192.168.11.31:53 weight=1',
            'server 192.168.11.32:53 weight=1 upper=8',
            'server 192.168.11.33:53 weight=2 upper=4 lower=2']
    tb.table()
    tb.c('owner .33 has upper=4 lower=2: the 4th entry sets OVERLOAD')
    x = [tb.connect(tb.addr(DH_CL)) for _ in range(6)]
    tb.c('expiring to 3 and 2 entries keeps OVERLOAD (cleared only when total < lower = 2)')
    tb.expire(x[0]); y1 = tb.connect(tb.addr(DH_CL))
    tb.expire(x[1]); y2 = tb.connect(tb.addr(DH_CL))
    tb.c('a weight edit keeps the thresholds (trace spec), so new upper == old upper: OVERLOAD is not cleared (ref 6)')
    tb.ev('weight 192.168.11.33:53 3')
    y3 = tb.connect(tb.addr(DH_CL))
    tb.c('down to 1 entry: 1 < lower 2 clears OVERLOAD')
    tb.expire(x[2])
    z = [tb.connect(tb.addr(DH_CL)) for _ in range(5)]
    tb.c('add .34: list .34 .33 .32 .31, 15 mod 4 = 3 -> .31 (no threshold)')
    tb.ev('add 192.168.11.34:53 weight=1')
    tb.table()
    w = tb.many(30, DH_CL)
    tb.c('remove .31: list .34 .33 .32, 15 mod 3 = 0 -> .34')
    tb.ev('remove 192.168.11.31:53')
    tb.table()
    v = tb.many(20, DH_CL)
    tb.c('remove .34: list .33 .32, 15 mod 2 = 1 -> .32 (upper=8, no lower)')
    tb.ev('remove 192.168.11.34:53')
    tb.table()
    u = [tb.connect(tb.addr(DH_CL)) for _ in range(10)]
    tb.c('.32 holds 8 entries (OVERLOAD); without lower, cleared when total*4 < 8*3, i.e. total <= 5')
    tb.expire(u[0]); s1 = tb.connect(tb.addr(DH_CL))
    tb.expire(u[1]); s2 = tb.connect(tb.addr(DH_CL))
    tb.expire(u[2]); s3 = tb.connect(tb.addr(DH_CL))
    s4 = tb.connect(tb.addr(DH_CL))
    s5 = tb.connect(tb.addr(DH_CL))
    s6 = tb.connect(tb.addr(DH_CL))
    s7 = tb.connect(tb.addr(DH_CL))
    tb.c('add .35 with weight 0: list .35 .33 .32, 15 mod 3 = 0 -> .35, quiesced: "-"; then weight .35 1')
    tb.ev('add 192.168.11.35:53 weight=0')
    tb.table()
    r = tb.many(10, DH_CL)
    tb.ev('weight 192.168.11.35:53 1')
    r2 = tb.many(10, DH_CL)
    ids = [x[0], x[3], x[4], y2, y3, z[0], z[2], z[3], w[0], v[0], u[7], u[8], s2, s3, s4, r[0], r2[0]]
    return write('dh-udp-threshold', [
        'dh on a UDP service (VIP 192.0.2.53, bucket hash_32(0xC0000235, 8) = 15) with upper/lower '
        'connection thresholds on the owner of bucket 15. Every UDP entry counts (inactive) until '
        '"expired" (ref 2.3); thresholds compare activeconns+inactconns (ref 6).',
        '',
        'Tests: OVERLOAD set when the total reaches upper after a bind; kept while total >= lower; '
        'kept across a weight edit (thresholds unchanged, ref 6 "-e" rule); cleared below lower; '
        'the no-lower rule total*4 < upper*3; refill on add/remove moving bucket 15 to other servers; '
        'a server added with weight 0 owning the bucket ("-").',
        '',
        'List order (newest first): .33 .32 .31; 15 mod 3 = 0 -> .33.',
    ], head, tb, ids)

def dh_readd():
    tb = TB(303, None)
    head = ['service tcp 198.51.100.7:443 scheduler=dh'] + [
        'server 192.168.12.%d:443 weight=%d' % (40 + i, w)
        for i, w in zip(range(1, 8), (1, 4, 2, 9, 1, 3, 6))]
    tb.table()
    tb.c('list .47 .46 .45 .44 .43 .42 .41; bucket 171, 171 mod 7 = 3 -> .44')
    a = tb.many(25, DH_CL)
    tb.ev('remove 192.168.12.44:443')
    tb.table()
    tb.c('list .47 .46 .45 .43 .42 .41, 171 mod 6 = 3 -> .43')
    b = tb.many(25, DH_CL)
    tb.c('re-adding .44 puts it at the HEAD of the list: .44 .47 .46 .45 .43 .42 .41, 171 mod 7 = 3 -> .45')
    tb.ev('add 192.168.12.44:443 weight=2')
    tb.table()
    cc = tb.many(25, DH_CL)
    tb.ev('remove 192.168.12.41:443')
    tb.table()
    tb.c('list .44 .47 .46 .45 .43 .42, 171 mod 6 = 3 -> .45 again')
    d = tb.many(20, DH_CL)
    tb.ev('remove 192.168.12.47:443')
    tb.table()
    tb.c('list .44 .46 .45 .43 .42, 171 mod 5 = 1 -> .46')
    e = tb.many(20, DH_CL)
    tb.c('quiesce the owner: "-"')
    tb.ev('weight 192.168.12.46:443 0')
    f = tb.many(15, DH_CL)
    tb.c('add .48 with weight 0: list .48 .44 .46 .45 .43 .42, 171 mod 6 = 3 -> .45 (available)')
    tb.ev('add 192.168.12.48:443 weight=0')
    tb.table()
    g = tb.many(20, DH_CL)
    tb.c('remove .45 and .43: list .48 .44 .46 .42, 171 mod 4 = 3 -> .42')
    tb.ev('remove 192.168.12.45:443')
    tb.ev('remove 192.168.12.43:443')
    tb.table()
    h = tb.many(20, DH_CL)
    tb.c('remove .42: list .48 .44 .46, 171 mod 3 = 0 -> .48 (weight 0): "-"; then weight .48 5')
    tb.ev('remove 192.168.12.42:443')
    tb.table()
    i1 = tb.many(10, DH_CL)
    tb.ev('weight 192.168.12.48:443 5')
    i2 = tb.many(15, DH_CL)
    tb.c('remove all three: empty list, all buckets empty: "-"; then add .49: every bucket is .49')
    tb.ev('remove 192.168.12.48:443')
    tb.ev('remove 192.168.12.44:443')
    tb.ev('remove 192.168.12.46:443')
    j1 = tb.many(5, DH_CL)
    tb.ev('add 192.168.12.49:443 weight=1')
    tb.table()
    j2 = tb.many(10, DH_CL)
    ids = [a[0], b[0], cc[0], d[0], e[0], f[0], g[0], h[0], i1[0], i2[0], j1[0], j2[0]]
    return write('dh-readd-7-servers', [
        'dh with seven servers (weights 1 4 2 9 1 3 6, all ignored by dh) on VIP 198.51.100.7:443: '
        'bucket hash_32(0xC6336407, 8) = 171 for every client. A sequence of removes and adds, '
        'each refilling the table as bucket i = list[i mod n] (ref 4.11), moves the owner around.',
        '',
        'Tests: list order newest first, including a server REMOVED and ADDED BACK, which goes to '
        'the head of the list (ref 0, 1.2) and so shifts every other server\'s buckets; a weight-0 '
        'owner gives "-"; a server added with weight 0; two removes in a row; an empty service '
        '("-") and a server added to it.',
    ], head, tb, ids)

# ---------------------------------------------------------------------------
# sh scenarios
# ---------------------------------------------------------------------------
SH_CL = ['172.16', '172.17', '172.18', '172.19', '10.1', '10.2', '10.3', '198.18', '198.19', '100.64', '100.65']

def S(n):
    return '192.168.20.%d:80' % n

def sh_weights():
    head = ['service tcp 10.0.0.100:80 scheduler=sh',
            'server 192.168.20.1:80 weight=3',
            'server 192.168.20.2:80 weight=1',
            'server 192.168.20.3:80 weight=2',
            'server 192.168.20.4:80 weight=4']
    tb = TB(404, head)
    tb.table()
    tb.c('phase A: 120 new clients')
    a = tb.many(120, SH_CL)
    tb.c('phase B: weight 0 on .3 refills the table (.3 keeps one bucket per round); 40 new clients, then 20 phase-A addresses again (new ports)')
    tb.ev('weight 192.168.20.3:80 0')
    tb.table()
    b = tb.many(40, SH_CL)
    b2 = tb.again(a[:20])
    tb.c('phase C: weight .2 1 -> 5 refills again')
    tb.ev('weight 192.168.20.2:80 5')
    tb.table()
    cc = tb.many(40, SH_CL)
    tb.c('phase D: add .5 (weight 2) at the head of the list')
    tb.ev('add 192.168.20.5:80 weight=2')
    tb.table()
    d = tb.many(40, SH_CL)
    tb.c('phase E: remove .4')
    tb.ev('remove 192.168.20.4:80')
    tb.table()
    e = tb.many(40, SH_CL)
    tb.c('phase F: .3 back to weight 2; the phase-A addresses of phase B again')
    tb.ev('weight 192.168.20.3:80 2')
    tb.table()
    f = tb.many(20, SH_CL)
    f2 = tb.again(a[:20])
    return write('sh-weights-340-clients', [
        'sh (no flags) with mixed weights 3 1 2 4 and 340 connects from 300 distinct client '
        'addresses (20 of them connect three times). Key = hash_32(client address, 8) (ref 4.12, port 0 '
        'without sh-port).',
        '',
        'Tests: the weighted fill (each server takes max(weight,1) consecutive buckets per round, in '
        'list order, the pattern repeating until bucket 255); weight 0 on .3 REFILLS the table (ref '
        '4.12: sh refills on every edit; a weight-0 server keeps one bucket per round and is '
        'unavailable, so its clients get "-" and others move); a weight edit 1 -> 5; add (new '
        'server at the list head) and remove, each a refill.',
        '',
        'List order (newest first): .4(w4) .3(w2) .2(w1) .1(w3): buckets 0..9 = 4 4 4 4 3 3 2 1 1 1, '
        'then repeating (round length 10). Later tables are given inline ("table now").',
    ], head, tb, [a, b, b2, cc, d, e, f, f2])


def sh_port_fallback():
    head = ['service tcp 10.0.0.100:80 scheduler=sh flags=sh-port,sh-fallback',
            'server 192.168.20.1:80 weight=2',
            'server 192.168.20.2:80 weight=1',
            'server 192.168.20.3:80 weight=3 upper=12']
    tb = TB(505, head)
    tb.table()
    tb.c('phase A: 30 new clients, then 30 more connects from 10 of them on other ports (sh-port: the port is in the key)')
    a = tb.many(30, SH_CL)
    a2 = tb.again(a[:10] * 3)
    tb.c('phase B: quiesce .2 (weight 1 -> 0: same table, .2 unavailable): its clients walk on')
    tb.ev('weight 192.168.20.2:80 0')
    tb.table()
    b = tb.many(30, SH_CL)
    tb.c('phase C: expire three of .3\'s entries: 12 -> 9, 9*4 < 12*3 is false: still OVERLOADED')
    for i in tb.on(S(3))[:3]:
        tb.expire(i)
    c0 = tb.many(5, SH_CL)
    tb.c('one more: 8*4 < 36 clears OVERLOAD')
    tb.expire(tb.on(S(3))[0])
    cc = tb.many(20, SH_CL)
    tb.c('phase D: quiesce .1 too: only .3 is available; once it is OVERLOADED again the walk visits all 256 buckets and fails: "-"')
    tb.ev('weight 192.168.20.1:80 0')
    tb.table()
    tb.c('expire five of .3\'s entries (12 -> 7): it takes every client until it holds 12 again')
    for i in tb.on(S(3))[:5]:
        tb.expire(i)
    d = tb.many(25, SH_CL)
    tb.c('phase E: add .4 (weight 1): the walks now end at .4\'s buckets')
    tb.ev('add 192.168.20.4:80 weight=1')
    tb.table()
    e = tb.many(30, SH_CL)
    tb.c('phase F: remove .3 (OVERLOADED); .2 and .1 still quiesced')
    tb.ev('remove 192.168.20.3:80')
    tb.table()
    f = tb.many(20, SH_CL)
    tb.c('phase G: .2 weight 2 (refill) and .1 weight 1')
    tb.ev('weight 192.168.20.2:80 2')
    tb.ev('weight 192.168.20.1:80 1')
    tb.table()
    g = tb.many(25, SH_CL)
    return write('sh-port-fallback', [
        'sh with flags sh-port,sh-fallback: key = hash_32((source port + client address) mod 2^32, 8); '
        'when the bucket\'s server is unavailable (weight 0 or OVERLOAD) the walk of ref 4.12 probes '
        'buckets (2*ih + k) mod 256, k = 0..255, and takes the first available server.',
        '',
        'Tests: the port in the key (same addresses on other ports land elsewhere); fallback past a '
        'quiesced server and past a server OVERLOADED by its upper threshold (upper=12, no lower: '
        'cleared when total*4 < 36, i.e. at 8 entries); walks of several steps; the full 256-step walk failing when no '
        'server is available; add/remove/edit refills.',
        '',
        'List order (newest first): .3(w3) .2(w1) .1(w2): buckets 0..5 = 3 3 3 2 1 1, repeating.',
    ], head, tb, [a, a2, b, c0, cc, d, e, f, g])


def sh_udp_threshold():
    head = ['service udp 10.0.0.53:53 scheduler=sh',
            'server 192.168.21.1:53 weight=1 upper=5 lower=2',
            'server 192.168.21.2:53 weight=2',
            'server 192.168.21.3:53 weight=1']
    tb = TB(606, head, tcp=False)
    R = lambda n: '192.168.21.%d:53' % n
    tb.table()
    tb.c('phase A: 60 clients; .1 (upper=5 lower=2) becomes OVERLOADED at its 5th entry; no fallback: "-"')
    a = tb.many(60, SH_CL)
    tb.c('phase B: expire .1\'s entries down to 2 (still OVERLOADED: 2 is not < lower 2)')
    on1 = tb.on(R(1))
    for i in on1[:len(on1) - 2]:
        tb.expire(i)
    b = tb.many(20, SH_CL)
    tb.c('phase C: one more expiry: 1 < 2 clears OVERLOAD')
    tb.expire(tb.on(R(1))[0])
    cc = tb.many(20, SH_CL)
    tb.c('phase D: add .4 with weight 0: it takes one bucket per round and its clients get "-"')
    tb.ev('add 192.168.21.4:53 weight=0')
    tb.table()
    d = tb.many(30, SH_CL)
    tb.c('phase E: weight .4 3 (refill)')
    tb.ev('weight 192.168.21.4:53 3')
    tb.table()
    e = tb.many(30, SH_CL)
    tb.c('phase F: remove .2')
    tb.ev('remove 192.168.21.2:53')
    tb.table()
    f = tb.many(30, SH_CL)
    tb.c('phase G: remove every server: all buckets empty, "-"; add .5 alone: every bucket is .5')
    tb.ev('remove 192.168.21.1:53')
    tb.ev('remove 192.168.21.3:53')
    tb.ev('remove 192.168.21.4:53')
    g = tb.many(5, SH_CL)
    tb.ev('add 192.168.21.5:53 weight=2')
    tb.table()
    h = tb.many(10, SH_CL)
    return write('sh-udp-threshold', [
        'sh without flags on a UDP service (every UDP entry counts until "expired", ref 2.3), with an '
        'upper/lower threshold on .1 (ref 6), a server added with weight 0, a weight edit and a '
        'remove.',
        '',
        'Tests: OVERLOAD makes the bucket owner unavailable and, without sh-fallback, gives "-"; '
        'OVERLOAD kept at total = lower and cleared below it; a server added with weight 0 takes '
        'max(0,1) = 1 bucket per round and is unavailable; refills on add, edit and remove; an '
        'empty service ("-") and a server added to it.',
        '',
        'List order (newest first): .3(w1) .2(w2) .1(w1): buckets 0..3 = 3 2 2 1, repeating.',
    ], head, tb, [a, b, cc, d, e, f, g, h])


def sh_fallback_weight0():
    head = ['service tcp 10.0.0.100:8080 scheduler=sh flags=sh-fallback',
            'server 192.168.22.1:8080 weight=1',
            'server 192.168.22.2:8080 weight=0',
            'server 192.168.22.3:8080 weight=2',
            'server 192.168.22.4:8080 weight=1']
    tb = TB(707, head)
    R = lambda n: '192.168.22.%d:8080' % n
    tb.table()
    tb.c('phase A: 60 clients; .2 was added with weight 0: its buckets send clients on the fallback walk')
    a = tb.many(60, SH_CL)
    tb.c('phase B: remove .4; add .5 (weight 3, upper=10 lower=4)')
    tb.ev('remove 192.168.22.4:8080')
    tb.ev('add 192.168.22.5:8080 weight=3 upper=10 lower=4')
    tb.table()
    b = tb.many(40, SH_CL)
    tb.c('phase C: quiesce .3 and .1: only .5 is available and it already holds 10 entries (OVERLOADED): every walk visits all 256 buckets and fails')
    tb.ev('weight 192.168.22.3:8080 0')
    tb.ev('weight 192.168.22.1:8080 0')
    tb.table()
    cc = tb.many(30, SH_CL)
    tb.c('phase D: expire .5 down to 3 entries (< lower 4): available again')
    on5 = tb.on(R(5))
    for i in on5[:len(on5) - 3]:
        tb.expire(i)
    d = tb.many(20, SH_CL)
    tb.c('phase E: weight .1 4 (refill); remove .2')
    tb.ev('weight 192.168.22.1:8080 4')
    tb.ev('remove 192.168.22.2:8080')
    tb.table()
    e = tb.many(40, SH_CL)
    tb.c('phase F: weight .5 (list head) 300 >= 256: the fill never moves past .5, every bucket is .5; .1 (weight 4) is never reached, not even by the fallback walk, once .5 is OVERLOADED')
    tb.ev('weight 192.168.22.5:8080 300')
    tb.table()
    f = tb.many(30, SH_CL)
    return write('sh-fallback-weight0', [
        'sh with sh-fallback only (port 0 in the key) on service port 8080, with a server present '
        'from the start at weight 0, a threshold server added mid-trace, and quiesced servers.',
        '',
        'Tests: a weight-0 server still takes one bucket per round and its clients are walked on '
        '(ref 4.12: walk buckets (2*ih + k) mod 256); remove + add in a row; fallback when the only '
        'available server is OVERLOADED (upper=10 lower=4) -> "-" after the full walk; expiries '
        'clearing OVERLOAD below lower; weight edit + remove refills; a weight above 256 giving '
        'every bucket to one server, so the walk cannot reach any other.',
        '',
        'List order (newest first): .4(w1) .3(w2) .2(w0) .1(w1): buckets 0..4 = 4 3 3 2 1, '
        'repeating (round length 5).',
    ], head, tb, [a, b, cc, d, e, f])

# ---------------------------------------------------------------------------
# mh scenarios
# ---------------------------------------------------------------------------
MH_CL = ['172.16', '172.17', '172.18', '172.19', '10.1', '10.2', '10.3', '198.18', '198.19', '100.64', '100.65']

def mh_weights():
    head = ['service tcp 10.0.0.100:80 scheduler=mh',
            'server 192.168.30.1:80 weight=5',
            'server 192.168.30.2:80 weight=3',
            'server 192.168.30.3:80 weight=1',
            'server 192.168.30.4:80 weight=2']
    tb = TB(808, head)
    tb.table()
    tb.c('phase A: 120 new clients')
    a = tb.many(120, MH_CL)
    tb.c('phase B: weight .2 0: last_weight stays 3, the table is unchanged; .2 is unavailable (no fallback: "-"); 40 new clients, then 20 phase-A addresses again')
    tb.ev('weight 192.168.30.2:80 0')
    tb.table()
    b = tb.many(40, MH_CL)
    b2 = tb.again(a[:20])
    tb.c('phase C: weight .2 6: last_weight 6, table rebuilt')
    tb.ev('weight 192.168.30.2:80 6')
    tb.table()
    cc = tb.many(40, MH_CL)
    tb.c('phase D: add .5 (weight 4)')
    tb.ev('add 192.168.30.5:80 weight=4')
    tb.table()
    d = tb.many(40, MH_CL)
    tb.c('phase E: remove .1')
    tb.ev('remove 192.168.30.1:80')
    tb.table()
    e = tb.many(40, MH_CL)
    tb.c('phase F: weight .3 0 then back to 1 (same last_weight: same table as phase E); new clients, then the phase-A addresses again')
    tb.ev('weight 192.168.30.3:80 0')
    tb.ev('weight 192.168.30.3:80 1')
    tb.table()
    f = tb.many(20, MH_CL)
    f2 = tb.again(a[:20])
    tb.c('phase G: remove .3 and add it back (from the trash) with weight 0: an add sets last_weight to the new weight even when 0 (ref 1.2), so .3 gets NO slots (its old last_weight 1 is not kept)')
    tb.ev('remove 192.168.30.3:80')
    tb.ev('add 192.168.30.3:80 weight=0')
    tb.table()
    g = tb.many(20, MH_CL)
    tb.c('phase H: weight .3 2: last_weight 2, rebuilt')
    tb.ev('weight 192.168.30.3:80 2')
    tb.table()
    h = tb.many(20, MH_CL)
    return write('mh-weights-380-clients', [
        'mh (no flags) with mixed weights 5 3 1 2 and 380 connects from 340 distinct client '
        'addresses (20 of them connect three times). Lookup slot = hsiphash32(client address, K1) mod 4093 '
        '(ref 4.13, port 0 without mh-port).',
        '',
        'Tests: the Maglev fill with turns = last_weight/gcd (each destination claims `turns` slots '
        'in a row per pass, in list order); weight 0 does NOT rebuild the table (last_weight is '
        'kept, ref 1.2 / 4.13): only the quiesced server\'s clients change (to "-"); a non-zero '
        'weight edit rebuilds; add and remove rebuild; weight 0 then back to the same weight gives '
        'the same table; a server removed and re-added with weight 0 (last_weight 0 on add: no '
        'slots) and then given a weight.',
        '',
        'List order (newest first): .4(w2) .3(w1) .2(w3) .1(w5). Offsets, skips, turns and slot '
        'counts of every build are given inline ("table now").',
    ], head, tb, [a, b, b2, cc, d, e, f, f2, g, h])


def mh_port_fallback():
    head = ['service tcp 10.0.0.100:80 scheduler=mh flags=mh-port,mh-fallback',
            'server 192.168.30.1:80 weight=2',
            'server 192.168.30.2:80 weight=2',
            'server 192.168.30.3:80 weight=4 upper=10 lower=6']
    R = lambda n: '192.168.30.%d:80' % n
    tb = TB(909, head)
    tb.table()
    tb.c('phase A: 30 new clients, then 30 more connects from 10 of them on other ports (mh-port: the port is in the key)')
    a = tb.many(30, MH_CL)
    a2 = tb.again(a[:10] * 3)
    tb.c('phase B: quiesce .1 (table unchanged): its clients take the fallback walk')
    tb.ev('weight 192.168.30.1:80 0')
    b = tb.many(30, MH_CL)
    tb.c('phase C: expire .3 down to 5 entries (< lower 6): OVERLOAD cleared')
    on3 = tb.on(R(3))
    for i in on3[:len(on3) - 5]:
        tb.expire(i)
    cc = tb.many(20, MH_CL)
    tb.c('phase D: quiesce .2 as well; expire .3 down to 5 entries: only .3 is available, until it holds 10 again; then every walk probes all 4093 offsets and fails')
    tb.ev('weight 192.168.30.2:80 0')
    on3 = tb.on(R(3))
    for i in on3[:len(on3) - 5]:
        tb.expire(i)
    d = tb.many(20, MH_CL)
    tb.c('phase E: add .4 (weight 1): gcd 1, .1 and .2 keep last_weight 2 and their slots though quiesced')
    tb.ev('add 192.168.30.4:80 weight=1')
    tb.table()
    e = tb.many(30, MH_CL)
    tb.c('phase F: remove .3')
    tb.ev('remove 192.168.30.3:80')
    tb.table()
    f = tb.many(20, MH_CL)
    tb.c('phase G: weight .1 3 (last_weight 3, rebuild); .2 stays quiesced')
    tb.ev('weight 192.168.30.1:80 3')
    tb.table()
    g = tb.many(25, MH_CL)
    return write('mh-port-fallback', [
        'mh with flags mh-port,mh-fallback: key = hsiphash32((source port + client address) mod 2^32, '
        'K1) mod 4093; when that slot\'s server is unavailable (weight 0 or OVERLOAD) the walk of '
        'ref 4.13 probes slots hsiphash32((k + ih) mod 4093 + port + address, K1) mod 4093 for '
        'k = 0..4092 and takes the first available server.',
        '',
        'Tests: the port in the key; gcd of last_weights (2 2 4 -> gcd 2, turns 1 1 2); fallback past '
        'a quiesced server and past an OVERLOADED one (upper=10 lower=6); a walk over all 4093 '
        'offsets failing; quiesced servers keeping their slots after a rebuild (last_weight); '
        'add/remove/edit rebuilds.',
        '',
        'List order (newest first): .3(w4) .2(w2) .1(w2).',
    ], head, tb, [a, a2, b, cc, d, e, f, g])


def mh_bigweights_threshold():
    head = ['service tcp 10.0.0.100:80 scheduler=mh',
            'server 192.168.32.1:80 weight=1000',
            'server 192.168.32.2:80 weight=300 upper=6 lower=2',
            'server 192.168.32.3:80 weight=7']
    R = lambda n: '192.168.32.%d:80' % n
    tb = TB(1010, head)
    tb.table()
    tb.c('phase A: 100 clients; .2 (upper=6 lower=2) becomes OVERLOADED, no fallback: "-"')
    a = tb.many(100, MH_CL)
    tb.c('phase B: add .4 with weight 0: last_weight 0, turns 0, no slots at all')
    tb.ev('add 192.168.32.4:80 weight=0')
    tb.table()
    b = tb.many(30, MH_CL)
    tb.c('phase C: weight .4 250: last_weight 250, rebuilt')
    tb.ev('weight 192.168.32.4:80 250')
    tb.table()
    cc = tb.many(30, MH_CL)
    tb.c('phase D: weight .1 4000: max/gcd = 4000 has 12 bits, rshift 6')
    tb.ev('weight 192.168.32.1:80 4000')
    tb.table()
    d = tb.many(30, MH_CL)
    tb.c('phase E: expire .2 down to 2 entries (still OVERLOADED), then to 1 (cleared)')
    on2 = tb.on(R(2))
    for i in on2[:len(on2) - 2]:
        tb.expire(i)
    e1 = tb.many(10, MH_CL)
    tb.expire(tb.on(R(2))[0])
    e = tb.many(20, MH_CL)
    tb.c('phase F: weights 1200 300 600 1800: gcd 300, turns 4 1 2 6')
    tb.ev('weight 192.168.32.1:80 1200')
    tb.ev('weight 192.168.32.3:80 600')
    tb.ev('weight 192.168.32.4:80 1800')
    tb.table()
    f = tb.many(30, MH_CL)
    tb.c('phase G: remove .2')
    tb.ev('remove 192.168.32.2:80')
    tb.table()
    g = tb.many(20, MH_CL)
    return write('mh-bigweights-threshold', [
        'mh (no flags) with large weights, so that turns are scaled: rshift = max(0, '
        'bitlength(max_last_weight / gcd) - 6) and turns = (last_weight / gcd) >> rshift, or 1 '
        'when that is 0 for a non-zero last_weight (ref 4.13). Weights 1000 300 7: gcd 1, 1000 '
        'has 10 bits, rshift 4, turns 62 18 1.',
        '',
        'Tests: rshift and the "at least one turn" rule; an upper/lower threshold (.2: upper=6 '
        'lower=2) making the slot owner unavailable without fallback ("-"), kept at total = lower, '
        'cleared below; a server ADDED with weight 0 (last_weight 0: no slots, nobody reaches it); '
        'its later weight edit; rshift 6 after weight 4000; a gcd > 1 (300); remove.',
        '',
        'List order (newest first): .3(w7) .2(w300) .1(w1000).',
    ], head, tb, [a, b, cc, d, e1, e, f, g])


def mh_ports_readd():
    head = ['service tcp 10.0.0.100:8080 scheduler=mh flags=mh-port',
            'server 192.168.31.1:8080 weight=1',
            'server 192.168.31.1:8081 weight=1',
            'server 192.168.31.2:8080 weight=2']
    tb = TB(1111, head)
    tb.table()
    tb.c('phase A: 80 clients')
    a = tb.many(80, MH_CL)
    tb.c('phase B: quiesce 192.168.31.1:8081 (mh-port without fallback: its clients get "-")')
    tb.ev('weight 192.168.31.1:8081 0')
    b = tb.many(40, MH_CL)
    tb.c('phase C: remove it and add it back (weight 1): it is now at the HEAD of the list, so the fill order and the table differ from the start')
    tb.ev('remove 192.168.31.1:8081')
    tb.table()
    c1 = tb.many(20, MH_CL)
    tb.ev('add 192.168.31.1:8081 weight=1')
    tb.table()
    cc = tb.many(50, MH_CL)
    tb.c('phase D: add 192.168.31.2:8081 (weight 3)')
    tb.ev('add 192.168.31.2:8081 weight=3')
    tb.table()
    d = tb.many(40, MH_CL)
    tb.c('phase E: remove every server: empty table, "-"; then add 192.168.31.1:8080 back alone: all 4093 slots are its own')
    for srv in ('192.168.31.2:8081', '192.168.31.1:8081', '192.168.31.2:8080', '192.168.31.1:8080'):
        tb.ev('remove ' + srv)
    e1 = tb.many(5, MH_CL)
    tb.ev('add 192.168.31.1:8080 weight=5')
    tb.table()
    e2 = tb.many(10, MH_CL)
    return write('mh-ports-readd', [
        'mh with mh-port on service port 8080 and real servers that share an address and differ '
        'only by port (192.168.31.1:8080 and :8081): the permutation hashes (offset, skip) use '
        'hsiphash32(port + address, K1/K2) (ref 4.13), so the two get different permutations.',
        '',
        'Note the deliberate collision: the permutation key is the SUM port + address, and '
        '192.168.31.2 + 8080 = 0xC0A81F02 + 0x1F90 = 0xC0A83E92 = 0xC0A81F01 + 0x1F91 = '
        '192.168.31.1 + 8081, so 192.168.31.2:8080 and 192.168.31.1:8081 get the SAME offset (778) '
        'and skip (570); whichever comes first in a pass takes the contested slot and the other '
        'skips on (their slot counts depend on the list order). An implementation that hashed '
        'address and port separately would not reproduce this.',
        '',
        'Tests: the server port in the permutation; mh-port in the lookup key; a quiesced server '
        'without fallback ("-"); remove and ADD BACK of the same server: the list becomes '
        '(.1:8081, .2:8080, .1:8080) instead of (.2:8080, .1:8081, .1:8080), and since each pass of '
        'the fill goes in list order, the table is not the original one; an empty service ("-") '
        'and one server added back to it.',
        '',
        'List order (newest first): 192.168.31.2:8080(w2) 192.168.31.1:8081(w1) 192.168.31.1:8080(w1).',
    ], head, tb, [a, b, c1, cc, d, e1, e2])


ALL = (dh_owner, dh_udp_threshold, dh_readd,
       sh_weights, sh_port_fallback, sh_udp_threshold, sh_fallback_weight0,
       mh_weights, mh_port_fallback, mh_bigweights_threshold, mh_ports_readd)

if __name__ == '__main__':
    for fn in ALL:
        if len(sys.argv) > 1 and fn.__name__ not in sys.argv[1:]:
            continue
        out = fn()
        print(fn.__name__, len(out), dict(Counter(l.split()[1] for l in out)))
