// Package data embeds the scope documents scopeplan ships with, so every
// command works offline with no flags.
package data

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"path"
	"sort"
)

//go:embed docs/*
var docs embed.FS

// Date is the day the embedded documents were captured.
const Date = "2026-11-23"

// File is one embedded document.
type File struct {
	// Path is the document's path in the repository ("data/docs/..."),
	// which is also the name reports give it.
	Path string
	Data []byte
}

// Files returns the embedded documents, sorted by path.
func Files() []File {
	entries, err := fs.ReadDir(docs, "docs")
	if err != nil {
		return nil
	}
	var out []File
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		b, err := docs.ReadFile(path.Join("docs", e.Name()))
		if err != nil {
			continue
		}
		out = append(out, File{Path: path.Join("data", "docs", e.Name()), Data: b})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// Digest is the sha256 of the embedded documents, each path and content in
// path order: one value that changes whenever any document does.
func Digest() string {
	h := sha256.New()
	for _, f := range Files() {
		h.Write([]byte(f.Path))
		h.Write([]byte{0})
		h.Write(f.Data)
	}
	return hex.EncodeToString(h.Sum(nil))
}
