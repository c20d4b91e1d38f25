package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scopeplan/scopeplan/audit"
	"github.com/scopeplan/scopeplan/internal/update"
	"github.com/scopeplan/scopeplan/planner"
	"github.com/scopeplan/scopeplan/scan"
)

// TestUnmappedLine plans the fixture's calls with more unmapped calls
// and an unknown event: the line names them, five at most per kind.
func TestUnmappedLine(t *testing.T) {
	fx := loadFixture(t)
	calls := append([]planner.Call(nil), fx.calls...)
	for _, s := range []string{"FROB /a", "FROB /b", "FROB /c", "FROB /d", "FROB /e"} {
		calls = append(calls, planner.Call{Spec: s})
	}
	calls = append(calls, planner.Call{Spec: "nope.event", Event: true})
	plan, err := planner.Make(fx.c, calls, planner.Options{App: planner.AppAdmin})
	if err != nil {
		t.Fatal(err)
	}
	r := NewPlanReport(plan, NewMeta(fx.p), nil)
	want := "plan: 6 calls unmapped: FROB /users, FROB /a, FROB /b, FROB /c, FROB /d and 1 more; 1 event unmapped: nope.event"
	if got := UnmappedLine(r.Unmapped); got != want {
		t.Errorf("UnmappedLine:\n got %q\nwant %q", got, want)
	}
}

// TestAuditLine: the fixture's audit is unverified (FROB /users) and
// names what to change.
func TestAuditLine(t *testing.T) {
	fx := loadFixture(t)
	reqName, reqData := readInput(t, "requested.txt")
	req, err := audit.ParseRequest(reqName, reqData)
	if err != nil {
		t.Fatal(err)
	}
	res, err := audit.Run(fx.c, req, fx.calls, planner.AppAdmin)
	if err != nil {
		t.Fatal(err)
	}
	r := NewAuditReport(res, NewMeta(fx.p))
	got := AuditLine(r)
	if !strings.HasPrefix(got, "audit: "+r.Verdict+": ") {
		t.Fatalf("AuditLine %q does not start with the verdict %q", got, r.Verdict)
	}
	for _, part := range []string{
		fmt.Sprintf("%d unknown scope name(s)", len(r.Unknown)),
		Plural(len(r.Unmapped), "call") + " unmapped",
	} {
		if !strings.Contains(got, part) {
			t.Errorf("AuditLine %q lacks %q", got, part)
		}
	}
	if len(r.ToRemove) > 0 && !strings.Contains(got, fmt.Sprintf("%d scope(s) to remove (%s", len(r.ToRemove), r.ToRemove[0])) {
		t.Errorf("AuditLine %q does not name the scopes to remove %q", got, r.ToRemove)
	}
	if got := AuditLine(AuditReport{Verdict: "match"}); got != "audit: match" {
		t.Errorf("a matching audit: %q", got)
	}
	if Plural(1, "call") != "1 call" || Plural(0, "finding") != "0 findings" {
		t.Error("Plural")
	}
}

// TestAuditGrants: a call-less audit of the fixture's request lists,
// once ListGrants has run, every endpoint of each scope in text, and
// nothing more in JSON.
func TestAuditGrants(t *testing.T) {
	fx := loadFixture(t)
	reqName, reqData := readInput(t, "requested.txt")
	req, err := audit.ParseRequest(reqName, reqData)
	if err != nil {
		t.Fatal(err)
	}
	res, err := audit.Run(fx.c, req, nil, planner.AppAdmin)
	if err != nil {
		t.Fatal(err)
	}
	r := NewAuditReport(res, NewMeta(fx.p))
	if len(r.BlastRadius) == 0 {
		t.Fatal("no blast radius for a call-less audit")
	}
	var plain, plainJSON bytes.Buffer
	if err := AuditPrinters().Print(&plain, FormatText, false, r); err != nil {
		t.Fatal(err)
	}
	if err := AuditPrinters().Print(&plainJSON, FormatJSON, false, r); err != nil {
		t.Fatal(err)
	}
	r.ListGrants(fx.c)
	var text, js bytes.Buffer
	if err := AuditPrinters().Print(&text, FormatText, false, r); err != nil {
		t.Fatal(err)
	}
	if err := AuditPrinters().Print(&js, FormatJSON, false, r); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(js.Bytes(), plainJSON.Bytes()) {
		t.Error("ListGrants changed the JSON")
	}
	if !bytes.HasPrefix(text.Bytes(), plain.Bytes()) {
		t.Fatal("the grants do not follow the text as it was")
	}
	var want strings.Builder
	for _, b := range r.BlastRadius {
		s, ok := fx.c.Scope(b.Scope)
		if !ok {
			continue
		}
		fmt.Fprintf(&want, "\n%s grants:\n", b.Scope)
		eps := fx.c.EndpointsOf(s.Endpoints)
		if len(eps) != b.Total {
			t.Errorf("%s: %d endpoints, the radius says %d", b.Scope, len(eps), b.Total)
		}
		for _, e := range eps {
			fmt.Fprintf(&want, "  %s\n", e.Label())
		}
	}
	if got := text.String()[plain.Len():]; got != want.String() || got == "" {
		t.Errorf("grants:\n%s\nwant:\n%s", got, want.String())
	}
}

