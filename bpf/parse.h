/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * L2-L4 parsing for the port programs: Ethernet, one VLAN tag in the frame
 * (plus one the kernel may already have moved to skb metadata), ARP, IPv4
 * (options skipped by IHL, non-first fragments have no ports), IPv6 (fixed
 * header only: TCP, UDP or ICMPv6 must follow it directly), TCP, UDP, ICMP
 * and ICMPv6 with the header quoted by an error.
 *
 * Keys follow decode/ exactly (decode/event.go), so that a flow seen by the
 * kernel and one decoded in userspace from the same packets have the same
 * key. Every read is bounds-checked against data_end right before it, in
 * the form the verifier understands.
 */
#ifndef CT_PARSE_H
#define CT_PARSE_H

#include <stdbool.h>

#include <linux/bpf.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>

#include "ct.h"

#define ETH_HLEN 14
#define VLAN_HLEN 4
#define ETH_P_IP 0x0800
#define ETH_P_ARP 0x0806
#define ETH_P_IPV6 0x86dd
#define ETH_P_8021Q 0x8100
#define ETH_P_8021AD 0x88a8
#define ETH_P_QINQ_OLD 0x9100 /* pre-standard QinQ, still common on switches */

#define IPPROTO_ICMP 1
#define IPPROTO_TCP 6
#define IPPROTO_UDP 17
#define IPPROTO_ICMPV6 58
#define IPPROTO_NONE 59

#define IPV4_HLEN 20
#define IPV6_HLEN 40
#define TCP_HLEN 20
#define UDP_HLEN 8
#define ICMP_HLEN 8
#define ARP_LEN 28 /* Ethernet/IPv4 ARP body */

#define TH_FIN 0x01
#define TH_SYN 0x02
#define TH_RST 0x04
#define TH_ACK 0x10

/* What parse found. */
#define PKT_FLOW 1       /* a packet of a flow: key is set */
#define PKT_ICMP_ERROR 2 /* an ICMP error: key is the error's, inner the quoted packet's */
#define PKT_ARP 3
#define PKT_OTHER 4    /* valid but not tracked */
#define PKT_FRAGMENT 5 /* a non-first fragment */
#define PKT_BAD 6      /* truncated or malformed */

/* pkt is one parsed frame, on the stack: aligned so that the verifier's
 * strict stack alignment accepts word-sized copies of the addresses. */
struct pkt {
	struct flow_key key;
	struct flow_key inner;
	__u32 ip_len;  /* IP bytes, header included */
	__u32 payload; /* transport payload bytes */
	__u16 vlan;
	__u16 arp_op;
	__u8 tcp_flags;
	__u8 icmp_type;
	__u8 icmp_code;
	__u8 pad;
	__u8 smac[CT_MAC_LEN];
	__u8 dmac[CT_MAC_LEN];
	__u8 arp_sha[CT_MAC_LEN];
	__u8 pad2[2];
} __attribute__((aligned(8)));

static __always_inline void addr4(__u8 *a, const __u8 *src)
{
	__builtin_memset(a, 0, 10);
	a[10] = 0xff;
	a[11] = 0xff;
	a[12] = src[0];
	a[13] = src[1];
	a[14] = src[2];
	a[15] = src[3];
}

/* The ICMP tables below agree with decode/event.go (icmpIsRequest,
 * icmpRequestOf, icmpHasID, icmpIsError). */

static __always_inline bool icmp_is_request(__u8 t, bool v6)
{
	if (v6)
		return t == 128 || t == 130 || t == 133 || t == 135 || t == 139 || t == 144;
	return t == 8 || t == 10 || t == 13 || t == 15 || t == 17;
}

/* icmp_request_of returns the request type whose reply is t, or -1. */
static __always_inline int icmp_request_of(__u8 t, bool v6)
{
	if (v6) {
		if (t == 129 || t == 131 || t == 134 || t == 136 || t == 140 || t == 145)
			return t - 1;
		return -1;
	}
	if (t == 0)
		return 8;
	if (t == 9)
		return 10;
	if (t == 14 || t == 16 || t == 18)
		return t - 1;
	return -1;
}

static __always_inline bool icmp_has_id(__u8 t, bool v6)
{
	if (v6)
		return t == 128 || t == 129 || t == 144 || t == 145;
	return t == 0 || t == 8 || (t >= 13 && t <= 18);
}

static __always_inline bool icmp_is_error(__u8 t, bool v6)
{
	if (v6)
		return t >= 1 && t <= 4;
	return t == 3 || t == 4 || t == 5 || t == 11 || t == 12;
}

/* icmp_ports sets the key ports of an ICMP message: (id, type) for a
 * request, (request type, id) for a reply, (type, code) for the rest. */
static __always_inline void icmp_ports(struct flow_key *k, __u8 t, __u8 code, __u16 id, bool v6)
{
	int req;

	if (icmp_is_request(t, v6)) {
		k->sport = id;
		k->dport = t;
		return;
	}
	req = icmp_request_of(t, v6);
	if (req >= 0) {
		k->sport = req;
		k->dport = id;
		return;
	}
	k->sport = t;
	k->dport = code;
}

