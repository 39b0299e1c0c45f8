// Package decode turns captured frames into flow events for the userspace
// datapaths (AF_PACKET and pcap replay). It reads the link layer (Ethernet
// with stacked 802.1Q/802.1ad tags, Linux cooked v1 and v2, BSD loopback and
// raw IP), ARP, IPv4 and IPv6 with its extension headers, and the TCP, UDP,
// ICMP and ICMPv6 headers, into a caller-owned Packet; Packet.Event maps the
// result to the flow.Event that the flow table consumes.
//
// Decoding runs once per captured packet, so it must never allocate, never
// panic on any input, however short or hostile, and never keep a reference
// to the frame: the capture ring reuses the buffer as soon as Decode
// returns. Packet is therefore a flat value without slices or pointers, and
// Decode resets it before filling it. A frame that cannot be used is
// reported with an error wrapping one of the sentinels below and counted on
// the Decoder; it is never "repaired".
package decode

import "errors"

// Sentinel errors that Decode returns, possibly wrapped with the layer that
// failed; callers match them with errors.Is.
var (
	// ErrTruncated means the capture ends inside a header that is needed.
	ErrTruncated = errors.New("truncated")
	// ErrMalformed means a header contradicts itself or the layer below
	// (a bad version or header length, a length beyond the IP packet).
	ErrMalformed = errors.New("malformed")
	// ErrUnsupported means the frame is valid but of a kind this package
	// does not decode: a link type, EtherType (LLDP, STP...) or ARP
	// hardware type it does not know.
	ErrUnsupported = errors.New("unsupported")
)

// LinkType is a pcap LINKTYPE_ value: it says what the first byte of a
// frame is.
type LinkType uint16

// Link types that Decode understands.
const (
	LinkNull     LinkType = 0   // BSD loopback, 4-byte host-order family
	LinkEthernet LinkType = 1   // Ethernet II, with any 802.1Q/802.1ad tags
	LinkRaw      LinkType = 101 // raw IPv4 or IPv6, version from the first nibble
	LinkLoop     LinkType = 108 // OpenBSD loopback, 4-byte network-order family
	LinkSLL      LinkType = 113 // Linux cooked v1
	LinkIPv4     LinkType = 228 // raw IPv4
	LinkIPv6     LinkType = 229 // raw IPv6
	LinkSLL2     LinkType = 276 // Linux cooked v2
)

// Supported reports whether Decode understands l.
func (l LinkType) Supported() bool {
	switch l {
	case LinkNull, LinkEthernet, LinkRaw, LinkLoop, LinkSLL, LinkIPv4, LinkIPv6, LinkSLL2:
		return true
	}
	return false
}

// layerError is an error of one layer. The values below are built once, so
// that returning one costs nothing on the hot path; Decode counts them by
// kind without walking an error chain.
type layerError struct {
	msg  string
	kind error // ErrTruncated, ErrMalformed or ErrUnsupported
}

func (e *layerError) Error() string { return e.msg }
func (e *layerError) Unwrap() error { return e.kind }

func truncated(layer string) error {
	return &layerError{"decode " + layer + ": truncated", ErrTruncated}
}

func malformed(layer string) error {
	return &layerError{"decode " + layer + ": malformed", ErrMalformed}
}

func unsupported(layer string) error {
	return &layerError{"decode " + layer + ": unsupported", ErrUnsupported}
}

// Errors by layer. Each wraps one sentinel.
var (
	errLinkType = unsupported("link type")

	errEthernetShort = truncated("ethernet header")
	errVLANShort     = truncated("vlan tag")
	errVLANDepth     = unsupported("more than 4 vlan tags")
	errEtherType     = unsupported("ethertype")
	errSLLShort      = truncated("linux cooked header")
	errSLLType       = unsupported("linux cooked netlink")
	errNullShort     = truncated("loopback header")
	errNullFamily    = unsupported("loopback address family")
	errIPShort       = truncated("raw ip")
	errIPVersion     = malformed("raw ip version")

	errARPShort  = truncated("arp")
	errARPFormat = unsupported("arp hardware or protocol type")
	errARPOp     = malformed("arp operation 0")

	errIPv4Short     = truncated("ipv4 header")
	errIPv4Version   = malformed("ipv4 version")
	errIPv4HeaderLen = malformed("ipv4 header length")
	errIPv4TotalLen  = malformed("ipv4 total length")

	errIPv6Short    = truncated("ipv6 header")
	errIPv6Version  = malformed("ipv6 version")
	errIPv6ExtShort = truncated("ipv6 extension header")
	errIPv6ExtLen   = malformed("ipv6 extension header length")
	errIPv6ExtDepth = malformed("more than 8 ipv6 extension headers")

	errTCPShort     = truncated("tcp header")
	errTCPLen       = malformed("tcp header beyond ip length")
	errTCPHeaderLen = malformed("tcp data offset")
	errUDPShort     = truncated("udp header")
	errUDPLen       = malformed("udp header beyond ip length")
	errICMPShort    = truncated("icmp header")
	errICMPLen      = malformed("icmp header beyond ip length")
)
