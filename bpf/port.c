// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
//go:build ignore

/*
 * Port programs of the crosstalk eBPF datapath: attached with tcx to both
 * directions of a guest port on the host side (tap, vnet, veth), they count
 * every packet in the kernel and hand userspace only flow events: when a
 * flow starts, when its outcome is known (answered, refused by RST,
 * refused by ICMP unreachable), when it closes, and at most once per
 * report interval while it stays active. Never an event per packet.
 *
 * Ingress on the host side is what the guest sends into the switch; egress
 * is what the switch delivers to the guest. A frame between two registered
 * ports passes both; it is accounted once, at the sender's ingress, and
 * the receiver's egress only counts it in the port counters.
 *
 * They enforce, at that same point: the segmentation policy (a verdict per
 * flow, decided by an LPM lookup when the flow starts and kept in the flow
 * map, so that replies pass without conntrack), anti-spoofing per port,
 * and quarantine. Everything else passes untouched: the programs never
 * redirect or change a packet.
 */

#include <linux/bpf.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>

#include "ct.h"
#include "parse.h"

char __license[] SEC("license") = "Dual BSD/GPL";

/* TC_ACT_UNSPEC for cls_bpf and TCX_NEXT for tcx are both -1: let the next
 * program (or the default action) decide. Debian 12's UAPI headers predate
 * TCX_NEXT, hence the local name. */
#define CT_NEXT (-1)
/* TC_ACT_SHOT and TCX_DROP. */
#define CT_DROP 2

#define EEXIST 17

/* Bytes made linear before parsing: Ethernet, two tags, IPv4 with options,
 * ICMP, and the quoted IPv4 header with options and 8 bytes of transport. */
#define PULL_LEN 164

/* Defaults of the map sizes; the loader sets them from its Config. */
#define DEFAULT_FLOWS 262144
#define DEFAULT_RINGBUF (8 << 20)
#define DEFAULT_PORTS 4096
#define DEFAULT_STORMS 16384
#define DEFAULT_RULES 65536
#define DEFAULT_PORT_ADDRS 65536

/*
 * Settings, rewritten by the loader before load (they are constants to
 * the verifier, so the unused branches fold away).
 */
/* Flow starts: one token every start_interval_ns, start_tolerance_ns =
 * (burst-1) * interval of credit. Defaults: 20,000/s, burst 2,000. */
volatile const __u64 cfg_start_interval_ns = 50000;
volatile const __u64 cfg_start_tolerance_ns = 1999ULL * 50000;
/* ARP events: 100/s, burst 50. */
volatile const __u64 cfg_arp_interval_ns = 10000000;
volatile const __u64 cfg_arp_tolerance_ns = 49ULL * 10000000;
/* Spoof events: 10/s, burst 20. */
volatile const __u64 cfg_spoof_interval_ns = 100000000;
volatile const __u64 cfg_spoof_tolerance_ns = 19ULL * 100000000;
/* An active flow reports its counters at most this often. */
volatile const __u64 cfg_report_interval_ns = 10000000000ULL;
/* A flow idle this long starts afresh on its next packet, as the flow table
 * expires it (flowtable.Config TCPTimeout, UDPTimeout/ICMPTimeout,
 * ClosedTimeout). */
volatile const __u64 cfg_idle_tcp_ns = 300000000000ULL;
volatile const __u64 cfg_idle_other_ns = 60000000000ULL;
volatile const __u64 cfg_idle_closed_ns = 5000000000ULL;
/* Events go in without waking the reader, which drains on a timer; past
 * this fill level a submit wakes it, so a burst cannot overrun the ring
 * between two timer ticks. */
volatile const __u64 cfg_wakeup_bytes = DEFAULT_RINGBUF / 2;

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, DEFAULT_FLOWS);
	__type(key, struct flow_key);
	__type(value, struct flow);
} flows SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, DEFAULT_RINGBUF);
} events SEC(".maps");

/* Registered ports, by ifindex; key 0 stands for any other. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, DEFAULT_PORTS);
	__type(key, __u32);
	__type(value, struct port);
} ports SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, DEFAULT_PORTS);
	__type(key, __u32);
	__type(value, struct port_stats);
} stats SEC(".maps");

struct storm_key {
	__u8 addr[CT_ADDR_LEN];
};

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, DEFAULT_STORMS);
	__type(key, struct storm_key);
	__type(value, struct storm);
} storms SEC(".maps");

/*
 * The tables of the policy, swapped as a whole: userspace builds new inner
 * maps, puts them in the slot settings.gen does not name, and then flips
 * gen (and epoch) in one write. A program sees the old tables or the new,
 * never a mix and never none. Inner maps are created by userspace to the
 * size of the tables; the declarations here are their templates.
 */
struct policy_inner {
	__uint(type, BPF_MAP_TYPE_LPM_TRIE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(max_entries, 1);
	__type(key, struct policy_key);
	__type(value, struct policy_value);
} policy_inner SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 2);
	__type(key, __u32);
	__array(values, struct policy_inner);
} policy SEC(".maps");

/* Identity of the sender by the port it entered on: the port is the truth,
 * not the address it claims. */
struct port_ids_inner {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} port_ids_inner SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 2);
	__type(key, __u32);
	__array(values, struct port_ids_inner);
} port_ids SEC(".maps");

/* Identity by address: of the destination, and of a sender whose port has
 * none (an uplink). 0, no guest, for addresses not in it. */
