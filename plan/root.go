// Package plan answers the consolidation questions of a fleet of hosts:
// what a host failure takes down (blast radius), how many hosts may fail
// at once with every guest restarted elsewhere (N+k), how to patch every
// host by live-migrating its guests away without ever breaking capacity
// or anti-affinity (maintenance), and which hosts are behind on patches
// (compliance).
//
// Everything here is a pure function of an Inventory and options: no
// clock, no I/O beyond reading the files it is handed, no randomness that
// is not seeded. The same inventory gives the same plan, byte for byte.
// Executing a plan against real hosts (drills) lives beside it and is the
// only part that talks to libvirt.
package plan
