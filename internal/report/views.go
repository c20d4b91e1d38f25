package report

import (
	"github.com/scopeplan/scopeplan"
	"github.com/scopeplan/scopeplan/audit"
	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/explain"
	"github.com/scopeplan/scopeplan/internal/update"
	"github.com/scopeplan/scopeplan/lint"
	"github.com/scopeplan/scopeplan/parser/record"
	"github.com/scopeplan/scopeplan/planner"
	"github.com/scopeplan/scopeplan/scan"
)

// The JSON and YAML views: every key of scopeplan's machine-readable
// output is declared in this file.

// Meta is the head of every JSON and YAML output.
type Meta struct {
	SchemaVersion int                  `json:"schema_version" yaml:"schema_version"`
	Data          scopeplan.Provenance `json:"data" yaml:"data"`
}

// PlanCall is one call of a plan as JSON shows it.
type PlanCall struct {
	Call       string             `json:"call" yaml:"call"`
	Why        string             `json:"why,omitempty" yaml:"why,omitempty"`
	Optional   bool               `json:"optional,omitempty" yaml:"optional,omitempty"`
	Endpoint   EndpointView       `json:"endpoint" yaml:"endpoint"`
	Granular   []string           `json:"granular" yaml:"granular"`
	Classic    []string           `json:"classic" yaml:"classic"`
	SetAside   []planner.SetAside `json:"set_aside" yaml:"set_aside"`
	Confidence string             `json:"confidence" yaml:"confidence"`
	Notes      []string           `json:"notes" yaml:"notes"`
}

// PlanUnmapped is a call or event the plan could not cover.
type PlanUnmapped struct {
	Call string `json:"call" yaml:"call"`
	// Kind is "call" or "event".
	Kind        string   `json:"kind" yaml:"kind"`
	Reason      string   `json:"reason" yaml:"reason"`
	Suggestions []string `json:"suggestions" yaml:"suggestions"`
}

// PlanEvent is one subscribed event of a plan as JSON shows it.
type PlanEvent struct {
	Event      string             `json:"event" yaml:"event"`
	Why        string             `json:"why,omitempty" yaml:"why,omitempty"`
	Optional   bool               `json:"optional,omitempty" yaml:"optional,omitempty"`
	Product    string             `json:"product,omitempty" yaml:"product,omitempty"`
	Granular   []string           `json:"granular" yaml:"granular"`
	Classic    []string           `json:"classic" yaml:"classic"`
	SetAside   []planner.SetAside `json:"set_aside" yaml:"set_aside"`
	Confidence string             `json:"confidence" yaml:"confidence"`
	Notes      []string           `json:"notes" yaml:"notes"`
}

// PlanReport is the output of "plan" (the JSON contract).
type PlanReport struct {
	Meta             `yaml:",inline"`
	App              planner.AppType `json:"app" yaml:"app"`
	Granular         []string        `json:"granular" yaml:"granular"`
	Classic          []string        `json:"classic" yaml:"classic"`
	Optional         []string        `json:"optional" yaml:"optional"`
	OverGrant        int             `json:"over_grant" yaml:"over_grant"`
	ClassicOverGrant int             `json:"classic_over_grant" yaml:"classic_over_grant"`
	Optimal          bool            `json:"optimal" yaml:"optimal"`
	Gap              int             `json:"gap" yaml:"gap"`
	Calls            []PlanCall      `json:"calls" yaml:"calls"`
	// Events are the subscribed events; absent when none was given.
	Events []PlanEvent `json:"events,omitempty" yaml:"events,omitempty"`
	// OverGrantEvents counts the events the granular scopes allow beyond
	// the subscribed ones.
	OverGrantEvents int                `json:"over_grant_events,omitempty" yaml:"over_grant_events,omitempty"`
	Unmapped        []PlanUnmapped     `json:"unmapped" yaml:"unmapped"`
	TradeOffs       []planner.TradeOff `json:"trade_offs" yaml:"trade_offs"`
	// OverGrantEndpoints names, per chosen granular scope, the endpoints
	// it grants beyond the calls (see NewOverGrant); absent when the
	// caller did not compute it.
	OverGrantEndpoints *[]OverGrantScope `json:"over_grant_endpoints,omitempty" yaml:"over_grant_endpoints,omitempty"`
}