struct addr_ids_inner {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(max_entries, 1);
	__type(key, struct addr_key);
	__type(value, __u32);
} addr_ids_inner SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 2);
	__type(key, __u32);
	__array(values, struct addr_ids_inner);
} addr_ids SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct settings);
} global SEC(".maps");

/* Flows (and untracked packets) each rule decided, by rule index. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, DEFAULT_RULES);
	__type(key, __u32);
	__type(value, __u64);
} rule_hits SEC(".maps");

/* Anti-spoofing and quarantine settings of the ports, by ifindex. They
 * live apart from ports: userspace may set them before or after Attach. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, DEFAULT_PORTS);
	__type(key, __u32);
	__type(value, struct port_cfg);
} port_cfgs SEC(".maps");

/* The MACs and addresses each port owns. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, DEFAULT_PORT_ADDRS);
	__type(key, struct port_addr);
	__type(value, __u8);
} port_addrs SEC(".maps");

/* The port of each address (the last port that claimed it): where the
 * destination of a frame lives, for quarantine. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, DEFAULT_PORT_ADDRS);
	__type(key, struct addr_key);
	__type(value, __u32);
} addr_ports SEC(".maps");

/* Room to build new map values off the 512-byte stack. */
struct scratch {
	struct flow flow;
	struct storm storm;
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct scratch);
} scratch SEC(".maps");

/* bpf2go declares Go types only for what the object references. */
const struct event *unused_event __attribute__((unused));
const struct port_cfg *unused_port_cfg __attribute__((unused));
const struct port_addr *unused_port_addr __attribute__((unused));

/*
 * gcra_take spends one token of the bucket whose theoretical arrival time
 * is *tat (the generic cell rate algorithm: one 64-bit word, no division).
 * Several CPUs may race on a bucket; the atomic add keeps the rate right
 * and a lost race only moves tat by one interval.
 */
static __always_inline bool gcra_take(__u64 *tat, __u64 now, __u64 interval, __u64 tolerance)
{
	__u64 t = *(volatile __u64 *)tat;
	__u64 prev;

	if (t < now) {
		__sync_val_compare_and_swap(tat, t, now);
	}
	prev = __sync_fetch_and_add(tat, interval);
	if (prev > now + tolerance) {
		__sync_fetch_and_add(tat, -interval); /* refused starts cost nothing */
		return false;
	}
	return true;
}

static __always_inline struct port_stats *stats_of(__u32 ifindex)
{
	__u32 other = 0;
	struct port_stats *st = bpf_map_lookup_elem(&stats, &ifindex);

	if (!st)
		st = bpf_map_lookup_elem(&stats, &other);
	return st;
}

static __always_inline struct port *port_of(__u32 ifindex)
{
	__u32 other = 0;
	struct port *pt = bpf_map_lookup_elem(&ports, &ifindex);

	if (!pt)
		pt = bpf_map_lookup_elem(&ports, &other);
	return pt;
}

static __always_inline void reverse(struct flow_key *r, const struct flow_key *k)
{
	__builtin_memcpy(r->saddr, k->daddr, CT_ADDR_LEN);
	__builtin_memcpy(r->daddr, k->saddr, CT_ADDR_LEN);
	r->sport = k->dport;
	r->dport = k->sport;
	r->family = k->family;
	r->proto = k->proto;
	r->pad[0] = 0;
	r->pad[1] = 0;
}

static __always_inline bool addr_is_zero(const __u8 *a)
{
	const __u32 *w = (const __u32 *)a;

	return (w[0] | w[1] | w[2] | w[3]) == 0;
}

/* addr_is_group mirrors flow.Addr.IsGroup: multicast or limited broadcast. */
static __always_inline bool addr_is_group(const struct flow_key *k, const __u8 *a)
{
	if (k->family == 4)
		return (a[12] >= 224 && a[12] < 240) || (a[12] == 255 && a[13] == 255 && a[14] == 255 && a[15] == 255);
	return a[0] == 0xff;
}

/* starts_as_reply mirrors flowtable's: a flow whose first packet is a
 * SYN-ACK or an ICMP reply is keyed by the other side. */
static __always_inline bool starts_as_reply(const struct pkt *p)
{
	if (p->key.proto == IPPROTO_TCP)
		return (p->tcp_flags & (TH_SYN | TH_ACK)) == (TH_SYN | TH_ACK);
	if (p->key.proto == IPPROTO_ICMP || p->key.proto == IPPROTO_ICMPV6)
		return p->key.sport < 256 && icmp_is_request(p->key.sport, p->key.proto == IPPROTO_ICMPV6);
	return false;
}

/* is_attempt mirrors flowtable's isAttempt for an initiator's first packet. */
static __always_inline bool is_attempt(const struct pkt *p)
{
	if (addr_is_group(&p->key, p->key.daddr) || addr_is_zero(p->key.saddr))
		return false;
	switch (p->key.proto) {
	case IPPROTO_TCP:
		return !(p->tcp_flags & TH_RST);
	case IPPROTO_UDP:
		return true;
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6:
		return p->key.dport < 256 && icmp_is_request(p->key.dport, p->key.proto == IPPROTO_ICMPV6);
	}
	return false;
}

static __always_inline bool expired(const struct flow *f, __u8 proto, __u64 now)
{
	__u64 idle = cfg_idle_other_ns;

	if (f->state & CT_ST_CLOSED)
		idle = cfg_idle_closed_ns;
	else if (proto == IPPROTO_TCP)
		idle = cfg_idle_tcp_ns;
	/* Not now - last: another CPU may have stamped the flow after this
	 * one read the clock, and the difference would wrap. */
	return now > f->last_ns + idle;
}

