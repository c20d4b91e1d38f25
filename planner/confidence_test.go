package planner_test

import (
	"encoding/json"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/scopeplan/scopeplan/planner"
)

// TestConfidenceText: a confidence is its word in JSON and YAML, reads
// back, and an unknown word is an error.
func TestConfidenceText(t *testing.T) {
	for c, word := range map[planner.Confidence]string{0: "", planner.ConfidenceHigh: "high", planner.ConfidenceLow: "low"} {
		if c.String() != word {
			t.Errorf("%d: String %q, want %q", c, c.String(), word)
		}
		b, err := json.Marshal(struct{ C planner.Confidence }{c})
		if err != nil || string(b) != `{"C":"`+word+`"}` {
			t.Errorf("%d: json %s, %v", c, b, err)
		}
		var back struct{ C planner.Confidence }
		if err := json.Unmarshal(b, &back); err != nil || back.C != c {
			t.Errorf("%d: json read back %d, %v", c, back.C, err)
		}
		y, _ := yaml.Marshal(struct{ C planner.Confidence }{c})
		back.C = 99
		if err := yaml.Unmarshal(y, &back); err != nil || back.C != c {
			t.Errorf("%d: yaml %q read back %d, %v", c, y, back.C, err)
		}
	}
	var c planner.Confidence
	if err := c.UnmarshalText([]byte("medium")); err == nil {
		t.Error("an unknown confidence read without error")
	}
}
