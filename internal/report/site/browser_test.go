package site

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/internal/report"
	"github.com/scopeplan/scopeplan/parser"
	"github.com/scopeplan/scopeplan/parser/record"
	"github.com/scopeplan/scopeplan/planner"
)

// chromiumPath is Debian's chromium package (apt-get install chromium).
const chromiumPath = "/usr/bin/chromium"

// browser starts headless Chromium for a test and returns a context for
// its actions, or skips the test when Chromium is not installed, unless
// CI=true: then it fails, so CI cannot skip the browser test silently.
// Script exceptions, console errors and browser log errors (Content
// Security Policy violations among them) are collected in errs.
func browser(t *testing.T, errs *pageErrors) context.Context {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true but %s is missing (apt-get install -y chromium): %v", chromiumPath, err)
		}
		t.Skipf("%s not installed (apt-get install -y chromium); skipping the browser test", chromiumPath)
	}
	if testing.Short() && os.Getenv("CI") != "true" {
		t.Skip("browser test skipped in -short mode")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1440, 1000),
	}
	ctx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancelCtx := chromedp.NewContext(ctx, chromedp.WithListener(errs.record))
	t.Cleanup(cancelCtx)
	// The first action starts the browser; it must not run under a
	// timeout, which would stop the browser when it expires.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start %s: %v", chromiumPath, err)
	}
	tctx, cancelTimeout := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(cancelTimeout)
	return tctx
}

// pageErrors collects the errors a page reports.
type pageErrors struct {
	mu   sync.Mutex
	errs []string
}

func (p *pageErrors) record(ev any) {
	var msg string
	switch ev := ev.(type) {
	case *runtime.EventExceptionThrown:
		msg = "exception: " + ev.ExceptionDetails.Text
		if ex := ev.ExceptionDetails.Exception; ex != nil {
			msg += " " + ex.Description
		}
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError {
			var parts []string
			for _, a := range ev.Args {
				parts = append(parts, string(a.Value)+a.Description)
			}
			msg = "console.error: " + strings.Join(parts, " ")
		}
	case *cdplog.EventEntryAdded:
		if ev.Entry != nil && ev.Entry.Level == cdplog.EntryLevelError {
			msg = "log: " + ev.Entry.Text
		}
	}
	if msg != "" {
		p.mu.Lock()
		p.errs = append(p.errs, msg)
		p.mu.Unlock()
	}
}

func (p *pageErrors) list() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.errs)
}

// resolveOne resolves a call spec to exactly one endpoint.
func resolveOne(t *testing.T, c *catalog.Catalog, spec string) *catalog.Endpoint {
	t.Helper()
	eps, _ := c.Resolve(spec)
	if len(eps) != 1 {
		t.Fatalf("%q resolves to %d endpoints, want 1", spec, len(eps))
	}
	return eps[0]
}

// browserEvil is a hostile event name: were it ever inserted as markup,
// the image's handler (or the Content Security Policy's report of it)
// would show.
const browserEvil = `user.<img src=x onerror="window.__pwned=1">"<script>window.__pwned=2</script>`