static __always_inline struct event *reserve(struct port_stats *st)
{
	struct event *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);

	if (!e) {
		st->events_lost++;
		return NULL;
	}
	/* Ring buffer memory is not zeroed: padding included, every byte
	 * userspace reads must be written. */
	__builtin_memset(e, 0, sizeof(*e));
	return e;
}

static __always_inline void submit(struct event *e)
{
	__u64 flags = BPF_RB_NO_WAKEUP;

	if (bpf_ringbuf_query(&events, BPF_RB_AVAIL_DATA) > cfg_wakeup_bytes)
		flags = BPF_RB_FORCE_WAKEUP;
	bpf_ringbuf_submit(e, flags);
}

/*
 * fill_flow copies flow f into event e. For a flow already in the map the
 * counters become deltas since the previous event and are marked reported;
 * a fresh flow (built in scratch, inserted with rep_* preset) reports all.
 * Two CPUs emitting for one flow at the same instant may report a delta
 * twice; it needs two transitions of one flow racing, and costs a packet.
 */
static __always_inline void fill_flow(struct event *e, struct flow *f, const struct flow_key *key, bool fresh)
{
	__u32 pend;

	__builtin_memcpy(&e->key, key, sizeof(e->key));
	e->first_ns = f->first_ns;
	if (fresh) {
		e->packets[0] = f->packets[0];
		e->packets[1] = f->packets[1];
		e->bytes[0] = f->bytes[0];
		e->bytes[1] = f->bytes[1];
		e->payload[0] = f->payload[0];
		e->payload[1] = f->payload[1];
		pend = f->tcp_flags;
	} else {
		__u64 n;

		n = f->packets[0];
		e->packets[0] = n - f->rep_packets[0];
		f->rep_packets[0] = n;
		n = f->packets[1];
		e->packets[1] = n - f->rep_packets[1];
		f->rep_packets[1] = n;
		n = f->bytes[0];
		e->bytes[0] = n - f->rep_bytes[0];
		f->rep_bytes[0] = n;
		n = f->bytes[1];
		e->bytes[1] = n - f->rep_bytes[1];
		f->rep_bytes[1] = n;
		n = f->payload[0];
		e->payload[0] = n - f->rep_payload[0];
		f->rep_payload[0] = n;
		n = f->payload[1];
		e->payload[1] = n - f->rep_payload[1];
		f->rep_payload[1] = n;
		pend = f->pend_flags ? __sync_lock_test_and_set(&f->pend_flags, 0) : 0;
	}
	e->flags[0] = pend;
	e->flags[1] = pend >> 8;
	e->first_flags[0] = f->first_flags[0];
	e->first_flags[1] = f->first_flags[1];
	e->ifindex[0] = f->ifindex[0];
	e->ifindex[1] = f->ifindex[1];
	__builtin_memcpy(e->mac, f->mac, sizeof(e->mac));
	e->vlan = f->vlan;
	e->outcome = f->outcome;
	e->verdict = f->verdict;
	e->rule = f->rule;
}

static __always_inline void emit_flow(struct flow *f, const struct flow_key *key, __u8 kind, bool fresh,
				      __u32 in_port, __u64 now, struct port_stats *st)
{
	struct event *e = reserve(st);

	if (!e)
		return;
	fill_flow(e, f, key, fresh);
	e->time_ns = now;
	e->kind = kind;
	e->port = in_port;
	submit(e);
}

/*
 * mix32 is MurmurHash3's finalizer. Linear counting needs a hash that looks
 * random: a multiplicative (Fibonacci) hash spreads the consecutive ports
 * of a scan too evenly and the estimate comes out twice too high.
 */
static __always_inline __u32 mix32(__u32 h)
{
	h ^= h >> 16;
	h *= 0x85ebca6bU;
	h ^= h >> 13;
	h *= 0xc2b2ae35U;
	h ^= h >> 16;
	return h;
}

/* note_storm counts a flow start the token bucket refused against its
 * source address. */
static __always_inline void note_storm(const struct pkt *p, bool reply, __u32 in_port, __u64 now,
				       struct port_stats *st)
{
	const struct storm_key *sk = (const void *)p->key.saddr;
	const __u32 *d = (const __u32 *)p->key.daddr;
	struct storm *s = bpf_map_lookup_elem(&storms, sk);
	__u32 h, zero = 0;
	__u64 bit;

	if (!s) {
		struct scratch *sc = bpf_map_lookup_elem(&scratch, &zero);
		long err;

		if (!sc)
			return;
		__builtin_memset(&sc->storm, 0, sizeof(sc->storm));
		sc->storm.first_ns = now;
		err = bpf_map_update_elem(&storms, sk, &sc->storm, BPF_NOEXIST);
		if (err && err != -EEXIST) {
			st->storm_map_errors++;
			return;
		}
		s = bpf_map_lookup_elem(&storms, sk);
		if (!s)
			return;
	}
	__sync_fetch_and_add(&s->suppressed, 1);
	if (reply)
		__sync_fetch_and_add(&s->replies, 1);
	s->last_ns = now;
	__builtin_memcpy(s->last_daddr, p->key.daddr, CT_ADDR_LEN);
	s->last_dport = p->key.dport;
	s->last_proto = p->key.proto;
	s->ifindex = in_port;
	/* Linear-counting sketches of the distinct ports and addresses: one
	 * of 256 bits per value. */
	h = mix32(p->key.dport);
	bit = 1ULL << (h & 63);
	if (!(s->dport_bits[(h >> 6) & 3] & bit))
		__sync_fetch_and_or(&s->dport_bits[(h >> 6) & 3], bit);
	h = mix32(d[0] ^ d[1] ^ d[2] ^ d[3]);
	bit = 1ULL << (h & 63);
	if (!(s->daddr_bits[(h >> 6) & 3] & bit))
		__sync_fetch_and_or(&s->daddr_bits[(h >> 6) & 3], bit);
}

