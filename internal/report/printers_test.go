package report

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/scopeplan/scopeplan"
	"github.com/scopeplan/scopeplan/audit"
	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/explain"
	"github.com/scopeplan/scopeplan/internal/update"
	"github.com/scopeplan/scopeplan/migrate"
	"github.com/scopeplan/scopeplan/parser"
	"github.com/scopeplan/scopeplan/parser/record"
	"github.com/scopeplan/scopeplan/planner"
	"github.com/scopeplan/scopeplan/scan"
)

var updateGoldens = flag.Bool("update", false, "rewrite testdata/*.golden (the lint goldens too)")

// fixture is the fixed input of the printer goldens: a small catalog built
// from testdata/docs and the calls, requests, logs and sources under
// testdata/inputs.
type fixture struct {
	c     *catalog.Catalog
	docs  []*record.Document
	p     scopeplan.Provenance
	calls []planner.Call
}

func readInput(t *testing.T, name string) (string, []byte) {
	t.Helper()
	path := filepath.Join("testdata", "inputs", name)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return filepath.ToSlash(path), data
}

func buildCatalog(t *testing.T, specs ...string) (*catalog.Catalog, []*record.Document) {
	t.Helper()
	var docs []*record.Document
	for _, s := range specs {
		d, err := parser.Load(filepath.Join("testdata", "docs", s))
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d...)
	}
	c, err := catalog.Build(docs)
	if err != nil {
		t.Fatal(err)
	}
	return c, docs
}

func loadFixture(t *testing.T) fixture {
	t.Helper()
	c, docs := buildCatalog(t, "granular-scopes.md", "classic-scopes.txt", "users.yaml")
	name, data := readInput(t, "calls.txt")
	cf, err := planner.ParseCallFile(name, data)
	if err != nil {
		t.Fatal(err)
	}
	return fixture{c: c, docs: docs, p: scopeplan.ProvenanceOf(scopeplan.OriginDocs, docs), calls: cf.Calls}
}

// printCase prints one report in every format of its table.
type printCase struct {
	name string
	// formats are the formats to print; allowed are the table's.
	formats, allowed []Format
	print            func(w io.Writer, f Format, tty bool) error
}

func caseOf[R any](name string, p Printers[R], r R) printCase {
	return printCase{name: name, formats: p.Formats(), allowed: p.Formats(), print: func(w io.Writer, f Format, tty bool) error { return p.Print(w, f, tty, r) }}
}

