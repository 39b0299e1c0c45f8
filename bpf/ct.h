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
	__u64 until_ns;  /* the verdict holds until then (a quarantine's end); 0: until the epoch changes */
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
	__u32 rule;  /* the deciding rule: index + 1, 0 none, CT_RULE_QUARANTINE */
	__u32 epoch; /* settings.epoch when the verdict was decided */
	__u16 vlan;
	__u8 mac[2][CT_MAC_LEN]; /* source MAC of each direction's first packet */
	__u8 first_flags[2];     /* TCP flags of each direction's first packet */
	__u8 outcome;            /* CT_OUT_* */
	__u8 verdict;            /* CT_V_* */
	__u8 verdict_dir;        /* the direction (CT_ORIG, CT_RESP) the verdict judged */
	__u8 pad;
};

/* Event kinds. */
#define CT_EV_START 1      /* a flow's first packet */
#define CT_EV_REPLY 2      /* the responder's first packet; outcome set for attempts */
#define CT_EV_ICMP_ERROR 3 /* an ICMP unreachable refused the flow's attempt */
#define CT_EV_CLOSE 4      /* RST, or FIN from both sides */
#define CT_EV_UPDATE 5     /* counters of a flow still active after report_interval */
#define CT_EV_ARP 6        /* an ARP frame (rate-limited per port) */
#define CT_EV_SPOOF 7      /* a frame whose source is not its port's (rate-limited per port) */

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
	__u32 rule; /* flow events: the deciding rule, as flow.rule */
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
	__u8 verdict; /* CT_V_* */
	__u8 reason;  /* spoof events: CT_SPOOF_* */
	__u8 pad[6];
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
	__u64 dropped_policy;     /* packets dropped because an enforcing policy denies their flow */
	__u64 dropped_quarantine; /* packets dropped because their port or their peer's is quarantined */
	__u64 dropped_spoof;      /* frames dropped by anti-spoofing in enforce mode */
	__u64 spoofed;            /* frames whose source MAC or IP is not the port's (both modes) */
	__u64 spoof_suppressed;   /* spoofed frames beyond the port's spoof event rate: not reported */
};

/* port is the shared (not per-CPU) state of a registered port. */
struct port {
	__u64 start_tat; /* token bucket of flow starts (GCRA theoretical arrival time) */
	__u64 arp_tat;   /* the same for ARP events */
	__u64 spoof_tat; /* the same for spoof events */
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

/*
 * Enforcement. Verdicts and their numbers are flow.Verdict's.
 */
#define CT_V_NONE 0       /* no policy governs the flow */
#define CT_V_ALLOWED 1
#define CT_V_DENIED 2     /* dropped */
#define CT_V_WOULD_DENY 3 /* denied by a policy in observe mode: passes */

/* flow.rule of a flow cut by a quarantine. */
#define CT_RULE_QUARANTINE 0xffffffffU

/*
 * settings is the one entry of the settings array, written by userspace
 * in one update. gen picks the slot of the identity and policy tables in
 * their outer maps, so that one write swaps all three; epoch changes with
 * every swap, quarantine and release, and a flow whose verdict is of an
 * older epoch is judged again on its next packet.
 */
struct settings {
	__u32 gen;         /* 0 or 1 */
	__u32 epoch;
	__u32 quarantines; /* ports with a quarantine set (0: skip the checks) */
	__u32 spoof_ports; /* ports with anti-spoofing on (0: skip the checks) */
};

/*
 * policy_key is the key of the policy LPM trie: the pair of identities
 * and the protocol always match in full (72 bits), the destination port
 * by prefix, so that a port range is a handful of entries and a lookup
 * costs the same at 10 rules and at 10,000. ICMP and ICMPv6 are proto 1,
 * every protocol but TCP, UDP and ICMP is proto 0; both with port 0.
 */
struct policy_key {
	__u32 prefixlen;
	__u32 src;
	__u32 dst;
	__u8 proto;
	__u8 port[2]; /* big-endian: the prefix is its high bits */
	__u8 pad;
};

struct policy_value {
	__u32 rule;   /* rule index + 1 */
	__u8 verdict; /* CT_V_* */
	__u8 pad[3];
};

struct addr_key {
	__u8 addr[CT_ADDR_LEN];
};

/* Anti-spoofing modes. */
#define CT_SPOOF_OFF 0
#define CT_SPOOF_OBSERVE 1
#define CT_SPOOF_ENFORCE 2

/* What a spoofed frame got wrong (event.reason). */
#define CT_SPOOF_MAC 1     /* Ethernet source address */
#define CT_SPOOF_IP 2      /* IPv4 or IPv6 source address */
#define CT_SPOOF_ARP_MAC 3 /* ARP sender hardware address */
#define CT_SPOOF_ARP_IP 4  /* ARP sender protocol address */

#define CT_QUARANTINE_PEERS 16

/*
 * port_cfg is what userspace says about a port (by ifindex): its
 * anti-spoofing mode with how many MACs and addresses of each family it
 * owns (the addresses themselves are in port_addrs; a kind with none is not
 * checked), and its quarantine.
 */
struct port_cfg {
	__u64 quarantine_until_ns; /* bpf_ktime_get_ns; 0 or past: not quarantined */
	__u32 peers[CT_QUARANTINE_PEERS]; /* identities a quarantined port may still reach */
	__u32 n_peers;
	__u16 n_macs;
	__u16 n_v4;
	__u16 n_v6;
	__u8 spoof_mode; /* CT_SPOOF_OFF... */
	__u8 pad[5];
};

/* port_addr is the key of port_addrs: one MAC or address a port owns. */
struct port_addr {
	__u32 ifindex;
	__u8 kind; /* 0: a MAC in addr[0:6]; 4 or 6: an address */
	__u8 pad[3];
	__u8 addr[CT_ADDR_LEN];
};

#endif /* CT_H */
