package openapi

import (
	"errors"
	"github.com/scopeplan/scopeplan/parser/record"
)

// Sniff is a stub (to be replaced).
func Sniff(data []byte) bool { return false }

// Parse is a stub (to be replaced).
func Parse(path string, data []byte) (*record.Document, error) {
	return nil, errors.New("not implemented")
}
