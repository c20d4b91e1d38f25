// Package update downloads Zoom's scope documents into the scopeplan cache
// (package internal/cache): the granular and classic OAuth scope pages and
// the per-product OpenAPI files of the API reference.
//
// Each source is fetched with a conditional request (If-None-Match,
// If-Modified-Since) against the validators of its cached copy, a timeout
// per attempt, and retries with exponential backoff on network errors,
// truncated bodies and 5xx answers (never on 4xx). A downloaded body is
// validated by parsing it as its source's kind before it replaces the cached
// copy: a body that does not parse, or parses to no records (a page whose
// shape changed), is a failure and the cached copy stays. Every source is
// tried; the Result says, per source, whether it was unchanged, updated or
// failed and why, and gives the cache's document sets before and after so
// that a caller can diff the catalogs.
package update

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"github.com/scopeplan/scopeplan/internal/cache"
	"github.com/scopeplan/scopeplan/parser"
	"github.com/scopeplan/scopeplan/parser/record"
)

// Defaults of an Updater made by New.
const (
	DefaultRetries  = 3
	DefaultBackoff  = 500 * time.Millisecond
	DefaultTimeout  = 30 * time.Second
	DefaultMaxBytes = 32 << 20
	// maxBackoff caps one wait between attempts.
	maxBackoff = 30 * time.Second
)

// Scope page addresses on Zoom's developer site.
const (
	GranularURL = "https://developers.zoom.us/docs/integrations/oauth-scopes-granular/"
	ClassicURL  = "https://developers.zoom.us/docs/integrations/oauth-scopes/"
)

// apiHubURL is the pattern of the API reference's "download OpenAPI" links:
// one OpenAPI 3 JSON file per product.
const apiHubURL = "https://developers.zoom.us/api-hub/%s/methods/endpoints.json"

// Source is one document to download.
type Source struct {
	// Name identifies the source and its cache entry (see cache.ValidName).
	Name string `json:"name"`
	// URL is where to download it from (http or https).
	URL string `json:"url"`
	// Kind is the parser kind the body is validated with. Empty means
	// detect it from the content. For record.KindClassic an HTML body is
	// first turned into the page's text with HTMLText.
	Kind record.Kind `json:"kind,omitempty"`
}

// DefaultSources returns the documents `scopeplan update` downloads: the
// two scope pages and the OpenAPI files of the products the catalog joins
// (Meetings, Users, Accounts, Team Chat, Phone, Number Management). The
// OpenAPI addresses are the API reference's download links,
// https://developers.zoom.us/api-hub/<product>/methods/endpoints.json; a
// product missing here, or an address that moved, is given with
// `scopeplan update --source NAME=URL`.
func DefaultSources() []Source {
	out := []Source{
		{Name: "granular", URL: GranularURL, Kind: record.KindGranularHTML},
		{Name: "classic", URL: ClassicURL, Kind: record.KindClassic},
	}
	for _, p := range []string{"meetings", "users", "accounts", "team-chat", "phone", "number-management"} {
		out = append(out, Source{Name: "openapi-" + p, URL: fmt.Sprintf(apiHubURL, p), Kind: record.KindOpenAPI})
	}
	return out
}

// ParseSource reads a --source flag value: NAME=URL, or NAME=KIND=URL to
// force the kind. A NAME that is one of DefaultSources keeps that source's
// kind unless one is given; any other name has its kind detected from the
// content.
func ParseSource(spec string) (Source, error) {
	name, rest, ok := strings.Cut(spec, "=")
	if !ok || name == "" || rest == "" {
		return Source{}, fmt.Errorf("source %q: want NAME=URL or NAME=KIND=URL", spec)
	}
	s := Source{Name: name, URL: rest}
	if k, u, ok := strings.Cut(rest, "="); ok && !strings.Contains(k, "/") && !strings.Contains(k, ":") {
		kind, err := parser.ParseKind(k)
		if err != nil {
			return Source{}, fmt.Errorf("source %q: %w", spec, err)
		}
		s.Kind, s.URL = kind, u
	} else {
		for _, d := range DefaultSources() {
			if d.Name == name {
				s.Kind = d.Kind
			}
		}
	}
	if err := s.check(); err != nil {
		return Source{}, err
	}
	return s, nil
}