/*
 * parse_inner fills p->inner from the packet an ICMP error quotes, at q.
 * A quote too short for the key is no error (routers cut it where they
 * like): it returns false and the error is tracked as a plain ICMP message,
 * as decode does.
 */
static __always_inline bool parse_inner(struct pkt *p, __u8 *q, void *end, bool v6)
{
	struct flow_key *k = &p->inner;
	__u8 *t;
	bool frag = false;

	if (v6) {
		if ((void *)(q + IPV6_HLEN) > end || (q[0] >> 4) != 6)
			return false;
		k->family = 6;
		k->proto = q[6];
		__builtin_memcpy(k->saddr, q + 8, CT_ADDR_LEN);
		__builtin_memcpy(k->daddr, q + 24, CT_ADDR_LEN);
		t = q + IPV6_HLEN;
		/* Extension headers in the quote: the key would need the walk
		 * decode does; without it no flow can match, so give up. */
		if (k->proto != IPPROTO_TCP && k->proto != IPPROTO_UDP && k->proto != IPPROTO_ICMPV6)
			return false;
	} else {
		__u32 ihl;

		if ((void *)(q + IPV4_HLEN) > end || (q[0] >> 4) != 4)
			return false;
		ihl = (q[0] & 0x0f) << 2;
		if (ihl < IPV4_HLEN)
			return false;
		k->family = 4;
		k->proto = q[9];
		addr4(k->saddr, q + 12);
		addr4(k->daddr, q + 16);
		frag = bpf_ntohs(*(__u16 *)(q + 6)) & 0x1fff;
		t = q + ihl;
	}
	if (frag)
		return true;
	if (k->proto == IPPROTO_TCP || k->proto == IPPROTO_UDP) {
		if ((void *)(t + 4) > end)
			return false;
		k->sport = bpf_ntohs(*(__u16 *)t);
		k->dport = bpf_ntohs(*(__u16 *)(t + 2));
	} else if ((k->proto == IPPROTO_ICMP && !v6) || (k->proto == IPPROTO_ICMPV6 && v6)) {
		__u16 id = 0;

		if ((void *)(t + ICMP_HLEN) > end)
			return false;
		if (icmp_has_id(t[0], v6))
			id = bpf_ntohs(*(__u16 *)(t + 4));
		icmp_ports(k, t[0], t[1], id, v6);
	}
	return true;
}

/* parse_l4 parses the transport header at l4; hlen is the IP header
 * length, already counted in p->ip_len. */
static __always_inline int parse_l4(struct pkt *p, __u8 *l4, void *end, __u32 hlen, bool v6)
{
	__u32 used;

	switch (p->key.proto) {
	case IPPROTO_TCP:
		if ((void *)(l4 + TCP_HLEN) > end)
			return PKT_BAD;
		used = hlen + ((l4[12] >> 4) << 2);
		if ((l4[12] >> 4) < 5)
			return PKT_BAD;
		p->key.sport = bpf_ntohs(*(__u16 *)l4);
		p->key.dport = bpf_ntohs(*(__u16 *)(l4 + 2));
		p->tcp_flags = l4[13];
		break;
	case IPPROTO_UDP:
		if ((void *)(l4 + UDP_HLEN) > end)
			return PKT_BAD;
		used = hlen + UDP_HLEN;
		p->key.sport = bpf_ntohs(*(__u16 *)l4);
		p->key.dport = bpf_ntohs(*(__u16 *)(l4 + 2));
		break;
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6: {
		__u16 id = 0;
		__u8 t;

		/* ICMP inside IPv6 or ICMPv6 inside IPv4 is nobody's protocol. */
		if ((p->key.proto == IPPROTO_ICMPV6) != v6)
			return PKT_OTHER;
		if ((void *)(l4 + ICMP_HLEN) > end)
			return PKT_BAD;
		used = hlen + ICMP_HLEN;
		t = l4[0];
		p->icmp_type = t;
		p->icmp_code = l4[1];
		if (icmp_has_id(t, v6)) {
			id = bpf_ntohs(*(__u16 *)(l4 + 4));
		} else if (icmp_is_error(t, v6) && parse_inner(p, l4 + ICMP_HLEN, end, v6)) {
			p->payload = p->ip_len > used ? p->ip_len - used : 0;
			return PKT_ICMP_ERROR;
		}
		icmp_ports(&p->key, t, l4[1], id, v6);
		break;
	}
	default:
		return PKT_OTHER;
	}
	p->payload = p->ip_len > used ? p->ip_len - used : 0;
	return PKT_FLOW;
}

