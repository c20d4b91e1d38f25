package lint

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
)

// BaselineVersion is the version of the baseline file's shape.
const BaselineVersion = 1

// Baseline is a set of accepted findings. A finding is matched by rule and
// subject only, never by line, so edits elsewhere in a document do not
// break it; each entry accepts as many findings as its Count.
type Baseline struct {
	Version int             `json:"version"`
	Entries []BaselineEntry `json:"entries"`
}

// BaselineEntry accepts Count findings of Rule about Subject.
type BaselineEntry struct {
	Rule    string `json:"rule"`
	Subject string `json:"subject"`
	Count   int    `json:"count"`
}

type baselineKey struct{ rule, subject string }

// NewBaseline builds the baseline that accepts exactly the given findings.
func NewBaseline(fs []Finding) Baseline {
	counts := map[baselineKey]int{}
	for _, f := range fs {
		counts[baselineKey{f.Rule, f.Subject}]++
	}
	b := Baseline{Version: BaselineVersion, Entries: []BaselineEntry{}}
	for k, n := range counts {
		b.Entries = append(b.Entries, BaselineEntry{Rule: k.rule, Subject: k.subject, Count: n})
	}
	sort.Slice(b.Entries, func(i, j int) bool {
		if b.Entries[i].Rule != b.Entries[j].Rule {
			return b.Entries[i].Rule < b.Entries[j].Rule
		}
		return b.Entries[i].Subject < b.Entries[j].Subject
	})
	return b
}

// WriteBaseline writes the baseline accepting the given findings as JSON.
func WriteBaseline(w io.Writer, fs []Finding) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(NewBaseline(fs)); err != nil {
		return fmt.Errorf("write baseline: %w", err)
	}
	return nil
}

// ReadBaseline reads a baseline written by WriteBaseline.
func ReadBaseline(r io.Reader) (Baseline, error) {
	var b Baseline
	dec := json.NewDecoder(r)
	if err := dec.Decode(&b); err != nil {
		return Baseline{}, fmt.Errorf("read baseline: %w", err)
	}
	if b.Version != BaselineVersion {
		return Baseline{}, fmt.Errorf("read baseline: unsupported version %d (want %d)", b.Version, BaselineVersion)
	}
	for i, e := range b.Entries {
		if e.Rule == "" {
			return Baseline{}, fmt.Errorf("read baseline: entry %d has no rule", i+1)
		}
		if e.Count < 1 {
			b.Entries[i].Count = 1
		}
	}
	return b, nil
}

// Apply splits findings into those the baseline does not accept (new) and
// those it accepts, both in their original order. Each entry accepts up
// to Count findings of its rule and subject.
func (b Baseline) Apply(fs []Finding) (fresh, accepted []Finding) {
	left := map[baselineKey]int{}
	for _, e := range b.Entries {
		left[baselineKey{e.Rule, e.Subject}] += e.Count
	}
	fresh, accepted = []Finding{}, []Finding{}
	for _, f := range fs {
		k := baselineKey{f.Rule, f.Subject}
		if left[k] > 0 {
			left[k]--
			accepted = append(accepted, f)
			continue
		}
		fresh = append(fresh, f)
	}
	return fresh, accepted
}
