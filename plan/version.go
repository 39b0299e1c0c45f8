package plan

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// CompareVersions compares two Debian package versions the way dpkg
// does (dpkg --compare-versions, deb-version(7)) and returns -1 when a
// is older than b, 0 when they are equal and +1 when a is newer.
//
// A version is [epoch:]upstream[-revision]: the epoch is the number
// before the first colon (0 when absent), the revision is what follows
// the last hyphen ("" when absent). Epochs compare as numbers, then the
// upstream parts and the revisions with dpkg's verrevcmp: runs of
// non-digits compare character by character with '~' before everything,
// even the end of the string, and letters before all other characters;
// runs of digits compare as numbers.
//
// Kernel release strings such as 6.1.0-28-amd64 order as people expect
// under the same rules: the upstream part is 6.1.0-28, the "revision"
// is the flavour.
//
// The empty string is older than any version, as dpkg --compare-versions
// has it. CompareVersions never fails: a string that ValidVersion
// rejects still gets a consistent place in the order (an epoch that is
// not a number is taken as part of the upstream version), just not a
// meaningful one. Validate versions that come from people before
// comparing them.
func CompareVersions(a, b string) int {
	if a == "" || b == "" {
		return cmp.Compare(len(a), len(b))
	}
	va, vb := splitVersion(a), splitVersion(b)
	if c := compareEpochs(va.epoch, vb.epoch); c != 0 {
		return c
	}
	if c := verrevcmp(va.upstream, vb.upstream); c != 0 {
		return c
	}
	return verrevcmp(va.revision, vb.revision)
}

// debVersion is a version split into its three parts; epoch is a string
// of digits, "" for none.
type debVersion struct {
	epoch, upstream, revision string
}

// splitVersion splits a version as dpkg does, without judging it.
func splitVersion(s string) debVersion {
	var v debVersion
	if i := strings.IndexByte(s, ':'); i > 0 && allASCIIDigits(s[:i]) {
		v.epoch, s = s[:i], s[i+1:]
	}
	if i := strings.LastIndexByte(s, '-'); i >= 0 {
		v.upstream, v.revision = s[:i], s[i+1:]
	} else {
		v.upstream = s
	}
	return v
}

// compareEpochs compares two strings of digits as numbers of any size,
// so that no epoch overflows.
func compareEpochs(a, b string) int {
	a, b = strings.TrimLeft(a, "0"), strings.TrimLeft(b, "0")
	if len(a) != len(b) {
		return cmp.Compare(len(a), len(b))
	}
	return strings.Compare(a, b)
}

// verrevcmp is dpkg's comparison of upstream versions and revisions
// (lib/dpkg/version.c), normalised to -1, 0 or +1.
func verrevcmp(a, b string) int {
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		for (i < len(a) && !isASCIIDigit(a[i])) || (j < len(b) && !isASCIIDigit(b[j])) {
			ac, bc := versionOrder(a, i), versionOrder(b, j)
			if ac != bc {
				return cmp.Compare(ac, bc)
			}
			i++
			j++
		}
		for i < len(a) && a[i] == '0' {
			i++
		}
		for j < len(b) && b[j] == '0' {
			j++
		}
		firstDiff := 0
		for i < len(a) && j < len(b) && isASCIIDigit(a[i]) && isASCIIDigit(b[j]) {
			if firstDiff == 0 {
				firstDiff = int(a[i]) - int(b[j])
			}
			i++
			j++
		}
		if i < len(a) && isASCIIDigit(a[i]) {
			return 1
		}
		if j < len(b) && isASCIIDigit(b[j]) {
			return -1
		}
		if firstDiff != 0 {
			return cmp.Compare(firstDiff, 0)
		}
	}
	return 0
}

// versionOrder is the weight of s[i] in a run of non-digits: the end of
// the string (and a digit, which ends the run) weighs 0, '~' less, letters
// their code, everything else more than any letter. dpkg gives a NUL byte
// the weight of the end of the string only because C cannot tell them
// apart; here it is an ordinary character.
func versionOrder(s string, i int) int {
	if i >= len(s) {
		return 0
	}
	switch c := s[i]; {
	case isASCIIDigit(c):
		return 0
	case isASCIILetter(c):
		return int(c)
	case c == '~':
		return -1
	default:
		return int(c) + 256
	}
}

// ValidVersion reports why s is not a Debian package version that dpkg
// would accept, or nil when it is one. It checks what dpkg checks: no
// spaces, an epoch that is a number, a non-empty upstream version that
// starts with a digit, non-empty revision after a hyphen, and only the
// characters deb-version(7) allows.
func ValidVersion(s string) error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("version %q: %s", s, fmt.Sprintf(format, args...))
	}
	if s == "" {
		return errors.New("version is empty")
	}
	if strings.ContainsAny(s, " \t\n\v\f\r") {
		return bad("contains a space")
	}
	rest := s
	if i := strings.IndexByte(s, ':'); i >= 0 {
		epoch := s[:i]
		switch {
		case epoch == "":
			return bad("epoch before the colon is empty")
		case !allASCIIDigits(epoch):
			return bad("epoch %q is not a number", epoch)
		}
		if n, err := strconv.ParseInt(epoch, 10, 64); err != nil || n > math.MaxInt32 {
			return bad("epoch %s is too big", epoch)
		}
		rest = s[i+1:]
		if rest == "" {
			return bad("nothing after the epoch")
		}
	}
	upstream, revision, hasRevision := rest, "", false
	if i := strings.LastIndexByte(rest, '-'); i >= 0 {
		upstream, revision, hasRevision = rest[:i], rest[i+1:], true
	}
	switch {
	case upstream == "":
		return bad("upstream version is empty")
	case !isASCIIDigit(upstream[0]):
		return bad("upstream version %q does not start with a digit", upstream)
	case hasRevision && revision == "":
		return bad("revision after the last hyphen is empty")
	}
	for _, c := range upstream {
		if !isASCIIAlnum(c) && !strings.ContainsRune(".+~-:", c) {
			return bad("upstream version %q has the invalid character %q", upstream, c)
		}
	}
	for _, c := range revision {
		if !isASCIIAlnum(c) && !strings.ContainsRune(".+~", c) {
			return bad("revision %q has the invalid character %q", revision, c)
		}
	}
	return nil
}

func isASCIIDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isASCIIAlnum(r rune) bool  { return r < 0x80 && (isASCIIDigit(byte(r)) || isASCIILetter(byte(r))) }

func allASCIIDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isASCIIDigit(s[i]) {
			return false
		}
	}
	return s != ""
}
