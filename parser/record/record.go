// Package record holds the plain records every scope-document parser
// produces. It is the contract between the parsers and the catalog: parsers
// fill a Document, the catalog folds many Documents into one joined model.
//
// Every fact carries a Source (file and line) so that later stages can say
// where it came from.
package record

import (
	"encoding/json"
	"math"
)

// Kind names a document kind. The values are the names users give on the
// command line (KIND=FILE) and the names printed in reports.
type Kind string

// The document kinds scopeplan understands.
const (
	KindGranularMD   Kind = "granular-md"   // granular scopes page, Markdown tables
	KindGranularHTML Kind = "granular-html" // granular scopes page, HTML tables
	KindClassic      Kind = "classic"       // classic scopes page, plain text
	KindPostman      Kind = "postman"       // Postman-style API list
	KindOpenAPIText  Kind = "openapi-text"  // API reference rendered from OpenAPI, plain text
	KindEndpointPage Kind = "endpoint-page" // one API reference page
	KindOpenAPI      Kind = "openapi"       // OpenAPI 3 description, JSON or YAML
	KindWebhooks     Kind = "webhooks"      // OpenAPI 3.1 webhooks (event subscriptions), JSON or YAML
)

// Variant tells the regular operation from its master-account twin.
type Variant string

// Variants of an operation. The granular page links regular operations under
// /methods/ and master-account ones under /ma/.
const (
	VariantRegular Variant = "regular"
	VariantMaster  Variant = "master"
)

// Source is a position in a document. Line and Column are 1-based; zero
// means unknown. They are 32-bit (a large page holds several Sources a
// row); At builds a Source from int positions.
type Source struct {
	File   string `json:"file" yaml:"file"`
	Line   int32  `json:"line" yaml:"line"`
	Column int32  `json:"column,omitempty" yaml:"column,omitempty"`
}

// At is the position line:column of file (column 0: unknown). A position
// beyond what 32 bits hold, in a document over 2 GiB, is kept as the
// largest one (math.MaxInt32), never wrapped.
func At(file string, line, column int) Source {
	return Source{File: file, Line: pos32(line), Column: pos32(column)}
}

func pos32(n int) int32 {
	switch {
	case n > math.MaxInt32:
		return math.MaxInt32
	case n < 0:
		return 0
	}
	return int32(n)
}

// ScopeRef is one scope name as written in a document, with its position.
// Name is never altered by the parser (no trimming inside, no case change),
// so defects such as typos and stray characters survive for linting.
type ScopeRef struct {
	Name   string `json:"name" yaml:"name"`
	Source Source `json:"source" yaml:"source"`
}

// Document is everything one parser read from one file.
type Document struct {
	Path   string `json:"path" yaml:"path"`
	Kind   Kind   `json:"kind" yaml:"kind"`
	SHA256 string `json:"sha256" yaml:"sha256"`
	// Title is the document's own title where it has one (for API
	// references: the product title such as "Users").
	Title string `json:"title,omitempty" yaml:"title,omitempty"`

	GranularRows  []GranularRow  `json:"granular_rows,omitempty" yaml:"granular_rows,omitempty"`
	ClassicScopes []ClassicScope `json:"classic_scopes,omitempty" yaml:"classic_scopes,omitempty"`
	Operations    []Operation    `json:"operations,omitempty" yaml:"operations,omitempty"`
	// Events are the event subscriptions of a webhooks document.
	Events []Event `json:"events,omitempty" yaml:"events,omitempty"`

	// Problems are structural defects met while parsing (a truncated entry,
	// a missing header, a scope list split across lines). They are not
	// errors: the parser recovered and kept what it could.
	Problems []Problem `json:"problems,omitempty" yaml:"problems,omitempty"`
}

// Records counts the facts of a document: rows, classic scopes,
// operations and events.
func (d *Document) Records() int {
	return len(d.GranularRows) + len(d.ClassicScopes) + len(d.Operations) + len(d.Events)
}

