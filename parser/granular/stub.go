package granular

import (
	"errors"
	"github.com/scopeplan/scopeplan/parser/record"
)

// SniffMarkdown is a stub (to be replaced).
func SniffMarkdown(data []byte) bool { return false }

// ParseMarkdown is a stub (to be replaced).
func ParseMarkdown(path string, data []byte) (*record.Document, error) {
	return nil, errors.New("not implemented")
}

// SniffHTML is a stub (to be replaced).
func SniffHTML(data []byte) bool { return false }

// ParseHTML is a stub (to be replaced).
func ParseHTML(path string, data []byte) (*record.Document, error) {
	return nil, errors.New("not implemented")
}