/* env is what the enforcement of one packet needs to know. */
struct env {
	const struct settings *set;
	__u64 now;
	__u32 hook;     /* the ifindex of the hook */
	__u32 in_port;  /* the switch port the frame entered on */
	__u32 dst_port; /* the port it goes to when known (egress), else 0 */
	__u32 pad;
};

/* verdict is a decision: CT_V_* with its rule, until a time or not. */
struct verdict {
	__u64 until;
	__u32 rule;
	__u8 v;
	__u8 pad[3];
};

/* How judge decides: the quarantines only, or the policy too; and whether
 * the decision counts as a hit of its rule. */
#define J_POLICY 1
#define J_COUNT 2

static __always_inline __u32 port_ident(__u32 gen, __u32 port)
{
	void *m = bpf_map_lookup_elem(&port_ids, &gen);
	__u32 *id;

	if (!m)
		return 0;
	id = bpf_map_lookup_elem(m, &port);
	return id ? *id : 0;
}

static __always_inline __u32 addr_ident(__u32 gen, const __u8 *addr)
{
	void *m = bpf_map_lookup_elem(&addr_ids, &gen);
	__u32 *id;

	if (!m)
		return 0;
	id = bpf_map_lookup_elem(m, addr);
	return id ? *id : 0;
}

/* cut decides whether the quarantine of port, if any, cuts it off from a
 * party of identity other. */
static __always_inline bool cut(__u32 port, __u32 other, __u64 now, struct verdict *out)
{
	struct port_cfg *pc;
	__u32 i;

	if (!port)
		return false;
	pc = bpf_map_lookup_elem(&port_cfgs, &port);
	if (!pc || pc->quarantine_until_ns <= now)
		return false;
	for (i = 0; i < CT_QUARANTINE_PEERS; i++) {
		if (i >= pc->n_peers)
			break;
		if (pc->peers[i] == other)
			return false;
	}
	out->v = CT_V_DENIED;
	out->rule = CT_RULE_QUARANTINE;
	out->until = pc->quarantine_until_ns;
	return true;
}

/*
 * judge decides a packet (or flow) k as its sender sent it, from src_port.
 * The sender's identity is its port's, else its address's; the receiver's
 * its address's. A quarantine of either side comes first; then the policy:
 * an LPM lookup of (identities, protocol, destination port), whose cost
 * does not depend on the number of rules. A miss is "not governed".
 */
static __always_inline void judge(const struct flow_key *k, __u32 src_port, __u32 dst_port, const struct env *env,
				  int how, struct verdict *out)
{
	__u32 gen = env->set->gen & 1;
	struct policy_value *pv;
	struct policy_key pk;
	__u32 src = 0, dst;
	void *m;

	out->until = 0;
	out->rule = 0;
	out->v = CT_V_NONE;
	if (src_port)
		src = port_ident(gen, src_port);
	if (!src)
		src = addr_ident(gen, k->saddr);
	dst = addr_ident(gen, k->daddr);
	if (env->set->quarantines) {
		if (!dst_port) {
			__u32 *dp = bpf_map_lookup_elem(&addr_ports, k->daddr);

			if (dp)
				dst_port = *dp;
		}
		if (cut(src_port, dst, env->now, out) || cut(dst_port, src, env->now, out))
			return;
	}
	if (!(how & J_POLICY))
		return;
	__builtin_memset(&pk, 0, sizeof(pk));
	pk.prefixlen = 88;
	pk.src = src;
	pk.dst = dst;
	if (k->proto == IPPROTO_TCP || k->proto == IPPROTO_UDP) {
		pk.proto = k->proto;
		pk.port[0] = k->dport >> 8;
		pk.port[1] = k->dport & 0xff;
	} else if (k->proto == IPPROTO_ICMP || k->proto == IPPROTO_ICMPV6) {
		pk.proto = IPPROTO_ICMP;
	}
	m = bpf_map_lookup_elem(&policy, &gen);
	if (!m)
		return;
	pv = bpf_map_lookup_elem(m, &pk);
	if (!pv)
		return;
	out->v = pv->verdict;
	out->rule = pv->rule;
	if ((how & J_COUNT) && pv->rule) {
		__u32 idx = pv->rule - 1;
		__u64 *hits = bpf_map_lookup_elem(&rule_hits, &idx);

		if (hits)
			(*hits)++;
	}
}

/* enforce turns a verdict into the program's return value. */
static __always_inline int enforce(__u8 v, __u32 rule, struct port_stats *st)
{
	if (v != CT_V_DENIED)
		return CT_NEXT;
	if (rule == CT_RULE_QUARANTINE)
		st->dropped_quarantine++;
	else
		st->dropped_policy++;
	return CT_DROP;
}

/* exempt: IPv6 neighbour discovery and MLD are the link's plumbing, like
 * ARP; no policy governs them. */
static __always_inline bool exempt(const struct pkt *p)
{
	__u8 t = p->icmp_type;

	return p->key.proto == IPPROTO_ICMPV6 && ((t >= 130 && t <= 137) || t == 143);
}

