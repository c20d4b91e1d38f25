package parser

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/scopeplan/scopeplan/parser/record"
)

// Load reads the documents a command-line spec names: "FILE" (kind
// detected from content), "KIND=FILE" (kind forced), or "DIR" (every
// regular, non-hidden file in the folder, sorted by name, kinds detected).
func Load(spec string) ([]*record.Document, error) {
	var kind record.Kind
	path := spec
	if k, p, ok := strings.Cut(spec, "="); ok && !fileExists(spec) {
		pk, err := ParseKind(k)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", spec, err)
		}
		kind, path = pk, p
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("read document: %w", err)
	}
	if !info.IsDir() {
		d, err := LoadFile(path, kind)
		if err != nil {
			return nil, err
		}
		return []*record.Document{d}, nil
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return nil, fmt.Errorf("read document folder: %w", err)
	}
	var names []string
	for _, e := range entries {
		if e.Type().IsRegular() && !strings.HasPrefix(e.Name(), ".") && !strings.EqualFold(e.Name(), "README.md") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	if len(names) == 0 {
		return nil, fmt.Errorf("%s: folder holds no documents", path)
	}
	var docs []*record.Document
	for _, n := range names {
		d, err := LoadFile(filepath.Join(path, n), kind)
		if err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	return docs, nil
}

// LoadFile reads and parses one file; an empty kind means detect it.
func LoadFile(path string, kind record.Kind) (*record.Document, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read document: %w", err)
	}
	return Parse(path, data, kind)
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return !errors.Is(err, fs.ErrNotExist)
}
