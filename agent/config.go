package agent

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/crosstalk-dev/crosstalk/alert"
	"github.com/crosstalk-dev/crosstalk/alert/sinks"
	"github.com/crosstalk-dev/crosstalk/api"
	"github.com/crosstalk-dev/crosstalk/datapath/afpacket"
	"github.com/crosstalk-dev/crosstalk/datapath/ebpf"
	"github.com/crosstalk-dev/crosstalk/detect/all"
	"github.com/crosstalk-dev/crosstalk/fleet"
	"github.com/crosstalk-dev/crosstalk/flowtable"
	"github.com/crosstalk-dev/crosstalk/inventory/libvirt"
	"github.com/crosstalk-dev/crosstalk/store"
)

// Config is the agent's configuration file (also read by replay). Every
// key is optional and takes the default documented on its type; unknown
// keys are errors.
//
//	host: hv-01
//	flowtable: {max_flows: 1048576, attempt_timeout: 5s}
//	alerts: {episode_timeout: 10m}
//	detect:
//	  disable: [new-edge]
//	  portscan: {port_ceiling: 25}
type Config struct {
	// Host names this host in alerts.
	Host string `yaml:"host"`
	// Bridges are the virtual switches whose guest ports the agent
	// watches (the --bridge flag adds to them).
	Bridges []string `yaml:"bridges"`
	// GuestsFile names guests (a guests file, as `lab up` writes): the
	// file provider. Without it, and without inventory.providers, guests
	// are discovered from the bridges' veth ports and from libvirt.
	GuestsFile string `yaml:"guests_file"`
	// Inventory chooses the guest providers.
	Inventory InventoryConfig `yaml:"inventory"`
	// Socket is the unix socket (mode 0600) where the agent answers
	// `crosstalk guests`; empty turns it off.
	Socket string `yaml:"socket"`
	// AlertsFile, if set, receives every alert line too (appended).
	AlertsFile string `yaml:"alerts_file"`
	// FlowsFile, if set, receives a flow record (JSON line) for every
	// flow as it ends, both sides named (appended).
	FlowsFile string `yaml:"flows_file"`
	// Rotate bounds the alerts and flows files: past MaxBytes a file is
	// renamed FILE.1 (older ones shift, Keep are kept) and started anew.
	Rotate RotateConfig `yaml:"rotate"`
	// Store keeps alerts and traffic history in SQLite (store.path).
	Store store.Config `yaml:"store"`
	// Sinks forward alerts to syslog receivers and webhooks.
	Sinks sinks.Config `yaml:"sinks"`
	// PolicyFile is the segmentation policy to put in force at start
	// (policy/); empty: the last version applied through the API.
	PolicyFile string `yaml:"policy_file"`
	// Resources is the noisy-neighbour sampling.
	Resources ResourcesConfig `yaml:"resources"`
	// Fleet reports to a fleet server (crosstalk server) over NATS.
	Fleet fleet.AgentConfig `yaml:"fleet"`
	// API is the network API and web UI (the socket always has them).
	API api.Config `yaml:"api"`
	// PortPoll is how often the bridges' ports are listed, to follow
	// guests that come and go (default 2s).
	PortPoll time.Duration `yaml:"port_poll"`
	// Datapath is how packets are seen: afpacket (a copy of every frame
	// to userspace; the default), ebpf (tc programs on every guest port,
	// only flow events to userspace), or auto (ebpf when the kernel can,
	// else afpacket, saying why).
	Datapath string `yaml:"datapath"`
	// AntiSpoof is what the eBPF datapath does with a frame whose source
	// MAC or address is not its port's (declared by the inventory):
	// observe (count and alert; the default), enforce (drop too) or off.
	AntiSpoof string           `yaml:"anti_spoof"`
	EBPF      ebpf.Config      `yaml:"ebpf"`
	AFPacket  afpacket.Config  `yaml:"afpacket"`
	FlowTable flowtable.Config `yaml:"flowtable"`
	Alerts    alert.Config     `yaml:"alerts"`
	Detect    all.Config       `yaml:"detect"`
}

// RotateConfig is how the agent's JSON-lines files rotate.
type RotateConfig struct {
	MaxBytes int64 `yaml:"max_bytes"` // default 100 MiB; 0 never rotates
	Keep     int   `yaml:"keep"`      // rotated files kept, default 5
}

