package audit

import (
	"encoding/json"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/scopeplan/scopeplan/planner"
)

// TestVerdict pins each verdict to the findings that give it, and its
// text to the word reports print.
func TestVerdict(t *testing.T) {
	calls := Result{HasCalls: true}
	over := []Unused{{Scope: "a"}}
	tests := []struct {
		r    Result
		want Verdict
		text string
	}{
		{Result{}, VerdictNoCalls, "no-calls"},
		{calls, VerdictMatch, "match"},
		{Result{HasCalls: true, OverPrivileged: over}, VerdictOverPrivileged, "over-privileged"},
		{Result{Redundant: over}, VerdictOverPrivileged, "over-privileged"},
		{Result{Unknown: []Unknown{{Scope: "x"}}}, VerdictOverPrivileged, "over-privileged"},
		{Result{Levels: []LevelIssue{{Scope: "x"}}}, VerdictOverPrivileged, "over-privileged"},
		{Result{Kind: KindMixed}, VerdictOverPrivileged, "over-privileged"},
		{Result{InClient: &InClient{Unused: true}}, VerdictOverPrivileged, "over-privileged"},
		{Result{HasCalls: true, Missing: []Missing{{}}}, VerdictUnderPrivileged, "under-privileged"},
		{Result{InClient: &InClient{Missing: true}}, VerdictUnderPrivileged, "under-privileged"},
		{Result{HasCalls: true, Missing: []Missing{{}}, OverPrivileged: over}, VerdictOverAndUnderPrivileged, "over-and-under-privileged"},
		{Result{HasCalls: true, Missing: []Missing{{}}, Unmapped: []planner.Unmapped{{}}}, VerdictUnverified, "unverified"},
		{Result{UnmappedEvents: []UnmappedEvent{{}}}, VerdictUnverified, "unverified"},
	}
	for i, tc := range tests {
		got := tc.r.Verdict()
		if got != tc.want || got.String() != tc.text {
			t.Errorf("result %d: verdict %v (%q), want %v (%q)", i, got, got.String(), tc.want, tc.text)
		}
		if tc.r.Mismatch() == got.OK() {
			t.Errorf("result %d: Mismatch %v with verdict %s", i, tc.r.Mismatch(), got)
		}
	}
}

// TestTextRoundTrip: every kind and verdict marshals to its word in JSON
// and YAML and reads back; an unknown word is an error; the zero value is
// the empty string.
func TestTextRoundTrip(t *testing.T) {
	for _, k := range append(kinds(), 0) {
		b, err := json.Marshal(k)
		if err != nil || string(b) != `"`+k.String()+`"` {
			t.Errorf("kind %d: json %s, %v", k, b, err)
		}
		var back Kind
		if err := json.Unmarshal(b, &back); err != nil || back != k {
			t.Errorf("kind %d: read back %d, %v", k, back, err)
		}
		y, _ := yaml.Marshal(struct{ K Kind }{k})
		var yk struct{ K Kind }
		if err := yaml.Unmarshal(y, &yk); err != nil || yk.K != k {
			t.Errorf("kind %d: yaml %q read back %d, %v", k, y, yk.K, err)
		}
	}
	seen := map[string]bool{}
	for _, v := range append(verdicts(), 0) {
		if seen[v.String()] {
			t.Errorf("verdict %d: text %q used twice", v, v)
		}
		seen[v.String()] = true
		b, _ := json.Marshal(v)
		var back Verdict
		if err := json.Unmarshal(b, &back); err != nil || back != v {
			t.Errorf("verdict %d: json %s read back %d, %v", v, b, back, err)
		}
	}
	var v Verdict
	if err := v.UnmarshalText([]byte("fine")); err == nil {
		t.Error("an unknown verdict read without error")
	}
	var k Kind
	if err := k.UnmarshalText([]byte("granualr")); err == nil {
		t.Error("an unknown kind read without error")
	}
}