// GranularRow is one API row of the granular scopes page. What its link
// says (LinkProduct, Variant, OperationID) is read from Link when asked
// for, not stored: a large page holds one GranularRow a row. JSON and YAML
// give those parts too, as link_product, variant and operation_id.
type GranularRow struct {
	Product string `json:"product" yaml:"product"` // the "## Product" heading text
	Section string `json:"section" yaml:"section"` // the "### Section" heading text
	Name    string `json:"name" yaml:"name"`       // the link text (API name)
	// Link is the href exactly as written; empty when the row links nowhere.
	Link   string     `json:"link,omitempty" yaml:"link,omitempty"`
	Scopes []ScopeRef `json:"scopes" yaml:"scopes"`
	Source Source     `json:"source" yaml:"source"`
}

// LinkProduct is the product segment of the link
// (/docs/api/rest/reference/<LinkProduct>/methods/#operation/<id>), or
// empty.
func (r GranularRow) LinkProduct() string { return ParseLink(r.Link).Product }

// Variant is the link's variant (methods or ma), or empty.
func (r GranularRow) Variant() Variant { return ParseLink(r.Link).Variant }

// OperationID is the link's #operation/ anchor, verbatim, or empty.
func (r GranularRow) OperationID() string { return ParseLink(r.Link).OperationID }

// granularRowFields is a GranularRow as JSON and YAML give it.
type granularRowFields struct {
	Product     string     `json:"product" yaml:"product"`
	Section     string     `json:"section" yaml:"section"`
	Name        string     `json:"name" yaml:"name"`
	Link        string     `json:"link,omitempty" yaml:"link,omitempty"`
	LinkProduct string     `json:"link_product,omitempty" yaml:"link_product,omitempty"`
	Variant     Variant    `json:"variant,omitempty" yaml:"variant,omitempty"`
	OperationID string     `json:"operation_id,omitempty" yaml:"operation_id,omitempty"`
	Scopes      []ScopeRef `json:"scopes" yaml:"scopes"`
	Source      Source     `json:"source" yaml:"source"`
}

func (r GranularRow) fields() granularRowFields {
	l := ParseLink(r.Link)
	return granularRowFields{
		Product: r.Product, Section: r.Section, Name: r.Name, Link: r.Link,
		LinkProduct: l.Product, Variant: l.Variant, OperationID: l.OperationID,
		Scopes: r.Scopes, Source: r.Source,
	}
}

// MarshalJSON writes the row with what its link says.
func (r GranularRow) MarshalJSON() ([]byte, error) { return json.Marshal(r.fields()) }

// MarshalYAML gives the row with what its link says.
func (r GranularRow) MarshalYAML() (any, error) { return r.fields(), nil }

// ClassicScope is one scope of the classic scopes page.
type ClassicScope struct {
	Group       string    `json:"group" yaml:"group"` // "Account" from "Account scopes"
	Name        string    `json:"name" yaml:"name"`
	Description string    `json:"description,omitempty" yaml:"description,omitempty"`
	APIs        []APIItem `json:"apis,omitempty" yaml:"apis,omitempty"`
	Source      Source    `json:"source" yaml:"source"`
}

// APIItem is one "Associated API" list item of a classic scope.
type APIItem struct {
	Name string `json:"name" yaml:"name"`
	// Link is set when the item is a Markdown link.
	Link   string `json:"link,omitempty" yaml:"link,omitempty"`
	Source Source `json:"source" yaml:"source"`
}

// ScopeOrigin says where inside an API reference a scope list was read.
type ScopeOrigin string

// Places an API reference states scopes.
const (
	OriginText       ScopeOrigin = "text"         // "Scopes:" / "Granular Scopes:" lines
	OriginExtensions ScopeOrigin = "x-extensions" // OpenAPI x-granular-scopes / x-macro-scopes
	OriginSecurity   ScopeOrigin = "security"     // OpenAPI security[].openapi_oauth
)

// ScopeList is one statement of an operation's scopes. An operation may
// state its scopes several times (OpenAPI files repeat them); each statement
// is kept so disagreements can be reported.
type ScopeList struct {
	Origin   ScopeOrigin `json:"origin" yaml:"origin"`
	Classic  []ScopeRef  `json:"classic,omitempty" yaml:"classic,omitempty"`
	Granular []ScopeRef  `json:"granular,omitempty" yaml:"granular,omitempty"`
	// HasGranular tells "no granular scopes stated" from "stated, empty".
	HasGranular bool `json:"has_granular,omitempty" yaml:"has_granular,omitempty"`
}