static __always_inline int new_flow(struct pkt *p, struct flow_key *rkey, const struct env *env, __u32 segs,
				    struct port_stats *st)
{
	bool reply = starts_as_reply(p);
	struct flow_key *key = reply ? rkey : &p->key;
	__u32 dir = reply ? CT_RESP : CT_ORIG;
	struct port *pt = port_of(env->hook);
	struct verdict v = {};
	struct scratch *sc;
	struct flow *nf;
	__u32 zero = 0;
	long err;

	/* The packet is judged as it travels, whichever way the flow is
	 * keyed: a SYN-ACK that opens a flow is judged from its sender, so
	 * that one cannot open a flow the other way round for a SYN to
	 * follow. */
	if (!exempt(p))
		judge(&p->key, env->in_port, env->dst_port, env, J_POLICY | J_COUNT, &v);
	if (pt && !gcra_take(&pt->start_tat, env->now, cfg_start_interval_ns, cfg_start_tolerance_ns)) {
		/* Not tracked: every packet of the flow is judged afresh. */
		st->starts_suppressed++;
		note_storm(p, reply, env->in_port, env->now, st);
		return enforce(v.v, v.rule, st);
	}
	sc = bpf_map_lookup_elem(&scratch, &zero);
	if (!sc)
		return enforce(v.v, v.rule, st);
	nf = &sc->flow;
	__builtin_memset(nf, 0, sizeof(*nf));
	nf->first_ns = env->now;
	nf->last_ns = env->now;
	nf->report_ns = env->now;
	nf->vlan = p->vlan;
	nf->until_ns = v.until;
	nf->rule = v.rule;
	nf->verdict = v.v;
	nf->verdict_dir = dir;
	nf->epoch = env->set->epoch;
	if (dir == CT_ORIG) {
		nf->packets[0] = nf->rep_packets[0] = segs;
		nf->bytes[0] = nf->rep_bytes[0] = p->ip_len;
		nf->payload[0] = nf->rep_payload[0] = p->payload;
		nf->ifindex[0] = env->in_port;
		__builtin_memcpy(nf->mac[0], p->smac, CT_MAC_LEN);
		nf->first_flags[0] = p->tcp_flags;
		nf->tcp_flags = p->tcp_flags;
		nf->state = is_attempt(p) ? CT_ST_ATTEMPT : 0;
	} else {
		nf->packets[1] = nf->rep_packets[1] = segs;
		nf->bytes[1] = nf->rep_bytes[1] = p->ip_len;
		nf->payload[1] = nf->rep_payload[1] = p->payload;
		nf->ifindex[1] = env->in_port;
		__builtin_memcpy(nf->mac[1], p->smac, CT_MAC_LEN);
		nf->first_flags[1] = p->tcp_flags;
		nf->tcp_flags = (__u32)p->tcp_flags << 8;
		nf->state = CT_ST_SEEN_RESP;
	}
	if (p->key.proto == IPPROTO_TCP && !(p->tcp_flags & TH_SYN))
		st->flows_midstream++;
	err = bpf_map_update_elem(&flows, key, nf, BPF_NOEXIST);
	if (err == -EEXIST) {
		/* Another CPU created it in between: count the packet there,
		 * and let that CPU report the start. */
		struct flow *f = bpf_map_lookup_elem(&flows, key);

		if (f) {
			__sync_fetch_and_add(&f->packets[dir & 1], segs);
			__sync_fetch_and_add(&f->bytes[dir & 1], p->ip_len);
			__sync_fetch_and_add(&f->payload[dir & 1], p->payload);
		}
		return enforce(v.v, v.rule, st);
	}
	if (err) {
		st->flow_map_errors++;
		return enforce(v.v, v.rule, st);
	}
	st->flows_new++;
	emit_flow(nf, key, CT_EV_START, true, env->in_port, env->now, st);
	return enforce(v.v, v.rule, st);
}

/*
 * flow_verdict applies a known flow's verdict to one of its packets. The
 * verdict is judged again when the tables or a quarantine changed since
 * (the epoch) or the quarantine that decided it ended. A connection
 * request against the judged direction (a SYN from the responder) is
 * judged for itself: a flow allowed one way opens nothing the other way.
 */
static __always_inline int flow_verdict(struct flow *f, const struct flow_key *key, __u32 dir, const struct pkt *p,
					const struct env *env, struct port_stats *st)
{
	__u32 vd = f->verdict_dir & 1;
	struct verdict v;

	if (exempt(p))
		return CT_NEXT;
	if (f->epoch != env->set->epoch || (f->until_ns && env->now > f->until_ns)) {
		struct flow_key jk;
		/* The judged direction's receiver: its port as the flow saw
		 * it, else this packet's receiver (the judged direction) or
		 * sender (the other). */
		__u32 to = f->ifindex[vd ^ 1];

		if (!to)
			to = dir == vd ? env->dst_port : env->in_port;
		if (vd == CT_ORIG)
			__builtin_memcpy(&jk, key, sizeof(jk));
		else
			reverse(&jk, key);
		judge(&jk, f->ifindex[vd], to, env, J_POLICY, &v);
		f->verdict = v.v;
		f->rule = v.rule;
		f->until_ns = v.until;
		f->epoch = env->set->epoch;
	}
	if (f->verdict == CT_V_DENIED)
		return enforce(CT_V_DENIED, f->rule, st);
	if (key->proto == IPPROTO_TCP && (p->tcp_flags & (TH_SYN | TH_ACK)) == TH_SYN && dir != vd) {
		judge(&p->key, env->in_port, env->dst_port, env, J_POLICY, &v);
		return enforce(v.v, v.rule, st);
	}
	return CT_NEXT;
}

