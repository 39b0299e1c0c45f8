package lab

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/netip"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/crosstalk-dev/crosstalk/inventory"
)

// watchEvery is how often a guest process checks that its namespace is
// still there.
const watchEvery = 2 * time.Second

// RunGuest is the hidden command `crosstalk lab guest` that Up runs in
// each guest's namespace: the guest's services and its share of the
// benign workload. It returns its exit status (0, 1, or 2 for bad
// arguments) on SIGTERM or SIGINT, or when its namespace is deleted or
// made anew. Its log goes to stderr.
//
//	--lab NAME --guest GUEST --guests FILE [--ns NAMESPACE] [--ready-fd N] [--workload=false]
//
// With --ready-fd it writes "ready\n" to that descriptor once it listens.
func RunGuest(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("crosstalk lab guest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	labName := fs.String("lab", DefaultName, "lab name")
	guest := fs.String("guest", "", "this guest's name in the guests file")
	guestsPath := fs.String("guests", "", "the lab's guests file")
	ns := fs.String("ns", "", "the namespace this process runs in: exit when it goes away")
	readyFD := fs.Int("ready-fd", 0, "file descriptor to write \"ready\" to once listening")
	work := fs.Bool("workload", true, "run the guest's benign workload")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 || *guest == "" || *guestsPath == "" {
		fmt.Fprintln(stderr, "crosstalk lab guest: want --guest and --guests, and no other arguments")
		return 2
	}
	logger := slog.New(slog.NewTextHandler(stderr, nil)).With("component", "lab", "lab", *labName, "guest", *guest)
	t, err := inventory.LoadFile(*guestsPath)
	if err != nil {
		logger.Error("read guests file", "err", err)
		return 2
	}
	peers := peersOf(t.Guests())
	self := -1
	for i, p := range peers {
		if p.name == *guest {
			self = i
		}
	}
	if self < 0 {
		logger.Error("guest not in guests file", "file", *guestsPath)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	srv, err := startServices(peers[self], peers, defaultPorts, "", logger)
	if err != nil {
		logger.Error("start services", "err", err)
		return 1
	}
	defer srv.Close()
	if *readyFD > 0 {
		f := os.NewFile(uintptr(*readyFD), "ready")
		io.WriteString(f, "ready\n")
		f.Close()
	}
	logger.Info("guest up", "role", peers[self].role, "workload", *work)
	if *ns != "" {
		go watchNamespace(ctx, cancel, *ns, logger)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if *work {
			runWorkload(ctx, peers[self], peers, defaultPorts, defaultWorkload, logger)
		}
	}()
	<-ctx.Done()
	logger.Info("guest stopping")
	srv.Close()
	select {
	case <-done:
	case <-time.After(3 * time.Second):
	}
	return 0
}

// watchNamespace cancels when the process no longer lives in the named
// namespace: it was deleted, or a new one has its name. A process keeps
// its namespace alive, so without this the guest would linger.
func watchNamespace(ctx context.Context, cancel func(), ns string, logger *slog.Logger) {
	t := time.NewTicker(watchEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if !inNamespace(os.Getpid(), ns) {
				logger.Info("namespace gone", "namespace", ns)
				cancel()
				return
			}
		}
	}
}

// peersOf turns the guests file's guests into peers.
func peersOf(guests []inventory.Guest) []peer {
	var out []peer
	for _, g := range guests {
		p := peer{name: g.Name, role: g.Labels["role"]}
		for _, s := range g.IPs() {
			a, err := netip.ParseAddr(s)
			if err != nil {
				continue
			}
			if a.Is4() && !p.v4.IsValid() {
				p.v4 = a
			} else if a.Is6() && !p.v6.IsValid() {
				p.v6 = a
			}
		}
		out = append(out, p)
	}
	return out
}
