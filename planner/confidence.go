package planner

import "fmt"

// Confidence says how sure a plan is of a call's or an event's scopes. Its
// text ("high", "low") is what reports print; the zero Confidence is unset
// and prints as "".
type Confidence uint8

// The confidences of a planned call or event.
const (
	// ConfidenceHigh: the documents agree on the scopes.
	ConfidenceHigh Confidence = iota + 1
	// ConfidenceLow: something casts doubt on them; the plan's notes say
	// what.
	ConfidenceLow
)

// String returns the confidence's text.
func (c Confidence) String() string {
	switch c {
	case ConfidenceHigh:
		return "high"
	case ConfidenceLow:
		return "low"
	}
	return ""
}

// MarshalText writes the confidence's text, so JSON and YAML carry the word.
func (c Confidence) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText reads a confidence's text ("" is the zero Confidence).
func (c *Confidence) UnmarshalText(b []byte) error {
	for _, v := range []Confidence{0, ConfidenceHigh, ConfidenceLow} {
		if v.String() == string(b) {
			*c = v
			return nil
		}
	}
	return fmt.Errorf("unknown confidence %q (want high or low)", b)
}
