package site

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/lint"
)

// LintNotes turns lint findings into the explorer's notes (Options.Notes),
// in order: each tied to the endpoints it touches (lint.Attribute) and to
// the scope it names.
func LintNotes(c *catalog.Catalog, findings []lint.Finding) []Note {
	notes := make([]Note, len(findings))
	// Findings are not comparable (their fixes are a slice): key them by
	// what tells them apart.
	type key struct {
		rule, file, subject, message string
		line, column                 int
	}
	keyOf := func(f lint.Finding) key { return key{f.Rule, f.File, f.Subject, f.Message, f.Line, f.Column} }
	index := make(map[key]int, len(findings))
	for i, f := range findings {
		index[keyOf(f)] = i
		notes[i] = Note{Rule: f.Rule, Severity: string(f.Severity), Message: f.Message,
			Suggestion: f.Suggestion, File: f.File, Line: f.Line}
		if _, ok := c.Scope(f.Subject); ok {
			notes[i].Scopes = []string{f.Subject}
		}
	}
	a := lint.Attribute(c, findings)
	for _, e := range c.Endpoints {
		for _, f := range a.Endpoint(e) {
			if i, ok := index[keyOf(f)]; ok {
				notes[i].Endpoints = append(notes[i].Endpoints, e.ID)
			}
		}
	}
	return notes
}

// WriteHTMLFile writes the explorer (WriteHTML) to path, creating its
// folder, through a temporary file renamed into place, so a failed run
// never leaves half a page.
func (s *Site) WriteHTMLFile(path string) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create output dir: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".index-*.html")
	if err != nil {
		return fmt.Errorf("create temporary file: %w", err)
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	if err := s.WriteHTML(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
