// Package scan finds the Zoom REST API calls an application makes, in its
// source code (Go, JavaScript/TypeScript, Python, PHP, Java/Kotlin, C#,
// Ruby) or in recorded traffic (HAR files), and names each one as the
// catalog's "METHOD /path/template", so that the list feeds the planner
// directly ("scopeplan scan ./src | scopeplan plan -").
//
// Three kinds of evidence are read from source code:
//
//   - URL literals under https://api.zoom.us/v2, written whole, built by
//     concatenation ("…/users/" + id + "/meetings") or interpolation
//     (`${id}`, f"{id}", "#{id}", "$id", "{$id}", %s), or hung on a
//     variable the file assigns the Zoom base URL to, also as a format's
//     first argument (fmt.Sprintf("%s/users/%s", base, id),
//     "{}/users".format(BASE), "%s/users" % (BASE,)). Each interpolation
//     is a path parameter, matched against the catalog's path templates.
//   - Path strings ("/users/" + id) that match a catalog path template,
//     with an HTTP method in the call around them (requests.post(,
//     axios.get(, http.MethodPost, {method: 'PATCH'}, Net::HTTP::Post,
//     HttpMethod.DELETE, ->request('GET', …)). Only in files that mention
//     Zoom (in their path or text), so that an app's calls to its own
//     backend are not taken for Zoom's.
//   - Zoom SDK method names equal to a catalog operationId
//     (client.meetingCreate(, client.meeting_create(), only where the
//     identifier is called, only in files that mention Zoom.
//
// Before those, a project pass over every source file learns what real
// integrations spread across files: the names Zoom's base URL is kept
// under (constants, config entries, fields, environment defaults, copied
// through assignments), the project's own functions that send a request
// to base + a path parameter (wrappers) or to a URL parameter (senders),
// Zoom clients, URL template tables and the placeholders filled with the
// base, and the literal arguments each function is called with. Calls to
// wrappers with a literal path, templates, and segments computed from
// conditionals or variables with a few literal values are then calls too.
// Every call carries its evidence chain (Call.Via); calls in test files
// have kind "test".
//
// Routes the application serves itself (app.get('/users/:id', handler),
// @app.route, router.HandleFunc, @GetMapping, Rails' get '/users') and
// URLs of other hosts are not calls; comments are not read.
//
// Every reported call resolves in the catalog. A Zoom URL whose method
// cannot be determined is reported only when the catalog has a single
// method for its path; otherwise it is skipped, with the candidates, in
// Result.Skipped, as is a Zoom URL the catalog does not know. Guessing
// would put write and delete scopes into a least-privilege plan.
package scan

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/scopeplan/scopeplan/catalog"
)

// Confidence says how sure the scanner is that a call is real and right.
type Confidence string

// Confidence levels.
const (
	// High: a Zoom URL (or HAR request) with its method in the same call,
	// or a path called on a client configured with Zoom's base URL.
	High Confidence = "high"
	// Medium: a Zoom URL whose method comes from the variable it is
	// assigned to or is the only one the catalog has for its path; or a
	// path string with an HTTP method in the same call.
	Medium Confidence = "medium"
	// Low: an SDK method named like an operationId, or a path string whose
	// method comes from the variable it is assigned to.
	Low Confidence = "low"
)

// Kind says what evidence a call was found from.
type Kind string

// Evidence kinds.
const (
	KindURL  Kind = "url"  // a Zoom API URL literal or template
	KindPath Kind = "path" // a path string with an HTTP method nearby
	KindSDK  Kind = "sdk"  // an SDK method named like an operationId
	KindHAR  Kind = "har"  // a request recorded in a HAR file
	// KindWrapper: a call to a project function that sends a request to
	// Zoom's base URL and its path argument.
	KindWrapper Kind = "wrapper"
	// KindTemplate: a URL template in a table, filled with Zoom's base.
	KindTemplate Kind = "template"
	// KindTest: a call in a test file (tests/, spec/, *_test.*, mocks);
	// left out of the call file unless asked for.
	KindTest Kind = "test"
)