// browserCatalog is the embedded catalog plus the fixture's webhooks
// document (events whose scopes are the embedded catalog's, one whose
// scope no page defines, one with none) and a hostile event.
func browserCatalog(t *testing.T) *catalog.Catalog {
	t.Helper()
	docs := slices.Clone(embeddedCatalog(t).Documents)
	b, err := os.ReadFile(filepath.Join("testdata", "fixture", "webhooks.json"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := parser.Parse("fixture/webhooks.json", b, "")
	if err != nil {
		t.Fatal(err)
	}
	src := record.Source{File: "evil" + evil + ".json", Line: 1}
	docs = append(docs, d, &record.Document{Path: "evil.json", Kind: record.KindWebhooks, Title: "Evil " + evil, Events: []record.Event{{
		Name: browserEvil, Summary: evil + " <b>bold</b>", Source: src,
		Scopes: []record.ScopeList{{Origin: record.OriginText, HasGranular: true,
			Granular: []record.ScopeRef{{Name: "user:read:settings:admin", Source: src}}}},
	}}})
	c, err := catalog.Build(docs)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestBrowser drives the explorer over the embedded catalog (plus events)
// in headless Chromium: search as you type, click through to a scope and
// on to an endpoint, see a lint finding beside it, find and open events
// (a hostile one among them stays text), tick two endpoints and two
// events and compare the plan the page shows (computed by the planner
// compiled to WebAssembly) with planner.Make's for every app type, check
// the search ranking, the plan's manifest block and command (run through
// sh, resolved and planned again) and their Copy buttons, and that a long
// reference link stays in its column, and take a screenshot.
func TestBrowser(t *testing.T) {
	var errs pageErrors
	ctx := browser(t, &errs)
	c := browserCatalog(t)
	e1 := resolveOne(t, c, "GET /users/{userId}")
	e2 := resolveOne(t, c, "GET /users")
	note := Note{Rule: "TEST_RULE", Severity: "warning", Message: "a finding about " + e1.Name, Endpoints: []int{e1.ID}}
	s := newSite(t, c, Options{Notes: []Note{note}})
	file := filepath.Join(t.TempDir(), HTMLFile)
	if err := os.WriteFile(file, renderHTML(t, s), 0o644); err != nil {
		t.Fatal(err)
	}
	pageURL := (&url.URL{Scheme: "file", Path: file}).String()

	do := func(step string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v (page errors: %q)", step, err, errs.list())
		}
	}
	eval := func(step, expr string, v any) {
		t.Helper()
		raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](expr))
		if err != nil {
			t.Fatalf("%s: %v (page errors: %q)", step, err, errs.list())
		}
		if v != nil {
			if err := json.Unmarshal(raw, v); err != nil {
				t.Fatalf("%s: decode %s: %v", step, raw, err)
			}
		}
	}
	do("load", chromedp.Navigate(pageURL), chromedp.WaitVisible(chromedp.ID("q")),
		chromedp.WaitReady(chromedp.CSS(`body[data-solver="ready"]`)))

	// Search as you type.
	do("search", chromedp.SendKeys(chromedp.ID("q"), "list users"),
		chromedp.WaitVisible(chromedp.CSS(`#endpoint-results a[data-endpoint="`+strconv.Itoa(e2.ID)+`"]`)))
	var ids []int
	var count string
	eval("results", `[...document.querySelectorAll("#endpoint-results a.endpoint")].map(a => Number(a.dataset.endpoint))`, &ids)
	eval("count", `document.getElementById("endpoint-count").textContent`, &count)
	if len(ids) == 0 || (len(ids) < 100 && strconv.Itoa(len(ids)) != count) {
		t.Errorf("search shows %d results, count says %s", len(ids), count)
	}
	for _, id := range ids {
		e := c.Endpoint(id)
		text := strings.ToLower(strings.Join([]string{e.Name, e.Method + " " + e.Path, e.OperationID, e.Section, s.products[s.productOf[id]].name}, "\n"))
		if !strings.Contains(text, "list") || !strings.Contains(text, "users") {
			t.Errorf("search result %s does not match %q", e.Label(), "list users")
		}
	}

	// Search ranks exact, prefix and whole-word matches of a name first:
	// "phone users" puts "List phone users" at the top, though its words
	// also occur (in catalog order, earlier) across many other endpoints.
	const rankQuery, rankName = "phone users", "List phone users"
	named, _ := c.Resolve(rankName)
	if len(named) == 0 {
		t.Fatalf("the embedded catalog has no endpoint named %q", rankName)
	}
	do("rank", setValue("q", rankQuery), chromedp.WaitVisible(chromedp.CSS(`#endpoint-results a[data-endpoint="`+strconv.Itoa(named[0].ID)+`"]`)))
	eval("ranked results", `[...document.querySelectorAll("#endpoint-results a.endpoint")].map(a => Number(a.dataset.endpoint))`, &ids)
	if len(ids) <= len(named) {
		t.Fatalf("%q finds %d endpoint(s); the ranking example needs more", rankQuery, len(ids))
	}
	for i := range named {
		if e := c.Endpoint(ids[i]); e.Name != rankName {
			t.Errorf("%q: result %d of %d is %q, want %q first", rankQuery, i+1, len(ids), e.Name, rankName)
		}
	}

	// Click through to a scope.
	scope := s.advice[e2.ID][slices.Index(Apps(), planner.AppAdmin)].best
	sc, ok := c.GranularScope(scope)
	if !ok {
		t.Fatalf("no least-privileged admin scope for %s", e2.Label())
	}
	do("open scope", setValue("q", ""), chromedp.SendKeys(chromedp.ID("q"), scope),
		chromedp.WaitVisible(chromedp.CSS(`#scope-results a[data-scope="`+scope+`"]`)))
	var first string
	eval("first scope", `document.querySelector("#scope-results a.scope").dataset.scope`, &first)
	if first != scope {
		t.Errorf("searching %q lists scope %q first, not the exact match", scope, first)
	}
	do("open scope", chromedp.Click(chromedp.CSS(`#scope-results a[data-scope="`+scope+`"]`)),
		chromedp.WaitVisible(chromedp.ID("scope-endpoints")))
	var hash, title string
	var rows int
	eval("hash", `location.hash`, &hash)
	eval("title", `document.getElementById("detail-title").textContent`, &title)
	eval("rows", `document.querySelectorAll("#scope-endpoints tbody tr").length`, &rows)
	if want := "#scope/" + strings.ReplaceAll(scope, ":", "%3A"); hash != want {
		t.Errorf("hash = %q, want %q", hash, want)
	}
	if title != scope || rows != len(sc.Endpoints) {
		t.Errorf("scope page: title %q with %d endpoints, want %q with %d", title, rows, scope, len(sc.Endpoints))
	}

	// And back from the scope to an endpoint it grants: its advice and its
	// lint finding.
	do("open endpoint", chromedp.Click(chromedp.CSS(`#scope-endpoints a[data-endpoint="`+strconv.Itoa(e2.ID)+`"]`)),
		chromedp.WaitVisible(chromedp.ID("advice")))
	eval("endpoint hash", `location.hash`, &hash)
	if want := "#endpoint/" + strconv.Itoa(e2.ID); hash != want {
		t.Errorf("hash = %q, want %q", hash, want)
	}
	do("open endpoint 1", chromedp.Evaluate[chromedp.Void](`location.hash = "#endpoint/`+strconv.Itoa(e1.ID)+`"`),
		chromedp.WaitVisible(chromedp.CSS(`#detail input.tick[data-id="`+strconv.Itoa(e1.ID)+`"]`)))
	var best []string
	var notes string
	eval("advice", `[...document.querySelectorAll("#advice tbody td.best")].map(td => td.textContent)`, &best)
	eval("notes", `document.querySelector("#detail .notes").textContent`, &notes)
	for ai, app := range Apps() {
		want := orDash(s.advice[e1.ID][ai].best)
		if ai >= len(best) || best[ai] != want {
			t.Errorf("%s app: page shows least privileged %q, want %q", app, best, want)
		}
	}
	if !strings.Contains(notes, "TEST_RULE") || !strings.Contains(notes, note.Message) {
		t.Errorf("lint finding not shown beside the endpoint: %q", notes)
	}

	// Search finds events; an event's page gives the planner's advice.
	ev, ok := c.Event("user.updated")
	if !ok {
		t.Fatal("fixture event user.updated missing")
	}
	evID := strconv.Itoa(ev.ID)
	do("search event", setValue("q", ""), chromedp.SendKeys(chromedp.ID("q"), "user.updated"),
		chromedp.WaitVisible(chromedp.CSS(`#event-results a[data-event="`+evID+`"]`)),
		chromedp.Click(chromedp.CSS(`#event-results a[data-event="`+evID+`"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#detail input.tick-event[data-event="`+evID+`"]`)))
	eval("event title", `document.getElementById("detail-title").textContent`, &title)
	eval("event advice", `[...document.querySelectorAll("#event-advice tbody td.best")].map(td => td.textContent)`, &best)
	if title != ev.Name {
		t.Errorf("event page title %q, want %q", title, ev.Name)
	}
	for ai, app := range Apps() {
		if want := orDash(s.eventAdvice[ev.ID][ai].best); ai >= len(best) || best[ai] != want {
			t.Errorf("event %s, %s app: page shows least privileged %q, want %q", ev.Name, app, best, want)
		}
	}

	// A hostile event name is found, shown and ticked as text.
	bad, ok := c.Event(browserEvil)
	if !ok {
		t.Fatal("hostile event missing")
	}
	badID := strconv.Itoa(bad.ID)
	do("search hostile event", setValue("q", "onerror"),
		chromedp.WaitVisible(chromedp.CSS(`#event-results a[data-event="`+badID+`"]`)),
		chromedp.Click(chromedp.CSS(`#event-results a[data-event="`+badID+`"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#detail input.tick-event[data-event="`+badID+`"]`)))
	var injected struct {
		Title  string `json:"title"`
		Pwned  bool   `json:"pwned"`
		Images int    `json:"images"`
		Bold   int    `json:"bold"`
	}
	eval("hostile event", `({title: document.getElementById("detail-title").textContent, pwned: window.__pwned !== undefined,
		images: document.querySelectorAll("img").length, bold: document.querySelectorAll("#detail b").length})`, &injected)
	if injected.Title != browserEvil || injected.Pwned || injected.Images != 0 || injected.Bold != 0 {
		t.Errorf("hostile event not shown as text: %+v", injected)
	}

	// Tick two endpoints and two events; the plan shown must be
	// planner.Make's.
	for _, e := range []*catalog.Endpoint{e1, e2} {
		id := strconv.Itoa(e.ID)
		do("tick", chromedp.Evaluate[chromedp.Void](`location.hash = "#endpoint/`+id+`"`),
			chromedp.WaitVisible(chromedp.CSS(`#detail input.tick[data-id="`+id+`"]`)),
			chromedp.Click(chromedp.CSS(`#detail input.tick[data-id="`+id+`"]`)),
			chromedp.WaitVisible(chromedp.CSS(`#plan-ticked li[data-id="`+id+`"]`)))
	}
	do("tick hostile event", chromedp.Click(chromedp.CSS(`#event-results input.tick-event[data-event="`+badID+`"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#plan-ticked li[data-event="`+badID+`"]`)))
	do("tick event", chromedp.Evaluate[chromedp.Void](`location.hash = "#event/`+url.PathEscape(ev.Name)+`"`),
		chromedp.WaitVisible(chromedp.CSS(`#detail input.tick-event[data-event="`+evID+`"]`)),
		chromedp.Click(chromedp.CSS(`#detail input.tick-event[data-event="`+evID+`"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#plan-ticked li[data-event="`+evID+`"]`)))
	calls := []planner.Call{{Spec: "GET /users/{userId}"}, {Spec: "GET /users"},
		{Spec: browserEvil, Event: true}, {Spec: ev.Name, Event: true}}
	for _, app := range []planner.AppType{planner.AppAdmin, planner.AppMaster, planner.AppUser} {
		want, err := planner.Make(c, calls, planner.Options{App: app})
		if err != nil {
			t.Fatal(err)
		}
		do("plan "+string(app), setValue("plan-app", string(app)),
			chromedp.WaitVisible(chromedp.ID("plan-overgrant")))
		var got struct {
			Granular        []string `json:"granular"`
			Classic         []string `json:"classic"`
			OverGrant       string   `json:"overGrant"`
			OverGrantEvents string   `json:"overGrantEvents"`
			Events          int      `json:"events"`
			Unmapped        int      `json:"unmapped"`
		}
		eval("plan "+string(app), `({
			granular: [...document.querySelectorAll("#plan-granular li")].map(li => li.textContent),
			classic: [...document.querySelectorAll("ul#plan-classic li")].map(li => li.textContent),
			overGrant: document.getElementById("plan-overgrant").textContent,
			overGrantEvents: document.getElementById("plan-overgrant-events").textContent,
			events: document.querySelectorAll("#plan-events tbody tr").length,
			unmapped: document.querySelectorAll("#plan-unmapped li").length,
		})`, &got)
		if !slices.Equal(got.Granular, want.Granular) || !slices.Equal(nonNil(got.Classic), nonNil(want.Classic)) ||
			got.OverGrant != strconv.Itoa(want.OverGrant) || got.OverGrantEvents != strconv.Itoa(want.OverGrantEvents) ||
			got.Events != len(want.Events) || got.Unmapped != len(want.Unmapped) {
			t.Errorf("%s app: page plan = %+v\nplanner.Make = granular %q classic %q over-grant %d/%d events %d unmapped %d",
				app, got, want.Granular, want.Classic, want.OverGrant, want.OverGrantEvents, len(want.Events), len(want.Unmapped))
		}
	}

	// The plan as a manifest block and as a command, shown as text and
	// copied by a button: tick also an endpoint whose doc link holds a
	// character the page percent-encodes (a quote) and one known only by
	// its request, for the command's specs.
	extra := []*catalog.Endpoint{}
	for _, want := range []func(e *catalog.Endpoint) bool{
		func(e *catalog.Endpoint) bool { return strings.Contains(e.Link, "'") },
		func(e *catalog.Endpoint) bool { return e.Link == "" && e.Path != "" },
	} {
		for _, e := range c.Endpoints {
			if want(e) {
				extra = append(extra, e)
				break
			}
		}
	}
	if len(extra) != 2 {
		t.Fatalf("the embedded catalog lacks an endpoint for the command test (found %d of 2)", len(extra))
	}
	for _, e := range extra {
		id := strconv.Itoa(e.ID)
		do("tick", chromedp.Evaluate[chromedp.Void](`location.hash = "#endpoint/`+id+`"`),
			chromedp.WaitVisible(chromedp.CSS(`#detail input.tick[data-id="`+id+`"]`)),
			chromedp.Click(chromedp.CSS(`#detail input.tick[data-id="`+id+`"]`)),
			chromedp.WaitVisible(chromedp.CSS(`#plan-ticked li[data-id="`+id+`"]`)))
	}
	do("plan admin", setValue("plan-app", "admin"), chromedp.WaitVisible(chromedp.ID("plan-command")))
	var manifest, command string
	eval("manifest", `document.getElementById("plan-manifest").textContent`, &manifest)
	eval("command", `document.getElementById("plan-command").textContent`, &command)
	// The command, split into words by a real shell.
	out, err := exec.Command("sh", "-c", `scopeplan() { printf '%s\0' "$@"; }; `+command).Output()
	if err != nil {
		t.Fatalf("the page's command does not run in sh: %v\n%s", err, command)
	}
	args := strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
	var app string
	var cmdCalls []planner.Call
	var callIDs []int
	var events []string
	if args[0] != "plan" || len(args)%2 != 1 {
		t.Fatalf("command %q is not scopeplan plan --flag value ...", args)
	}
	for i := 1; i < len(args); i += 2 {
		switch flag, v := args[i], args[i+1]; {
		case flag == "--app":
			app = v
		case flag == "--call":
			cmdCalls = append(cmdCalls, planner.Call{Spec: v})
			callIDs = append(callIDs, resolveOne(t, c, v).ID)
		case flag == "--event":
			cmdCalls = append(cmdCalls, planner.Call{Spec: v, Event: true})
			events = append(events, v)
		default:
			t.Fatalf("command %q: unexpected %s", args, flag)
		}
	}
	if wantIDs := []int{e1.ID, e2.ID, extra[0].ID, extra[1].ID}; app != "admin" || !slices.Equal(callIDs, wantIDs) ||
		!slices.Equal(events, []string{browserEvil, ev.Name}) {
		t.Errorf("command %s\nruns as app %q, calls to endpoints %v, events %q; want admin, %v, %q",
			command, app, callIDs, events, wantIDs, []string{browserEvil, ev.Name})
	}
	// The manifest block is what scopeplan plan --format manifest writes
	// for that command.
	p, err := planner.Make(c, cmdCalls, planner.Options{App: planner.AppAdmin})
	if err != nil {
		t.Fatal(err)
	}
	var wantManifest strings.Builder
	if err := report.PlanPrinters().Print(&wantManifest, report.FormatManifest, false, report.NewPlanReport(p, report.Meta{}, nil)); err != nil {
		t.Fatal(err)
	}
	if manifest != wantManifest.String() {
		t.Errorf("manifest block:\n%s\nscopeplan plan --format manifest:\n%s", manifest, wantManifest.String())
	}
	// Copy selects the text (and copies it where the browser allows).
	for _, id := range []string{"plan-manifest", "plan-command"} {
		var selected struct {
			Selection string `json:"selection"`
			Text      string `json:"text"`
			Status    string `json:"status"`
		}
		do("copy "+id, chromedp.Click(chromedp.CSS(`button[data-copy="`+id+`"]`)),
			chromedp.Poll[chromedp.Void](`document.getElementById("`+id+`-status").textContent !== ""`))
		eval("selection "+id, `({selection: window.getSelection().toString(), text: document.getElementById("`+id+`").textContent,
			status: document.getElementById("`+id+`-status").textContent})`, &selected)
		if selected.Selection != strings.TrimSuffix(selected.Text, "\n") || selected.Text == "" {
			t.Errorf("copy %s selects %q, want %q (status %q)", id, selected.Selection, selected.Text, selected.Status)
		}
	}

	var pwned bool
	eval("hostile plan", `window.__pwned !== undefined || document.querySelectorAll("img, #plan b, #plan script").length > 0`, &pwned)
	if pwned {
		t.Error("a hostile event name became markup in the plan's manifest block or command")
	}

	// A long reference URL wraps inside the detail column.
	long := e1
	for _, e := range c.Endpoints {
		if len(e.Link) > len(long.Link) {
			long = e
		}
	}
	var box struct {
		Link, Detail, Plan float64
		Overflow           bool
	}
	do("long link", chromedp.Evaluate[chromedp.Void](`location.hash = "#endpoint/`+strconv.Itoa(long.ID)+`"`),
		chromedp.WaitVisible(chromedp.CSS(`#detail dd a[href]`)))
	eval("long link box", `({Link: document.querySelector("#detail dd a[href]").getBoundingClientRect().right,
		Detail: document.getElementById("detail").getBoundingClientRect().right,
		Plan: document.getElementById("plan").getBoundingClientRect().left,
		Overflow: document.getElementById("detail").scrollWidth > document.getElementById("detail").clientWidth})`, &box)
	if box.Link > box.Detail || box.Link > box.Plan || box.Overflow {
		t.Errorf("reference link of %d characters runs out of its column: %+v", len(long.Link), box)
	}

	// A screenshot, to look at.
	do("back to admin", setValue("plan-app", "admin"),
		setValue("q", ""), chromedp.SendKeys(chromedp.ID("q"), "users"))
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	shot := filepath.Join(t.TempDir(), "explorer.png")
	if err := os.WriteFile(shot, png, 0o644); err != nil {
		t.Fatal(err)
	}
	if d := os.Getenv("SCOPEPLAN_SCREENSHOT_DIR"); d != "" {
		if err := os.WriteFile(filepath.Join(d, "explorer.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if len(png) < 10_000 {
		t.Errorf("screenshot is only %d bytes", len(png))
	}
	if e := errs.list(); len(e) > 0 {
		t.Errorf("the page reported errors:\n%s", strings.Join(e, "\n"))
	}
	t.Logf("screenshot %s (%d bytes)", shot, len(png))
}

// setValue sets a form control's value and fires the event a user's
// change would (input for text, change for a select).
func setValue(id, value string) chromedp.Action[chromedp.Void] {
	v, _ := json.Marshal(value)
	idJSON, _ := json.Marshal(id)
	return chromedp.Evaluate[chromedp.Void](`(() => {
		const el = document.getElementById(` + string(idJSON) + `);
		el.value = ` + string(v) + `;
		el.dispatchEvent(new Event(el.tagName === "SELECT" ? "change" : "input"));
	})()`)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
