package hypervisor

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"
)

var bridges atomic.Int32

// Bridge creates a Linux bridge for guests' taps (NIC.Bridge) and
// removes it when t ends. The name is unique on the machine (process ID
// and a counter, under the 15 bytes of IFNAMSIZ). The bridge is up, with
// no address, IPv6 off and STP off, so that the host neither talks on it
// nor delays its ports: what crosses it is the guests' traffic alone.
func Bridge(t testing.TB) string {
	t.Helper()
	name := fmt.Sprintf("cthv%d-%d", os.Getpid()%100000, bridges.Add(1))
	ip := func(args ...string) {
		t.Helper()
		if out, err := exec.Command("ip", args...).CombinedOutput(); err != nil {
			t.Fatalf("ip %s: %v: %s", strings.Join(args, " "), err, out)
		}
	}
	ip("link", "add", name, "type", "bridge", "stp_state", "0")
	t.Cleanup(func() { exec.Command("ip", "link", "del", name).Run() })
	// Before it is up, or it gets a link-local address and sends router
	// solicitations and MLD reports. A machine without IPv6 has no file.
	os.WriteFile("/proc/sys/net/ipv6/conf/"+name+"/disable_ipv6", []byte("1"), 0)
	ip("link", "set", name, "up")
	return name
}