static __always_inline int parse_ipv4(struct __sk_buff *skb, struct pkt *p, __u8 *ip, void *end, __u32 off)
{
	__u32 ihl, tot;

	if ((void *)(ip + IPV4_HLEN) > end)
		return PKT_BAD;
	if ((ip[0] >> 4) != 4)
		return PKT_BAD;
	ihl = (ip[0] & 0x0f) << 2;
	if (ihl < IPV4_HLEN)
		return PKT_BAD;
	tot = bpf_ntohs(*(__u16 *)(ip + 2));
	if (tot == 0)
		/* Segmentation offload (BIG TCP) leaves the length to the
		 * segments: the skb is all we know. */
		tot = skb->len - off;
	else if (tot < ihl)
		return PKT_BAD;
	p->ip_len = tot;
	p->key.family = 4;
	p->key.proto = ip[9];
	addr4(p->key.saddr, ip + 12);
	addr4(p->key.daddr, ip + 16);
	if (bpf_ntohs(*(__u16 *)(ip + 6)) & 0x1fff)
		return PKT_FRAGMENT;
	return parse_l4(p, ip + ihl, end, ihl, false);
}

static __always_inline int parse_ipv6(struct __sk_buff *skb, struct pkt *p, __u8 *ip, void *end, __u32 off)
{
	__u32 plen;
	__u8 nh;

	if ((void *)(ip + IPV6_HLEN) > end)
		return PKT_BAD;
	if ((ip[0] >> 4) != 6)
		return PKT_BAD;
	nh = ip[6];
	plen = bpf_ntohs(*(__u16 *)(ip + 4));
	p->ip_len = IPV6_HLEN + plen;
	if (plen == 0 && nh != IPPROTO_NONE)
		/* A jumbogram, or a GSO packet before segmentation. */
		p->ip_len = skb->len - off;
	p->key.family = 6;
	p->key.proto = nh;
	__builtin_memcpy(p->key.saddr, ip + 8, CT_ADDR_LEN);
	__builtin_memcpy(p->key.daddr, ip + 24, CT_ADDR_LEN);
	/* Extension headers are not walked in this version: such packets
	 * are counted as "other". */
	return parse_l4(p, ip + IPV6_HLEN, end, IPV6_HLEN, true);
}

static __always_inline int parse_arp(struct pkt *p, __u8 *a, void *end)
{
	if ((void *)(a + ARP_LEN) > end)
		return PKT_BAD;
	/* Ethernet hardware, IPv4 protocol, 6- and 4-byte addresses. */
	if (*(__u16 *)a != bpf_htons(1) || *(__u16 *)(a + 2) != bpf_htons(ETH_P_IP) || a[4] != 6 || a[5] != 4)
		return PKT_BAD;
	p->arp_op = bpf_ntohs(*(__u16 *)(a + 6));
	if (p->arp_op == 0)
		return PKT_BAD;
	__builtin_memcpy(p->arp_sha, a + 8, CT_MAC_LEN);
	p->key.family = 4;
	addr4(p->key.saddr, a + 14);
	addr4(p->key.daddr, a + 24);
	return PKT_ARP;
}

static __always_inline bool is_vlan(__u16 proto)
{
	return proto == bpf_htons(ETH_P_8021Q) || proto == bpf_htons(ETH_P_8021AD) ||
	       proto == bpf_htons(ETH_P_QINQ_OLD);
}

/* parse fills p (zeroed by the caller) from the frame in skb. */
static __always_inline int parse(struct __sk_buff *skb, struct pkt *p)
{
	void *data = (void *)(long)skb->data;
	void *end = (void *)(long)skb->data_end;
	__u8 *eth = data;
	__u8 *l3;
	__u32 off = ETH_HLEN;
	__u16 proto;

	if ((void *)(eth + ETH_HLEN) > end)
		return PKT_BAD;
	__builtin_memcpy(p->dmac, eth, CT_MAC_LEN);
	__builtin_memcpy(p->smac, eth + 6, CT_MAC_LEN);
	proto = *(__u16 *)(eth + 12);
	/* The receive path moves the outer tag to skb metadata before tc
	 * ingress; a frame built by hand (test runs) or a second tag stays
	 * in the data. The outermost tag names the VLAN, as in decode. */
	if (skb->vlan_present)
		p->vlan = skb->vlan_tci & 0x0fff;
	if (is_vlan(proto)) {
		if ((void *)(eth + ETH_HLEN + VLAN_HLEN) > end)
			return PKT_BAD;
		if (!skb->vlan_present)
			p->vlan = bpf_ntohs(*(__u16 *)(eth + ETH_HLEN)) & 0x0fff;
		proto = *(__u16 *)(eth + ETH_HLEN + 2);
		off += VLAN_HLEN;
		if (is_vlan(proto))
			return PKT_OTHER; /* a stack of tags: not walked in this version */
	}
	l3 = eth + off;
	if (proto == bpf_htons(ETH_P_IP))
		return parse_ipv4(skb, p, l3, end, off);
	if (proto == bpf_htons(ETH_P_IPV6))
		return parse_ipv6(skb, p, l3, end, off);
	if (proto == bpf_htons(ETH_P_ARP))
		return parse_arp(p, l3, end);
	return PKT_OTHER;
}

#endif /* CT_PARSE_H */
