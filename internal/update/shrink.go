package update

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/scopeplan/scopeplan/parser/record"
)

// Figures are what a document holds, for comparing a download with the
// copy it replaces.
type Figures struct {
	Records int `json:"records"`
	Scopes  int `json:"scopes"`
	// Products are the products (granular page sections, classic scope
	// groups) the document covers.
	Products []string `json:"products,omitempty"`
}

// Shrink compares a download with the copy it replaces.
type Shrink struct {
	Before Figures `json:"before"`
	After  Figures `json:"after"`
	// Lost are the products the download no longer covers.
	Lost []string `json:"lost_products,omitempty"`
}

// String gives the figures in one line.
func (s *Shrink) String() string {
	var parts []string
	if s.After.Records < s.Before.Records {
		parts = append(parts, fmt.Sprintf("records %d -> %d (-%.0f%%)", s.Before.Records, s.After.Records, drop(s.Before.Records, s.After.Records)*100))
	}
	if s.After.Scopes < s.Before.Scopes {
		parts = append(parts, fmt.Sprintf("scopes %d -> %d (-%.0f%%)", s.Before.Scopes, s.After.Scopes, drop(s.Before.Scopes, s.After.Scopes)*100))
	}
	if len(s.Lost) > 0 {
		parts = append(parts, fmt.Sprintf("products gone: %s", strings.Join(s.Lost, ", ")))
	}
	return "shrinks the document: " + strings.Join(parts, "; ")
}

// drop is the share of before that after lost.
func drop(before, after int) float64 {
	if before <= 0 || after >= before {
		return 0
	}
	return float64(before-after) / float64(before)
}

// FiguresOf counts a document's records, distinct scope names and
// products.
func FiguresOf(d *record.Document) Figures {
	scopes := map[string]bool{}
	products := map[string]bool{}
	add := func(refs []record.ScopeRef) {
		for _, r := range refs {
			scopes[r.Name] = true
		}
	}
	for _, r := range d.GranularRows {
		add(r.Scopes)
		if r.Product != "" {
			products[r.Product] = true
		}
	}
	for _, c := range d.ClassicScopes {
		scopes[c.Name] = true
		if c.Group != "" {
			products[c.Group] = true
		}
	}
	for _, op := range d.Operations {
		for _, l := range op.Scopes {
			add(l.Classic)
			add(l.Granular)
		}
	}
	for _, ev := range d.Events {
		for _, l := range ev.Scopes {
			add(l.Classic)
			add(l.Granular)
		}
	}
	f := Figures{Records: d.Records(), Scopes: len(scopes)}
	for p := range products {
		f.Products = append(f.Products, p)
	}
	sort.Strings(f.Products)
	return f
}

// shrinkOf returns the comparison of a download with the copy it
// replaces when the download loses more than max of the records or of the
// scopes, or a product; nil when it does not.
func shrinkOf(old, new *record.Document, max float64) *Shrink {
	s := &Shrink{Before: FiguresOf(old), After: FiguresOf(new)}
	for _, p := range s.Before.Products {
		if !slices.Contains(s.After.Products, p) {
			s.Lost = append(s.Lost, p)
		}
	}
	if drop(s.Before.Records, s.After.Records) > max || drop(s.Before.Scopes, s.After.Scopes) > max || len(s.Lost) > 0 {
		return s
	}
	return nil
}
