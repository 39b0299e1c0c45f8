package plan

import (
	"fmt"
	"testing"
)

// versionCases are pairs with the answer dpkg --compare-versions gives
// (checked against dpkg 1.21.22). They also seed FuzzCompareVersions.
func versionCases() []versionCase {
	return []versionCase{
		// Equal, including what dpkg considers the same.
		{"1.0", "1.0", 0},
		{"0:1.0", "1.0", 0},
		{"00:1.0", "0:1.0", 0},
		{"1.0-0", "1.0-0", 0},
		{"1.01", "1.1", 0},
		{"1.0", "1.00", 0},
		{"1.0-", "1.0", 0}, // invalid, but the empty revision is no revision
		// Numbers compare as numbers, not as strings.
		{"1.2", "1.10", -1},
		{"9", "10", -1},
		{"1.0.10", "1.0.9", 1},
		{"1.0", "1.0.0", -1},
		// Tilde sorts before everything, even the end.
		{"1.0~rc1", "1.0", -1},
		{"1.0~rc1", "1.0~rc2", -1},
		{"1.0~~", "1.0~", -1},
		{"1.0~~a", "1.0~~", 1},
		{"1.0~", "1.0~a", -1},
		{"1.0-1~bpo12+1", "1.0-1", -1},
		// Letters sort before non-letters, and the end before both.
		{"1.0a", "1.0+", -1},
		{"1.0a", "1.0.", -1},
		{"1.0", "1.0a", -1},
		{"1.0", "1.0+", -1},
		{"1.0A", "1.0a", -1},
		{"1.0+dfsg", "1.0", 1},
		// The epoch outweighs everything.
		{"1:1.0", "2.0", 1},
		{"1:0.1", "0:9.9", 1},
		{"2:1.0", "10:1.0", -1},
		{"1:7.2+dfsg-7+deb12u6", "7.2+dfsg-7+deb12u18", 1},
		// Revisions: split at the last hyphen.
		{"1.0-1", "1.0-1+deb12u1", -1},
		{"1.0-1", "1.0-2", -1},
		{"1.0-10", "1.0-9", 1},
		{"1.0-1", "1.0", 1},
		{"1.0-2-1", "1.0-10", 1}, // upstream 1.0-2 is newer than 1.0
		{"7.2+dfsg-7+deb12u6", "7.2+dfsg-7+deb12u18", -1},
		{"1:7.2+dfsg-7+deb12u6", "1:7.2+dfsg-7+deb12u6", 0},
		{"1:7.2+dfsg-7+deb12u6", "1:8.2.1+ds-1~bpo12+1", -1},
		{"9.0.0-4+deb12u2", "9.0.0-4+deb12u1", 1},
		{"9.0.0-4+deb12u2", "9.0.0-4", 1},
		{"9.0.0-4+deb12u2", "9.0.0-5", -1},
		{"9.0.0-4+deb12u2", "10.0.0-1~bpo12+1", -1},
		// Kernel releases as they are reported.
		{"6.1.0-25-amd64", "6.1.0-28-amd64", -1},
		{"6.1.0-28-amd64", "6.1.0-28-amd64", 0},
		{"6.1.0-9-amd64", "6.1.0-10-amd64", -1},
		{"6.1.0-28-amd64", "6.12.0-1-amd64", -1},
		{"6.1.0-28-amd64", "6.1.0-28-cloud-amd64", -1},
		// The empty version is older than any other.
		{"", "", 0},
		{"", "0", -1},
		{"", "~", -1},
		// Junk dpkg refuses still gets a consistent answer.
		{"a:1.0", "1.0", 1},
		{"1.0\x00", "1.0", 1},
	}
}

type versionCase struct {
	a, b string
	want int
}

func TestCompareVersions(t *testing.T) {
	for _, c := range versionCases() {
		t.Run(fmt.Sprintf("%s vs %s", c.a, c.b), func(t *testing.T) {
			if got := CompareVersions(c.a, c.b); got != c.want {
				t.Errorf("CompareVersions(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
			}
			if got := CompareVersions(c.b, c.a); got != -c.want {
				t.Errorf("CompareVersions(%q, %q) = %d, want %d", c.b, c.a, got, -c.want)
			}
		})
	}
}

func TestValidVersion(t *testing.T) {
	for _, c := range []struct {
		in, want string // want is the error, "" for none
	}{
		{"1.0", ""},
		{"0", ""},
		{"1:7.2+dfsg-7+deb12u6", ""},
		{"9.0.0-4+deb12u2", ""},
		{"6.1.0-28-amd64", ""},
		{"1.0~rc1-1~bpo12+1", ""},
		{"1:2:3", ""}, // dpkg allows colons in upstream after an epoch
		{"2147483647:1", ""},
		{"", "version is empty"},
		{"1.0 beta", `version "1.0 beta": contains a space`},
		{" 1.0", `version " 1.0": contains a space`},
		{"1.0\t", `version "1.0\t": contains a space`},
		{"a:1.0", `version "a:1.0": epoch "a" is not a number`},
		{"-1:1.0", `version "-1:1.0": epoch "-1" is not a number`},
		{":1.0", `version ":1.0": epoch before the colon is empty`},
		{"2147483648:1", `version "2147483648:1": epoch 2147483648 is too big`},
		{"99999999999999999999:1", `version "99999999999999999999:1": epoch 99999999999999999999 is too big`},
		{"1:", `version "1:": nothing after the epoch`},
		{"abc", `version "abc": upstream version "abc" does not start with a digit`},
		{"1:v2.0", `version "1:v2.0": upstream version "v2.0" does not start with a digit`},
		{"-1", `version "-1": upstream version is empty`},
		{"1.0-", `version "1.0-": revision after the last hyphen is empty`},
		{"1.0_beta", `version "1.0_beta": upstream version "1.0_beta" has the invalid character '_'`},
		{"1:1.0-1:2", `version "1:1.0-1:2": revision "1:2" has the invalid character ':'`},
		{"1.0-é", `version "1.0-é": revision "é" has the invalid character 'é'`},
		{"1.0\xff", `version "1.0\xff": upstream version "1.0\xff" has the invalid character '�'`},
	} {
		t.Run(c.in, func(t *testing.T) {
			got := ""
			if err := ValidVersion(c.in); err != nil {
				got = err.Error()
			}
			if got != c.want {
				t.Errorf("ValidVersion(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

// FuzzCompareVersions checks that any two strings compare without a
// panic, in a consistent order: reflexive, antisymmetric and normalised
// to -1, 0 or +1.
func FuzzCompareVersions(f *testing.F) {
	for _, c := range versionCases() {
		f.Add(c.a, c.b)
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		ab, ba := CompareVersions(a, b), CompareVersions(b, a)
		if ab != -ba {
			t.Errorf("CompareVersions(%q, %q) = %d but CompareVersions(%q, %q) = %d", a, b, ab, b, a, ba)
		}
		if ab < -1 || ab > 1 {
			t.Errorf("CompareVersions(%q, %q) = %d, want -1, 0 or 1", a, b, ab)
		}
		for _, s := range []string{a, b} {
			if got := CompareVersions(s, s); got != 0 {
				t.Errorf("CompareVersions(%q, %q) = %d, want 0", s, s, got)
			}
			_ = ValidVersion(s) // must not panic
		}
	})
}
