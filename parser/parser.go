// Package parser reads scope documents of every kind scopeplan knows into
// record.Documents. It detects a document's kind from its content, or takes
// the kind the caller forces, and dispatches to the parser of that kind.
package parser

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/scopeplan/scopeplan/parser/apiref"
	"github.com/scopeplan/scopeplan/parser/classic"
	"github.com/scopeplan/scopeplan/parser/granular"
	"github.com/scopeplan/scopeplan/parser/openapi"
	"github.com/scopeplan/scopeplan/parser/record"
)

// Func parses one document's bytes; path is used only in sources and errors.
type Func func(path string, data []byte) (*record.Document, error)

// kindParser couples a kind with its sniffer and parser.
type kindParser struct {
	kind  record.Kind
	sniff func(data []byte) bool
	parse Func
}

// registry lists the parsers in detection order: the most specific first.
// It is a function, not a variable, so there is no package-level state.
func registry() []kindParser {
	return []kindParser{
		{record.KindWebhooks, openapi.SniffWebhooks, openapi.Parse},
		{record.KindOpenAPI, openapi.Sniff, openapi.Parse},
		{record.KindGranularHTML, granular.SniffHTML, granular.ParseHTML},
		{record.KindGranularMD, granular.SniffMarkdown, granular.ParseMarkdown},
		{record.KindClassic, classic.Sniff, classic.Parse},
		{record.KindPostman, apiref.SniffPostman, apiref.ParsePostman},
		{record.KindOpenAPIText, apiref.SniffOpenAPIText, apiref.ParseOpenAPIText},
		{record.KindEndpointPage, apiref.SniffEndpointPage, apiref.ParseEndpointPage},
	}
}

// Kinds lists every document kind, sorted by name.
func Kinds() []record.Kind {
	var ks []record.Kind
	for _, p := range registry() {
		ks = append(ks, p.kind)
	}
	sort.Slice(ks, func(i, j int) bool { return ks[i] < ks[j] })
	return ks
}

// ErrEmpty is returned for a document with no content.
var ErrEmpty = errors.New("document is empty")

// ErrUnknownKind is returned when no parser recognises a document.
var ErrUnknownKind = errors.New("unknown document kind")

// Detect returns the kind of a document from its content.
func Detect(data []byte) (record.Kind, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return "", ErrEmpty
	}
	for _, p := range registry() {
		if p.sniff(data) {
			return p.kind, nil
		}
	}
	return "", fmt.Errorf("%w (known kinds: %s)", ErrUnknownKind, kindList())
}

// ParseKind parses a kind name as given on the command line.
func ParseKind(name string) (record.Kind, error) {
	for _, p := range registry() {
		if string(p.kind) == name {
			return p.kind, nil
		}
	}
	return "", fmt.Errorf("%w %q (known kinds: %s)", ErrUnknownKind, name, kindList())
}

func kindList() string {
	var s []string
	for _, k := range Kinds() {
		s = append(s, string(k))
	}
	return strings.Join(s, ", ")
}

// Parse reads one document. An empty kind means detect it from the content.
// The returned document has its Path, Kind and SHA256 set.
func Parse(path string, data []byte, kind record.Kind) (*record.Document, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("%s: %w", path, ErrEmpty)
	}
	if !utf8.Valid(data) {
		return nil, fmt.Errorf("%s: document is not UTF-8 text", path)
	}
	if kind == "" {
		k, err := Detect(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		kind = k
	}
	for _, p := range registry() {
		if p.kind != kind {
			continue
		}
		doc, err := p.parse(path, data)
		if err != nil {
			return nil, fmt.Errorf("%s: parse as %s: %w", path, kind, err)
		}
		doc.Path = path
		doc.Kind = kind
		sum := sha256.Sum256(data)
		doc.SHA256 = hex.EncodeToString(sum[:])
		return doc, nil
	}
	return nil, fmt.Errorf("%s: %w %q (known kinds: %s)", path, ErrUnknownKind, kind, kindList())
}
