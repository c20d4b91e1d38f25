package apiref

import (
	"errors"
	"github.com/scopeplan/scopeplan/parser/record"
)

// SniffPostman is a stub (to be replaced).
func SniffPostman(data []byte) bool { return false }

// ParsePostman is a stub (to be replaced).
func ParsePostman(path string, data []byte) (*record.Document, error) {
	return nil, errors.New("not implemented")
}

// SniffOpenAPIText is a stub (to be replaced).
func SniffOpenAPIText(data []byte) bool { return false }

// ParseOpenAPIText is a stub (to be replaced).
func ParseOpenAPIText(path string, data []byte) (*record.Document, error) {
	return nil, errors.New("not implemented")
}

// SniffEndpointPage is a stub (to be replaced).
func SniffEndpointPage(data []byte) bool { return false }

// ParseEndpointPage is a stub (to be replaced).
func ParseEndpointPage(path string, data []byte) (*record.Document, error) {
	return nil, errors.New("not implemented")
}
