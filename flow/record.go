package flow

import (
	"crypto/sha1"
	"encoding/base64"
	"encoding/binary"
	"time"
)

// Endpoint is one side of a flow or alert as records show it. Fields are
// omitted when unknown. Port is the transport port; Iface is the host-side
// switch port (vNIC) the guest is attached to, and Labels the guest's
// labels (from libvirt metadata, a guests file or the agent config), when
// known.
type Endpoint struct {
	Guest  string            `json:"guest,omitempty"`
	IP     string            `json:"ip,omitempty"`
	MAC    string            `json:"mac,omitempty"`
	Port   uint16            `json:"port,omitempty"`
	Iface  string            `json:"iface,omitempty"`
	Labels map[string]string `json:"labels,omitempty"`
}

// SetGuest fills the guest fields from what the identity table knows.
func (e *Endpoint) SetGuest(g GuestRef) {
	e.Guest, e.Iface, e.Labels = g.Name, g.Iface, g.Labels
}

// PerDir holds a value for each direction of a flow: Src is what the
// initiator sent, Dst what the responder sent.
type PerDir[T any] struct {
	Src T `json:"src"`
	Dst T `json:"dst"`
}

// Record is a finished (or exported) flow, the JSON line of DESIGN.md
// section 6. Zeek users should recognise State (conn_state).
type Record struct {
	Start       time.Time       `json:"start"`
	End         time.Time       `json:"end"`
	Proto       string          `json:"proto"`
	Src         Endpoint        `json:"src"`
	Dst         Endpoint        `json:"dst"`
	Packets     PerDir[uint64]  `json:"packets"`
	Bytes       PerDir[uint64]  `json:"bytes"`
	TCPFlags    *PerDir[string] `json:"tcp_flags,omitempty"`
	State       string          `json:"state"`
	Outcome     string          `json:"outcome,omitempty"`
	Verdict     string          `json:"verdict,omitempty"`
	CommunityID string          `json:"community_id"`
}

// CommunityID returns the Community ID (version 1, seed 0) of the flow with
// key k: a hash that Zeek, Suricata and others compute the same way, so that
// records from different tools can be joined. See
// https://github.com/corelight/community-id-spec.
func CommunityID(k Key) string {
	src, dst, sp, dp := k.Src, k.Dst, k.SrcPort, k.DstPort
	isICMP := k.Proto == ProtoICMP || k.Proto == ProtoICMPv6
	oneWay := false
	if isICMP {
		// Key carries (id, type) for queries; the spec hashes (type, code)
		// with the counterpart type as the "port" of the other side.
		sp, dp, oneWay = icmpPorts(k)
	}
	less := func() bool {
		for i := range src {
			if src[i] != dst[i] {
				return src[i] < dst[i]
			}
		}
		return sp < dp
	}
	if !(oneWay || less()) {
		src, dst, sp, dp = dst, src, dp, sp
	}
	var buf [2 + 16 + 16 + 1 + 1 + 2 + 2]byte
	n := 2 // seed 0
	if k.Src.Is4() {
		n += copy(buf[n:], src[12:])
		n += copy(buf[n:], dst[12:])
	} else {
		n += copy(buf[n:], src[:])
		n += copy(buf[n:], dst[:])
	}
	buf[n] = k.Proto
	n += 2 // proto and one byte of padding
	binary.BigEndian.PutUint16(buf[n:], sp)
	binary.BigEndian.PutUint16(buf[n+2:], dp)
	n += 4
	sum := sha1.Sum(buf[:n])
	return "1:" + base64.StdEncoding.EncodeToString(sum[:])
}

// icmpPorts maps an ICMP key to the (type, code) "ports" of the Community ID
// spec. Query keys are (id, request type); other ICMP keys are (type, code).
func icmpPorts(k Key) (sp, dp uint16, oneWay bool) {
	v6 := k.Proto == ProtoICMPv6
	switch {
	case k.DstPort < 256 && IsICMPRequest(uint8(k.DstPort), v6): // request direction
		return k.DstPort, ICMPCounterpart(uint8(k.DstPort), v6), false
	case k.SrcPort < 256 && IsICMPRequest(uint8(k.SrcPort), v6): // reply direction
		return ICMPCounterpart(uint8(k.SrcPort), v6), k.SrcPort, false
	}
	return k.SrcPort, k.DstPort, true
}

// IsICMPRequest reports whether t is the request half of an ICMP
// request/reply pair: echo, timestamp, information, address mask and
// router solicitation; for ICMPv6 echo, MLD query, router and neighbor
// solicitation, node information and home agent discovery.
func IsICMPRequest(t uint8, v6 bool) bool {
	if v6 {
		switch t {
		case 128, 130, 133, 135, 139, 144:
			return true
		}
		return false
	}
	switch t {
	case 8, 10, 13, 15, 17:
		return true
	}
	return false
}

// ICMPCounterpart returns the other half of an ICMP request/reply pair,
// or 0 when t has none.
func ICMPCounterpart(t uint8, v6 bool) uint16 {
	if v6 {
		switch t {
		case 128, 130, 133, 135, 139, 144:
			return uint16(t) + 1
		case 129, 131, 134, 136, 140, 145:
			return uint16(t) - 1
		}
		return 0
	}
	switch t {
	case 8:
		return 0
	case 0:
		return 8
	case 9:
		return 10
	case 10:
		return 9
	case 13, 15, 17:
		return uint16(t) + 1
	case 14, 16, 18:
		return uint16(t) - 1
	}
	return 0
}

// Verdict is what the segmentation policy did to a flow.
type Verdict uint8

// The verdicts. A would-deny is a deny by a policy in observe mode: the
// flow passed, and was counted and alerted.
const (
	VerdictNone      Verdict = iota // no policy governs the flow
	VerdictAllowed                  // every governing policy allows it
	VerdictDenied                   // an enforcing policy denies it
	VerdictWouldDeny                // only observing policies deny it
)

// String is the verdict as records spell it; "" for VerdictNone.
func (v Verdict) String() string {
	switch v {
	case VerdictAllowed:
		return "allowed"
	case VerdictDenied:
		return "denied"
	case VerdictWouldDeny:
		return "would-deny"
	}
	return ""
}
