package alert

import (
	"fmt"
	"strings"
	"time"

	"github.com/crosstalk-dev/crosstalk/flow"
)

// TableHeader is the header line of the table people read alerts in.
const TableHeader = "TIME                  KIND          SEVERITY  SOURCE                      TARGET                      COUNT  SUMMARY"

// Row formats a as one line of that table.
func (a *Alert) Row() string {
	dst := EndpointText(a.Dst)
	if dst == "" && len(a.Targets) > 0 {
		dst = fmt.Sprintf("%d hosts", len(a.Targets))
	}
	return fmt.Sprintf("%-20s  %-12s  %-8s  %-26s  %-26s  %5d  %s", a.Time.Format(time.RFC3339), a.Kind, a.Severity,
		EndpointText(a.Src), dst, a.Count, a.Summary)
}

// EndpointText formats an endpoint for people: "web-1 (10.0.0.11:80)".
func EndpointText(e *flow.Endpoint) string {
	if e == nil {
		return ""
	}
	s := e.IP
	if s == "" {
		s = e.MAC
	}
	if e.Port != 0 {
		if strings.Contains(s, ":") && e.IP != "" {
			s = "[" + s + "]"
		}
		s = fmt.Sprintf("%s:%d", s, e.Port)
	}
	if e.Guest != "" {
		s = e.Guest + " (" + s + ")"
	}
	return s
}
