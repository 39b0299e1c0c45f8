package inventory

import "testing"

func FuzzParse(f *testing.F) {
	f.Add([]byte("guests:\n  - name: web-1\n    macs: [\"52:54:00:00:00:11\"]\n    ips: [10.77.0.11, fd77::11]\n    labels: {role: web}\n"))
	f.Add([]byte("guests: []\n"))
	f.Add([]byte("guests:\n  - name: a\n    ifindex: 4\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tab, err := Parse(data)
		if err == nil {
			for _, g := range tab.Guests() {
				if g.Name == "" {
					t.Fatal("accepted a guest without a name")
				}
			}
		}
	})
}
