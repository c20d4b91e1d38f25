package site

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"strings"
	"time"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/internal/report/site/internal/page"
)

// assets are the explorer's code: its script and style, the planner
// compiled to WebAssembly (gzip-compressed) and the Go toolchain's wasm_exec.js that runs it
// (both written by go generate).
//
//go:embed assets/app.js assets/app.css assets/solve.wasm.gz assets/wasm_exec.js assets/solve.wasm.version
var assets embed.FS

// HTMLFile is the name the explorer is written under.
const HTMLFile = "index.html"

// Element IDs of the data blocks the explorer's script reads.
const (
	dataID = "scopeplan-data"
	wasmID = "scopeplan-wasm"
)

// The explorer's data (package page, which the WebAssembly module reads
// back to plan).
type (
	jsData     = page.Data
	jsApp      = page.App
	jsEndpoint = page.Endpoint
	jsScope    = page.Scope
	jsEvent    = page.Event
	jsNote     = page.Note
	jsDocument = page.Document
)

// data builds the explorer's data.
func (s *Site) data() jsData {
	d := jsData{Title: s.o.Title, Products: []string{}, Endpoints: []jsEndpoint{}, Scopes: []jsScope{}, Notes: []jsNote{}, Documents: []jsDocument{}}
	if !s.o.Generated.IsZero() {
		d.Generated = s.o.Generated.UTC().Format(time.RFC3339)
	}
	for _, app := range Apps() {
		a := jsApp{ID: string(app), Levels: []string{}}
		for _, l := range []catalog.Level{catalog.LevelUser, catalog.LevelAdmin, catalog.LevelMaster} {
			if app.Allows(l) {
				a.Levels = append(a.Levels, string(l))
			}
		}
		d.Apps = append(d.Apps, a)
	}
	for _, p := range s.products {
		d.Products = append(d.Products, p.name)
	}
	idx := func(names []string, kind catalog.ScopeKind) []int {
		out := []int{}
		for _, n := range names {
			if sc, ok := s.scopeByName(n, kind); ok {
				out = append(out, s.scopeIndex[sc])
			}
		}
		return out
	}
	// bestIdx is the index of an advice's best granular scope; -1 for none.
	bestIdx := func(best string) int {
		if best != "" {
			if b := idx([]string{best}, catalog.KindGranular); len(b) == 1 {
				return b[0]
			}
		}
		return -1
	}
	for _, sc := range s.c.Scopes {
		k := "g"
		if sc.Kind == catalog.KindClassic {
			k = "c"
		}
		d.Scopes = append(d.Scopes, jsScope{
			Name: sc.Name, Kind: k, Level: string(catalog.LevelOf(sc.Name)), Endpoints: sc.Endpoints, Events: sc.Events,
			Group: sc.Group, Description: sc.Description, Defined: sc.Defined,
		})
	}
	// Event products no endpoint product has come after the endpoints'.
	productIndex := map[string]int{}
	for i, n := range d.Products {
		productIndex[n] = i
	}
	for _, p := range s.eventProducts {
		if _, ok := productIndex[p.name]; !ok {
			productIndex[p.name] = len(d.Products)
			d.Products = append(d.Products, p.name)
		}
	}
	for _, e := range s.c.Events {
		je := jsEvent{ID: e.ID, Name: e.Name, Summary: e.Summary, Product: productIndex[s.eventProducts[s.eventProductOf[e.ID]].name],
			Granular: idx(e.Granular, catalog.KindGranular), Classic: idx(e.Classic, catalog.KindClassic)}
		for _, a := range s.eventAdvice[e.ID] {
			je.Best = append(je.Best, bestIdx(a.best))
			je.Higher = append(je.Higher, idx(a.higher, catalog.KindGranular))
			je.Why = append(je.Why, a.reason)
		}
		for _, src := range e.Sources {
			je.Sources = append(je.Sources, sourceText(src))
		}
		d.Events = append(d.Events, je)
	}
	for _, e := range s.c.Endpoints {
		je := jsEndpoint{
			ID: e.ID, Method: e.Method, Path: e.Path, Name: e.Name, OpID: e.OperationID,
			Product: s.productOf[e.ID], Section: e.Section, Master: e.Variant == "master",
			Link: safeURL(e.Link), Granular: idx(e.Granular, catalog.KindGranular), Classic: idx(e.Classic, catalog.KindClassic),
			ClassicByName: idx(e.ClassicByName, catalog.KindClassic),
		}
		for _, a := range s.advice[e.ID] {
			je.Best = append(je.Best, bestIdx(a.best))
			je.Higher = append(je.Higher, idx(a.higher, catalog.KindGranular))
			je.Why = append(je.Why, a.reason)
		}
		d.Endpoints = append(d.Endpoints, je)
	}
	byName := map[string][]int{}
	for i, sc := range s.c.Scopes {
		byName[sc.Name] = append(byName[sc.Name], i)
	}
	for ni, n := range s.o.Notes {
		d.Notes = append(d.Notes, jsNote{Rule: n.Rule, Severity: n.Severity, Message: n.Message, Suggestion: n.Suggestion, File: n.File, Line: n.Line})
		for _, id := range uniqueInts(n.Endpoints) {
			if id >= 0 && id < len(d.Endpoints) {
				d.Endpoints[id].Notes = append(d.Endpoints[id].Notes, ni)
			}
		}
		seen := map[string]bool{}
		for _, name := range n.Scopes {
			if seen[name] {
				continue
			}
			seen[name] = true
			for _, i := range byName[name] {
				d.Scopes[i].Notes = append(d.Scopes[i].Notes, ni)
			}
		}
	}
	for _, doc := range s.c.Documents {
		d.Documents = append(d.Documents, jsDocument{Path: doc.Path, Kind: string(doc.Kind), SHA256: doc.SHA256})
	}
	return d
}