// ManifestScope is one entry of a Zoom app manifest's scopes block.
type ManifestScope struct {
	Scope    string `json:"scope" yaml:"scope"`
	Optional bool   `json:"optional" yaml:"optional"`
}

// Manifest is the scopes block of a Zoom app manifest, with the
// subscribed events where the plan has any.
type Manifest struct {
	Scopes   []ManifestScope   `json:"scopes" yaml:"scopes"`
	Features *ManifestFeatures `json:"features,omitempty" yaml:"features,omitempty"`
}

// ManifestFeatures is the features block of a Zoom app manifest.
type ManifestFeatures struct {
	EventSubscription ManifestEvents `json:"event_subscription" yaml:"event_subscription"`
}

// ManifestEvents lists the event names an app subscribes to, under the
// key Zoom's app manifest uses (features.event_subscription.events).
type ManifestEvents struct {
	Events []string `json:"events" yaml:"events"`
}

// LintReport is the result of scopeplan lint: the findings left after the
// baseline, sorted by file, line, rule, and their counts.
type LintReport struct {
	Meta
	Findings []lint.Finding `json:"findings" yaml:"findings"`
	Summary  lint.Summary   `json:"summary" yaml:"summary"`
	// Baselined counts the findings the baseline accepted (not listed).
	Baselined int `json:"baselined" yaml:"baselined"`
	// Tool is the SARIF run's tool version and path root (SARIF only).
	Tool SARIFTool `json:"-" yaml:"-"`
	// Rules are the rules that ran, the SARIF run's rule metadata (SARIF
	// only).
	Rules []lint.Rule `json:"-" yaml:"-"`
}

// AuditUnused is a requested scope no intended call needs.
type AuditUnused struct {
	Scope     string         `json:"scope" yaml:"scope"`
	Optional  bool           `json:"optional" yaml:"optional"`
	Grants    int            `json:"grants" yaml:"grants"`
	Endpoints []EndpointView `json:"endpoints" yaml:"endpoints"`
	// Events are the event subscriptions the scope allows, by name.
	Events []string `json:"events,omitempty" yaml:"events,omitempty"`
	// Pointer and Line locate the scope in a manifest.
	Pointer string `json:"pointer,omitempty" yaml:"pointer,omitempty"`
	Line    int    `json:"line,omitempty" yaml:"line,omitempty"`
}

// AuditMissing is an intended call no requested scope covers.
type AuditMissing struct {
	Call     string       `json:"call" yaml:"call"`
	Endpoint EndpointView `json:"endpoint" yaml:"endpoint"`
	Would    []string     `json:"would" yaml:"would"`
	// Event is set for a subscribed event no requested scope allows (its
	// endpoint is then empty); Pointer and Line locate it in a manifest.
	Event   string `json:"event,omitempty" yaml:"event,omitempty"`
	Pointer string `json:"pointer,omitempty" yaml:"pointer,omitempty"`
	Line    int    `json:"line,omitempty" yaml:"line,omitempty"`
}

// AuditCannotJudge is a requested scope no mapped call needs but an
// unmapped call could.
type AuditCannotJudge struct {
	Scope     string         `json:"scope" yaml:"scope"`
	Optional  bool           `json:"optional" yaml:"optional"`
	Grants    int            `json:"grants" yaml:"grants"`
	Endpoints []EndpointView `json:"endpoints" yaml:"endpoints"`
	// Calls are the unmapped calls (and events) that could need it.
	Calls   []string `json:"calls" yaml:"calls"`
	Pointer string   `json:"pointer,omitempty" yaml:"pointer,omitempty"`
	Line    int      `json:"line,omitempty" yaml:"line,omitempty"`
}

// AuditEvent is a manifest event subscription the audit could not map.
type AuditEvent struct {
	Event       string   `json:"event" yaml:"event"`
	Reason      string   `json:"reason" yaml:"reason"`
	Suggestions []string `json:"suggestions" yaml:"suggestions"`
	Pointer     string   `json:"pointer" yaml:"pointer"`
	Line        int      `json:"line" yaml:"line"`
}