/* update_flow counts a packet of a known flow and reports the transitions
 * it causes. key is the flow's key, dir the packet's direction. */
static __always_inline int update_flow(struct flow *f, const struct flow_key *key, __u32 dir, struct pkt *p,
				       const struct env *env, __u32 segs, struct port_stats *st)
{
	__u32 in_port = env->in_port;
	__u64 now = env->now;
	__u8 fl = p->tcp_flags;
	__u8 kind = 0;
	__u32 state;
	int act;

	dir &= 1;
	act = flow_verdict(f, key, dir, p, env, st);
	__sync_fetch_and_add(&f->packets[dir], segs);
	__sync_fetch_and_add(&f->bytes[dir], p->ip_len);
	__sync_fetch_and_add(&f->payload[dir], p->payload);
	f->last_ns = now;
	if (fl) {
		__u32 bits = (__u32)fl << (dir * 8);

		/* Read before the atomic: most packets bring no new flag, and a
		 * plain read does not bounce the cache line. */
		if ((f->tcp_flags & bits) != bits)
			__sync_fetch_and_or(&f->tcp_flags, bits);
		if ((f->pend_flags & bits) != bits)
			__sync_fetch_and_or(&f->pend_flags, bits);
	}
	state = f->state;
	if (dir == CT_RESP && !(state & CT_ST_SEEN_RESP)) {
		__u32 old = __sync_fetch_and_or(&f->state, CT_ST_SEEN_RESP);

		if (!(old & CT_ST_SEEN_RESP)) {
			f->ifindex[1] = in_port;
			__builtin_memcpy(f->mac[1], p->smac, CT_MAC_LEN);
			f->first_flags[1] = fl;
			kind = CT_EV_REPLY;
			if ((old & CT_ST_ATTEMPT) && !(old & CT_ST_OUTCOME)) {
				old = __sync_fetch_and_or(&f->state, CT_ST_OUTCOME);
				if (!(old & CT_ST_OUTCOME))
					f->outcome = (key->proto == IPPROTO_TCP && (fl & TH_RST) && !(fl & TH_SYN))
							     ? CT_OUT_REFUSED_RST
							     : CT_OUT_ANSWERED;
			}
		}
		state = f->state;
	}
	if (key->proto == IPPROTO_TCP && !(state & CT_ST_CLOSED)) {
		__u32 all = f->tcp_flags;

		if ((all & (TH_RST | TH_RST << 8)) || ((all & TH_FIN) && (all & (TH_FIN << 8)))) {
			__u32 old = __sync_fetch_and_or(&f->state, CT_ST_CLOSED);

			if (!(old & CT_ST_CLOSED) && !kind)
				kind = CT_EV_CLOSE;
		}
	}
	if (!kind) {
		__u64 r = f->report_ns;

		if (now < r + cfg_report_interval_ns)
			return act;
		if (__sync_val_compare_and_swap(&f->report_ns, r, now) != r)
			return act;
		kind = CT_EV_UPDATE;
	} else {
		f->report_ns = now;
	}
	emit_flow(f, key, kind, false, in_port, now, st);
	return act;
}

static __always_inline int flow_packet(struct pkt *p, const struct env *env, __u32 segs, struct port_stats *st)
{
	struct flow_key rkey;
	struct flow_key *key = &p->key;
	__u32 dir = CT_ORIG;
	struct flow *f;

	reverse(&rkey, &p->key);
	f = bpf_map_lookup_elem(&flows, &p->key);
	if (!f) {
		f = bpf_map_lookup_elem(&flows, &rkey);
		key = &rkey;
		dir = CT_RESP;
	}
	if (f && expired(f, p->key.proto, env->now)) {
		bpf_map_delete_elem(&flows, key);
		st->flows_restarted++;
		f = NULL;
	}
	if (!f) {
		/* A RST about nothing we track is backscatter, or the answer
		 * to a start the bucket suppressed: tracking it would let a
		 * scan spend its victim's start budget and fill the flow map
		 * with the victim's answers. (The flow table would keep it as
		 * a flow with no outcome.) It is judged all the same. */
		if (p->key.proto == IPPROTO_TCP && (p->tcp_flags & TH_RST)) {
			struct verdict v;

			st->rst_untracked++;
			judge(&p->key, env->in_port, env->dst_port, env, J_POLICY, &v);
			return enforce(v.v, v.rule, st);
		}
		return new_flow(p, &rkey, env, segs, st);
	}
	return update_flow(f, key, dir, p, env, segs, st);
}

/* icmp_error resolves the attempt an ICMP or ICMPv6 destination
 * unreachable is about: its quoted header is the attempt's key as its
 * initiator sent it. Other errors (time exceeded...) change nothing. An
 * error follows the verdict of the flow it quotes; one about no flow is
 * judged as ICMP. */
