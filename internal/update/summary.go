package update

import (
	"context"
	"fmt"
	"strings"

	"github.com/scopeplan/scopeplan"
	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/internal/loader"
)

// Summary counts a run's sources by outcome (report.UpdateSummary is its
// JSON form).
type Summary struct {
	Updated   int
	Unchanged int
	Absent    int
	Refused   int
	Failed    int
}

// Summary counts the run's sources by outcome.
func (r *Result) Summary() Summary {
	return Summary{
		Updated:   r.Count(StatusUpdated),
		Unchanged: r.Count(StatusUnchanged),
		Absent:    r.Count(StatusAbsent),
		Refused:   r.Count(StatusRefused),
		Failed:    r.Count(StatusFailed),
	}
}

// Err says, in one error, which sources were refused or failed; nil when
// every source updated, was unchanged or absent.
func (r *Result) Err() error {
	sum := r.Summary()
	if sum.Failed == 0 && sum.Refused == 0 {
		return nil
	}
	var parts []string
	if sum.Refused > 0 {
		parts = append(parts, fmt.Sprintf("%d refused (%s): nothing in the cache was changed; --allow-shrink accepts them",
			sum.Refused, strings.Join(names(r.With(StatusRefused)), ", ")))
	}
	if sum.Failed > 0 {
		parts = append(parts, fmt.Sprintf("%d failed (%s); their cached copies are unchanged",
			sum.Failed, strings.Join(names(r.Failed()), ", ")))
	}
	return fmt.Errorf("update: of %d sources, %s", len(r.Sources), strings.Join(parts, "; "))
}

// names lists the sources' names.
func names(rs []SourceResult) []string {
	var out []string
	for _, s := range rs {
		out = append(out, s.Source.Name)
	}
	return out
}

// Changes is what a run changed in the catalog the other commands use.
type Changes struct {
	// Diff goes from the catalog before the run to the one after.
	Diff catalog.Changes
	// Old and New are the documents of each side.
	Old, New scopeplan.Provenance
}

// Changes diffs the catalog commands used before a run that changed
// something against the one they use after: each side is the cached
// documents merged with the embedded ones they do not replace (the
// embedded ones alone before a first update). It is nil when the run
// committed no updated document. Reading the embedded documents stops
// with ctx's error once ctx is done.
func (r *Result) Changes(ctx context.Context) (*Changes, error) {
	if !r.Committed || r.Count(StatusUpdated) == 0 || len(r.New) == 0 {
		return nil, nil
	}
	embedded, err := loader.Embedded(ctx)
	if err != nil {
		return nil, fmt.Errorf("update: the embedded documents: %w", err)
	}
	oldDocs := loader.MergeCached(embedded, r.Old)
	oldC, err := catalog.Build(oldDocs)
	if err != nil {
		return nil, fmt.Errorf("update: the catalog before: %w", err)
	}
	newC, newDocs := r.Catalog, r.Compiled
	if newC == nil {
		newDocs = loader.MergeCached(embedded, r.New)
		if newC, err = catalog.Build(newDocs); err != nil {
			return nil, fmt.Errorf("update: the catalog after: %w", err)
		}
	}
	origin := scopeplan.OriginCache
	if len(r.Old) == 0 {
		origin = scopeplan.OriginEmbedded
	}
	return &Changes{
		Diff: catalog.Diff(oldC, newC),
		Old:  scopeplan.ProvenanceOf(origin, oldDocs),
		New:  scopeplan.ProvenanceOf(scopeplan.OriginCache, newDocs),
	}, nil
}
