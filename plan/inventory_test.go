package plan

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// inventoryErrorCase is a bad inventory and the fault ParseInventory must
// report. msg is the whole message; a case with sub instead only checks
// that the message contains it.
type inventoryErrorCase struct {
	name  string
	in    string
	line  int
	entry string
	msg   string
	sub   string
}

// inventoryErrorCases are also seeds for FuzzParseInventory.
func inventoryErrorCases() []inventoryErrorCase {
	return []inventoryErrorCase{
		// Decoder faults: the line is the one the YAML decoder reports.
		{
			name: "unknown top-level key",
			in: `version: 1
hosts:
  - {name: hv-1, cpus: 8, memory_mib: 16384}
clusters: {cpu_overcommit: 2.0}
`,
			line: 4,
			msg:  "4: field clusters is not a key of an inventory",
		},
		{
			name: "unknown cluster key",
			in: `version: 1
cluster:
  cpu_overcommit: 2.0
  overcommit: 2.0
hosts:
  - {name: hv-1, cpus: 8, memory_mib: 16384}
`,
			line: 4,
			msg:  "4: field overcommit is not a key of cluster",
		},
		{
			name: "unknown host key",
			in: `version: 1
hosts:
  - name: hv-1
    cpus: 8
    memory: 16384
`,
			line: 5,
			msg:  "5: field memory is not a key of a host",
		},
		{
			name: "unknown patch key",
			in: `version: 1
hosts:
  - name: hv-1
    cpus: 8
    memory_mib: 16384
    patch:
      kernel: 6.1.0-28-amd64
`,
			line: 7,
			msg:  "7: field kernel is not a key of a host's patch",
		},
		{
			name: "unknown guest key",
			in: `version: 1
hosts:
  - {name: hv-1, cpus: 8, memory_mib: 16384}
guests:
  - name: vm-1
    host: hv-1
    vcpus: 2
    memory_mib: 2048
    anti-affinity: web
`,
			line: 9,
			msg:  "9: field anti-affinity is not a key of a guest",
		},
		{
			name: "key given twice",
			in: `version: 1
hosts:
  - {name: hv-1, cpus: 8, memory_mib: 16384}
version: 1
`,
			line: 4,
			msg:  `4: mapping key "version" already defined at line 1`,
		},
		{
			name: "string for host cpus",
			in: `version: 1
hosts:
  - name: hv-1
    cpus: many
    memory_mib: 16384
`,
			line: 4,
			msg:  "4: `many` is not a whole number",
		},
		{
			name: "quoted number for host memory",
			in: `version: 1
hosts:
  - name: hv-1
    cpus: 8
    memory_mib: "16384"
`,
			line: 5,
			msg:  "5: `16384` is not a whole number",
		},
		{
			name: "string for guest vcpus",
			in: `version: 1
hosts:
  - {name: hv-1, cpus: 8, memory_mib: 16384}
guests:
  - {name: vm-1, host: hv-1, vcpus: two, memory_mib: 2048}
`,
			line: 5,
			msg:  "5: `two` is not a whole number",
		},
		{
			name: "string for version",
			in: `version: one
hosts:
  - {name: hv-1, cpus: 8, memory_mib: 16384}
`,
			line: 1,
			msg:  "1: `one` is not a whole number",
		},
		{
			name: "not a bool for migratable",
			in: `version: 1
hosts:
  - {name: hv-1, cpus: 8, memory_mib: 16384}
guests:
  - {name: vm-1, host: hv-1, vcpus: 2, memory_mib: 2048, migratable: maybe}
`,
			line: 5,
			msg:  "5: `maybe` is not true or false",
		},
		{
			name: "hosts is a mapping",
			in: `version: 1
hosts:
  hv-1: {cpus: 8, memory_mib: 16384}
`,
			line: 3,
			msg:  "3: a mapping is not a list of hosts",
		},
		{
			name: "integer too large",
			in: `version: 1
hosts:
  - {name: hv-1, cpus: 99999999999999999999, memory_mib: 16384}
`,
			line: 3,
			msg:  "3: cpus 99999999999999999999 is out of range",
		},
		{
			name: "tab in indentation",
			in:   "version: 1\nhosts:\n\t- {name: hv-1, cpus: 8, memory_mib: 16384}\n",
			line: 3,
			msg:  "3: found character that cannot start any token",
		},

		// The file as a whole.
		{
			name: "empty file",
			in:   "",
			msg:  "empty inventory",
		},
		{
			name: "only comments",
			in:   "# fleet.yaml\n\n# nothing yet\n",
			msg:  "empty inventory",
		},
		{
			name: "missing version",
			in: `hosts:
  - {name: hv-1, cpus: 8, memory_mib: 16384}
`,
			msg: "version is missing (want version: 1)",
		},
		{
			name: "wrong version",
			in: `version: 2
hosts:
  - {name: hv-1, cpus: 8, memory_mib: 16384}
`,
			msg: "version 2 is not supported (want version: 1)",
		},
		{
			name: "no hosts",
			in:   "version: 1\n",
			msg:  "no hosts",
		},
		{
			name: "empty hosts",
			in:   "version: 1\nhosts: []\nguests: []\n",
			msg:  "no hosts",
		},

		// Cluster: the line is the cluster key's.
		{
			name: "zero cluster cpu_overcommit",
			in: `version: 1
cluster: {cpu_overcommit: 0}
hosts:
  - {name: hv-1, cpus: 8, memory_mib: 16384}
`,
			line:  2,
			entry: "cluster",
			msg:   "2: cluster: cpu_overcommit must be positive, got 0",
		},
		{
			name: "negative cluster memory_overcommit",
			in: `version: 1
hosts:
  - {name: hv-1, cpus: 8, memory_mib: 16384}
cluster:
  cpu_overcommit: 2.0
  memory_overcommit: -1
`,
			line:  4,
			entry: "cluster",
			msg:   "4: cluster: memory_overcommit must be positive, got -1",
		},
		{
			name: "infinite cluster cpu_overcommit",
			in: `version: 1
cluster: {cpu_overcommit: .inf}
hosts:
  - {name: hv-1, cpus: 8, memory_mib: 16384}
`,
			line:  2,
			entry: "cluster",
			msg:   "2: cluster: cpu_overcommit must be positive, got +Inf",
		},
		{
			name: "zero migration bandwidth",
			in: `version: 1
cluster: {migration_bandwidth_mib_s: 0}
hosts:
  - {name: hv-1, cpus: 8, memory_mib: 16384}
`,
			line:  2,
			entry: "cluster",
			msg:   "2: cluster: migration_bandwidth_mib_s must be positive, got 0",
		},
		{
			name: "negative target_failures",
			in: `version: 1
cluster: {target_failures: -1}
hosts:
  - {name: hv-1, cpus: 8, memory_mib: 16384}
`,
			line:  2,
			entry: "cluster",
			msg:   "2: cluster: target_failures must be 0 or more, got -1",
		},

		// Hosts: the line is the entry's first line.
		{
			name: "host without name",
			in: `version: 1
hosts:
  - name: hv-1
    cpus: 8
    memory_mib: 16384
  - cpus: 8
    memory_mib: 16384
`,
			line:  6,
			entry: "hosts[1]",
			msg:   "6: hosts[1]: name is missing",
		},
		{
			name: "duplicate host",
			in: `version: 1
hosts:
  - name: hv-1
    cpus: 8
    memory_mib: 16384
  - name: hv-2
    cpus: 8
    memory_mib: 16384
  - name: hv-1
    cpus: 16
    memory_mib: 32768
`,
			line:  9,
			entry: "host hv-1",
			msg:   "9: host hv-1: listed twice",
		},
		{
			name: "zero cpus",
			in: `version: 1
hosts:
  - name: hv-1
    cpus: 8
    memory_mib: 16384
  - name: hv-2
    cpus: 0
    memory_mib: 16384
`,
			line:  6,
			entry: "host hv-2",
			msg:   "6: host hv-2: cpus must be positive, got 0",
		},
		{
			name: "negative cpus",
			in: `version: 1
hosts:
  - {name: hv-1, cpus: -8, memory_mib: 16384}
`,
			line:  3,
			entry: "host hv-1",
			msg:   "3: host hv-1: cpus must be positive, got -8",
		},
		{
			name: "negative memory_mib",
			in: `version: 1
hosts:
  - name: hv-1
    cpus: 8
    memory_mib: -16384
`,
			line:  3,
			entry: "host hv-1",
			msg:   "3: host hv-1: memory_mib must be positive, got -16384",
		},
		{
			name: "missing memory_mib",
			in: `version: 1
hosts:
  - {name: hv-1, cpus: 8}
`,
			line:  3,
			entry: "host hv-1",
			msg:   "3: host hv-1: memory_mib must be positive, got 0",
		},
		{
			name: "zero host cpu_overcommit",
			in: `version: 1
hosts:
  - {name: hv-1, cpus: 8, memory_mib: 16384}
  - name: hv-2
    cpus: 8
    memory_mib: 16384
    cpu_overcommit: 0
`,
			line:  4,
			entry: "host hv-2",
			msg:   "4: host hv-2: cpu_overcommit must be positive, got 0",
		},
		{
			name: "negative host memory_overcommit",
			in: `version: 1
hosts:
  - name: hv-1
    cpus: 8
    memory_mib: 16384
    memory_overcommit: -0.5
`,
			line:  3,
			entry: "host hv-1",
			msg:   "3: host hv-1: memory_overcommit must be positive, got -0.5",
		},
		{
			name: "NaN host cpu_overcommit",
			in: `version: 1
hosts:
  - {name: hv-1, cpus: 8, memory_mib: 16384, cpu_overcommit: .nan}
`,
			line:  3,
			entry: "host hv-1",
			msg:   "3: host hv-1: cpu_overcommit must be positive, got NaN",
		},
		{
			name: "impossible last_patched date",
			in: `version: 1
hosts:
  - name: hv-1
    cpus: 8
    memory_mib: 16384
    patch: {kernel_installed: 6.1.0-28-amd64, last_patched: 2026-02-30}
`,
			line:  3,
			entry: "host hv-1",
			msg:   `3: host hv-1: patch.last_patched "2026-02-30" is not a date (YYYY-MM-DD)`,
		},
		{
			name: "last_patched in another format",
			in: `version: 1
hosts:
  - name: hv-1
    cpus: 8
    memory_mib: 16384
    patch:
      last_patched: 14/09/2026
`,
			line:  3,
			entry: "host hv-1",
			msg:   `3: host hv-1: patch.last_patched "14/09/2026" is not a date (YYYY-MM-DD)`,
		},

		// Guests.
		{
			name: "guest without name",
			in: `version: 1
hosts:
  - {name: hv-1, cpus: 8, memory_mib: 16384}
guests:
  - {name: vm-1, host: hv-1, vcpus: 2, memory_mib: 2048}
  - host: hv-1
    vcpus: 2
    memory_mib: 2048
`,
			line:  6,
			entry: "guests[1]",
			msg:   "6: guests[1]: name is missing",
		},
		{
			name: "duplicate guest",
			in: `version: 1
hosts:
  - {name: hv-1, cpus: 8, memory_mib: 16384}
guests:
  - name: vm-1
    host: hv-1
    vcpus: 2
    memory_mib: 2048
  - name: vm-1
    host: hv-1
    vcpus: 4
    memory_mib: 4096
`,
			line:  9,
			entry: "guest vm-1",
			msg:   "9: guest vm-1: listed twice",
		},
		{
			name: "guest without host",
			in: `version: 1
hosts:
  - {name: hv-1, cpus: 8, memory_mib: 16384}
guests:
  - {name: vm-1, vcpus: 2, memory_mib: 2048}
`,
			line:  5,
			entry: "guest vm-1",
			msg:   "5: guest vm-1: host is missing",
		},
		{
			name: "guest on an unknown host",
			in: `version: 1
hosts:
  - {name: hv-1, cpus: 8, memory_mib: 16384}
guests:
  - {name: vm-1, host: hv-1, vcpus: 2, memory_mib: 2048}
  - {name: vm-2, host: hv-1, vcpus: 2, memory_mib: 2048}
  - name: vm-3
    host: hv-9
    vcpus: 2
    memory_mib: 2048
`,
			line:  7,
			entry: "guest vm-3",
			msg:   `7: guest vm-3: host "hv-9" is not in hosts`,
		},
		{
			name: "zero guest vcpus",
			in: `version: 1
hosts:
  - {name: hv-1, cpus: 8, memory_mib: 16384}
guests:
  - {name: vm-1, host: hv-1, vcpus: 0, memory_mib: 2048}
`,
			line:  5,
			entry: "guest vm-1",
			msg:   "5: guest vm-1: vcpus must be positive, got 0",
		},
		{
			name: "negative guest vcpus",
			in: `version: 1
hosts:
  - {name: hv-1, cpus: 8, memory_mib: 16384}
guests:
  - name: vm-1
    host: hv-1
    vcpus: -2
    memory_mib: 2048
`,
			line:  5,
			entry: "guest vm-1",
			msg:   "5: guest vm-1: vcpus must be positive, got -2",
		},
		{
			name: "negative guest memory_mib",
			in: `version: 1
hosts:
  - {name: hv-1, cpus: 8, memory_mib: 16384}
guests:
  - {name: vm-1, host: hv-1, vcpus: 2, memory_mib: 2048}
  - name: vm-2
    host: hv-1
    vcpus: 2
    memory_mib: -2048
`,
			line:  6,
			entry: "guest vm-2",
			msg:   "6: guest vm-2: memory_mib must be positive, got -2048",
		},
		{
			name: "negative dirty_rate_mib_s",
			in: `version: 1
hosts:
  - {name: hv-1, cpus: 8, memory_mib: 16384}
guests:
  - name: vm-1
    host: hv-1
    vcpus: 2
    memory_mib: 2048
    dirty_rate_mib_s: -20
`,
			line:  5,
			entry: "guest vm-1",
			msg:   "5: guest vm-1: dirty_rate_mib_s must be 0 or more, got -20",
		},
		{
			name: "NaN dirty_rate_mib_s",
			in: `version: 1
hosts:
  - {name: hv-1, cpus: 8, memory_mib: 16384}
guests:
  - {name: vm-1, host: hv-1, vcpus: 2, memory_mib: 2048, dirty_rate_mib_s: .nan}
`,
			line:  5,
			entry: "guest vm-1",
			msg:   "5: guest vm-1: dirty_rate_mib_s must be 0 or more, got NaN",
		},
		{
			// 8 CPUs at the default overcommit of 2.0 are 16 vCPUs.
			name: "guest has more vcpus than any host",
			in: `version: 1
hosts:
  - {name: hv-1, cpus: 8, memory_mib: 16384}
  - {name: hv-2, cpus: 4, memory_mib: 65536}
guests:
  - {name: vm-1, host: hv-1, vcpus: 17, memory_mib: 2048}
`,
			line:  6,
			entry: "guest vm-1",
			msg:   "6: guest vm-1: 17 vCPUs and 2048 MiB is larger than any host (largest hosts: 16 vCPUs with 16384 MiB, 8 vCPUs with 65536 MiB)",
		},
		{
			name: "guest has more memory than any host",
			in: `version: 1
cluster: {memory_overcommit: 1.5}
hosts:
  - {name: hv-1, cpus: 8, memory_mib: 16384}
guests:
  - {name: vm-1, host: hv-1, vcpus: 2, memory_mib: 24577}
`,
			line:  6,
			entry: "guest vm-1",
			msg:   "6: guest vm-1: 2 vCPUs and 24577 MiB is larger than any host (largest hosts: 16 vCPUs with 24576 MiB)",
		},

		// Placement rules.
		{
			name: "affinity and anti_affinity name the same group",
			in: `version: 1
hosts:
  - {name: hv-1, cpus: 8, memory_mib: 16384}
guests:
  - name: vm-1
    host: hv-1
    vcpus: 2
    memory_mib: 2048
    affinity: web
    anti_affinity: web
`,
			line:  5,
			entry: "guest vm-1",
			msg:   `5: guest vm-1: affinity and anti_affinity name the same group "web"`,
		},
		{
			name: "affinity members share an anti-affinity group",
			in: `version: 1
hosts:
  - {name: hv-1, cpus: 8, memory_mib: 16384}
  - {name: hv-2, cpus: 8, memory_mib: 16384}
guests:
  - {name: db-1, host: hv-1, vcpus: 2, memory_mib: 2048, affinity: db, anti_affinity: replicas}
  - {name: cache-1, host: hv-1, vcpus: 2, memory_mib: 2048, affinity: db}
  - {name: db-2, host: hv-1, vcpus: 2, memory_mib: 2048, affinity: db, anti_affinity: replicas}
`,
			line:  8,
			entry: "guest db-2",
			msg: `8: guest db-2: affinity group "db" puts it with db-1, anti-affinity group "replicas" keeps them apart: ` +
				"no placement can honour both",
		},
		{
			name: "affinity group pinned to two hosts",
			in: `version: 1
hosts:
  - {name: hv-1, cpus: 8, memory_mib: 16384}
  - {name: hv-2, cpus: 8, memory_mib: 16384}
guests:
  - {name: db-1, host: hv-1, vcpus: 2, memory_mib: 2048, affinity: db, migratable: false}
  - {name: app-1, host: hv-2, vcpus: 2, memory_mib: 2048, affinity: db}
  - name: db-2
    host: hv-2
    vcpus: 2
    memory_mib: 2048
    affinity: db
    migratable: false
`,
			line:  8,
			entry: "guest db-2",
			msg:   `8: guest db-2: affinity group "db" has pinned members on hv-1 (db-1) and hv-2: they can never share a host`,
		},
		{
			name: "affinity group too large for any host",
			in: `version: 1
hosts:
  - {name: hv-1, cpus: 8, memory_mib: 16384}
  - {name: hv-2, cpus: 8, memory_mib: 16384}
guests:
  - {name: app-1, host: hv-1, vcpus: 8, memory_mib: 4096, affinity: app}
  - {name: other, host: hv-1, vcpus: 8, memory_mib: 4096}
  - {name: app-2, host: hv-2, vcpus: 8, memory_mib: 4096, affinity: app}
  - {name: app-3, host: hv-2, vcpus: 1, memory_mib: 1024, affinity: app}
`,
			line:  9,
			entry: "guest app-3",
			msg:   `9: guest app-3: affinity group "app" needs 17 vCPUs and 9216 MiB together, more than any host (largest hosts: 16 vCPUs with 16384 MiB)`,
		},

		// JSON reads through the same decoder; the lines still hold.
		{
			name: "JSON unknown key",
			in: `{"version": 1,
 "hosts": [
  {"name": "hv-1", "cpus": 8, "memory_mib": 16384,
   "colour": "red"}]}
`,
			line: 4,
			msg:  "4: field colour is not a key of a host",
		},
		{
			name: "JSON guest on an unknown host",
			in: `{"version": 1,
 "hosts": [{"name": "hv-1", "cpus": 8, "memory_mib": 16384}],
 "guests": [
  {"name": "vm-1", "host": "hv-1", "vcpus": 2, "memory_mib": 2048},
  {"name": "vm-2", "host": "hv-2", "vcpus": 2, "memory_mib": 2048}
 ]}
`,
			line:  5,
			entry: "guest vm-2",
			msg:   `5: guest vm-2: host "hv-2" is not in hosts`,
		},

		{
			name:  "capacity rounds down to nothing",
			in:    "version: 1\nhosts:\n  - {name: hv-1, cpus: 1, memory_mib: 16384, cpu_overcommit: 0.5}\n",
			line:  3,
			entry: "host hv-1",
			msg:   "3: host hv-1: 1 CPUs at an overcommit of 0.5 leave no whole vCPU",
		},
		// Faults the typed decoder alone would miss or misplace.
		{
			name: "fractional host cpus",
			in: `version: 1
hosts:
  - name: hv-1
    cpus: 1.5
    memory_mib: 16384
`,
			line: 4,
			sub:  "cpus",
		},
		{
			name: "fractional guest memory_mib",
			in: `version: 1
hosts:
  - {name: hv-1, cpus: 8, memory_mib: 16384}
guests:
  - {name: vm-1, host: hv-1, vcpus: 2, memory_mib: 2048.5}
`,
			line: 5,
			sub:  "memory_mib",
		},
		{
			name: "fractional version",
			in:   "version: 1.5\nhosts:\n  - {name: hv-1, cpus: 8, memory_mib: 16384}\n",
			line: 1,
			sub:  "version",
		},
		{
			name: "fractional target_failures",
			in:   "version: 1\ncluster: {target_failures: 1.9}\nhosts:\n  - {name: hv-1, cpus: 8, memory_mib: 16384}\n",
			line: 2,
			sub:  "target_failures",
		},
		{
			name: "fault in the first of two hosts with one name",
			in: `version: 1
hosts:
  - name: hv-1
    cpus: 0
    memory_mib: 16384
  - name: hv-1
    cpus: 8
    memory_mib: 16384
`,
			line:  3,
			entry: "host hv-1",
			msg:   "3: host hv-1: cpus must be positive, got 0",
		},
		{
			name: "fault in the first of two guests with one name",
			in: `version: 1
hosts:
  - {name: hv-1, cpus: 8, memory_mib: 16384}
guests:
  - {name: vm-1, host: hv-9, vcpus: 2, memory_mib: 2048}
  - {name: vm-1, host: hv-1, vcpus: 2, memory_mib: 2048}
`,
			line:  5,
			entry: "guest vm-1",
			msg:   `5: guest vm-1: host "hv-9" is not in hosts`,
		},
		{
			// hv-1 has the vCPUs but not the memory, hv-2 the memory
			// but not the vCPUs: no host can run vm-1.
			name: "guest fits no single host",
			in: `version: 1
hosts:
  - {name: hv-1, cpus: 8, memory_mib: 8192}
  - {name: hv-2, cpus: 2, memory_mib: 65536}
guests:
  - {name: vm-1, host: hv-1, vcpus: 16, memory_mib: 16384}
`,
			line:  6,
			entry: "guest vm-1",
			sub:   "larger than any host",
		},
		{
			name: "second document",
			in: `version: 1
hosts:
  - {name: hv-1, cpus: 8, memory_mib: 16384}
---
hosts: []
`,
			line: 4,
		},
		{
			name: "duplicate host through a merge key",
			in: `version: 1
hosts:
  - &hv {name: hv-1, cpus: 8, memory_mib: 16384}
  - <<: *hv
    cpus: 16
`,
			line:  4,
			entry: "host hv-1",
			msg:   "4: host hv-1: listed twice",
		},
		{
			name: "syntax error line in block YAML",
			in: `version: 1
hosts:
  - name: hv-1
    cpus: 8
   memory_mib: 16384
`,
			// The decoder knows only the block it was reading: the item
			// that starts on line 3.
			line: 3,
			msg:  "3: did not find expected '-' indicator in the block that starts on this line",
		},
		{
			name: "syntax error line in JSON",
			in: `{"version": 1,
 "hosts": [
  {"name": "hv-1", "cpus": 8, "memory_mib": 16384}
  {"name": "hv-2", "cpus": 8, "memory_mib": 16384}]}
`,
			// The list that starts on line 2.
			line: 2,
			msg:  "2: did not find expected ',' or ']' in the block that starts on this line",
		},
		{
			name: "syntax error on the first line",
			in:   "\tversion: 1\n",
			line: 1,
			sub:  "found character that cannot start any token",
		},
	}
}

