/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * Types shared by the port programs and userspace (datapath/ebpf, through
 * bpf2go). Every struct here is laid out by hand: fields in decreasing
 * size, explicit padding, no holes, so that the Go declarations bpf2go
 * generates match byte for byte (a Go test checks the sizes).
 */
#ifndef CT_H
#define CT_H

#include <linux/types.h>

#define CT_ADDR_LEN 16
#define CT_MAC_LEN 6

/* Directions within a flow: ORIG is what the initiator sends. */
#define CT_ORIG 0
#define CT_RESP 1

/*
 * flow_key is a 5-tuple as the initiator sent it. Addresses are 16 bytes,
 * IPv4 stored IPv4-mapped (::ffff:a.b.c.d) exactly like flow.Addr, so Go
 * copies them as they are. Ports are in host byte order; for ICMP they are
 * (identifier, request type) for a request, (request type, identifier) for
 * its reply and (type, code) for the rest, like decode, so that a reply's
 * key is the reverse of its request's.
 */
struct flow_key {
	__u8 saddr[CT_ADDR_LEN];
	__u8 daddr[CT_ADDR_LEN];
	__u16 sport;
	__u16 dport;
	__u8 family; /* 4 or 6 */
	__u8 proto;
	__u8 pad[2];
};

/* flow.state bits, set with an atomic OR so that each is claimed once. */
#define CT_ST_ATTEMPT (1U << 0)   /* the first packet opened an attempt: an outcome will follow */
#define CT_ST_SEEN_RESP (1U << 1) /* the responder's first packet was reported */
#define CT_ST_OUTCOME (1U << 2)   /* the attempt's outcome was reported */
#define CT_ST_CLOSED (1U << 3)    /* RST, or FIN both ways, was reported */

/* Outcomes, as flowtable.Outcome names them. */
#define CT_OUT_NONE 0
#define CT_OUT_ANSWERED 2
#define CT_OUT_REFUSED_RST 3
#define CT_OUT_REFUSED_ICMP 4

/*
 * flow is the value of the flow map. Counters are cumulative and updated
 * with atomic adds (several CPUs may carry one flow); rep_* hold what the
 * last event already reported, so that every event carries deltas and
 * userspace keeps no per-flow state. TCP flags are ORed into 32-bit words,
 * the initiator's in bits 0-7 and the responder's in bits 8-15: tcp_flags
 * since the start, pend_flags since the last event (exchanged to zero when
 * an event is sent).
 */
struct flow {
	__u64 first_ns;
	__u64 last_ns;
	__u64 report_ns; /* when the last event about this flow was sent */
	__u64 packets[2];
	__u64 bytes[2];   /* IP bytes, IP header included */
	__u64 payload[2]; /* transport payload bytes */
	__u64 rep_packets[2];
	__u64 rep_bytes[2];
	__u64 rep_payload[2];
	__u32 ifindex[2]; /* switch port each direction entered on, 0 unknown */
	__u32 state;      /* CT_ST_* */
	__u32 tcp_flags;
	__u32 pend_flags;
	__u16 vlan;
	__u8 mac[2][CT_MAC_LEN]; /* source MAC of each direction's first packet */
	__u8 first_flags[2];     /* TCP flags of each direction's first packet */
	__u8 outcome;            /* CT_OUT_* */
	__u8 pad[3];
};

/* Event kinds. */
#define CT_EV_START 1      /* a flow's first packet */
#define CT_EV_REPLY 2      /* the responder's first packet; outcome set for attempts */
#define CT_EV_ICMP_ERROR 3 /* an ICMP unreachable refused the flow's attempt */
#define CT_EV_CLOSE 4      /* RST, or FIN from both sides */
#define CT_EV_UPDATE 5     /* counters of a flow still active after report_interval */
#define CT_EV_ARP 6        /* an ARP frame (rate-limited per port) */

/*
 * event is one ring buffer record. For flow events key is the flow's key
 * (the initiator's) and the counters are deltas since the previous event of
 * the same flow. For ARP, saddr/daddr hold the sender and target protocol
 * addresses, mac[0]/mac[1] the Ethernet source and destination and extra[0:6]
 * the sender hardware address claimed in the ARP body. For ICMP errors
 * extra holds the address of the error's sender.
 */
struct event {
	__u64 time_ns;  /* bpf_ktime_get_ns() of the packet that caused the event */
	__u64 first_ns; /* when the flow started */
	struct flow_key key;
	__u64 packets[2];
	__u64 bytes[2];
	__u64 payload[2];
	__u32 ifindex[2];
	__u32 port; /* ifindex of the hook that saw the packet */
	__u16 vlan;
	__u16 arp_op;
	__u8 kind;    /* CT_EV_* */
	__u8 outcome; /* CT_OUT_* */
	__u8 flags[2];       /* TCP flags per direction since the previous event */
	__u8 first_flags[2]; /* TCP flags of each direction's first packet */
	__u8 icmp_type;
	__u8 icmp_code;
	__u8 mac[2][CT_MAC_LEN];
	__u8 extra[CT_ADDR_LEN];
	__u8 pad[4];
};

/*
 * port_stats are per-CPU counters of one port (ifindex), summed in Go.
 * Key 0 collects frames seen on an ifindex that was never registered.
 */
struct port_stats {
	__u64 rx_packets; /* ingress hook: frames the guest sent into the switch */
	__u64 rx_bytes;   /* frame bytes (skb->len) */
	__u64 tx_packets; /* egress hook: frames the switch delivered to the guest */
	__u64 tx_bytes;
	__u64 flows_new;
	__u64 flows_restarted;  /* a packet on an idle (expired) flow started it afresh */
	__u64 flows_midstream;  /* a TCP flow first seen without SYN: it predates the attach, or the LRU evicted it */
	__u64 starts_suppressed; /* flow starts beyond the port's token bucket: not tracked, counted per source */
	__u64 events_lost;      /* ring buffer full */
	__u64 flow_map_errors;  /* the flow map refused an insert */
	__u64 storm_map_errors; /* the storm map refused an insert */
	__u64 parse_errors;     /* truncated or malformed headers */
	__u64 other;            /* not tracked: other EtherTypes, IP protocols, IPv6 extension headers */
	__u64 fragments;        /* non-first IP fragments (no ports) */
	__u64 icmp_unmatched;   /* ICMP errors about no tracked attempt */
	__u64 rst_untracked;    /* TCP RSTs about no tracked flow: not tracked (see flow_packet) */
	__u64 arp_suppressed;   /* ARP frames beyond the port's ARP rate */
};

/* port is the shared (not per-CPU) state of a registered port. */
struct port {
	__u64 start_tat; /* token bucket of flow starts (GCRA theoretical arrival time) */
	__u64 arp_tat;   /* the same for ARP events */
};

/* Number of bits in each of storm's distinct-value sketches. */
#define CT_STORM_BITS 256

/*
 * storm counts, per source address, the flow starts the token bucket
 * suppressed, so that the scan detectors still learn that a storm happened
 * and roughly how wide it was: the bitmaps are linear-counting sketches of
 * the distinct destination ports and addresses.
 */
struct storm {
	__u64 suppressed;
	__u64 replies; /* of those, packets that answer someone (SYN-ACK, ICMP reply) */
	__u64 first_ns;
	__u64 last_ns;
	__u64 dport_bits[CT_STORM_BITS / 64];
	__u64 daddr_bits[CT_STORM_BITS / 64];
	__u8 last_daddr[CT_ADDR_LEN];
	__u32 ifindex; /* the port of the last suppressed start */
	__u16 last_dport;
	__u8 last_proto;
	__u8 pad;
};

#endif /* CT_H */
