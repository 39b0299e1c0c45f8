package ebpf

// The port programs are built from ../../bpf with Debian 12's clang 14 and
// committed (bpf_bpfel.go, bpf_bpfel.o) so that a plain go build needs no
// clang. -mcpu=v3: bpf2go's default v1 crashes clang 14 on the 32-bit
// atomic OR, and the programs need v3's fetching atomics anyway. Only the
// little-endian object is built: the hosts we run on are amd64 and arm64.
//go:generate go tool bpf2go -tags linux -target bpfel -cflags "-O2 -g -Wall -Werror -mcpu=v3" -type event -type flow_key -type flow -type port_stats -type port -type storm -type settings -type policy_key -type policy_value -type port_cfg -type port_addr -type addr_key bpf ../../bpf/port.c -- -I../../bpf -I../../bpf/include