func TestParseInventoryErrors(t *testing.T) {
	type fault struct {
		Line  int
		Entry string
		Msg   string
	}
	for _, tc := range inventoryErrorCases() {
		t.Run(tc.name, func(t *testing.T) {
			inv, err := ParseInventory([]byte(tc.in))
			var got fault
			var ie *InventoryError
			switch {
			case err == nil:
				got.Msg = "no error"
			case !errors.As(err, &ie):
				t.Fatalf("ParseInventory() error %q is a %T, want an *InventoryError", err, err)
			default:
				got = fault{Line: ie.Line, Entry: ie.Entry, Msg: err.Error()}
				if inv != nil {
					t.Errorf("ParseInventory() returned an inventory with the error %q", err)
				}
			}
			want := fault{Line: tc.line, Entry: tc.entry, Msg: tc.msg}
			if tc.msg == "" && err != nil && strings.Contains(got.Msg, tc.sub) {
				want.Msg = got.Msg
			}
			if diff := cmp.Diff(got, want); diff != "" {
				t.Errorf("ParseInventory() fault (-got +want):\n%s", diff)
			}
		})
	}
}

func TestParseInventoryDefaults(t *testing.T) {
	hosts := "hosts:\n  - {name: hv-1, cpus: 8, memory_mib: 16384}\n"
	for _, tc := range []struct {
		name string
		in   string
		want Cluster
	}{
		{"no cluster", "version: 1\n" + hosts, DefaultCluster},
		{"null cluster", "version: 1\ncluster: ~\n" + hosts, DefaultCluster},
		{"empty cluster", "version: 1\ncluster: {}\n" + hosts, DefaultCluster},
		{"null key", "version: 1\ncluster: {cpu_overcommit: null}\n" + hosts, DefaultCluster},
		{
			"some keys",
			"version: 1\ncluster: {cpu_overcommit: 4, target_failures: 0}\n" + hosts,
			Cluster{CPUOvercommit: 4, MemoryOvercommit: 1.0, MigrationBandwidth: 1100, TargetFailures: 0},
		},
		{
			"all keys",
			"version: 1\ncluster: {cpu_overcommit: 3, memory_overcommit: 1.25, migration_bandwidth_mib_s: 500, target_failures: 2}\n" + hosts,
			Cluster{CPUOvercommit: 3, MemoryOvercommit: 1.25, MigrationBandwidth: 500, TargetFailures: 2},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			inv, err := ParseInventory([]byte(tc.in))
			if err != nil {
				t.Fatalf("ParseInventory() error: %v", err)
			}
			if diff := cmp.Diff(inv.Cluster, tc.want); diff != "" {
				t.Errorf("Cluster (-got +want):\n%s", diff)
			}
		})
	}
	if want := (Cluster{CPUOvercommit: 2.0, MemoryOvercommit: 1.0, MigrationBandwidth: 1100, TargetFailures: 1}); DefaultCluster != want {
		t.Errorf("DefaultCluster = %+v, want %+v (DESIGN.md section 9); did a parse change it?", DefaultCluster, want)
	}

	t.Run("migratable", func(t *testing.T) {
		inv, err := ParseInventory([]byte("version: 1\n" + hosts + `guests:
  - {name: omitted, host: hv-1, vcpus: 1, memory_mib: 1024}
  - {name: explicit-null, host: hv-1, vcpus: 1, memory_mib: 1024, migratable: null}
  - {name: "true", host: hv-1, vcpus: 1, memory_mib: 1024, migratable: true}
  - {name: "false", host: hv-1, vcpus: 1, memory_mib: 1024, migratable: false}
`))
		if err != nil {
			t.Fatalf("ParseInventory() error: %v", err)
		}
		got := map[string]bool{}
		for i := range inv.Guests {
			got[inv.Guests[i].Name] = inv.Guests[i].CanMove()
		}
		want := map[string]bool{"omitted": true, "explicit-null": true, "true": true, "false": false}
		if diff := cmp.Diff(got, want); diff != "" {
			t.Errorf("CanMove() by guest (-got +want):\n%s", diff)
		}
	})

	t.Run("capacity", func(t *testing.T) {
		inv, err := ParseInventory([]byte(`version: 1
cluster: {cpu_overcommit: 2.0, memory_overcommit: 1.0}
hosts:
  - {name: plain, cpus: 10, memory_mib: 1000}
  - {name: cpu, cpus: 10, memory_mib: 1000, cpu_overcommit: 4.0}
  - {name: memory, cpus: 10, memory_mib: 1000, memory_overcommit: 1.5}
  - {name: both, cpus: 10, memory_mib: 1000, cpu_overcommit: 1.0, memory_overcommit: 0.5}
  - {name: floor, cpus: 3, memory_mib: 1001, cpu_overcommit: 1.5, memory_overcommit: 1.5}
`))
		if err != nil {
			t.Fatalf("ParseInventory() error: %v", err)
		}
		type capacity struct{ VCPUs, MemoryMiB float64 }
		got := map[string]capacity{}
		for i := range inv.Hosts {
			h := &inv.Hosts[i]
			got[h.Name] = capacity{inv.vcpuCapacity(h), inv.memoryCapacity(h)}
		}
		want := map[string]capacity{
			"plain":  {20, 1000},
			"cpu":    {40, 1000},
			"memory": {20, 1500},
			"both":   {10, 500},
			"floor":  {4, 1501}, // capacities are whole: 4.5 vCPUs and 1501.5 MiB round down
		}
		if diff := cmp.Diff(got, want); diff != "" {
			t.Errorf("capacity by host (-got +want):\n%s", diff)
		}
	})
}