// Call is one Zoom API call found.
type Call struct {
	// Call is the catalog's "METHOD /path/template"; for an SDK method
	// whose endpoint has no path in the catalog, the operationId. Either
	// form is a call spec the planner reads.
	Call string `json:"call" yaml:"call"`
	// File is the file, as found from the paths given (slash-separated).
	File string `json:"file" yaml:"file"`
	// Line is the 1-based line of the call's URL, path or method name;
	// for a HAR file, the line of the entry's opening brace.
	Line       int        `json:"line" yaml:"line"`
	Confidence Confidence `json:"confidence" yaml:"confidence"`
	// Kind is the evidence kind; "test" for a call in a test file.
	Kind Kind `json:"kind" yaml:"kind"`
	// Via is the evidence chain behind the call, nearest first: the
	// wrapper it goes through, the variable holding its URL, the base
	// URL's definition, the literal a computed segment takes
	// ("client.php:88 zoom", "config.php:12 root"). Empty for a call
	// whose URL and method are both at the call site.
	Via []string `json:"via" yaml:"via"`
}

// Skipped is something that looks like a Zoom API call but was not
// reported: its method is unknown and the catalog has several for the
// path, the catalog does not know the path, its path is built at run
// time, its URL is formatted on a base the file does not show to be
// Zoom's (in an HTTP call, in a file about Zoom), or the file could not
// be read.
type Skipped struct {
	File string `json:"file" yaml:"file"`
	Line int    `json:"line" yaml:"line"`
	// Text is the URL or path as reconstructed (parameters as {name}).
	Text   string `json:"text,omitempty" yaml:"text,omitempty"`
	Reason string `json:"reason" yaml:"reason"`
	// Candidates are the catalog calls it could be, for --call.
	Candidates []string `json:"candidates,omitempty" yaml:"candidates,omitempty"`
}

// Result is what a scan found.
type Result struct {
	Calls   []Call    `json:"calls" yaml:"calls"`
	Skipped []Skipped `json:"skipped" yaml:"skipped"`
	// Files counts the files read.
	Files int `json:"files" yaml:"files"`
}

// add appends another result.
func (r *Result) add(o *Result) {
	r.Calls = append(r.Calls, o.Calls...)
	r.Skipped = append(r.Skipped, o.Skipped...)
	r.Files += o.Files
}

