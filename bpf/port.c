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
 * This version only observes: it always lets the packet go on.
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

#define EEXIST 17

/* Bytes made linear before parsing: Ethernet, two tags, IPv4 with options,
 * ICMP, and the quoted IPv4 header with options and 8 bytes of transport. */
#define PULL_LEN 164

/* Defaults of the map sizes; the loader sets them from its Config. */
#define DEFAULT_FLOWS 262144
#define DEFAULT_RINGBUF (8 << 20)
#define DEFAULT_PORTS 4096
#define DEFAULT_STORMS 16384

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

static __always_inline void new_flow(struct pkt *p, struct flow_key *rkey, __u32 hook, __u32 in_port,
				     __u32 segs, __u64 now, struct port_stats *st)
{
	bool reply = starts_as_reply(p);
	struct flow_key *key = reply ? rkey : &p->key;
	__u32 dir = reply ? CT_RESP : CT_ORIG;
	struct port *pt = port_of(hook);
	struct scratch *sc;
	struct flow *nf;
	__u32 zero = 0;
	long err;

	if (pt && !gcra_take(&pt->start_tat, now, cfg_start_interval_ns, cfg_start_tolerance_ns)) {
		st->starts_suppressed++;
		note_storm(p, reply, in_port, now, st);
		return;
	}
	sc = bpf_map_lookup_elem(&scratch, &zero);
	if (!sc)
		return;
	nf = &sc->flow;
	__builtin_memset(nf, 0, sizeof(*nf));
	nf->first_ns = now;
	nf->last_ns = now;
	nf->report_ns = now;
	nf->vlan = p->vlan;
	if (dir == CT_ORIG) {
		nf->packets[0] = nf->rep_packets[0] = segs;
		nf->bytes[0] = nf->rep_bytes[0] = p->ip_len;
		nf->payload[0] = nf->rep_payload[0] = p->payload;
		nf->ifindex[0] = in_port;
		__builtin_memcpy(nf->mac[0], p->smac, CT_MAC_LEN);
		nf->first_flags[0] = p->tcp_flags;
		nf->tcp_flags = p->tcp_flags;
		nf->state = is_attempt(p) ? CT_ST_ATTEMPT : 0;
	} else {
		nf->packets[1] = nf->rep_packets[1] = segs;
		nf->bytes[1] = nf->rep_bytes[1] = p->ip_len;
		nf->payload[1] = nf->rep_payload[1] = p->payload;
		nf->ifindex[1] = in_port;
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
		return;
	}
	if (err) {
		st->flow_map_errors++;
		return;
	}
	st->flows_new++;
	emit_flow(nf, key, CT_EV_START, true, in_port, now, st);
}

/* update_flow counts a packet of a known flow and reports the transitions
 * it causes. key is the flow's key, dir the packet's direction. */
static __always_inline void update_flow(struct flow *f, const struct flow_key *key, __u32 dir, struct pkt *p,
					__u32 in_port, __u32 segs, __u64 now, struct port_stats *st)
{
	__u8 fl = p->tcp_flags;
	__u8 kind = 0;
	__u32 state;

	dir &= 1;
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
			return;
		if (__sync_val_compare_and_swap(&f->report_ns, r, now) != r)
			return;
		kind = CT_EV_UPDATE;
	} else {
		f->report_ns = now;
	}
	emit_flow(f, key, kind, false, in_port, now, st);
}

static __always_inline void flow_packet(struct pkt *p, __u32 hook, __u32 in_port, __u32 segs, __u64 now,
					struct port_stats *st)
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
	if (f && expired(f, p->key.proto, now)) {
		bpf_map_delete_elem(&flows, key);
		st->flows_restarted++;
		f = NULL;
	}
	if (!f) {
		/* A RST about nothing we track is backscatter, or the answer
		 * to a start the bucket suppressed: tracking it would let a
		 * scan spend its victim's start budget and fill the flow map
		 * with the victim's answers. (The flow table would keep it as
		 * a flow with no outcome.) */
		if (p->key.proto == IPPROTO_TCP && (p->tcp_flags & TH_RST)) {
			st->rst_untracked++;
			return;
		}
		new_flow(p, &rkey, hook, in_port, segs, now, st);
		return;
	}
	update_flow(f, key, dir, p, in_port, segs, now, st);
}