// AuditZoomAppAPIs is what the manifest says about in-client Zoom Apps
// APIs: they need RequiredScope.
type AuditZoomAppAPIs struct {
	APIs          []string `json:"apis" yaml:"apis"`
	RequiredScope string   `json:"required_scope" yaml:"required_scope"`
	// Missing: APIs listed, the scope not requested; Unused: the scope
	// requested, no API listed.
	Missing bool   `json:"missing" yaml:"missing"`
	Unused  bool   `json:"unused" yaml:"unused"`
	Pointer string `json:"pointer,omitempty" yaml:"pointer,omitempty"`
	Line    int    `json:"line,omitempty" yaml:"line,omitempty"`
}

// AuditReport is the output of "audit".
type AuditReport struct {
	Meta           `yaml:",inline"`
	App            string             `json:"app" yaml:"app"`
	Verdict        string             `json:"verdict" yaml:"verdict"`
	Requested      []audit.Requested  `json:"requested" yaml:"requested"`
	Kind           string             `json:"kind" yaml:"kind"`
	Unknown        []audit.Unknown    `json:"unknown" yaml:"unknown"`
	Levels         []audit.LevelIssue `json:"level_not_allowed" yaml:"level_not_allowed"`
	Mixed          bool               `json:"mixed" yaml:"mixed"`
	OverPrivileged []AuditUnused      `json:"over_privileged" yaml:"over_privileged"`
	Redundant      []AuditUnused      `json:"redundant" yaml:"redundant"`
	Unmapped       []PlanUnmapped     `json:"unmapped" yaml:"unmapped"`
	OptionalUnused []AuditUnused      `json:"optional_unused" yaml:"optional_unused"`
	// CannotJudge lists the scopes the audit cannot call unused because an
	// unmapped call could need them; Incomplete says some call was unmapped.
	CannotJudge []AuditCannotJudge `json:"cannot_judge" yaml:"cannot_judge"`
	Incomplete  bool               `json:"incomplete" yaml:"incomplete"`
	// UnmappedEvents are the manifest's event subscriptions the audit
	// could not map; ZoomAppAPIs its in-client Zoom Apps APIs.
	UnmappedEvents []AuditEvent      `json:"unmapped_events" yaml:"unmapped_events"`
	ZoomAppAPIs    *AuditZoomAppAPIs `json:"zoom_app_apis,omitempty" yaml:"zoom_app_apis,omitempty"`

	// unusedTitle, when set, heads the over-privileged list in text.
	unusedTitle string
	// SARIF says where SARIF results belong (SARIF only).
	SARIF       AuditSARIF     `json:"-" yaml:"-"`
	Missing     []AuditMissing `json:"missing" yaml:"missing"`
	Plan        *PlanReport    `json:"plan,omitempty" yaml:"plan,omitempty"`
	ToAdd       []string       `json:"to_add" yaml:"to_add"`
	ToRemove    []string       `json:"to_remove" yaml:"to_remove"`
	BlastRadius []audit.Radius `json:"blast_radius" yaml:"blast_radius"`
	// Grants lists every endpoint each blast radius scope grants (text
	// only; see ListGrants).
	Grants []ScopeGrants `json:"-" yaml:"-"`
}

// StatsReport is the output of "catalog stats".
type StatsReport struct {
	Meta          `yaml:",inline"`
	Documents     []scopeplan.DocInfo `json:"documents" yaml:"documents"`
	catalog.Stats `yaml:",inline"`
	// ProductList names the products counted in Products.
	ProductList []string `json:"product_list" yaml:"product_list"`
}

// LookupReport is the output of "lookup".
type LookupReport struct {
	Meta    `yaml:",inline"`
	Query   string         `json:"query" yaml:"query"`
	Matches []EndpointView `json:"matches" yaml:"matches"`
	// Events are the events the query names (an event name such as
	// recording.completed).
	Events      []EventView `json:"events,omitempty" yaml:"events,omitempty"`
	Suggestions []string    `json:"suggestions,omitempty" yaml:"suggestions,omitempty"`
}

// ScopeReport is the output of "scope": every endpoint a scope grants.
type ScopeReport struct {
	Meta        `yaml:",inline"`
	Scope       string            `json:"scope" yaml:"scope"`
	Kind        catalog.ScopeKind `json:"kind" yaml:"kind"`
	Level       catalog.Level     `json:"level" yaml:"level"`
	Defined     bool              `json:"defined" yaml:"defined"`
	Group       string            `json:"group,omitempty" yaml:"group,omitempty"`
	Description string            `json:"description,omitempty" yaml:"description,omitempty"`
	Endpoints   []EndpointView    `json:"endpoints" yaml:"endpoints"`
	// Events are the events the scope lets an app subscribe to.
	Events   []EventView     `json:"events,omitempty" yaml:"events,omitempty"`
	Sources  []record.Source `json:"sources" yaml:"sources"`
	Findings []lint.Finding  `json:"findings" yaml:"findings"`
}