// DefaultConfig returns the defaults of every component.
func DefaultConfig() Config {
	ring := afpacket.DefaultConfig()
	ring.NumBlocks = 32 // one ring serves every port: 32 MiB
	return Config{
		Inventory: InventoryConfig{Libvirt: libvirt.DefaultConfig()},
		Socket:    DefaultSocket,
		API:       api.DefaultConfig(),
		Resources: DefaultResourcesConfig(),
		Fleet:     fleet.DefaultAgentConfig(),
		Store:     store.DefaultConfig(),
		Sinks:     sinks.DefaultConfig(),
		Rotate:    RotateConfig{MaxBytes: 100 << 20, Keep: 5},
		PortPoll:  2 * time.Second,
		Datapath:  "afpacket",
		AntiSpoof: "observe",
		EBPF:      ebpf.DefaultConfig(),
		AFPacket:  ring,
		FlowTable: flowtable.DefaultConfig(),
		Alerts:    alert.DefaultConfig(),
		Detect:    all.DefaultConfig(),
	}
}

// Validate reports the first bad setting, named by its path of keys.
func (c Config) Validate() error {
	if c.PortPoll <= 0 {
		return fmt.Errorf("port_poll: must be positive, got %s", c.PortPoll)
	}
	if err := c.Fleet.Validate(); err != nil {
		return fmt.Errorf("fleet: %w", err)
	}
	if c.Fleet.URL != "" {
		if c.Store.Path == "" {
			return errors.New("fleet: the agent's store is its backlog while the server is away: set store.path (--store)")
		}
		if err := fleet.CheckHost(c.Host); err != nil {
			return fmt.Errorf("host: %w", err)
		}
	}
	if err := c.Inventory.Validate(); err != nil {
		return fmt.Errorf("inventory: %w", err)
	}
	if c.Rotate.MaxBytes < 0 || c.Rotate.Keep < 1 {
		return fmt.Errorf("rotate: max_bytes must not be negative and keep at least 1, got %d and %d", c.Rotate.MaxBytes, c.Rotate.Keep)
	}
	if err := c.Sinks.Validate(); err != nil {
		return fmt.Errorf("sinks: %w", err)
	}
	if err := c.Store.Validate(); err != nil {
		return fmt.Errorf("store: %w", err)
	}
	if err := c.API.Validate(); err != nil {
		return fmt.Errorf("api: %w", err)
	}
	if err := c.Resources.Validate(); err != nil {
		return fmt.Errorf("resources: %w", err)
	}
	switch c.Datapath {
	case "afpacket", "ebpf", "auto":
	default:
		return fmt.Errorf("datapath: want afpacket, ebpf or auto, got %q", c.Datapath)
	}
	switch c.AntiSpoof {
	case "observe", "enforce", "off":
	default:
		return fmt.Errorf("anti_spoof: want observe, enforce or off, got %q", c.AntiSpoof)
	}
	if err := c.EBPF.Validate(); err != nil {
		return fmt.Errorf("ebpf: %w", err)
	}
	if err := c.AFPacket.Validate(); err != nil {
		return fmt.Errorf("afpacket: %w", err)
	}
	if err := c.FlowTable.Validate(); err != nil {
		return fmt.Errorf("flowtable: %w", err)
	}
	if err := c.Alerts.Validate(); err != nil {
		return fmt.Errorf("alerts: %w", err)
	}
	if err := c.Detect.Validate(); err != nil {
		return fmt.Errorf("detect: %w", err)
	}
	return nil
}

// ParseConfig reads a configuration over the defaults and validates it.
func ParseConfig(data []byte) (Config, error) {
	cfg := DefaultConfig()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&cfg); err != nil && !errors.Is(err, io.EOF) {
		return cfg, err
	}
	DefaultHost(&cfg)
	return cfg, cfg.Validate()
}

// LoadConfig reads a configuration file; errors name the file.
func LoadConfig(path string) (Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Config{}, err
	}
	cfg, err := ParseConfig(data)
	if err != nil {
		return cfg, fmt.Errorf("%s: %w", path, err)
	}
	return cfg, nil
}

// DefaultHost names the host by its short host name when it reports to a
// fleet and the configuration names it not (a fleet needs every host
// named), and hands the name to the alerts.
func DefaultHost(cfg *Config) {
	if cfg.Host == "" && cfg.Fleet.URL != "" {
		if h, err := os.Hostname(); err == nil {
			cfg.Host, _, _ = strings.Cut(h, ".")
		}
	}
	cfg.Alerts.Host = cfg.Host
}