// sort puts calls and skips in (file, line, call) order and removes exact
// duplicates.
func (r *Result) sort() {
	sort.SliceStable(r.Calls, func(i, j int) bool {
		a, b := r.Calls[i], r.Calls[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Call < b.Call
	})
	out := r.Calls[:0]
	for i, c := range r.Calls {
		if i > 0 && sameCall(c, r.Calls[i-1]) {
			continue
		}
		out = append(out, c)
	}
	r.Calls = out
	sort.SliceStable(r.Skipped, func(i, j int) bool {
		a, b := r.Skipped[i], r.Skipped[j]
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Line < b.Line
	})
}

// sameCall reports whether two calls are equal in every field.
func sameCall(a, b Call) bool {
	return a.Call == b.Call && a.File == b.File && a.Line == b.Line && a.Confidence == b.Confidence &&
		a.Kind == b.Kind && slices.Equal(a.Via, b.Via)
}

// MaxFileSize is the largest file the scanner reads (2 MB); larger files
// are generated or minified code, and are skipped.
const MaxFileSize = 2 << 20

// skipDirs are the folders a directory walk does not enter.
func skipDir(name string) bool {
	switch name {
	case "node_modules", "vendor", ".git", "dist", "build", ".hg", ".svn", "__pycache__", ".venv", "venv", ".tox", "bower_components":
		return true
	}
	return false
}

// Scanner finds Zoom API calls. It is built once per catalog by New and is
// safe for concurrent use (it is never modified after New).
type Scanner struct {
	cat *catalog.Catalog
	// ops maps a normalised operationId (lower case, no "_") to the
	// operationIds the SDK rule looks for.
	ops map[string]string
	// langs are the languages files are read in (Languages), generic
	// the rules for a file of any other extension named explicitly.
	langs   []Language
	generic Language
}

// New builds a scanner for a catalog.
func New(c *catalog.Catalog) *Scanner {
	s := &Scanner{cat: c, ops: map[string]string{}, langs: Languages(), generic: genericLanguage()}
	for _, e := range c.Endpoints {
		if e.OperationID != "" && distinctiveOpID(e.OperationID) {
			s.ops[normIdent(e.OperationID)] = e.OperationID
		}
	}
	return s
}

// distinctiveOpID reports whether an operationId is specific enough to be
// taken for an SDK method when called: two words at least (camelCase) or
// long. "meeting", "users" and "user" are operationIds too, and would
// match every program's own methods.
func distinctiveOpID(id string) bool {
	if len(id) >= 14 {
		return true
	}
	for i := 1; i < len(id); i++ {
		if id[i] >= 'A' && id[i] <= 'Z' {
			return len(id) >= 8
		}
	}
	return false
}

// normIdent is the form identifiers and operationIds are compared in:
// lower case without underscores, so meeting_create, MeetingCreate and
// meetingCreate agree.
func normIdent(s string) string {
	return strings.ToLower(strings.ReplaceAll(s, "_", ""))
}

// Scan reads files, directories (recursively, source files and .har files
// only, skipping vendor folders) and HAR files. A path that does not exist
// is an error; an unreadable or malformed file met in a walk is a Skipped.
// Paths in the result are as given, joined with the walk's relative paths.
//
// Source files are read in two passes: a project pass over all of them
// learns where Zoom's base URL is kept, which functions wrap requests to
// it and which tables hold URL templates; the file pass then finds the
// calls, through those wrappers and bases too.
func (s *Scanner) Scan(paths ...string) (*Result, error) {
	return s.ScanContext(context.Background(), paths...)
}

// ScanContext is Scan, stopping with ctx's error once ctx is done: it
// checks before each path, each file of a walk and each file's pass.
func (s *Scanner) ScanContext(ctx context.Context, paths ...string) (*Result, error) {
	res := &Result{Calls: []Call{}, Skipped: []Skipped{}}
	var files []*fileScan
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("scan: %w", err)
		}
		info, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("scan: %w", err)
		}
		if !info.IsDir() {
			f, r, err := s.readPath(p, true)
			if err != nil {
				return nil, err
			}
			res.add(r)
			if f != nil {
				files = append(files, f)
			}
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if cerr := ctx.Err(); cerr != nil {
				return cerr
			}
			if err != nil {
				res.Skipped = append(res.Skipped, Skipped{File: filepath.ToSlash(path), Reason: "unreadable: " + err.Error()})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if path != p && skipDir(d.Name()) {
					return fs.SkipDir
				}
				return nil
			}
			if !d.Type().IsRegular() || !walkReads(s.langs, path) {
				return nil
			}
			f, r, err := s.readPath(path, false)
			if err != nil {
				res.Skipped = append(res.Skipped, Skipped{File: filepath.ToSlash(path), Reason: err.Error()})
				return nil
			}
			res.add(r)
			if f != nil {
				files = append(files, f)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("scan %s: %w", p, err)
		}
	}
	found, err := s.scanSourcesContext(ctx, files)
	if err != nil {
		return nil, fmt.Errorf("scan: %w", err)
	}
	res.add(found)
	res.sort()
	return res, nil
}

// scanSources runs the project pass over lexed source files, then each
// file's pass.
func (s *Scanner) scanSources(files []*fileScan) *Result {
	res, _ := s.scanSourcesContext(context.Background(), files) // a background context is never done
	return res
}

// scanSourcesContext is scanSources, stopping with ctx's error before a
// file's pass once ctx is done.
func (s *Scanner) scanSourcesContext(ctx context.Context, files []*fileScan) (*Result, error) {
	res := &Result{Files: len(files)}
	buildProject(files)
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		f.run()
		test := isTestFile(f.file)
		for _, c := range f.calls {
			if test {
				c.Kind = KindTest
			}
			res.Calls = append(res.Calls, c)
		}
		for _, k := range f.skipped {
			if test {
				continue
			}
			res.Skipped = append(res.Skipped, k)
		}
	}
	return res, nil
}

