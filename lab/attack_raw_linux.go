package lab

import (
	"net/netip"
	"syscall"
)

// rawIPv4 is a send-only raw IPv4 socket (IPPROTO_RAW: the caller writes
// the IP header, IP_HDRINCL implied).
type rawIPv4 struct{ fd int }

func openRawIPv4() (*rawIPv4, error) {
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_RAW|syscall.SOCK_CLOEXEC, syscall.IPPROTO_RAW)
	if err != nil {
		return nil, err
	}
	if err := syscall.SetsockoptInt(fd, syscall.IPPROTO_IP, syscall.IP_HDRINCL, 1); err != nil {
		syscall.Close(fd)
		return nil, err
	}
	return &rawIPv4{fd}, nil
}

func (s *rawIPv4) Send(pkt []byte, dst netip.Addr) error {
	return syscall.Sendto(s.fd, pkt, 0, &syscall.SockaddrInet4{Addr: dst.As4()})
}

func (s *rawIPv4) Close() error { return syscall.Close(s.fd) }

// arpSocket is an AF_PACKET socket that sends whole ARP frames on one
// interface.
type arpSocket struct {
	fd  int
	dst syscall.SockaddrLinklayer
}

const ethPARP = 0x0806

func htons(v uint16) uint16 { return v<<8 | v>>8 }

func openARP(ifindex int) (*arpSocket, error) {
	fd, err := syscall.Socket(syscall.AF_PACKET, syscall.SOCK_RAW|syscall.SOCK_CLOEXEC, int(htons(ethPARP)))
	if err != nil {
		return nil, err
	}
	s := &arpSocket{fd: fd, dst: syscall.SockaddrLinklayer{Protocol: htons(ethPARP), Ifindex: ifindex, Halen: 6}}
	copy(s.dst.Addr[:], []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff})
	return s, nil
}

func (s *arpSocket) Send(frame []byte) error { return syscall.Sendto(s.fd, frame, 0, &s.dst) }

func (s *arpSocket) Close() error { return syscall.Close(s.fd) }
