package alert

import (
	"encoding/json"
	"io"
)

// JSONLines writes each closed alert as one JSON object per line. It
// ignores Open: a replay writes every alert once, with its final count.
type JSONLines struct {
	enc *json.Encoder
	Err error // the first write error
}

// NewJSONLines returns a sink writing to w.
func NewJSONLines(w io.Writer) *JSONLines {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return &JSONLines{enc: enc}
}

// Open implements Sink.
func (s *JSONLines) Open(*Alert) {}

// Close implements Sink.
func (s *JSONLines) Close(a *Alert) {
	if s.Err == nil {
		s.Err = s.enc.Encode(a)
	}
}