// DumpReport is the output of "catalog dump": the whole catalog.
type DumpReport struct {
	Meta         `yaml:",inline"`
	Endpoints    []*catalog.Endpoint   `json:"endpoints" yaml:"endpoints"`
	Scopes       []*catalog.Scope      `json:"scopes" yaml:"scopes"`
	Grants       []catalog.Grant       `json:"grants" yaml:"grants"`
	Associations []catalog.Association `json:"associations" yaml:"associations"`
	Events       []*catalog.Event      `json:"events,omitempty" yaml:"events,omitempty"`
}

// NewDumpReport is the dump of c.
func NewDumpReport(m Meta, c *catalog.Catalog) DumpReport {
	return DumpReport{Meta: m, Endpoints: c.Endpoints, Scopes: c.Scopes, Grants: c.Grants(), Associations: c.Associations, Events: c.Events}
}

// DiffScope is a scope added or removed.
type DiffScope struct {
	Scope string            `json:"scope" yaml:"scope"`
	Kind  catalog.ScopeKind `json:"kind" yaml:"kind"`
}

// DiffChange is an endpoint whose scopes changed.
type DiffChange struct {
	Endpoint        EndpointView `json:"endpoint" yaml:"endpoint"`
	GranularAdded   []string     `json:"granular_added" yaml:"granular_added"`
	GranularRemoved []string     `json:"granular_removed" yaml:"granular_removed"`
	ClassicAdded    []string     `json:"classic_added" yaml:"classic_added"`
	ClassicRemoved  []string     `json:"classic_removed" yaml:"classic_removed"`
}

// DiffReport is the output of "catalog diff"; its data is the new side's
// provenance, old and new give both.
type DiffReport struct {
	Meta             `yaml:",inline"`
	Old              scopeplan.Provenance `json:"old" yaml:"old"`
	New              scopeplan.Provenance `json:"new" yaml:"new"`
	EndpointsAdded   []EndpointView       `json:"endpoints_added" yaml:"endpoints_added"`
	EndpointsRemoved []EndpointView       `json:"endpoints_removed" yaml:"endpoints_removed"`
	EndpointsChanged []DiffChange         `json:"endpoints_changed" yaml:"endpoints_changed"`
	ScopesAdded      []DiffScope          `json:"scopes_added" yaml:"scopes_added"`
	ScopesRemoved    []DiffScope          `json:"scopes_removed" yaml:"scopes_removed"`
	// Events added, removed and with changed scopes; absent when neither
	// side has events.
	EventsAdded   []EventView       `json:"events_added,omitempty" yaml:"events_added,omitempty"`
	EventsRemoved []EventView       `json:"events_removed,omitempty" yaml:"events_removed,omitempty"`
	EventsChanged []DiffEventChange `json:"events_changed,omitempty" yaml:"events_changed,omitempty"`
}

// DiffEventChange is an event whose scopes changed.
type DiffEventChange struct {
	Event           EventView `json:"event" yaml:"event"`
	GranularAdded   []string  `json:"granular_added" yaml:"granular_added"`
	GranularRemoved []string  `json:"granular_removed" yaml:"granular_removed"`
	ClassicAdded    []string  `json:"classic_added" yaml:"classic_added"`
	ClassicRemoved  []string  `json:"classic_removed" yaml:"classic_removed"`
}

// ExplainCandidate is an endpoint the failed call may have been: the
// endpoint as plan shows it in calls[].endpoint, and how well its scopes
// match the listed ones (exact or superset).
type ExplainCandidate struct {
	Endpoint EndpointView `json:"endpoint" yaml:"endpoint"`
	Match    string       `json:"match" yaml:"match"`
}

