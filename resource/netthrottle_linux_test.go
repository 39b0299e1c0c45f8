package resource

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// inNetns runs fn on a thread of network namespace ns (the thread is
// left to die with its goroutine).
func inNetns(t *testing.T, ns string, fn func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		runtime.LockOSThread()
		f, err := os.Open("/run/netns/" + ns)
		if err != nil {
			t.Error(err)
			return
		}
		defer f.Close()
		if err := unix.Setns(int(f.Fd()), unix.CLONE_NEWNET); err != nil {
			t.Error(err)
			return
		}
		fn()
	}()
	<-done
}

// blast sends 1,400-byte datagrams from the namespace (or the host, ns
// "") to addr for d, as fast as it can, and returns the bytes the
// listener on the other side received.
func blast(t *testing.T, fromNS, toNS, addr string, d time.Duration) int {
	t.Helper()
	var ln *net.UDPConn
	listen := func() {
		var err error
		if ln, err = net.ListenUDP("udp4", &net.UDPAddr{IP: net.ParseIP(addr), Port: 9}); err != nil {
			t.Error(err)
		}
	}
	if toNS == "" {
		listen()
	} else {
		inNetns(t, toNS, listen)
	}
	if ln == nil {
		t.FailNow()
	}
	defer ln.Close()
	got := make(chan int, 1)
	go func() {
		buf, n := make([]byte, 2048), 0
		ln.SetReadDeadline(time.Now().Add(d + 500*time.Millisecond))
		for {
			k, err := ln.Read(buf)
			if err != nil {
				got <- n
				return
			}
			n += k
		}
	}()
	send := func() {
		c, err := net.Dial("udp4", addr+":9")
		if err != nil {
			t.Error(err)
			return
		}
		defer c.Close()
		msg := make([]byte, 1400)
		for end := time.Now().Add(d); time.Now().Before(end); {
			c.Write(msg)
		}
	}
	if fromNS == "" {
		send()
	} else {
		inNetns(t, fromNS, send)
	}
	return <-got
}

// TestThrottleNetLive shapes a veth port both ways to 20 Mbit/s: what
// the "guest" (a namespace) sends and what it receives both fall to about
// the rate; lifting the caps leaves the port as it was.
func TestThrottleNetLive(t *testing.T) {
	if os.Geteuid() != 0 {
		if os.Getenv("CI") != "" {
			t.Fatal("CI runs as root")
		}
		t.Skip("needs root")
	}
	ns, port := fmt.Sprintf("ctnt%d", os.Getpid()%100000), fmt.Sprintf("ctnt%d", os.Getpid()%100000)
	sh := func(args ...string) {
		t.Helper()
		if out, err := exec.Command(args[0], args[1:]...).CombinedOutput(); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
	}
	sh("ip", "netns", "add", ns)
	t.Cleanup(func() { exec.Command("ip", "netns", "del", ns).Run(); exec.Command("ip", "link", "del", port).Run() })
	sh("ip", "link", "add", port, "type", "veth", "peer", "name", "eth0", "netns", ns)
	sh("ip", "addr", "add", "10.222.0.1/30", "dev", port)
	sh("ip", "link", "set", port, "up")
	sh("ip", "netns", "exec", ns, "ip", "addr", "add", "10.222.0.2/30", "dev", "eth0")
	sh("ip", "netns", "exec", ns, "ip", "link", "set", "eth0", "up")
	sh("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up")

	const d = time.Second
	const rate = 20_000_000 // bit/s
	freeOut, freeIn := blast(t, ns, "", "10.222.0.1", d), blast(t, "", ns, "10.222.0.2", d)
	lift, err := ThrottleNet([]string{port}, rate)
	if err != nil {
		t.Fatal(err)
	}
	capOut, capIn := blast(t, ns, "", "10.222.0.1", d), blast(t, "", ns, "10.222.0.2", d)
	if err := lift.Apply(); err != nil {
		t.Fatal(err)
	}
	bound := 2 * rate / 8 // a second's worth, twice over, for the bursts
	t.Logf("from the guest: %d bytes/s free, %d capped; to it: %d free, %d capped (cap %d bytes/s)", freeOut, capOut, freeIn, capIn, rate/8)
	if capOut > bound || capOut == 0 || capOut > freeOut/2 {
		t.Errorf("from the guest, capped: %d bytes in %s (free %d), want about %d", capOut, d, freeOut, rate/8)
	}
	if capIn > bound || capIn == 0 || capIn > freeIn/2 {
		t.Errorf("to the guest, capped: %d bytes in %s (free %d), want about %d", capIn, d, freeIn, rate/8)
	}
	out, _ := exec.Command("tc", "qdisc", "show", "dev", port).CombinedOutput()
	if strings.Contains(string(out), "tbf") || strings.Contains(string(out), "clsact") {
		t.Errorf("after the lift: %s", out)
	}
	if _, err := net.InterfaceByName(fmt.Sprintf("ctifb%d", mustIndex(t, port))); err == nil {
		t.Error("the ifb device is still there")
	}
	if _, err := ThrottleNet([]string{port}, 1000); err == nil {
		t.Error("a cap below 1 Mbit/s accepted")
	}
}

func mustIndex(t *testing.T, name string) int {
	ifi, err := net.InterfaceByName(name)
	if err != nil {
		t.Fatal(err)
	}
	return ifi.Index
}