/* icmp_error resolves the attempt an ICMP or ICMPv6 destination
 * unreachable is about: its quoted header is the attempt's key as its
 * initiator sent it. Other errors (time exceeded...) change nothing. */
static __always_inline void icmp_error(struct pkt *p, __u32 in_port, __u64 now, struct port_stats *st)
{
	bool unreach = (p->key.family == 4 && p->icmp_type == 3) || (p->key.family == 6 && p->icmp_type == 1);
	struct event *e;
	struct flow *f;
	__u32 old;

	if (!unreach)
		return;
	f = bpf_map_lookup_elem(&flows, &p->inner);
	if (!f) {
		st->icmp_unmatched++;
		return;
	}
	if ((f->state & (CT_ST_ATTEMPT | CT_ST_OUTCOME)) != CT_ST_ATTEMPT)
		return;
	old = __sync_fetch_and_or(&f->state, CT_ST_OUTCOME);
	if (old & CT_ST_OUTCOME)
		return;
	f->outcome = CT_OUT_REFUSED_ICMP;
	f->report_ns = now;
	e = reserve(st);
	if (!e)
		return;
	fill_flow(e, f, &p->inner, false);
	e->time_ns = now;
	e->kind = CT_EV_ICMP_ERROR;
	e->port = in_port;
	e->icmp_type = p->icmp_type;
	e->icmp_code = p->icmp_code;
	__builtin_memcpy(e->extra, p->key.saddr, CT_ADDR_LEN);
	submit(e);
}

static __always_inline void arp(struct pkt *p, __u32 hook, __u32 in_port, __u64 now, struct port_stats *st)
{
	struct port *pt = port_of(hook);
	struct event *e;

	if (pt && !gcra_take(&pt->arp_tat, now, cfg_arp_interval_ns, cfg_arp_tolerance_ns)) {
		st->arp_suppressed++;
		return;
	}
	e = reserve(st);
	if (!e)
		return;
	e->time_ns = now;
	e->first_ns = now;
	e->kind = CT_EV_ARP;
	__builtin_memcpy(&e->key, &p->key, sizeof(e->key));
	e->port = in_port;
	e->ifindex[0] = in_port;
	e->vlan = p->vlan;
	e->arp_op = p->arp_op;
	__builtin_memcpy(e->mac[0], p->smac, CT_MAC_LEN);
	__builtin_memcpy(e->mac[1], p->dmac, CT_MAC_LEN);
	__builtin_memcpy(e->extra, p->arp_sha, CT_MAC_LEN);
	submit(e);
}

static __always_inline int handle(struct __sk_buff *skb, bool egress)
{
	__u32 hook = skb->ifindex;
	__u32 in_port = hook; /* the switch port the frame entered on */
	__u32 segs = skb->gso_segs ? skb->gso_segs : 1;
	struct port_stats *st = stats_of(hook);
	struct pkt p;
	__u64 now;
	int kind;

	if (!st)
		return CT_NEXT;
	if (egress) {
		__u32 in = skb->ingress_ifindex;

		st->tx_packets += segs;
		st->tx_bytes += skb->len;
		/* A frame that entered the switch through another registered
		 * port was accounted at that port's ingress. */
		if (in && in != hook && bpf_map_lookup_elem(&ports, &in))
			return CT_NEXT;
		in_port = in;
	} else {
		st->rx_packets += segs;
		st->rx_bytes += skb->len;
	}

	if (skb->data_end - skb->data < PULL_LEN && skb->len > skb->data_end - skb->data)
		bpf_skb_pull_data(skb, skb->len < PULL_LEN ? skb->len : PULL_LEN);

	__builtin_memset(&p, 0, sizeof(p));
	kind = parse(skb, &p);
	now = bpf_ktime_get_ns();
	switch (kind) {
	case PKT_FLOW:
		flow_packet(&p, hook, in_port, segs, now, st);
		break;
	case PKT_ICMP_ERROR:
		icmp_error(&p, in_port, now, st);
		break;
	case PKT_ARP:
		arp(&p, hook, in_port, now, st);
		break;
	case PKT_FRAGMENT:
		st->fragments++;
		break;
	case PKT_OTHER:
		st->other++;
		break;
	default:
		st->parse_errors++;
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