static __always_inline int icmp_error(struct pkt *p, const struct env *env, struct port_stats *st)
{
	bool unreach = (p->key.family == 4 && p->icmp_type == 3) || (p->key.family == 6 && p->icmp_type == 1);
	struct event *e;
	struct flow *f;
	__u32 old;
	int act;

	f = bpf_map_lookup_elem(&flows, &p->inner);
	if (!f) {
		struct verdict v;

		if (unreach)
			st->icmp_unmatched++;
		judge(&p->key, env->in_port, env->dst_port, env, J_POLICY, &v);
		return enforce(v.v, v.rule, st);
	}
	act = f->verdict == CT_V_DENIED ? enforce(CT_V_DENIED, f->rule, st) : CT_NEXT;
	if (!unreach)
		return act;
	if ((f->state & (CT_ST_ATTEMPT | CT_ST_OUTCOME)) != CT_ST_ATTEMPT)
		return act;
	old = __sync_fetch_and_or(&f->state, CT_ST_OUTCOME);
	if (old & CT_ST_OUTCOME)
		return act;
	f->outcome = CT_OUT_REFUSED_ICMP;
	f->report_ns = env->now;
	e = reserve(st);
	if (!e)
		return act;
	fill_flow(e, f, &p->inner, false);
	e->time_ns = env->now;
	e->kind = CT_EV_ICMP_ERROR;
	e->port = env->in_port;
	e->icmp_type = p->icmp_type;
	e->icmp_code = p->icmp_code;
	__builtin_memcpy(e->extra, p->key.saddr, CT_ADDR_LEN);
	submit(e);
	return act;
}

/* arp reports an ARP frame; a quarantined port's ARP passes only to and
 * from its peers (sender and target protocol addresses). */
static __always_inline int arp(struct pkt *p, const struct env *env, struct port_stats *st)
{
	struct port *pt = port_of(env->hook);
	struct verdict v = {};
	struct event *e;
	int act = CT_NEXT;

	if (env->set->quarantines) {
		judge(&p->key, env->in_port, env->dst_port, env, 0, &v);
		act = enforce(v.v, v.rule, st);
	}
	if (pt && !gcra_take(&pt->arp_tat, env->now, cfg_arp_interval_ns, cfg_arp_tolerance_ns)) {
		st->arp_suppressed++;
		return act;
	}
	e = reserve(st);
	if (!e)
		return act;
	e->time_ns = env->now;
	e->first_ns = env->now;
	e->kind = CT_EV_ARP;
	__builtin_memcpy(&e->key, &p->key, sizeof(e->key));
	e->port = env->in_port;
	e->ifindex[0] = env->in_port;
	e->vlan = p->vlan;
	e->arp_op = p->arp_op;
	__builtin_memcpy(e->mac[0], p->smac, CT_MAC_LEN);
	__builtin_memcpy(e->mac[1], p->dmac, CT_MAC_LEN);
	__builtin_memcpy(e->extra, p->arp_sha, CT_MAC_LEN);
	submit(e);
	return act;
}

static __always_inline bool owns(__u32 port, __u8 kind, const __u8 *a)
{
	struct port_addr k;

	__builtin_memset(&k, 0, sizeof(k));
	k.ifindex = port;
	k.kind = kind;
	if (kind == 0)
		__builtin_memcpy(k.addr, a, CT_MAC_LEN);
	else
		__builtin_memcpy(k.addr, a, CT_ADDR_LEN);
	return bpf_map_lookup_elem(&port_addrs, &k) != NULL;
}

/* What a guest sends before it has an address is never a spoof: DHCP from
 * 0.0.0.0, ARP probes, IPv6 duplicate address detection from ::, and
 * link-local IPv6 (fe80::/10, whose stable-privacy addresses nobody can
 * know in advance). */
static __always_inline bool unclaimed(const struct pkt *p)
{
	const __u8 *a = p->key.saddr;

	if (p->key.family == 4)
		return *(const __u32 *)(a + 12) == 0;
	return addr_is_zero(a) || (a[0] == 0xfe && (a[1] & 0xc0) == 0x80);
}

/* spoofed checks that the frame's source MAC and address (ARP's sender
 * too) belong to the port it entered on; it counts and reports a frame
 * that fails, and says whether to drop it. */
static __always_inline bool spoofed(struct pkt *p, int kind, const struct env *env, struct port_stats *st)
{
	__u32 hook = env->hook;
	struct port_cfg *pc = bpf_map_lookup_elem(&port_cfgs, &hook);
	struct port *pt;
	struct event *e;
	__u8 why = 0;
	bool drop;

	if (!pc || pc->spoof_mode == CT_SPOOF_OFF)
		return false;
	if (pc->n_macs && !owns(hook, 0, p->smac))
		why = CT_SPOOF_MAC;
	else if (kind == PKT_ARP) {
		if (pc->n_macs && !owns(hook, 0, p->arp_sha))
			why = CT_SPOOF_ARP_MAC;
		else if (pc->n_v4 && !unclaimed(p) && !owns(hook, 4, p->key.saddr))
			why = CT_SPOOF_ARP_IP;
	} else if (p->key.family == 4) {
		if (pc->n_v4 && !unclaimed(p) && !owns(hook, 4, p->key.saddr))
			why = CT_SPOOF_IP;
	} else if (p->key.family == 6) {
		if (pc->n_v6 && !unclaimed(p) && !owns(hook, 6, p->key.saddr))
			why = CT_SPOOF_IP;
	}
	if (!why)
		return false;
	drop = pc->spoof_mode == CT_SPOOF_ENFORCE;
	st->spoofed++;
	if (drop)
		st->dropped_spoof++;
	pt = port_of(hook);
	if (pt && !gcra_take(&pt->spoof_tat, env->now, cfg_spoof_interval_ns, cfg_spoof_tolerance_ns)) {
		st->spoof_suppressed++;
		return drop;
	}
	e = reserve(st);
	if (!e)
		return drop;
	e->time_ns = env->now;
	e->first_ns = env->now;
	e->kind = CT_EV_SPOOF;
	__builtin_memcpy(&e->key, &p->key, sizeof(e->key));
	e->port = hook;
	e->ifindex[0] = hook;
	e->vlan = p->vlan;
	e->arp_op = p->arp_op;
	__builtin_memcpy(e->mac[0], p->smac, CT_MAC_LEN);
	__builtin_memcpy(e->mac[1], p->dmac, CT_MAC_LEN);
	__builtin_memcpy(e->extra, p->arp_sha, CT_MAC_LEN);
	e->reason = why;
	e->verdict = drop ? CT_V_DENIED : CT_V_WOULD_DENY;
	submit(e);
	return drop;
}