// printCases are every report but lint (whose goldens TestWriteLintGolden
// keeps), built from the fixture.
func printCases(t *testing.T) []printCase {
	t.Helper()
	fx := loadFixture(t)
	m := NewMeta(fx.p)
	var cases []printCase

	plan, err := planner.Make(fx.c, fx.calls, planner.Options{App: planner.AppAdmin})
	if err != nil {
		t.Fatal(err)
	}
	pr := NewPlanReport(plan, m, nil)
	pr.OverGrantEndpoints = NewOverGrant(fx.c, plan)
	cases = append(cases, caseOf("plan", PlanPrinters(), pr))

	reqName, reqData := readInput(t, "requested.txt")
	req, err := audit.ParseRequest(reqName, reqData)
	if err != nil {
		t.Fatal(err)
	}
	res, err := audit.Run(fx.c, req, fx.calls, planner.AppAdmin)
	if err != nil {
		t.Fatal(err)
	}
	ar := NewAuditReport(res, m)
	ar.SARIF = AuditSARIF{Tool: SARIFTool{Version: "test"}, Requested: reqName, ScopeLines: audit.ScopeLines(reqData, req), Calls: fx.calls}
	cases = append(cases, caseOf("audit", AuditPrinters(), ar))

	logName, logData := readInput(t, "usage.json")
	usage, err := audit.ParseUsage(logName, logData)
	if err != nil {
		t.Fatal(err)
	}
	ures, err := audit.RunUsage(fx.c, req, usage, nil, planner.AppAdmin, audit.UsageOptions{Until: time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	ur := NewUsageAuditReport(ures, m)
	ur.SARIF = AuditSARIF{Tool: SARIFTool{Version: "test"}, Requested: reqName, ScopeLines: audit.ScopeLines(reqData, req)}
	cases = append(cases, caseOf("usage-audit", UsageAuditPrinters(), ur))

	cases = append(cases, caseOf("stats", StatsPrinters(), NewStatsReport(fx.c, fx.p)))

	eps, _ := fx.c.Resolve("/users/{userId}")
	ev, ok := fx.c.Event("user.created")
	if !ok {
		t.Fatal("no event user.created in testdata/docs")
	}
	cases = append(cases, caseOf("lookup", LookupPrinters(), LookupReport{Meta: m, Query: "/users/{userId}", Matches: EndpointViews(eps), Events: NewEventViews([]*catalog.Event{ev})}))

	s, ok := fx.c.Scope("user:read:user:admin")
	if !ok {
		t.Fatal("no scope user:read:user:admin in testdata/docs")
	}
	cases = append(cases, caseOf("scope", ScopePrinters(), NewScopeReport(fx.c, s, fx.p, nil)))

	cases = append(cases, caseOf("dump", DumpPrinters(), NewDumpReport(m, fx.c)))

	old, oldDocs := buildCatalog(t, "../docs-old/granular-scopes.md", "classic-scopes.txt", "users.yaml")
	diff := NewDiffReport(catalog.Diff(old, fx.c), scopeplan.ProvenanceOf(scopeplan.OriginDocs, oldDocs), fx.p)
	cases = append(cases, caseOf("diff", DiffPrinters(), diff))

	_, errText := readInput(t, "error.txt")
	ze, ok := explain.Parse(string(errText))
	if !ok {
		t.Fatal("testdata/inputs/error.txt is no Zoom error")
	}
	x, err := explain.Explain(fx.c, ze, explain.Options{Calls: fx.calls})
	if err != nil {
		t.Fatal(err)
	}
	cases = append(cases, caseOf("explain", ExplainPrinters(), NewExplainReport(x, m)))

	classic := []string{"user:read:admin", "user:write:admin", "user:nope"}
	mres, err := migrate.Run(fx.c, classic, migrate.AppFor(classic), fx.calls)
	if err != nil {
		t.Fatal(err)
	}
	cases = append(cases, caseOf("migrate", MigratePrinters(), NewMigrateReport(mres, m)))

	sres, err := scan.New(fx.c).Scan(filepath.Join("testdata", "inputs", "src"))
	if err != nil {
		t.Fatal(err)
	}
	cases = append(cases, caseOf("scan", ScanPrinters(), NewScanReport(sres, m)))

	ures2 := &update.Result{
		CacheDir: "/cache/scopeplan",
		Sources: []update.SourceResult{
			{Source: update.Source{Name: "granular-scopes", URL: "https://developers.zoom.us/docs/integrations/oauth-scopes-granular/"}, Status: update.StatusUpdated, Attempts: 1, Bytes: 2048,
				After: &update.DocSummary{Path: "granular-scopes.md", Records: 7, SHA256: "db78b42face8"}},
			{Source: update.Source{Name: "classic-scopes", URL: "https://developers.zoom.us/docs/integrations/oauth-scopes/"}, Status: update.StatusUnchanged, Attempts: 1},
			{Source: update.Source{Name: "openapi-users", URL: "https://developers.zoom.us/api-hub/users/methods/endpoints.json"}, Status: update.StatusFailed, Attempts: 3,
				Reason: "HTTP 503 \x1b[31mService Unavailable"},
			{Source: update.Source{Name: "webhooks-users", URL: "https://developers.zoom.us/api-hub/users/events/webhooks.json"}, Status: update.StatusAbsent, Attempts: 1, Reason: "HTTP 404"},
		},
		Committed: true,
		New:       fx.docs,
	}
	upd := NewUpdateReport(ures2, &diff)
	cases = append(cases, caseOf("update", UpdatePrinters(), upd))
	full := upd
	full.FullDiff = true
	withDiff := caseOf("update-diff", UpdatePrinters(), full)
	withDiff.formats = []Format{FormatText}
	cases = append(cases, withDiff)
	return cases
}

// terminalWidth is the width of the terminal the -tty goldens are printed
// on: narrow enough that wide tables are cut.
const terminalWidth = 80

// printBoth prints a case in a pipe (a plain buffer) and on a colour
// terminal.
func printBoth(t *testing.T, c printCase, f Format) (pipe, tty []byte) {
	t.Helper()
	var p, term bytes.Buffer
	if err := c.print(&p, f, false); err != nil {
		t.Fatalf("%s %s (pipe): %v", c.name, f, err)
	}
	if err := c.print(NewTerminal(&term, terminalWidth, true), f, true); err != nil {
		t.Fatalf("%s %s (terminal): %v", c.name, f, err)
	}
	return p.Bytes(), term.Bytes()
}

func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *updateGoldens {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/report -run TestPrintersGolden -update)", err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s differs (run with -update to accept):\n%s", path, got)
	}
}

// TestPrintersGolden pins every report in every format of its table, in a
// pipe and on a terminal: text has a golden of each; every other format
// must print the same on both.
func TestPrintersGolden(t *testing.T) {
	for _, c := range printCases(t) {
		for _, f := range c.formats {
			t.Run(c.name+"/"+string(f), func(t *testing.T) {
				pipe, tty := printBoth(t, c, f)
				if len(pipe) == 0 {
					t.Errorf("%s %s printed nothing", c.name, f)
				}
				checkGolden(t, c.name+"."+string(f), pipe)
				if f == FormatText {
					checkGolden(t, c.name+"."+string(f)+"-tty", tty)
				} else if !bytes.Equal(pipe, tty) {
					t.Errorf("%s %s prints differently on a terminal:\n%s", c.name, f, tty)
				}
			})
		}
	}
}

