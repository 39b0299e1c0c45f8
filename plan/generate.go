package plan

import (
	"fmt"
	"math/rand/v2"
)

// flavours are common cloud VM sizes (vCPUs, MiB) with their weights in
// the generated mix.
var flavours = []struct {
	vcpus  int
	mem    int64
	weight int
}{
	{1, 1792, 20}, {2, 3584, 25}, {2, 8192, 10}, {4, 7168, 15}, {4, 16384, 12},
	{8, 14336, 8}, {8, 32768, 6}, {16, 57344, 3}, {24, 114688, 1},
}

// Generate builds a synthetic fleet for tests and benchmarks: hosts of
// 64 CPUs and 512 GiB at CPU overcommit 2, guests of common cloud sizes
// in anti-affinity groups of 2 to 8 (fewer on small fleets), some affinity
// pairs, 2% pinned, with typical dirty
// rates, placed at random within capacity and anti-affinity. The last
// spare hosts are left empty. Guests that find no room are left out, so
// ask for a fill the hosts can hold. The same arguments give the same
// fleet.
func Generate(hosts, guests, spare int, seed uint64) *Inventory {
	rng := rand.New(rand.NewPCG(seed, 0x666c656574))
	inv := &Inventory{Version: 1, Cluster: DefaultCluster}
	zones := []string{"a", "b", "c"}
	for h := range hosts {
		inv.Hosts = append(inv.Hosts, Host{
			Name: fmt.Sprintf("hv-%04d", h+1), CPUs: 64, MemoryMiB: 524288,
			Labels: map[string]string{"rack": fmt.Sprintf("r%02d", h/20+1), "zone": zones[h%3]},
			Patch: Patch{KernelInstalled: "6.1.0-28-amd64", KernelRunning: "6.1.0-25-amd64",
				QEMU: "1:7.2+dfsg-7+deb12u6", Libvirt: "9.0.0-4+deb12u2", RebootRequired: true, LastPatched: "2026-09-01"},
		})
	}
	usable := hosts - spare
	hostIndex := make(map[string]int, hosts)
	for i, h := range inv.Hosts {
		hostIndex[h.Name] = i
	}
	cpu := make([]float64, hosts)
	mem := make([]float64, hosts)
	groupHosts := map[string]map[int]bool{}
	total := 0
	for _, f := range flavours {
		total += f.weight
	}
	rates := []float64{2, 5, 5, 10, 10, 20, 50, 100, 400}
	group, left := "", 0
	groupMax := min(8, max(1, (hosts-1)/2)) // room for N+k: a group never spans the fleet
	for i := 0; len(inv.Guests) < guests && i < 2*guests; i++ {
		if left == 0 {
			group, left = fmt.Sprintf("svc-%05d", i+1), 1+rng.IntN(groupMax)
			groupHosts[group] = map[int]bool{}
		}
		left--
		w := rng.IntN(total)
		f := flavours[0]
		for _, fl := range flavours {
			if w < fl.weight {
				f = fl
				break
			}
			w -= fl.weight
		}
		fits := func(h int) bool {
			return cpu[h]+float64(f.vcpus) <= 128 && mem[h]+float64(f.mem) <= 524288 && !groupHosts[group][h]
		}
		host := -1
		for try := 0; try < 32 && host < 0; try++ {
			if h := rng.IntN(usable); fits(h) {
				host = h
			}
		}
		for h := 0; h < usable && host < 0; h++ {
			if fits(h) {
				host = h
			}
		}
		if host < 0 {
			continue
		}
		cpu[host] += float64(f.vcpus)
		mem[host] += float64(f.mem)
		groupHosts[group][host] = true
		rate := rates[rng.IntN(len(rates))]
		g := Guest{Name: fmt.Sprintf("vm-%06d", len(inv.Guests)+1), Host: inv.Hosts[host].Name,
			VCPUs: f.vcpus, MemoryMiB: f.mem, DirtyRate: &rate}
		if left > 0 || len(groupHosts[group]) > 1 {
			g.AntiAffinity = group
		}
		if rng.IntN(50) == 0 {
			no := false
			g.Migratable = &no
		}
		if n := len(inv.Guests); n > 0 && g.AntiAffinity == "" && rng.IntN(20) == 0 {
			// An affinity pair (an app and its cache): with the guest
			// before it, on its host, when that one has no anti-affinity.
			if prev := &inv.Guests[n-1]; prev.AntiAffinity == "" && prev.Affinity == "" {
				ph := hostIndex[prev.Host]
				if cpu[ph]+float64(f.vcpus) <= 128 && mem[ph]+float64(f.mem) <= 524288 {
					cpu[host] -= float64(f.vcpus)
					mem[host] -= float64(f.mem)
					cpu[ph] += float64(f.vcpus)
					mem[ph] += float64(f.mem)
					g.Host = prev.Host
					prev.Affinity = "pair-" + prev.Name
					g.Affinity = prev.Affinity
				}
			}
		}
		inv.Guests = append(inv.Guests, g)
	}
	return inv
}