func uniqueInts(xs []int) []int {
	seen := map[int]bool{}
	out := make([]int, 0, len(xs))
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// jsonForScript marshals v for a <script type="application/json"> block:
// json.Marshal writes <, > and & as \u003c, \u003e and \u0026 (and
// U+2028/U+2029 escaped), so no document text can close the element.
func jsonForScript(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	if bytes.ContainsAny(b, "<>&") {
		return nil, fmt.Errorf("JSON for a script element holds unescaped markup characters")
	}
	return b, nil
}

// base64Wrapped encodes b in standard base64, wrapped at 100 characters.
func base64Wrapped(b []byte) string {
	enc := base64.StdEncoding.EncodeToString(b)
	var out strings.Builder
	out.Grow(len(enc) + len(enc)/100 + 1)
	for len(enc) > 100 {
		out.WriteString(enc[:100])
		out.WriteByte('\n')
		enc = enc[100:]
	}
	out.WriteString(enc)
	return out.String()
}

// cspHash is a Content-Security-Policy source for an inline element.
func cspHash(content string) string {
	sum := sha256.Sum256([]byte(content))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// readAsset reads an embedded asset that will be inlined in an element,
// checking that it cannot close that element early.
func readAsset(name, element string) (string, error) {
	b, err := assets.ReadFile("assets/" + name)
	if err != nil {
		return "", fmt.Errorf("read asset %s: %w", name, err)
	}
	if bytes.Contains(bytes.ToLower(b), []byte("</"+element)) {
		return "", fmt.Errorf("asset %s contains </%s", name, element)
	}
	return string(b), nil
}

// WasmVersion is the Go toolchain version that built the embedded
// planner (assets/solve.wasm.version).
func WasmVersion() string {
	b, err := assets.ReadFile("assets/solve.wasm.version")
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}

// WriteHTML writes the explorer: one self-contained HTML file with the
// catalog as JSON, the planner as gzip-compressed WebAssembly and the
// script and style inline. A Content-Security-Policy allows only those
// inline scripts and styles (by hash) and no network access at all.
func (s *Site) WriteHTML(w io.Writer) error {
	data, err := jsonForScript(s.data())
	if err != nil {
		return fmt.Errorf("write HTML: %w", err)
	}
	css, err := readAsset("app.css", "style")
	if err != nil {
		return fmt.Errorf("write HTML: %w", err)
	}
	app, err := readAsset("app.js", "script")
	if err != nil {
		return fmt.Errorf("write HTML: %w", err)
	}
	goJS, err := readAsset("wasm_exec.js", "script")
	if err != nil {
		return fmt.Errorf("write HTML: %w", err)
	}
	wasm, err := assets.ReadFile("assets/solve.wasm.gz")
	if err != nil {
		return fmt.Errorf("write HTML: read the planner: %w", err)
	}
	wasm64 := base64Wrapped(wasm)
	csp := "default-src 'none'; script-src " + cspHash(goJS) + " " + cspHash(app) + " 'wasm-unsafe-eval'; " +
		"style-src " + cspHash(css) + "; img-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'"
	title := html.EscapeString(s.o.Title)
	var b strings.Builder
	b.Grow(len(data) + len(wasm64) + len(goJS) + len(app) + len(css) + 4096)
	b.WriteString("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n" +
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	b.WriteString("<meta http-equiv=\"Content-Security-Policy\" content=\"" + html.EscapeString(csp) + "\">\n")
	b.WriteString("<title>" + title + "</title>\n<style>" + css + "</style>\n</head>\n<body>\n")
	b.WriteString(strings.ReplaceAll(bodyHTML, "{{title}}", title))
	b.WriteString("<script type=\"application/json\" id=\"" + dataID + "\">")
	b.Write(data)
	b.WriteString("</script>\n<script type=\"application/octet-stream\" id=\"" + wasmID + "\">\n")
	b.WriteString(wasm64)
	b.WriteString("\n</script>\n<script>" + goJS + "</script>\n<script>" + app + "</script>\n</body>\n</html>\n")
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write HTML: %w", err)
	}
	return nil
}

// bodyHTML is the explorer's fixed markup; the script fills it in.
const bodyHTML = `<header>
<h1><a href="#">{{title}}</a></h1>
<div class="controls">
<input id="q" type="search" placeholder="Search endpoints and scopes" autocomplete="off" spellcheck="false" aria-label="Search endpoints and scopes">
<select id="product" aria-label="Product"><option value="">All products</option></select>
<select id="app" aria-label="App type"><option value="">Any app type</option><option value="user">User app</option><option value="admin">Admin app</option><option value="master">Master app</option></select>
</div>
</header>
<main>
<section id="results" aria-label="Results"></section>
<section id="detail" aria-live="polite"></section>
<aside id="plan" aria-label="Plan builder">
<h2>Plan builder</h2>
<p class="hint">Tick endpoints to see the least privileged scopes that cover them, as <code>scopeplan plan</code> computes them.</p>
<label>App type <select id="plan-app"><option value="user">User app</option><option value="admin" selected>Admin app</option><option value="master">Master app</option></select></label>
<ul id="plan-ticked"></ul>
<div id="plan-out"><p id="plan-status">No endpoint ticked.</p></div>
</aside>
</main>
<footer id="footer"></footer>
`