// Operation is one operation of an API reference (Postman list, rendered
// OpenAPI page, endpoint page or OpenAPI file).
type Operation struct {
	Method string `json:"method" yaml:"method"` // upper case
	// Path is the path template as written, without base URL or query
	// (":param" or "{param}" as the document writes it).
	Path        string   `json:"path" yaml:"path"`
	OperationID string   `json:"operation_id,omitempty" yaml:"operation_id,omitempty"`
	Name        string   `json:"name" yaml:"name"`
	Tags        []string `json:"tags,omitempty" yaml:"tags,omitempty"`
	// Scopes holds each statement of the operation's scopes, in the order
	// of precedence (x-extensions, security, text).
	Scopes    []ScopeList `json:"scopes,omitempty" yaml:"scopes,omitempty"`
	RateLimit string      `json:"rate_limit,omitempty" yaml:"rate_limit,omitempty"`
	// RateLimitSource is where the rate-limit label was read.
	RateLimitSource Source `json:"rate_limit_source,omitempty" yaml:"rate_limit_source,omitempty"`
	// Permissions are the Zoom role permissions the authorising user needs
	// (x-permissions, such as "Recording:Read"), verbatim.
	Permissions []string `json:"permissions,omitempty" yaml:"permissions,omitempty"`
	Source      Source   `json:"source" yaml:"source"`
}

// Event is one event subscription of a webhooks document: Zoom posts it to
// the app's endpoint when it happens. Its scopes are alternatives, like an
// operation's: any one of them lets the app subscribe.
type Event struct {
	// Name is the event name ("recording.completed"): the operationId, or
	// the webhooks map key when there is none.
	Name    string   `json:"name" yaml:"name"`
	Summary string   `json:"summary,omitempty" yaml:"summary,omitempty"`
	Tags    []string `json:"tags,omitempty" yaml:"tags,omitempty"`
	// Scopes holds each statement of the event's scopes (its description's
	// "Scopes:" and "Granular Scopes:" lines, and any x-extensions).
	Scopes []ScopeList `json:"scopes,omitempty" yaml:"scopes,omitempty"`
	Source Source      `json:"source" yaml:"source"`
}

// Classic returns the event's classic scopes from its first statement
// that names any.
func (e *Event) Classic() []ScopeRef { return firstClassic(e.Scopes) }

// Granular returns the event's granular scopes from its first statement
// that names any.
func (e *Event) Granular() []ScopeRef { return firstGranular(e.Scopes) }

func firstClassic(ls []ScopeList) []ScopeRef {
	for _, l := range ls {
		if len(l.Classic) > 0 {
			return l.Classic
		}
	}
	return nil
}

func firstGranular(ls []ScopeList) []ScopeRef {
	for _, l := range ls {
		if len(l.Granular) > 0 {
			return l.Granular
		}
	}
	return nil
}

// Classic returns the operation's classic scopes from its first statement
// that names any.
func (o *Operation) Classic() []ScopeRef { return firstClassic(o.Scopes) }

// Granular returns the operation's granular scopes from its first statement
// that names any.
func (o *Operation) Granular() []ScopeRef { return firstGranular(o.Scopes) }

// Problem codes: the structural defects a parser can report.
const (
	ProblemMissingHeader  = "MISSING_HEADER"         // an entry without its numbered/title header
	ProblemMissingField   = "MISSING_FIELD"          // an entry lacking a field it should have (description, scopes...)
	ProblemSplitList      = "SPLIT_SCOPE_LIST"       // a scope list continued on following lines
	ProblemTruncated      = "TRUNCATED_ENTRY"        // an entry cut off before its end
	ProblemRowWithoutLink = "ROW_WITHOUT_LINK"       // a granular row whose API name links nowhere
	ProblemMalformedLink  = "MALFORMED_LINK"         // a doc link that does not have the expected shape
	ProblemCountMismatch  = "COUNT_MISMATCH"         // a stated count that disagrees with the entries found
	ProblemDuplicateID    = "DUPLICATE_OPERATION_ID" // one operationId used twice in one document
)

// Problem is a structural defect found while parsing.
type Problem struct {
	Code    string `json:"code" yaml:"code"`
	Subject string `json:"subject,omitempty" yaml:"subject,omitempty"`
	Message string `json:"message" yaml:"message"`
	Source  Source `json:"source" yaml:"source"`
}