// ExplainReport is the output of "explain".
type ExplainReport struct {
	Meta        `yaml:",inline"`
	Error       explain.ZoomError  `json:"error" yaml:"error"`
	Kind        string             `json:"kind" yaml:"kind"`
	Title       string             `json:"title" yaml:"title"`
	Cause       string             `json:"cause" yaml:"cause"`
	Fix         string             `json:"fix" yaml:"fix"`
	App         string             `json:"app" yaml:"app"`
	AppInferred bool               `json:"app_inferred" yaml:"app_inferred"`
	Candidates  []ExplainCandidate `json:"candidates" yaml:"candidates"`
	Add         []explain.Addition `json:"add" yaml:"add"`
	Notes       []string           `json:"notes" yaml:"notes"`
}

// MigrateUncovered is a classic-granted endpoint no allowed granular scope covers.
type MigrateUncovered struct {
	Endpoint string `json:"endpoint" yaml:"endpoint"`
	Reason   string `json:"reason" yaml:"reason"`
}

// MigrateReport is the output of "migrate".
type MigrateReport struct {
	Meta      `yaml:",inline"`
	App       string              `json:"app" yaml:"app"`
	Classic   []string            `json:"classic" yaml:"classic"`
	Unknown   map[string][]string `json:"unknown" yaml:"unknown"`
	Granted   int                 `json:"granted" yaml:"granted"`
	Granular  []string            `json:"granular" yaml:"granular"`
	OverGrant int                 `json:"over_grant" yaml:"over_grant"`
	Optimal   bool                `json:"optimal" yaml:"optimal"`
	Uncovered []MigrateUncovered  `json:"uncovered" yaml:"uncovered"`
	// Plan and Dropped are present when calls were given.
	Plan    *PlanReport    `json:"plan,omitempty" yaml:"plan,omitempty"`
	Dropped []EndpointView `json:"dropped" yaml:"dropped"`
}

// ScanReport is the output of "scan" (the JSON contract): every call
// found, each {"call": "METHOD /path/template", "file", "line",
// "confidence", "kind"}, in (file, line) order; what looked like a Zoom
// call but was not reported, with the reason and the catalog's
// candidates; and how many files were read.
type ScanReport struct {
	Meta    `yaml:",inline"`
	Files   int            `json:"files" yaml:"files"`
	Calls   []scan.Call    `json:"calls" yaml:"calls"`
	Skipped []scan.Skipped `json:"skipped" yaml:"skipped"`
}

// UsagePeriod is the time the rows considered cover (RFC 3339, UTC);
// empty when no row has a time.
type UsagePeriod struct {
	From string `json:"from" yaml:"from"`
	To   string `json:"to" yaml:"to"`
}

// UsageCall is one endpoint the logs show the app calling.
type UsageCall struct {
	Call     string       `json:"call" yaml:"call"`
	Example  string       `json:"example" yaml:"example"`
	Endpoint EndpointView `json:"endpoint" yaml:"endpoint"`
	Count    int          `json:"count" yaml:"count"`
	OK       int          `json:"ok" yaml:"ok"`
	Denied   int          `json:"denied" yaml:"denied"`
	// Listed are the scopes a 4711 answer listed, when the log has it.
	Listed []string `json:"listed_scopes" yaml:"listed_scopes"`
}

// UsageUnresolved is a logged URL that resolves to no single endpoint.
type UsageUnresolved struct {
	Call        string   `json:"call" yaml:"call"`
	Example     string   `json:"example" yaml:"example"`
	Count       int      `json:"count" yaml:"count"`
	Reason      string   `json:"reason" yaml:"reason"`
	Suggestions []string `json:"suggestions" yaml:"suggestions"`
}

// UsageSection is what the logs showed, beside the audit.
type UsageSection struct {
	Period     UsagePeriod       `json:"period" yaml:"period"`
	Rows       int               `json:"rows" yaml:"rows"`
	Filtered   int               `json:"filtered" yaml:"filtered"`
	Skipped    int               `json:"skipped" yaml:"skipped"`
	OtherFail  int               `json:"other_failures" yaml:"other_failures"`
	Calls      []UsageCall       `json:"calls" yaml:"calls"`
	Unresolved []UsageUnresolved `json:"unresolved" yaml:"unresolved"`
}

// UsageAuditReport is the output of "audit --usage": the audit, with
// over_privileged meaning no successful call used the scope and missing
// the denied calls no requested scope covers, and the usage section.
type UsageAuditReport struct {
	AuditReport `yaml:",inline"`
	Usage       UsageSection `json:"usage" yaml:"usage"`
}