/* port_cut says whether port is quarantined now: for frames that carry no
 * address to check a peer by. */
static __always_inline bool port_cut(__u32 port, __u64 now)
{
	struct port_cfg *pc = bpf_map_lookup_elem(&port_cfgs, &port);

	return pc && pc->quarantine_until_ns > now;
}

/*
 * delivered is the egress of a frame already accounted at the ingress of
 * the registered port it came from, while some port is quarantined: the
 * quarantined guest's own egress is the last word on what reaches it,
 * whatever addresses the frame claims. Only its peers get through.
 */
static __always_inline int delivered(struct pkt *p, int kind, const struct env *env, struct port_stats *st)
{
	__u32 hook = env->hook;
	struct port_cfg *pc = bpf_map_lookup_elem(&port_cfgs, &hook);
	__u32 gen = env->set->gen & 1;
	__u32 src, i;

	if (!pc || pc->quarantine_until_ns <= env->now)
		return CT_NEXT;
	if (kind == PKT_FLOW && exempt(p))
		return CT_NEXT;
	src = port_ident(gen, env->in_port);
	if (!src && p->key.family && kind != PKT_BAD)
		src = addr_ident(gen, p->key.saddr);
	for (i = 0; i < CT_QUARANTINE_PEERS; i++) {
		if (i >= pc->n_peers)
			break;
		if (pc->peers[i] == src)
			return CT_NEXT;
	}
	st->dropped_quarantine++;
	return CT_DROP;
}

static __always_inline int handle(struct __sk_buff *skb, bool egress)
{
	__u32 hook = skb->ifindex;
	__u32 in_port = hook; /* the switch port the frame entered on */
	__u32 segs = skb->gso_segs ? skb->gso_segs : 1;
	struct port_stats *st = stats_of(hook);
	bool accounted = false;
	struct settings *set;
	struct verdict v;
	struct env env;
	struct pkt p;
	__u32 zero = 0;
	int kind;

	if (!st)
		return CT_NEXT;
	set = bpf_map_lookup_elem(&global, &zero);
	if (!set)
		return CT_NEXT;
	if (egress) {
		__u32 in = skb->ingress_ifindex;

		st->tx_packets += segs;
		st->tx_bytes += skb->len;
		/* A frame that entered the switch through another registered
		 * port was accounted (and judged) at that port's ingress; only
		 * a quarantine here has more to say. */
		if (in && in != hook && bpf_map_lookup_elem(&ports, &in)) {
			if (!set->quarantines)
				return CT_NEXT;
			accounted = true;
		}
		in_port = in;
	} else {
		st->rx_packets += segs;
		st->rx_bytes += skb->len;
	}

	if (skb->data_end - skb->data < PULL_LEN && skb->len > skb->data_end - skb->data)
		bpf_skb_pull_data(skb, skb->len < PULL_LEN ? skb->len : PULL_LEN);

	__builtin_memset(&p, 0, sizeof(p));
	kind = parse(skb, &p);
	env.set = set;
	env.now = bpf_ktime_get_ns();
	env.hook = hook;
	env.in_port = in_port;
	env.dst_port = egress ? hook : 0;
	env.pad = 0;
	if (accounted)
		return delivered(&p, kind, &env, st);
	if (!egress && set->spoof_ports && spoofed(&p, kind, &env, st))
		return CT_DROP;
	switch (kind) {
	case PKT_FLOW:
		return flow_packet(&p, &env, segs, st);
	case PKT_ICMP_ERROR:
		return icmp_error(&p, &env, st);
	case PKT_ARP:
		return arp(&p, &env, st);
	case PKT_FRAGMENT:
		/* No ports: only a quarantine applies. The first fragment
		 * carried the verdict; without it the datagram is never
		 * reassembled. */
		st->fragments++;
		if (!set->quarantines)
			return CT_NEXT;
		judge(&p.key, in_port, env.dst_port, &env, 0, &v);
		return enforce(v.v, v.rule, st);
	case PKT_OTHER:
		st->other++;
		if (!p.key.family)
			break;
		/* An IP protocol that is not tracked: judged per packet. */
		judge(&p.key, in_port, env.dst_port, &env, J_POLICY | J_COUNT, &v);
		return enforce(v.v, v.rule, st);
	default:
		st->parse_errors++;
	}
	/* Not IP, not ARP: a quarantined port sends and gets none. */
	if (set->quarantines && port_cut(hook, env.now)) {
		st->dropped_quarantine++;
		return CT_DROP;
	}
	return CT_NEXT;
}

SEC("tc")
int port_ingress(struct __sk_buff *skb)
{
	return handle(skb, false);
}

SEC("tc")
int port_egress(struct __sk_buff *skb)
{
	return handle(skb, true);
}
