// Package update downloads Zoom's scope documents into the scopeplan cache
// (package internal/cache): the granular and classic OAuth scope pages and
// every file of every product of the API hub (REST operations,
// master-account operations, webhook events; see Products).
//
// Each source is fetched with a conditional request (If-None-Match,
// If-Modified-Since) against the validators of its cached copy and a
// timeout per attempt. Only timeouts and 5xx answers are retried, with
// exponential backoff; a DNS failure, a refused connection or a 4xx answer
// is final. A 404 for a file the product table lists is reported absent,
// not failed. A downloaded body is validated by parsing it as its source's
// kind, and checked against the copy it replaces (a drop of more than
// MaxShrink of its records or scopes, or a product that disappears, is
// refused unless AllowShrink is set).
//
// A run holds the cache's lock (one run at a time per cache directory),
// writes the new files, then switches the manifest in one atomic rename
// and compiles the catalog beside the files. A run with a refused source
// switches nothing: the cache is left as it was. Files replaced by a run
// are removed by the next one.
package update

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/internal/cache"
	"github.com/scopeplan/scopeplan/internal/snapshot"
	"github.com/scopeplan/scopeplan/lint"
	"github.com/scopeplan/scopeplan/parser"
	"github.com/scopeplan/scopeplan/parser/record"
)

// Defaults of an Updater made by New.
const (
	DefaultRetries     = 3
	DefaultBackoff     = 500 * time.Millisecond
	DefaultTimeout     = 30 * time.Second
	DefaultMaxBytes    = 32 << 20
	DefaultLockTimeout = 2 * time.Minute
	// DefaultMaxShrink is the largest share of a document's records or
	// scopes a download may lose without being refused.
	DefaultMaxShrink = 0.20
	// maxBackoff caps one wait between attempts.
	maxBackoff = 30 * time.Second
)

// Scope page addresses on Zoom's developer site.
const (
	GranularURL = DefaultBase + granularPath
	ClassicURL  = DefaultBase + classicPath
)

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
	// Optional marks a file that may not exist: a 404 makes it absent,
	// not failed.
	Optional bool `json:"optional,omitempty"`
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

// Updater downloads Sources into Cache. The zero value of Timeout, Backoff,
// MaxBytes, LockTimeout and MaxShrink means the package default; Retries
// is taken as given (zero: one attempt only).
type Updater struct {
	// Client sends the requests; nil means a new http.Client. Unless it
	// has its own CheckRedirect, redirects are followed within a source's
	// host and to AllowRedirectHosts only.
	Client *http.Client
	// AllowRedirectHosts are the other hosts a source may redirect to
	// (host or host:port).
	AllowRedirectHosts []string
	// Sources are fetched in order; nil means DefaultSources.
	Sources []Source
	// Cache receives the documents. Required.
	Cache *cache.Cache
	// Retries is how many times a timed-out or 5xx attempt is retried.
	Retries int
	// Backoff is the wait before the first retry; it doubles each retry.
	Backoff time.Duration
	// Timeout bounds one attempt: connecting, the answer and its body.
	Timeout time.Duration
	// MaxBytes bounds a body's size.
	MaxBytes int64
	// LockTimeout bounds the wait for another run's lock.
	LockTimeout time.Duration
	// MaxShrink is the share of a document's records or scopes a download
	// may lose; more, or a product that disappears, is refused.
	MaxShrink float64
	// AllowShrink accepts downloads that shrink their document.
	AllowShrink bool
	// NoCompile skips compiling the catalog after the run.
	NoCompile bool
	// Progress, when set, is called after each source with its result.
	Progress func(SourceResult)
	// Now tells the time recorded in the cache; nil means time.Now.
	Now func() time.Time
}

// New returns an Updater for c with the default sources and settings.
func New(c *cache.Cache) *Updater {
	return &Updater{
		Client:      &http.Client{},
		Sources:     DefaultSources(),
		Cache:       c,
		Retries:     DefaultRetries,
		Backoff:     DefaultBackoff,
		Timeout:     DefaultTimeout,
		MaxBytes:    DefaultMaxBytes,
		LockTimeout: DefaultLockTimeout,
		MaxShrink:   DefaultMaxShrink,
		Now:         time.Now,
	}
}

// Status is the outcome of one source.
type Status string

// Outcomes of a source.
const (
	StatusUnchanged Status = "unchanged" // the cached copy is current
	StatusUpdated   Status = "updated"   // a new copy replaced (or became) the cached one
	StatusAbsent    Status = "absent"    // an optional file the server does not have (404)
	StatusRefused   Status = "refused"   // the download shrinks its document too much
	StatusFailed    Status = "failed"    // the cached copy, if any, stays
)