// TestPrintersEscapeText: text from documents and servers reaches a
// terminal escaped (the update fixture's reason holds an ESC), and JSON
// keeps it as the server sent it.
func TestPrintersEscapeText(t *testing.T) {
	for _, c := range printCases(t) {
		if c.name != "update" {
			continue
		}
		text, _ := printBoth(t, c, FormatText)
		if bytes.Contains(text, []byte("\x1b")) || !bytes.Contains(text, []byte(`\x1b[31m`)) {
			t.Errorf("update text does not escape the server's reason:\n%q", text)
		}
		js, _ := printBoth(t, c, FormatJSON)
		if !bytes.Contains(js, []byte(`\u001b[31m`)) {
			t.Errorf("update JSON changed the server's reason:\n%s", js)
		}
	}
}

// failingWriter accepts n bytes, then fails every write.
type failingWriter struct {
	n, written int
}

var errFull = errors.New("disk full")

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.written+len(p) > w.n {
		k := w.n - w.written
		w.written = w.n
		return k, errFull
	}
	w.written += len(p)
	return len(p), nil
}

// TestPrintersReportWriteErrors: every printer of every table, in a pipe
// and on a terminal, returns the write error of a writer that fails after
// N bytes (at the first byte, half way, at the last byte), and writes
// nothing after it.
func TestPrintersReportWriteErrors(t *testing.T) {
	cases := printCases(t)
	r, rules := lintSample()
	cases = append(cases, caseOf("lint", LintPrinters(), withRules(r, rules)))
	for _, c := range cases {
		for _, f := range c.formats {
			for _, tty := range []bool{false, true} {
				var full bytes.Buffer
				var w io.Writer = &full
				if tty {
					w = NewTerminal(&full, terminalWidth, true)
				}
				if err := c.print(w, f, tty); err != nil {
					t.Fatal(err)
				}
				size := full.Len()
				for _, n := range []int{0, size / 2, size - 1} {
					fw := &failingWriter{n: n}
					w = fw
					if tty {
						w = NewTerminal(fw, terminalWidth, true)
					}
					err := c.print(w, f, tty)
					if !errors.Is(err, errFull) {
						t.Errorf("%s %s (tty %t) on a writer full after %d of %d bytes: error %v, want %v", c.name, f, tty, n, size, err, errFull)
					}
					if fw.written > n {
						t.Errorf("%s %s: wrote %d bytes past a failed write at %d", c.name, f, fw.written, n)
					}
				}
			}
		}
	}
}

// TestPrintersUnknownFormat: every table refuses a format it does not
// have with the same one-line error, naming the formats it has.
func TestPrintersUnknownFormat(t *testing.T) {
	for _, c := range printCases(t) {
		err := c.print(io.Discard, "xml", false)
		var uf *UnknownFormatError
		if !errors.As(err, &uf) {
			t.Fatalf("%s: error %v, want an *UnknownFormatError", c.name, err)
		}
		var names []string
		for _, f := range c.allowed {
			names = append(names, string(f))
		}
		want := fmt.Sprintf("unknown format %q (want one of: %s)", "xml", strings.Join(names, ", "))
		if err.Error() != want || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: %q, want %q", c.name, err, want)
		}
	}
}

// TestPrintersFormats: a table's formats are its keys, in --help order
// (the command's default first), and ParseFormat follows them.
func TestPrintersFormats(t *testing.T) {
	p := PlanPrinters()
	if got := fmt.Sprint(p.Formats()); got != "[text json yaml markdown manifest]" {
		t.Errorf("plan formats %s", got)
	}
	if f, err := ParseFormat("manifest", p.Formats()...); err != nil || f != FormatManifest {
		t.Errorf("Parse(manifest) = %q, %v", f, err)
	}
	if _, err := ParseFormat("yaml", LintPrinters().Formats()...); err == nil {
		t.Error("lint accepts yaml, which it has no printer for")
	}
	// audit checks --format before it knows whether --usage makes it a
	// usage audit: both tables have the same formats.
	if a, u := fmt.Sprint(AuditPrinters().Formats()), fmt.Sprint(UsageAuditPrinters().Formats()); a != u {
		t.Errorf("audit formats %s, usage audit formats %s", a, u)
	}
	if got := DumpPrinters().Formats(); len(got) != 2 || got[0] != FormatJSON {
		t.Errorf("dump formats %v: want json (its default) first", got)
	}
}

// TestWriterSticky: the first error is kept and every later write is a
// no-op returning it.
func TestWriterSticky(t *testing.T) {
	fw := &failingWriter{n: 3}
	w := NewWriter(fw, false)
	w.Printf("%s", "ab")
	w.Println("cd")
	w.Printf("ef")
	if !errors.Is(w.Err(), errFull) || fw.written != 3 {
		t.Errorf("err %v after %d bytes; want %v after 3", w.Err(), fw.written, errFull)
	}
	if n, err := w.Write([]byte("x")); n != 0 || !errors.Is(err, errFull) {
		t.Errorf("Write after a failure = %d, %v", n, err)
	}
}