// check validates a source's name and URL.
func (s Source) check() error {
	if !cache.ValidName(s.Name) {
		return fmt.Errorf("source %q: name must be 1-64 letters, digits, '-', '_' or '.'", s.Name)
	}
	u, err := url.Parse(s.URL)
	if err != nil {
		return fmt.Errorf("source %s: %w", s.Name, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("source %s: URL %q is not an http or https address", s.Name, s.URL)
	}
	return nil
}

// Updater downloads Sources into Cache. The zero value of Timeout, Backoff
// and MaxBytes means the package default; Retries is taken as given (zero:
// one attempt only).
type Updater struct {
	// Client sends the requests; nil means a new http.Client.
	Client *http.Client
	// Sources are fetched in order; nil means DefaultSources.
	Sources []Source
	// Cache receives the documents. Required.
	Cache *cache.Cache
	// Retries is how many times a failed attempt is retried.
	Retries int
	// Backoff is the wait before the first retry; it doubles each retry.
	Backoff time.Duration
	// Timeout bounds one attempt: connecting, the answer and its body.
	Timeout time.Duration
	// MaxBytes bounds a body's size.
	MaxBytes int64
	// Now tells the time recorded in the cache; nil means time.Now.
	Now func() time.Time
}

// New returns an Updater for c with the default sources and settings.
func New(c *cache.Cache) *Updater {
	return &Updater{
		Client:   &http.Client{},
		Sources:  DefaultSources(),
		Cache:    c,
		Retries:  DefaultRetries,
		Backoff:  DefaultBackoff,
		Timeout:  DefaultTimeout,
		MaxBytes: DefaultMaxBytes,
		Now:      time.Now,
	}
}

// Status is the outcome of one source.
type Status string

// Outcomes of a source.
const (
	StatusUnchanged Status = "unchanged" // the cached copy is current
	StatusUpdated   Status = "updated"   // a new copy replaced (or became) the cached one
	StatusFailed    Status = "failed"    // the cached copy, if any, stays
)

// DocSummary identifies one version of a cached document.
type DocSummary struct {
	Path    string `json:"path"`
	Records int    `json:"records"`
	SHA256  string `json:"sha256"`
}

// SourceResult is what happened to one source.
type SourceResult struct {
	Source Source `json:"source"`
	Status Status `json:"status"`
	// Reason says why the source failed; empty otherwise.
	Reason string `json:"reason,omitempty"`
	// Attempts counts the requests sent (retries included).
	Attempts int `json:"attempts"`
	// Before and After describe the cached document before and after the
	// run; nil when there was none.
	Before *DocSummary `json:"before,omitempty"`
	After  *DocSummary `json:"after,omitempty"`
}

// Result is the outcome of a Run.
type Result struct {
	// CacheDir is the cache directory updated.
	CacheDir string `json:"cache_dir"`
	// Sources are in the order they were tried.
	Sources []SourceResult `json:"sources"`
	// Old and New are the cache's documents before and after the run
	// (every cached document, not only this run's sources), parsed, for a
	// catalog diff. A cached document that does not parse is left out.
	Old []*record.Document `json:"-"`
	New []*record.Document `json:"-"`
}

// Failed returns the sources that failed.
func (r *Result) Failed() []SourceResult {
	var out []SourceResult
	for _, s := range r.Sources {
		if s.Status == StatusFailed {
			out = append(out, s)
		}
	}
	return out
}

// Count returns how many sources ended with status s.
func (r *Result) Count(s Status) int {
	n := 0
	for _, x := range r.Sources {
		if x.Status == s {
			n++
		}
	}
	return n
}

// Run fetches every source, trying them all whatever fails. It returns an
// error only when the cache cannot be read at all, or for an invalid
// source list (a duplicate or invalid name); each source's own failure is
// in the Result.
func (u *Updater) Run(ctx context.Context) (*Result, error) {
	if u.Cache == nil {
		return nil, errors.New("update: no cache")
	}
	sources := u.Sources
	if sources == nil {
		sources = DefaultSources()
	}
	seen := map[string]bool{}
	for _, s := range sources {
		if err := s.check(); err != nil {
			return nil, fmt.Errorf("update: %w", err)
		}
		if seen[s.Name] {
			return nil, fmt.Errorf("update: source %s given twice", s.Name)
		}
		seen[s.Name] = true
	}
	before, err := snapshot(u.Cache)
	if err != nil {
		return nil, fmt.Errorf("update: %w", err)
	}
	res := &Result{CacheDir: u.Cache.Dir, Old: before.docs}
	for _, s := range sources {
		sr := u.one(ctx, s)
		sr.Before = before.summary(s.Name)
		res.Sources = append(res.Sources, sr)
	}
	after, err := snapshot(u.Cache)
	if err != nil {
		return nil, fmt.Errorf("update: %w", err)
	}
	res.New = after.docs
	for i := range res.Sources {
		res.Sources[i].After = after.summary(res.Sources[i].Source.Name)
	}
	return res, nil
}

// one fetches, validates and stores one source.
func (u *Updater) one(ctx context.Context, s Source) SourceResult {
	sr := SourceResult{Source: s}
	fail := func(format string, a ...any) SourceResult {
		sr.Status = StatusFailed
		sr.Reason = fmt.Sprintf(format, a...)
		return sr
	}
	old, hadOld, err := u.Cache.Read(s.Name)
	var cond validators
	if err == nil && hadOld && old.Entry.URL == s.URL {
		cond = validators{etag: old.Entry.ETag, lastModified: old.Entry.LastModified}
	} else {
		hadOld = false // missing, damaged or from another address: fetch in full
	}
	got, err := u.fetch(ctx, s.URL, cond)
	sr.Attempts = got.attempts
	if err != nil {
		return fail("%v", err)
	}
	now := u.now()
	if got.notModified {
		if !hadOld {
			return fail("server answered 304 Not Modified to an unconditional request")
		}
		if err := u.Cache.Touch(s.Name, now, got.etag, got.lastModified); err != nil {
			return fail("%v", err)
		}
		sr.Status = StatusUnchanged
		return sr
	}
	data, kind, converted, err := prepare(got.body, s.Kind)
	if err != nil {
		return fail("validate: %v", err)
	}
	path := filepath.Join(u.Cache.Dir, cache.FileName(s.Name, kind, data))
	doc, err := parser.Parse(path, data, kind)
	if err != nil {
		return fail("validate: %v", err)
	}
	if doc.Records() == 0 {
		return fail("validate: parsed as %s but found no records (has the page's shape changed?)", kind)
	}
	if hadOld && cache.Sum(data) == old.Entry.SHA256 && kind == old.Entry.Kind {
		if err := u.Cache.Touch(s.Name, now, got.etag, got.lastModified); err != nil {
			return fail("%v", err)
		}
		sr.Status = StatusUnchanged
		return sr
	}
	e := cache.Entry{
		Name: s.Name, URL: s.URL, Kind: kind, Converted: converted,
		ETag: got.etag, LastModified: got.lastModified,
		Fetched: now, Checked: now,
	}
	if _, err := u.Cache.Store(e, data); err != nil {
		return fail("%v", err)
	}
	sr.Status = StatusUpdated
	return sr
}

// prepare turns a downloaded body into the bytes to store and the kind to
// parse them as: an HTML classic page becomes its text, an unknown kind is
// detected (trying the text of an HTML page when the page itself is not
// recognised).
func prepare(body []byte, kind record.Kind) (data []byte, k record.Kind, converted string, err error) {
	switch {
	case kind == record.KindClassic && looksHTML(body):
		t, err := HTMLText(body)
		if err != nil {
			return nil, "", "", err
		}
		return t, kind, ConvertedHTMLText, nil
	case kind != "":
		return body, kind, "", nil
	}
	if k, err := parser.Detect(body); err == nil {
		return body, k, "", nil
	} else if !looksHTML(body) {
		return nil, "", "", err
	}
	t, err := HTMLText(body)
	if err != nil {
		return nil, "", "", err
	}
	k, err = parser.Detect(t)
	if err != nil {
		return nil, "", "", err
	}
	return t, k, ConvertedHTMLText, nil
}

func (u *Updater) now() time.Time {
	if u.Now != nil {
		return u.Now()
	}
	return time.Now()
}

// snapshotSet is the cache's parsed documents by entry name.
type snapshotSet struct {
	docs   []*record.Document
	byName map[string]*record.Document
}

// snapshot parses every document in the cache. A manifest that cannot be
// read is an error; a single entry that cannot be read or parsed is left
// out (the run will replace it).
func snapshot(c *cache.Cache) (snapshotSet, error) {
	m, err := c.Manifest()
	if err != nil {
		return snapshotSet{}, err
	}
	set := snapshotSet{byName: map[string]*record.Document{}}
	for _, e := range m.Entries {
		f, ok, err := c.Read(e.Name)
		if err != nil || !ok {
			continue
		}
		d, err := parser.Parse(f.Path, f.Data, e.Kind)
		if err != nil {
			continue
		}
		set.docs = append(set.docs, d)
		set.byName[e.Name] = d
	}
	return set, nil
}

// summary describes the named document, or returns nil.
func (s snapshotSet) summary(name string) *DocSummary {
	d, ok := s.byName[name]
	if !ok {
		return nil
	}
	return &DocSummary{Path: d.Path, Records: d.Records(), SHA256: d.SHA256}
}
