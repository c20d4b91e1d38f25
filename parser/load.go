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
// regular, non-hidden file in the folder and its subfolders, such as Zoom's
// API hub layout <slug>/methods/endpoints.json, sorted by path, kinds
// detected; README.md files are skipped).
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
	names, err := folderFiles(path)
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("%s: folder holds no documents", path)
	}
	var docs []*record.Document
	for _, n := range names {
		d, err := LoadFile(n, kind)
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

// folderFiles lists the documents under a folder, recursively, sorted by
// path: regular files only, hidden files and folders and README.md files
// skipped.
func folderFiles(root string) ([]string, error) {
	var names []string
	err := filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		hidden := p != root && strings.HasPrefix(e.Name(), ".")
		if e.IsDir() {
			if hidden {
				return filepath.SkipDir
			}
			return nil
		}
		if hidden || !e.Type().IsRegular() || strings.EqualFold(e.Name(), "README.md") {
			return nil
		}
		names = append(names, p)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read document folder: %w", err)
	}
	sort.Strings(names)
	return names, nil
}