// isTestFile reports files of tests, specs and mocks: *_test.go,
// test_*.py, *.test.ts, *.spec.js, *Test.java, *Tests.cs, *_spec.rb, and
// anything under tests/, test/, spec/, __tests__/, mocks/, __mocks__/,
// fixtures/.
func isTestFile(name string) bool {
	n := strings.ToLower(filepath.ToSlash(name))
	for _, d := range []string{"tests", "test", "spec", "specs", "__tests__", "mocks", "__mocks__", "mock", "fixtures", "testing"} {
		if strings.HasPrefix(n, d+"/") || strings.Contains(n, "/"+d+"/") {
			return true
		}
	}
	base := filepath.Base(name)
	stem := strings.TrimSuffix(base, filepath.Ext(base))
	ls := strings.ToLower(stem)
	switch {
	case strings.HasSuffix(ls, "_test"), strings.HasSuffix(ls, ".test"), strings.HasSuffix(ls, ".spec"),
		strings.HasSuffix(ls, "_spec"), strings.HasPrefix(ls, "test_"), strings.HasSuffix(ls, "_mock"),
		strings.HasPrefix(ls, "mock_"), ls == "conftest":
		return true
	case strings.HasSuffix(stem, "Test"), strings.HasSuffix(stem, "Tests"), strings.HasSuffix(stem, "Spec"), strings.HasSuffix(stem, "Mock"):
		return true
	}
	return false
}

// WithoutTests returns the result without the calls found in test files,
// for a call file that plans only what the application calls.
func (r *Result) WithoutTests() *Result {
	out := *r
	out.Calls = make([]Call, 0, len(r.Calls))
	for _, c := range r.Calls {
		if c.Kind != KindTest {
			out.Calls = append(out.Calls, c)
		}
	}
	return &out
}

// walkReads reports whether a directory walk reads a file: a HAR file, or
// source in one of langs.
func walkReads(langs []Language, path string) bool {
	if strings.EqualFold(filepath.Ext(path), ".har") {
		return true
	}
	_, ok := languageFor(langs, path)
	return ok
}

// readPath reads one file: a source file is lexed for the project pass
// (returned), a HAR file is scanned at once (its result returned).
// explicit files are read whatever their extension; an explicit HAR file
// that does not parse is an error.
func (s *Scanner) readPath(path string, explicit bool) (*fileScan, *Result, error) {
	name := filepath.ToSlash(path)
	info, err := os.Stat(path)
	if err != nil {
		return nil, nil, fmt.Errorf("scan: %w", err)
	}
	if info.Size() > MaxFileSize {
		return nil, &Result{Skipped: []Skipped{{File: name, Reason: fmt.Sprintf("larger than %d bytes: not read", MaxFileSize)}}}, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, fmt.Errorf("scan: %w", err)
	}
	if strings.EqualFold(filepath.Ext(name), ".har") {
		r, err := s.ScanHAR(name, data)
		if err != nil {
			if explicit {
				return nil, nil, err
			}
			return nil, &Result{Skipped: []Skipped{{File: name, Reason: err.Error()}}, Files: 1}, nil
		}
		return nil, r, nil
	}
	if isBinary(data) {
		return nil, &Result{}, nil
	}
	return s.newSource(name, data), &Result{}, nil
}

// newSource lexes a source file for scanning.
func (s *Scanner) newSource(name string, data []byte) *fileScan {
	l, ok := languageFor(s.langs, name)
	if !ok {
		l = &s.generic
	}
	return newFileScan(s, name, string(data), l)
}

// ErrNotHAR is returned for a .har file that is not a HAR document.
var ErrNotHAR = errors.New("not a HAR file")

// ScanFile scans one file's contents: a HAR file when the name ends in
// .har, else source code in the language of its extension (C-like rules
// for unknown extensions), as a project of one file. Binary content (a NUL
// byte in the first 8 KB) and content over MaxFileSize give an empty
// result. Only a malformed HAR file is an error. The result is sorted.
func (s *Scanner) ScanFile(name string, data []byte) (*Result, error) {
	if strings.EqualFold(filepath.Ext(name), ".har") {
		r, err := s.ScanHAR(name, data)
		if err != nil {
			return nil, err
		}
		return r, nil
	}
	res := &Result{Calls: []Call{}, Skipped: []Skipped{}}
	if len(data) > MaxFileSize || isBinary(data) {
		return res, nil
	}
	res.add(s.scanSources([]*fileScan{s.newSource(name, data)}))
	res.sort()
	return res, nil
}

// isBinary reports whether data looks binary: a NUL byte early on.
func isBinary(data []byte) bool {
	head := data
	if len(head) > 8000 {
		head = head[:8000]
	}
	return bytes.IndexByte(head, 0) >= 0
}