func TestUpdateProgress(t *testing.T) {
	sources := []update.SourceResult{
		{Source: update.Source{Name: "granular-scopes"}, Status: update.StatusUpdated, Bytes: 2048, Reason: "not shown once updated"},
		{Source: update.Source{Name: "classic-scopes"}, Status: update.StatusUnchanged, Bytes: 0},
		{Source: update.Source{Name: "openapi-users"}, Status: update.StatusFailed, Bytes: 3 << 20, Reason: "HTTP 503 \x1b[31mService Unavailable"},
	}
	var buf bytes.Buffer
	progress := UpdateProgress(&buf, 12)
	for _, s := range sources {
		progress(s)
	}
	want := fmt.Sprintf("[ 1/12] %-32s %-9s %9s\n[ 2/12] %-32s %-9s %9s\n[ 3/12] %-32s %-9s %9s  HTTP 503 \\x1b[31mService Unavailable\n",
		"granular-scopes", update.StatusUpdated, "2.0 KB",
		"classic-scopes", update.StatusUnchanged, "-",
		"openapi-users", update.StatusFailed, "3.0 MB")
	if buf.String() != want {
		t.Errorf("progress:\n%s\nwant:\n%s", buf.String(), want)
	}
	for n, want := range map[int64]string{-1: "-", 0: "-", 1: "1 B", 1023: "1023 B", 1536: "1.5 KB", 5 << 20: "5.0 MB"} {
		if got := humanSize(n); got != want {
			t.Errorf("humanSize(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestWriteScanSkipped scans the fixture's sources beside a file too
// large to read: only that file, which names no URL, is written (the
// unresolved URLs are in the call file), escaped.
func TestWriteScanSkipped(t *testing.T) {
	fx := loadFixture(t)
	dir := t.TempDir()
	src := filepath.Join("testdata", "inputs", "src", "app.js")
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big\x1b[2J.js")
	if err := os.WriteFile(big, append(data, bytes.Repeat([]byte("//\n"), scan.MaxFileSize/3+1)...), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := scan.New(fx.c).Scan(filepath.Join("testdata", "inputs", "src"), dir)
	if err != nil {
		t.Fatal(err)
	}
	if res.Unresolvable() != 1 {
		t.Fatalf("%d unresolvable skipped places, want the large file: %+v", res.Unresolvable(), res.Skipped)
	}
	var buf bytes.Buffer
	if err := WriteScanSkipped(&buf, res); err != nil {
		t.Fatal(err)
	}
	var k scan.Skipped
	for _, s := range res.Skipped {
		if s.Text == "" {
			k = s
		}
	}
	want := "scopeplan: scan: skipped " + Escape(k.File) + ": " + Escape(k.Reason) + "\n"
	if buf.String() != want || strings.Contains(buf.String(), "\x1b") {
		t.Errorf("skipped:\n%q\nwant\n%q", buf.String(), want)
	}
	var js bytes.Buffer
	if err := json.NewEncoder(&js).Encode(res.Skipped); err != nil || !strings.Contains(js.String(), "larger than") {
		t.Errorf("the large file is not skipped as too large: %s", js.String())
	}
}
