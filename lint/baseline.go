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
// to Count findings of its rule and subject; an entry of a deprecated
// rule accepts the findings of the rules that replaced it (ReplacedBy,
// followed to the end), so a baseline outlives a rule's renaming or split.
func (b Baseline) Apply(fs []Finding) (fresh, accepted []Finding) {
	return b.apply(fs, Rules())
}

func (b Baseline) apply(fs []Finding, rules []Rule) (fresh, accepted []Finding) {
	left := map[baselineKey]int{}
	for _, e := range b.Entries {
		left[baselineKey{e.Rule, e.Subject}] += e.Count
	}
	formerly := formerIDs(rules)
	fresh, accepted = []Finding{}, []Finding{}
	for _, f := range fs {
		ok := false
		for _, id := range append([]string{f.Rule}, formerly[f.Rule]...) {
			if k := (baselineKey{id, f.Subject}); left[k] > 0 {
				left[k]--
				ok = true
				break
			}
		}
		if ok {
			accepted = append(accepted, f)
			continue
		}
		fresh = append(fresh, f)
	}
	return fresh, accepted
}

// formerIDs maps each rule to the deprecated rules it replaced, directly
// or through other deprecated rules, nearest first.
func formerIDs(rules []Rule) map[string][]string {
	direct := map[string][]string{} // replacement -> deprecated rules
	for _, r := range rules {
		if r.Deprecated {
			for _, to := range r.ReplacedBy {
				direct[to] = append(direct[to], r.ID)
			}
		}
	}
	out := map[string][]string{}
	for id := range direct {
		seen := map[string]bool{id: true}
		queue := []string{id}
		for len(queue) > 0 {
			cur := queue[0]
			queue = queue[1:]
			for _, old := range direct[cur] {
				if !seen[old] {
					seen[old] = true
					out[id] = append(out[id], old)
					queue = append(queue, old)
				}
			}
		}
	}
	return out
}