func invPtr[T any](v T) *T { return &v }

// smallInventory is testdata/inventory/small.yaml and small.json.
func smallInventory() *Inventory {
	webLabels := map[string]string{"app": "shop", "tier": "web"}
	return &Inventory{
		Version: 1,
		Cluster: Cluster{CPUOvercommit: 2, MemoryOvercommit: 1, MigrationBandwidth: 1100, TargetFailures: 1},
		Hosts: []Host{
			{
				Name: "hv-0001", CPUs: 64, MemoryMiB: 524288,
				Labels: map[string]string{"rack": "r01", "zone": "a"},
				Patch: Patch{
					KernelInstalled: "6.1.0-28-amd64", KernelRunning: "6.1.0-25-amd64",
					QEMU: "1:7.2+dfsg-7+deb12u6", Libvirt: "9.0.0-4+deb12u2",
					RebootRequired: true, LastPatched: "2026-09-14",
				},
			},
			{
				Name: "hv-0002", CPUs: 32, MemoryMiB: 262144,
				Labels: map[string]string{"rack": "r02", "zone": "b"},
				Patch:  Patch{KernelInstalled: "6.1.0-28-amd64", KernelRunning: "6.1.0-28-amd64", LastPatched: "2026-10-01"},
			},
		},
		Guests: []Guest{
			{
				Name: "vm-000001", Host: "hv-0001", VCPUs: 2, MemoryMiB: 3584,
				AntiAffinity: "svc-00001", Migratable: invPtr(true), DirtyRate: invPtr(20.0), Labels: webLabels,
			},
			{Name: "vm-000002", Host: "hv-0002", VCPUs: 2, MemoryMiB: 3584, AntiAffinity: "svc-00001", Labels: webLabels},
			{Name: "vm-000003", Host: "hv-0002", VCPUs: 8, MemoryMiB: 16384, Priority: 10},
		},
	}
}