// EndpointView is an endpoint as every JSON output shows it (the lookup
// contract): method, path, operation_id, name, product, variant, granular,
// classic, sources; plus how it was joined.
type EndpointView struct {
	Method      string           `json:"method" yaml:"method"`
	Path        string           `json:"path" yaml:"path"`
	OperationID string           `json:"operation_id" yaml:"operation_id"`
	Name        string           `json:"name" yaml:"name"`
	Product     string           `json:"product" yaml:"product"`
	Section     string           `json:"section,omitempty" yaml:"section,omitempty"`
	Variant     record.Variant   `json:"variant" yaml:"variant"`
	Link        string           `json:"link,omitempty" yaml:"link,omitempty"`
	Join        catalog.JoinKind `json:"join" yaml:"join"`
	Granular    []string         `json:"granular" yaml:"granular"`
	Classic     []string         `json:"classic" yaml:"classic"`
	Sources     []record.Source  `json:"sources" yaml:"sources"`
	// Permissions are the Zoom role permissions the authorising user of an
	// admin or master app needs (any one of them), from x-permissions.
	Permissions []string `json:"permissions,omitempty" yaml:"permissions,omitempty"`
	// Findings are the lint findings that touch the endpoint, when the
	// command ran lint.
	Findings []lint.Finding `json:"findings,omitempty" yaml:"findings,omitempty"`
}

// EventView is an event subscription as reports show it.
type EventView struct {
	Event    string          `json:"event" yaml:"event"`
	Summary  string          `json:"summary,omitempty" yaml:"summary,omitempty"`
	Product  string          `json:"product" yaml:"product"`
	Granular []string        `json:"granular" yaml:"granular"`
	Classic  []string        `json:"classic" yaml:"classic"`
	Sources  []record.Source `json:"sources" yaml:"sources"`
}

// OverGrantScope names the endpoints one chosen scope grants beyond the
// plan's calls.
type OverGrantScope struct {
	Scope     string   `json:"scope" yaml:"scope"`
	Endpoints []string `json:"endpoints" yaml:"endpoints"`
}

// UpdateReport is the output of "update".
type UpdateReport struct {
	Meta     `yaml:",inline"`
	CacheDir string                `json:"cache_dir" yaml:"cache_dir"`
	Sources  []update.SourceResult `json:"sources" yaml:"sources"`
	Summary  UpdateSummary         `json:"summary" yaml:"summary"`
	// Committed says whether the run switched the cache's manifest.
	Committed bool `json:"committed" yaml:"committed"`
	// OrphansRemoved counts files of earlier runs removed.
	OrphansRemoved int `json:"orphans_removed" yaml:"orphans_removed"`
	// CompileError says why the compiled catalog was not stored.
	CompileError string `json:"compile_error,omitempty" yaml:"compile_error,omitempty"`
	// DiffTotals counts the catalog diff's entries.
	DiffTotals DiffTotals `json:"diff_totals" yaml:"diff_totals"`
	// Changes is the catalog diff from the documents before the update
	// (the embedded ones on a first update) to those after; nil when
	// nothing was updated.
	Changes *DiffReport `json:"changes,omitempty" yaml:"changes,omitempty"`
	// FullDiff asks text for the whole diff, not only its totals.
	FullDiff bool `json:"-" yaml:"-"`
}

// UpdateSummary counts the sources of an update by outcome.
type UpdateSummary struct {
	Updated   int `json:"updated" yaml:"updated"`
	Unchanged int `json:"unchanged" yaml:"unchanged"`
	Absent    int `json:"absent" yaml:"absent"`
	Refused   int `json:"refused" yaml:"refused"`
	Failed    int `json:"failed" yaml:"failed"`
}

// DiffTotals are the sizes of a catalog diff.
type DiffTotals struct {
	EndpointsAdded   int `json:"endpoints_added" yaml:"endpoints_added"`
	EndpointsRemoved int `json:"endpoints_removed" yaml:"endpoints_removed"`
	EndpointsChanged int `json:"endpoints_changed" yaml:"endpoints_changed"`
	ScopesAdded      int `json:"scopes_added" yaml:"scopes_added"`
	ScopesRemoved    int `json:"scopes_removed" yaml:"scopes_removed"`
}