// Statuses lists the outcomes in the order reports give them.
func Statuses() []Status {
	return []Status{StatusUpdated, StatusUnchanged, StatusAbsent, StatusRefused, StatusFailed}
}

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
	// Reason says why the source failed, was refused or is absent; empty
	// otherwise.
	Reason string `json:"reason,omitempty"`
	// Attempts counts the requests sent (retries included).
	Attempts int `json:"attempts"`
	// Bytes is the size of the body downloaded (0 for a 304 or an error).
	Bytes int64 `json:"bytes"`
	// Before and After describe the cached document before and after the
	// run; nil when there was none.
	Before *DocSummary `json:"before,omitempty"`
	After  *DocSummary `json:"after,omitempty"`
	// Shrink gives the figures of a refused download (or one accepted
	// with AllowShrink) against the copy it replaces.
	Shrink *Shrink `json:"shrink,omitempty"`
}

// Result is the outcome of a Run.
type Result struct {
	// CacheDir is the cache directory updated.
	CacheDir string `json:"cache_dir"`
	// Sources are in the order they were tried.
	Sources []SourceResult `json:"sources"`
	// Committed says whether the run switched the manifest; false when a
	// source was refused (the cache is as it was) or nothing changed.
	Committed bool `json:"committed"`
	// Orphans counts files of earlier runs that this run removed.
	Orphans int `json:"orphans_removed"`
	// CompileError says why the compiled catalog could not be written
	// (commands then rebuild it from the files); empty otherwise.
	CompileError string `json:"compile_error,omitempty"`
	// Old and New are the cache's documents before and after the run
	// (every cached document, not only this run's sources), parsed, for a
	// catalog diff. A cached document that does not parse is left out.
	Old []*record.Document `json:"-"`
	New []*record.Document `json:"-"`
	// Catalog is the catalog compiled from New (merged with the embedded
	// documents New does not replace); nil when nothing was compiled.
	Catalog *catalog.Catalog `json:"-"`
	// Compiled are the documents Catalog was built from.
	Compiled []*record.Document `json:"-"`
}

// Failed returns the sources that failed.
func (r *Result) Failed() []SourceResult { return r.With(StatusFailed) }

// With returns the sources that ended with status s.
func (r *Result) With(s Status) []SourceResult {
	var out []SourceResult
	for _, x := range r.Sources {
		if x.Status == s {
			out = append(out, x)
		}
	}
	return out
}

// Count returns how many sources ended with status s.
func (r *Result) Count(s Status) int { return len(r.With(s)) }

// staged is a source's contribution to the next manifest.
type staged struct {
	entry *cache.Entry     // nil: the manifest keeps what it has
	doc   *record.Document // the document the entry names after the run
}

// Run fetches every source, trying them all whatever fails, then switches
// the manifest once and compiles the catalog. It returns an error only
// when the cache cannot be locked or read at all, or for an invalid source
// list (a duplicate or invalid name); each source's own failure is in the
// Result.
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
	lockTimeout := u.LockTimeout
	if lockTimeout <= 0 {
		lockTimeout = DefaultLockTimeout
	}
	lock, err := u.Cache.Lock(ctx, lockTimeout)
	if err != nil {
		return nil, fmt.Errorf("update: %w", err)
	}
	defer func() { _ = lock.Unlock() }()
	m0, err := u.Cache.Manifest()
	if err != nil {
		return nil, fmt.Errorf("update: %w", err)
	}
	removed, err := u.Cache.RemoveOrphans()
	if err != nil {
		return nil, fmt.Errorf("update: %w", err)
	}
	before := snapshotOf(u.Cache, m0)
	res := &Result{CacheDir: u.Cache.Dir, Old: before.docs(), Orphans: len(removed)}
	stages := make([]staged, len(sources))
	for i, s := range sources {
		sr, st := u.one(ctx, s, m0, before)
		sr.Before = before.summary(s.Name)
		stages[i] = st
		res.Sources = append(res.Sources, sr)
		if u.Progress != nil {
			u.Progress(sr)
		}
	}
	m1, after := m0, before
	if res.Count(StatusRefused) > 0 {
		// Nothing is switched: the files this run wrote go, so that
		// the cache is exactly as it was.
		for _, st := range stages {
			if st.entry != nil && !m0.Names(st.entry.File) {
				_ = os.Remove(filepath.Join(u.Cache.Dir, st.entry.File))
			}
		}
	} else {
		changed := false
		after = before.clone()
		for i, st := range stages {
			if st.entry == nil {
				continue
			}
			m1 = m1.With(*st.entry)
			after.set(sources[i].Name, st.doc)
			changed = true
		}
		if changed {
			if err := u.Cache.Commit(m1); err != nil {
				return nil, fmt.Errorf("update: %w", err)
			}
			res.Committed = true
		}
	}
	res.New = after.docs()
	for i := range res.Sources {
		res.Sources[i].After = after.summary(res.Sources[i].Source.Name)
	}
	// The key covers the documents, not when they were confirmed: a run
	// that only re-confirmed them keeps the compiled catalog.
	if !u.NoCompile && len(m1.Entries) > 0 && !compiledCurrent(u.Cache, m1) {
		built, err := snapshot.Compile(u.Cache, m1, res.New, lint.Precompute)
		if err != nil {
			res.CompileError = err.Error()
		}
		if built != nil {
			res.Catalog, res.Compiled = built.Catalog, built.Documents
		}
	}
	return res, nil
}