func TestParseInventoryJSON(t *testing.T) {
	parse := func(name string) *Inventory {
		t.Helper()
		data, err := os.ReadFile(filepath.Join("testdata", "inventory", name))
		if err != nil {
			t.Fatal(err)
		}
		inv, err := ParseInventory(data)
		if err != nil {
			t.Fatalf("ParseInventory(%s) error: %v", name, err)
		}
		return inv
	}
	fromYAML, fromJSON := parse("small.yaml"), parse("small.json")
	if diff := cmp.Diff(fromJSON, fromYAML); diff != "" {
		t.Errorf("small.json against small.yaml (-got +want):\n%s", diff)
	}
	if diff := cmp.Diff(fromYAML, smallInventory()); diff != "" {
		t.Errorf("small.yaml (-got +want):\n%s", diff)
	}

	// A fault in JSON carries a line, as in YAML.
	_, err := ParseInventory([]byte(`{
  "version": 1,
  "hosts": [
    {"name": "hv-1", "cpus": 8, "memory_mib": 16384},
    {
      "name": "hv-2",
      "cpus": 8,
      "memory_mib": -1
    }
  ]
}`))
	var ie *InventoryError
	if !errors.As(err, &ie) {
		t.Fatalf("ParseInventory() error %v, want an *InventoryError", err)
	}
	if diff := cmp.Diff(err.Error(), "5: host hv-2: memory_mib must be positive, got -1"); diff != "" {
		t.Errorf("JSON fault (-got +want):\n%s", diff)
	}
}

