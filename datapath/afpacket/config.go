package afpacket

import (
	"fmt"
	"os"
	"time"
)

// Config sizes one port's capture ring. The ring is kernel memory that
// cannot be swapped: BlockSize × NumBlocks bytes per watched port.
type Config struct {
	// BlockSize is the size of one ring block in bytes: a power of two, at
	// least the page size. The kernel fills a block with frames and hands
	// it over whole, when it is full or after BlockTimeout.
	BlockSize int `yaml:"block_size"`
	// NumBlocks is the number of blocks in the ring, at least 2: while
	// the reader holds one block the kernel fills the others. When every
	// block waits for the reader, new frames are dropped and counted
	// (Stats.Drops); nothing blocks the guest.
	NumBlocks int `yaml:"num_blocks"`
	// BlockTimeout retires a partly filled block after this long, so that
	// a quiet port is not read minutes late. It is also the longest a Read
	// waits. The kernel counts it in whole milliseconds (rounded up).
	//
	// A block is never shared: on a port with sparse traffic each block
	// may carry a single frame, so the ring then absorbs a reader stall
	// of only about NumBlocks × BlockTimeout (800 ms by default), however
	// large the blocks. At full rate, 8 MiB hold about 40,000 small frames.
	BlockTimeout time.Duration `yaml:"block_timeout"`
	// Snaplen is the number of bytes kept per frame, counted from the
	// Ethernet header. Headers are all the flow table needs: 256 holds
	// Ethernet with two VLAN tags, IPv6 with extension headers and TCP
	// with options. Byte counts come from the IP header, not from the
	// capture, so truncation loses no accounting.
	Snaplen int `yaml:"snaplen"`
}

// Bounds of the configuration.
const (
	maxBlockSize    = 128 << 20
	minNumBlocks    = 2
	maxNumBlocks    = 4096
	maxRingSize     = 1 << 30
	minSnaplen      = 64
	maxSnaplen      = 65535
	minBlockTimeout = time.Millisecond
	maxBlockTimeout = 10 * time.Second
	// frameRoom is what the kernel puts in a block around a frame's bytes:
	// the block header (48), the frame header and sockaddr_ll (68), the
	// padding that aligns the network header, and a VLAN tag put back.
	frameRoom = 256
)

// DefaultConfig returns the defaults: 8 blocks of 1 MiB (8 MiB per port),
// blocks retired after 100 ms, 256 bytes kept per frame.
func DefaultConfig() Config {
	return Config{
		BlockSize:    1 << 20,
		NumBlocks:    8,
		BlockTimeout: 100 * time.Millisecond,
		Snaplen:      256,
	}
}

// Validate reports the first setting that cannot work, naming its key.
func (c Config) Validate() error {
	page := os.Getpagesize()
	switch {
	case c.BlockSize < page || c.BlockSize > maxBlockSize || c.BlockSize&(c.BlockSize-1) != 0:
		return fmt.Errorf("block_size: %d must be a power of two in [%d (the page size), %d]", c.BlockSize, page, maxBlockSize)
	case c.NumBlocks < minNumBlocks || c.NumBlocks > maxNumBlocks:
		return fmt.Errorf("num_blocks: %d out of range [%d, %d]", c.NumBlocks, minNumBlocks, maxNumBlocks)
	case int64(c.BlockSize)*int64(c.NumBlocks) > maxRingSize:
		return fmt.Errorf("num_blocks: %d blocks of %d bytes make a ring above %d MiB per port", c.NumBlocks, c.BlockSize, maxRingSize>>20)
	case c.BlockTimeout < minBlockTimeout || c.BlockTimeout > maxBlockTimeout:
		return fmt.Errorf("block_timeout: %s out of range [%s, %s]", c.BlockTimeout, minBlockTimeout, maxBlockTimeout)
	case c.Snaplen < minSnaplen || c.Snaplen > maxSnaplen:
		return fmt.Errorf("snaplen: %d out of range [%d, %d]", c.Snaplen, minSnaplen, maxSnaplen)
	case c.Snaplen > c.BlockSize-frameRoom:
		return fmt.Errorf("snaplen: %d does not fit in a block of %d bytes (block_size) with its headers", c.Snaplen, c.BlockSize)
	}
	return nil
}
