package afpacket

import (
	"os"
	"strings"
	"testing"
	"time"
)

func TestConfigValidate(t *testing.T) {
	page := os.Getpagesize()
	tests := []struct {
		name   string
		modify func(c *Config)
		want   string // substring of the error; "" for valid
	}{
		{"defaults", func(c *Config) {}, ""},
		{"smallest ring", func(c *Config) { c.BlockSize, c.NumBlocks, c.Snaplen = page, 2, 64 }, ""},
		{"block not a power of two", func(c *Config) { c.BlockSize = 3 * page }, "block_size: "},
		{"block below a page", func(c *Config) { c.BlockSize = page / 2 }, "block_size: "},
		{"block too large", func(c *Config) { c.BlockSize = 256 << 20 }, "block_size: "},
		{"one block", func(c *Config) { c.NumBlocks = 1 }, "num_blocks: "},
		{"too many blocks", func(c *Config) { c.NumBlocks = 5000 }, "num_blocks: "},
		{"ring above 1 GiB", func(c *Config) { c.BlockSize, c.NumBlocks = 128<<20, 16 }, "num_blocks: 16 blocks"},
		{"no timeout", func(c *Config) { c.BlockTimeout = 0 }, "block_timeout: "},
		{"timeout too long", func(c *Config) { c.BlockTimeout = time.Minute }, "block_timeout: "},
		{"snaplen too small", func(c *Config) { c.Snaplen = 20 }, "snaplen: "},
		{"snaplen too large", func(c *Config) { c.Snaplen = 1 << 20 }, "snaplen: "},
		{"snaplen beyond block", func(c *Config) { c.BlockSize, c.Snaplen = page, page }, "does not fit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := DefaultConfig()
			tt.modify(&c)
			err := c.Validate()
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("Validate() = %v, want nil", err)
			case tt.want != "" && err == nil:
				t.Fatalf("Validate() = nil, want an error with %q", tt.want)
			case tt.want != "" && !strings.Contains(err.Error(), tt.want):
				t.Fatalf("Validate() = %q, want it to contain %q", err, tt.want)
			}
		})
	}
}