func TestLoadInventory(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		in   string
		want string // after the path
	}{
		{
			name: "validation",
			in:   "version: 1\nhosts:\n  - {name: hv-1, cpus: 8, memory_mib: 16384}\nguests:\n  - {name: vm-3, host: hv-9, vcpus: 1, memory_mib: 1}\n",
			want: `:5: guest vm-3: host "hv-9" is not in hosts`,
		},
		{
			name: "decoder",
			in:   "version: 1\nhosts:\n  - {name: hv-1, cpus: eight, memory_mib: 16384}\n",
			want: ":3: `eight` is not a whole number",
		},
		{
			name: "no line",
			in:   "version: 1\n",
			want: ": no hosts",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.name+".yaml")
			if err := os.WriteFile(path, []byte(tc.in), 0o644); err != nil {
				t.Fatal(err)
			}
			inv, err := LoadInventory(path)
			if inv != nil || err == nil {
				t.Fatalf("LoadInventory() = %v, %v, want an error", inv, err)
			}
			if diff := cmp.Diff(err.Error(), path+tc.want); diff != "" {
				t.Errorf("LoadInventory() error (-got +want):\n%s", diff)
			}
			var ie *InventoryError
			if !errors.As(err, &ie) || ie.File != path {
				t.Errorf("LoadInventory() error %#v, want an *InventoryError with File %q", err, path)
			}
		})
	}

	t.Run("missing", func(t *testing.T) {
		path := filepath.Join(dir, "missing.yaml")
		_, err := LoadInventory(path)
		if !errors.Is(err, fs.ErrNotExist) {
			t.Fatalf("LoadInventory() error %v, want one wrapping fs.ErrNotExist", err)
		}
		if !strings.Contains(err.Error(), path) {
			t.Errorf("LoadInventory() error %q does not name %s", err, path)
		}
	})

	t.Run("fixtures", func(t *testing.T) {
		for _, path := range inventoryFixtures(t) {
			if _, err := LoadInventory(path); err != nil {
				t.Errorf("LoadInventory() error: %v", err)
			}
		}
	})
}

