package lab

import (
	"encoding/binary"
	"errors"
	"net/netip"
	"strings"
)

// Just enough DNS (RFC 1035) for the lab: one question, A and AAAA
// answers, no compression when writing.

const (
	dnsTypeA    = 1
	dnsTypeAAAA = 28
	dnsClassIN  = 1

	dnsNoError  = 0
	dnsFormErr  = 1
	dnsNXDomain = 3
	dnsNotImp   = 4

	dnsTTL = 60
)

var errDNS = errors.New("malformed DNS message")

type dnsQuestion struct {
	name   string // lower case, no trailing dot
	qtype  uint16
	qclass uint16
}

// appendName writes name in wire form.
func appendName(b []byte, name string) ([]byte, error) {
	name = strings.TrimSuffix(name, ".")
	if len(name) > 253 {
		return nil, errDNS
	}
	if name != "" {
		for _, l := range strings.Split(name, ".") {
			if len(l) == 0 || len(l) > 63 {
				return nil, errDNS
			}
			b = append(b, byte(len(l)))
			b = append(b, l...)
		}
	}
	return append(b, 0), nil
}

// readName reads a possibly compressed name at off and returns it and the
// offset after it.
func readName(msg []byte, off int) (string, int, error) {
	var labels []string
	end, jumps, total := -1, 0, 0
	for {
		if off >= len(msg) {
			return "", 0, errDNS
		}
		n := int(msg[off])
		switch {
		case n == 0:
			if end < 0 {
				end = off + 1
			}
			return strings.Join(labels, "."), end, nil
		case n&0xc0 == 0xc0:
			if off+1 >= len(msg) || jumps > 16 {
				return "", 0, errDNS
			}
			if end < 0 {
				end = off + 2
			}
			off = int(binary.BigEndian.Uint16(msg[off:]) & 0x3fff)
			jumps++
		case n > 63:
			return "", 0, errDNS
		default:
			if off+1+n > len(msg) {
				return "", 0, errDNS
			}
			total += n + 1
			if total > 255 {
				return "", 0, errDNS
			}
			labels = append(labels, strings.ToLower(string(msg[off+1:off+1+n])))
			off += 1 + n
		}
	}
}

// dnsQuery builds a query for name.
func dnsQuery(id uint16, name string, qtype uint16) ([]byte, error) {
	b := make([]byte, 12, 64)
	binary.BigEndian.PutUint16(b[0:], id)
	binary.BigEndian.PutUint16(b[2:], 0x0100) // RD
	binary.BigEndian.PutUint16(b[4:], 1)
	b, err := appendName(b, name)
	if err != nil {
		return nil, err
	}
	b = binary.BigEndian.AppendUint16(b, qtype)
	return binary.BigEndian.AppendUint16(b, dnsClassIN), nil
}

// parseQuery reads a query's header and its one question.
func parseQuery(msg []byte) (id uint16, rd bool, q dnsQuestion, err error) {
	if len(msg) < 12 {
		return 0, false, q, errDNS
	}
	id = binary.BigEndian.Uint16(msg)
	flags := binary.BigEndian.Uint16(msg[2:])
	if flags&0x8000 != 0 || binary.BigEndian.Uint16(msg[4:]) != 1 {
		return id, false, q, errDNS // a response, or not one question
	}
	name, off, err := readName(msg, 12)
	if err != nil || off+4 > len(msg) {
		return id, false, q, errDNS
	}
	q = dnsQuestion{name: name, qtype: binary.BigEndian.Uint16(msg[off:]), qclass: binary.BigEndian.Uint16(msg[off+2:])}
	return id, flags&0x0100 != 0, q, nil
}

// dnsReply builds the answer to a query: authoritative, with one answer
// record per address.
func dnsReply(id uint16, rd bool, q dnsQuestion, rcode int, addrs []netip.Addr) []byte {
	b := make([]byte, 12, 128)
	binary.BigEndian.PutUint16(b[0:], id)
	flags := uint16(0x8400) | uint16(rcode&0xf) // QR, AA
	if rd {
		flags |= 0x0100
	}
	binary.BigEndian.PutUint16(b[2:], flags)
	binary.BigEndian.PutUint16(b[4:], 1)
	binary.BigEndian.PutUint16(b[6:], uint16(len(addrs)))
	nb, err := appendName(b, q.name)
	if err != nil {
		// A name read from the wire that cannot be written back (a dot
		// inside a label): answer without the question.
		binary.BigEndian.PutUint16(b[2:], 0x8400|dnsFormErr)
		binary.BigEndian.PutUint16(b[4:], 0)
		binary.BigEndian.PutUint16(b[6:], 0)
		return b
	}
	b = nb
	b = binary.BigEndian.AppendUint16(b, q.qtype)
	b = binary.BigEndian.AppendUint16(b, q.qclass)
	for _, a := range addrs {
		b = append(b, 0xc0, 12) // the question's name
		t, data := uint16(dnsTypeA), a.AsSlice()
		if a.Is6() {
			t = dnsTypeAAAA
		}
		b = binary.BigEndian.AppendUint16(b, t)
		b = binary.BigEndian.AppendUint16(b, dnsClassIN)
		b = binary.BigEndian.AppendUint32(b, dnsTTL)
		b = binary.BigEndian.AppendUint16(b, uint16(len(data)))
		b = append(b, data...)
	}
	return b
}

// parseReply reads the reply to query id: its rcode and A/AAAA answers.
func parseReply(msg []byte, id uint16) (rcode int, addrs []netip.Addr, err error) {
	if len(msg) < 12 || binary.BigEndian.Uint16(msg) != id || binary.BigEndian.Uint16(msg[2:])&0x8000 == 0 {
		return 0, nil, errDNS
	}
	rcode = int(binary.BigEndian.Uint16(msg[2:]) & 0xf)
	qd, an := int(binary.BigEndian.Uint16(msg[4:])), int(binary.BigEndian.Uint16(msg[6:]))
	off := 12
	for range qd {
		if _, off, err = readName(msg, off); err != nil || off+4 > len(msg) {
			return rcode, nil, errDNS
		}
		off += 4
	}
	for range an {
		if _, off, err = readName(msg, off); err != nil || off+10 > len(msg) {
			return rcode, nil, errDNS
		}
		t, n := binary.BigEndian.Uint16(msg[off:]), int(binary.BigEndian.Uint16(msg[off+8:]))
		off += 10
		if off+n > len(msg) {
			return rcode, nil, errDNS
		}
		if a, ok := netip.AddrFromSlice(msg[off : off+n]); ok && (t == dnsTypeA && n == 4 || t == dnsTypeAAAA && n == 16) {
			addrs = append(addrs, a)
		}
		off += n
	}
	return rcode, addrs, nil
}