// compiledCurrent reports whether the cache's compiled catalog was built
// from the documents m lists, by this binary, and is intact.
func compiledCurrent(c *cache.Cache, m cache.Manifest) bool {
	b, ok, err := c.ReadCompiled()
	if err != nil || !ok {
		return false
	}
	_, err = snapshot.DecodeCompiled(b, snapshot.CacheKey(m), false)
	return err == nil
}

// one fetches, validates and stages one source.
func (u *Updater) one(ctx context.Context, s Source, m0 cache.Manifest, before snapshotSet) (SourceResult, staged) {
	sr := SourceResult{Source: s}
	fail := func(format string, a ...any) (SourceResult, staged) {
		sr.Status = StatusFailed
		sr.Reason = fmt.Sprintf(format, a...)
		return sr, staged{}
	}
	old, hadOld := m0.Lookup(s.Name)
	oldDoc := before.byName[s.Name]
	var cond validators
	if hadOld && oldDoc != nil && old.URL == s.URL {
		cond = validators{etag: old.ETag, lastModified: old.LastModified}
	} else {
		hadOld = false // missing, damaged or from another address: fetch in full
	}
	got, err := u.fetch(ctx, s.URL, cond)
	sr.Attempts = got.attempts
	sr.Bytes = int64(len(got.body))
	if err != nil {
		if s.Optional && got.status == http.StatusNotFound {
			sr.Status = StatusAbsent
			sr.Reason = "404 Not Found: the server has no such file"
			return sr, staged{}
		}
		return fail("%v", err)
	}
	now := u.now()
	touch := func() (SourceResult, staged) {
		e := old
		e.Checked = now
		if got.etag != "" {
			e.ETag = got.etag
		}
		if got.lastModified != "" {
			e.LastModified = got.lastModified
		}
		sr.Status = StatusUnchanged
		return sr, staged{entry: &e, doc: oldDoc}
	}
	if got.notModified {
		if !hadOld {
			return fail("server answered 304 Not Modified to an unconditional request")
		}
		return touch()
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
	if hadOld && cache.Sum(data) == old.SHA256 && kind == old.Kind {
		return touch()
	}
	if oldDoc != nil {
		if sh := shrinkOf(oldDoc, doc, u.maxShrink()); sh != nil {
			sr.Shrink = sh
			if !u.AllowShrink {
				sr.Status = StatusRefused
				sr.Reason = sh.String() + " (--allow-shrink accepts it)"
				return sr, staged{}
			}
		}
	}
	e, err := u.Cache.Put(cache.Entry{
		Name: s.Name, URL: s.URL, FinalURL: got.finalURL, Kind: kind, Converted: converted,
		ETag: got.etag, LastModified: got.lastModified,
		Fetched: now, Checked: now,
	}, data)
	if err != nil {
		return fail("%v", err)
	}
	sr.Status = StatusUpdated
	return sr, staged{entry: &e, doc: doc}
}

func (u *Updater) maxShrink() float64 {
	if u.MaxShrink <= 0 {
		return DefaultMaxShrink
	}
	return u.MaxShrink
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
	case kind == record.KindGranularHTML && !looksHTML(body):
		// A mirror may serve the page's Markdown; anything else is not
		// the granular page.
		if k, err := parser.Detect(body); err == nil && k == record.KindGranularMD {
			return body, k, "", nil
		}
		return body, kind, "", nil
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

// snapshotSet is the cache's parsed documents by entry name, in manifest
// order.
type snapshotSet struct {
	names  []string
	byName map[string]*record.Document
}

// snapshotOf parses every document m lists. An entry whose file cannot be
// read or parsed is left out (the run will replace it).
func snapshotOf(c *cache.Cache, m cache.Manifest) snapshotSet {
	set := snapshotSet{byName: map[string]*record.Document{}}
	for _, e := range m.Entries {
		f, err := c.ReadEntry(e)
		if err != nil {
			continue
		}
		d, err := parser.Parse(f.Path, f.Data, e.Kind)
		if err != nil {
			continue
		}
		set.set(e.Name, d)
	}
	return set
}

// set records the document of an entry.
func (s *snapshotSet) set(name string, d *record.Document) {
	if _, ok := s.byName[name]; !ok {
		s.names = append(s.names, name)
	}
	s.byName[name] = d
}

// clone copies the set.
func (s snapshotSet) clone() snapshotSet {
	out := snapshotSet{byName: map[string]*record.Document{}}
	for _, n := range s.names {
		out.set(n, s.byName[n])
	}
	return out
}

// docs returns the documents sorted by entry name, as the manifest lists
// them.
func (s snapshotSet) docs() []*record.Document {
	names := append([]string(nil), s.names...)
	sort.Strings(names)
	out := make([]*record.Document, 0, len(names))
	for _, n := range names {
		out = append(out, s.byName[n])
	}
	return out
}

// summary describes the named document, or returns nil.
func (s snapshotSet) summary(name string) *DocSummary {
	d, ok := s.byName[name]
	if !ok {
		return nil
	}
	return &DocSummary{Path: d.Path, Records: d.Records(), SHA256: d.SHA256}
}