func inventoryFixtures(tb testing.TB) []string {
	tb.Helper()
	var paths []string
	for _, pattern := range []string{"*.yaml", "*.json"} {
		m, err := filepath.Glob(filepath.Join("testdata", "inventory", pattern))
		if err != nil {
			tb.Fatal(err)
		}
		paths = append(paths, m...)
	}
	if len(paths) == 0 {
		tb.Fatal("no fixtures in testdata/inventory")
	}
	return paths
}

func FuzzParseInventory(f *testing.F) {
	for _, path := range inventoryFixtures(f) {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, tc := range inventoryErrorCases() {
		f.Add([]byte(tc.in))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		inv, err := ParseInventory(data)
		if err != nil {
			var ie *InventoryError
			if !errors.As(err, &ie) {
				t.Fatalf("ParseInventory() error %q is a %T, want an *InventoryError", err, err)
			}
			if inv != nil {
				t.Fatalf("ParseInventory() returned an inventory with the error %q", err)
			}
			if ie.Line < 0 {
				t.Fatalf("ParseInventory() error %q has line %d", err, ie.Line)
			}
			return
		}
		if err := inv.Validate(); err != nil {
			t.Fatalf("Validate() after a successful ParseInventory: %v", err)
		}
		if len(inv.Hosts) == 0 {
			t.Fatal("ParseInventory() accepted an inventory without hosts")
		}
		hosts := map[string]bool{}
		for _, h := range inv.Hosts {
			hosts[h.Name] = true
		}
		for _, g := range inv.Guests {
			if !hosts[g.Host] {
				t.Fatalf("guest %q is on host %q, which is not in hosts", g.Name, g.Host)
			}
		}
	})
}

// TestParseInventoryManyShapes: a guest that fits only the tenth of ten
// host sizes is accepted (the largest-hosts frontier is never cut short).
func TestParseInventoryManyShapes(t *testing.T) {
	in := "version: 1\ncluster: {cpu_overcommit: 1.0}\nhosts:\n"
	for i := 1; i <= 10; i++ {
		in += fmt.Sprintf("  - {name: h%d, cpus: %d, memory_mib: %d}\n", i, i, 1024*(11-i))
	}
	in += "guests:\n  - {name: big, host: h10, vcpus: 10, memory_mib: 1024}\n"
	if _, err := ParseInventory([]byte(in)); err != nil {
		t.Fatal(err)
	}
}
