package catalog

import "github.com/scopeplan/scopeplan/parser/record"

// JoinKind records how an endpoint was tied to the API references that
// describe it, from strongest to weakest evidence.
type JoinKind string

// Join kinds.
const (
	// JoinPageOnly: the endpoint is known from a granular scopes page only.
	JoinPageOnly JoinKind = "page_only"
	// JoinOperationID: an API reference operation matched by (product, operationId).
	JoinOperationID JoinKind = "operation_id"
	// JoinPath: matched by method and normalised path.
	JoinPath JoinKind = "path"
	// JoinName: matched by API name within the product, the last resort.
	JoinName JoinKind = "name"
	// JoinUnmatched: an API reference operation that joined no scope-page row.
	JoinUnmatched JoinKind = "unmatched"
	// JoinAmbiguous: an API reference operation that matched several rows
	// equally well; it was not joined to any (see Endpoint.Candidates).
	JoinAmbiguous JoinKind = "ambiguous"
)

// rank orders join kinds by strength; lower is stronger.
func (k JoinKind) rank() int {
	switch k {
	case JoinOperationID:
		return 0
	case JoinPath:
		return 1
	case JoinName:
		return 2
	case JoinPageOnly:
		return 3
	case JoinUnmatched:
		return 4
	}
	return 5
}

// Weak reports whether the join is too weak to trust without a second look
// (name only, or ambiguous).
func (k JoinKind) Weak() bool { return k == JoinName || k == JoinAmbiguous }

// Endpoint is one API operation: one API row of a granular scopes page,
// or an API reference operation that joined no row.
type Endpoint struct {
	ID     int    `json:"id" yaml:"id"`
	Method string `json:"method,omitempty" yaml:"method,omitempty"`
	// Path is the path template ("{param}" form) when some document gives it.
	Path        string `json:"path,omitempty" yaml:"path,omitempty"`
	OperationID string `json:"operation_id,omitempty" yaml:"operation_id,omitempty"`
	Name        string `json:"name" yaml:"name"`
	// Product is the granular page's doc-link product segment ("user").
	Product string `json:"product" yaml:"product"`
	// ProductTitle is the product heading or document title ("Zoom User").
	ProductTitle string         `json:"product_title,omitempty" yaml:"product_title,omitempty"`
	Section      string         `json:"section,omitempty" yaml:"section,omitempty"`
	Variant      record.Variant `json:"variant" yaml:"variant"`
	// Link is the granular page's doc link, verbatim.
	Link string   `json:"link,omitempty" yaml:"link,omitempty"`
	Join JoinKind `json:"join" yaml:"join"`
	// Candidates lists the endpoint IDs an ambiguous join could have meant.
	Candidates []int `json:"candidates,omitempty" yaml:"candidates,omitempty"`
	// Granular and Classic are the scopes that grant the endpoint: sorted
	// alternatives, any one of which suffices.
	Granular []string `json:"granular" yaml:"granular"`
	Classic  []string `json:"classic" yaml:"classic"`
	// ClassicByName lists the classic scopes that grant the endpoint only
	// through an API name on the classic page that several endpoints
	// share: the weakest evidence there is.
	ClassicByName []string `json:"classic_by_name,omitempty" yaml:"classic_by_name,omitempty"`
	// Permissions are the Zoom role permissions (x-permissions, such as
	// "Recording:Read") the API references say the authorising user needs,
	// sorted; any one of them suffices.
	Permissions []string `json:"permissions,omitempty" yaml:"permissions,omitempty"`
	// Sources lists every place the endpoint is described.
	Sources []record.Source `json:"sources" yaml:"sources"`
	// Refs are the API reference operations joined to this endpoint.
	Refs []OperationRef `json:"refs,omitempty" yaml:"refs,omitempty"`
	// Rows are the granular page rows behind this endpoint.
	Rows []RowRef `json:"rows,omitempty" yaml:"rows,omitempty"`
}

// OperationRef points at one API reference operation.
type OperationRef struct {
	Doc  int      `json:"doc" yaml:"doc"` // index into Catalog.Documents
	Op   int      `json:"op" yaml:"op"`   // index into that document's Operations
	Join JoinKind `json:"join" yaml:"join"`
}

// RowRef points at one granular page row.
type RowRef struct {
	Doc int `json:"doc" yaml:"doc"`
	Row int `json:"row" yaml:"row"`
}

// Label is a short human name for the endpoint: "GET /users/{userId}
// (Get a user)", or the name and link when the path is unknown.
func (e *Endpoint) Label() string {
	if e.Path != "" {
		return e.Method + " " + e.Path + " (" + e.Name + ")"
	}
	if e.Link != "" {
		return e.Name + " <" + e.Link + ">"
	}
	return e.Name
}
