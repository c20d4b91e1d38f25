package site

import (
	"bytes"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/internal/report"
	"github.com/scopeplan/scopeplan/parser/record"
)

// Page is one generated file.
type Page struct {
	// Path is relative to the output directory, with '/' separators.
	Path    string
	Content []byte
}

// IndexPath is the path of the Markdown index page.
const IndexPath = "index.md"

// docsHost is the host the granular page's relative doc links point at.
const docsHost = "https://developers.zoom.us"

// Markdown renders the Markdown pages: the index first, then one page per
// product (products/<slug>.md) in name order, then, when the catalog has
// events, one events page per product (events/<slug>.md) in name order,
// then one page per scope (scopes/granular/<name>.md,
// scopes/classic/<name>.md) in catalog order.
func (s *Site) Markdown() []Page {
	pages := make([]Page, 0, 1+len(s.products)+len(s.eventProducts)+len(s.c.Scopes))
	r := newRenderer(s)
	pages = append(pages, Page{Path: IndexPath, Content: escaped(s.indexPage())})
	for _, p := range s.products {
		pages = append(pages, Page{Path: productPagePath(p), Content: escaped(r.productPage(p))})
	}
	for _, p := range s.eventProducts {
		pages = append(pages, Page{Path: eventPagePath(p), Content: escaped(r.eventsPage(p))})
	}
	for i, sc := range s.c.Scopes {
		pages = append(pages, Page{Path: s.scopePath[i], Content: escaped(r.scopePage(i, sc))})
	}
	return pages
}

// renderer holds what one Markdown call renders once and reuses: the
// links to scope pages from each folder depth, and the advice tables of
// endpoints sharing their scopes (the many endpoints one scope grants
// share one table).
type renderer struct {
	s *Site
	// links[depth][i] is the link to c.Scopes[i]'s page from a page
	// depth folders deep ("" until rendered).
	links map[int][]string
	// tables maps an endpoint's granular and classic scopes to its
	// rendered advice table, for product pages (all one folder deep).
	tables map[string]string
	// products caches each product page's link and name cell, by index.
	productLink, productCell []string
}

func newRenderer(s *Site) *renderer {
	return &renderer{s: s, links: map[int][]string{}, tables: map[string]string{},
		productLink: make([]string, len(s.products)), productCell: make([]string, len(s.products))}
}

// escaped shows the control and bidi-override characters of document text
// escaped (see report.Escape), as every text output does. A page with
// nothing to escape (the usual case) is returned as it is.
func escaped(page []byte) []byte {
	safe := map[rune]bool{} // non-ASCII characters met, and whether Escape keeps them
	for i := 0; i < len(page); {
		c := page[i]
		if c < 0x80 {
			if (c < 0x20 && c != '\t' && c != '\n') || c == 0x7f {
				return []byte(report.Escape(string(page)))
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(page[i:])
		ok, seen := safe[r]
		if !seen {
			ch := string(page[i : i+size])
			ok = r != utf8.RuneError && report.Escape(ch) == ch
			safe[r] = ok
		}
		if !ok {
			return []byte(report.Escape(string(page)))
		}
		i += size
	}
	return page
}

func productPagePath(p *product) string { return "products/" + p.slug + ".md" }

func eventPagePath(p *eventProduct) string { return "events/" + p.slug + ".md" }

// cell escapes document text for a table cell or heading.
func cell(s string) string { return report.MarkdownCell(s) }

// orDash renders an empty cell as an em dash.
func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// lineBreaks turns line breaks into spaces for inlineCode.
var lineBreaks = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ")

// inlineCode renders text as a code span outside tables: the fence is one
// backtick longer than the longest run inside, so nothing ends it early.
func inlineCode(s string) string {
	if strings.ContainsAny(s, "\r\n") {
		s = lineBreaks.Replace(s)
	}
	if strings.IndexByte(s, '`') < 0 && strings.TrimSpace(s) != "" {
		return "`" + s + "`" // the common case
	}
	if s == "" {
		return ""
	}
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") || strings.TrimSpace(s) == "" {
		s = " " + s + " "
	}
	return fence + s + fence
}

// safeURL returns an absolute http(s) URL for a document's link with every
// character that could end a Markdown link or table cell percent-encoded,
// or "" when the link is not a web link (javascript:, data:, ...).
func safeURL(link string) string {
	link = strings.TrimSpace(link)
	if strings.HasPrefix(link, "/") && !strings.HasPrefix(link, "//") {
		if plainPath(link) {
			// A path on the docs host of plain characters only always
			// parses: no need to ask url.Parse (docs asks once per
			// endpoint).
			return docsHost + link
		}
		link = docsHost + link
	}
	u, err := url.Parse(link)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return ""
	}
	var b strings.Builder
	b.Grow(len(link))
	for i := 0; i < len(link); i++ {
		c := link[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte("<>\"'`()[]|\\{}^", c) >= 0 {
			const hex = "0123456789ABCDEF"
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&0xf])
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// plainPath reports whether a link holds only letters, digits and
// "/-._~#=&:,;@!$*+", none of which safeURL encodes or url.Parse refuses
// after the docs host.
func plainPath(link string) bool {
	for i := 0; i < len(link); i++ {
		c := link[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			continue
		}
		if strings.IndexByte("/-._~#=&:,;@!$*+", c) < 0 {
			return false
		}
	}
	return true
}

// scopeLink links a scope's page from page from, as code in a table cell.
func (s *Site) scopeLink(from string, sc *catalog.Scope) string {
	return "[" + report.MarkdownCode(sc.Name) + "](" + relLink(from, s.scopePath[s.scopeIndex[sc]]) + ")"
}

// endpointTitle is an endpoint's heading text.
func endpointTitle(e *catalog.Endpoint) string {
	name := strings.TrimSpace(e.Name)
	if name == "" {
		name = strings.TrimSpace(e.Method + " " + e.Path)
	}
	if name == "" {
		name = "Endpoint " + strconv.Itoa(e.ID)
	}
	if e.Variant == record.VariantMaster {
		name += " (master account)"
	}
	return name
}

func anchor(e *catalog.Endpoint) string { return "endpoint-" + strconv.Itoa(e.ID) }

func eventAnchor(e *catalog.Event) string { return "event-" + strconv.Itoa(e.ID) }

func (s *Site) indexPage() []byte {
	var b strings.Builder
	st := s.c.Stats()
	fmt.Fprintf(&b, "# %s\n\n", cell(s.o.Title))
	if !s.o.Generated.IsZero() {
		fmt.Fprintf(&b, "Generated %s.\n\n", s.o.Generated.UTC().Format(time.RFC3339))
	}
	fmt.Fprintf(&b, "%d endpoints in %d products, %d granular scopes, %d classic scopes",
		st.Endpoints, len(s.products), st.GranularScopes, st.ClassicScopes)
	if len(s.c.Events) > 0 {
		fmt.Fprintf(&b, ", %d events in %d products", len(s.c.Events), len(s.eventProducts))
	}
	b.WriteString(".\n\n")
	b.WriteString("Each product page gives, per endpoint and app type, the least privileged granular scope " +
		"(the planner's choice for a call to that endpoint alone), the higher privileged scopes that would also cover it, " +
		"and the classic scopes of that level.\n\n")
	b.WriteString("## Products\n\n| Product | Endpoints |\n| --- | ---: |\n")
	for _, p := range s.products {
		fmt.Fprintf(&b, "| [%s](%s) | %d |\n", cell(p.name), productPagePath(p), len(p.endpoints))
	}
	if len(s.eventProducts) > 0 {
		b.WriteString("\n## Events\n\nThe events an app may subscribe to (webhooks) and the scopes that allow each.\n\n" +
			"| Product | Events | With granular scopes |\n| --- | ---: | ---: |\n")
		for _, p := range s.eventProducts {
			n := 0
			for _, e := range p.events {
				if len(e.Granular) > 0 {
					n++
				}
			}
			fmt.Fprintf(&b, "| [%s](%s) | %d | %d |\n", cell(p.name), eventPagePath(p), len(p.events), n)
		}
	}
	for _, kind := range []catalog.ScopeKind{catalog.KindGranular, catalog.KindClassic} {
		if kind == catalog.KindGranular {
			b.WriteString("\n## Granular scopes\n\n| Scope | Level | Endpoints |\n| --- | --- | ---: |\n")
		} else {
			b.WriteString("\n## Classic scopes\n\n| Scope | Level | Endpoints | Description |\n| --- | --- | ---: | --- |\n")
		}
		for _, sc := range s.c.Scopes {
			if sc.Kind != kind {
				continue
			}
			fmt.Fprintf(&b, "| %s | %s | %d |", s.scopeLink(IndexPath, sc), sc.Level(), len(sc.Endpoints))
			if kind == catalog.KindClassic {
				fmt.Fprintf(&b, " %s |", orDash(cell(sc.Description)))
			}
			b.WriteByte('\n')
		}
	}
	if len(s.c.Documents) > 0 {
		b.WriteString("\n## Sources\n\n| Document | Kind | SHA-256 |\n| --- | --- | --- |\n")
		for _, d := range s.c.Documents {
			fmt.Fprintf(&b, "| %s | %s | %s |\n", report.MarkdownCode(d.Path), cell(string(d.Kind)), report.MarkdownCode(d.SHA256))
		}
	}
	return []byte(b.String())
}

func (r *renderer) productPage(p *product) []byte {
	from := productPagePath(p)
	var b bytes.Buffer
	b.Grow(512 * len(p.endpoints))
	fmt.Fprintf(&b, "# %s\n\n[Index](%s)\n\n", cell(p.name), relLink(from, IndexPath))
	fmt.Fprintf(&b, "%d endpoints. Per app type: the least privileged granular scope, the higher privileged scopes "+
		"that also cover the endpoint (least privileged first), and the classic scopes of that level.\n", len(p.endpoints))
	for _, sec := range bySection(p.endpoints) {
		if sec[0].Section != "" {
			fmt.Fprintf(&b, "\n## %s\n", cell(sec[0].Section))
		}
		for _, e := range sec {
			r.writeEndpoint(&b, from, e)
		}
	}
	return b.Bytes()
}

func (r *renderer) writeEndpoint(b *bytes.Buffer, from string, e *catalog.Endpoint) {
	b.WriteString("\n<a id=\"")
	b.WriteString(anchor(e))
	b.WriteString("\"></a>\n\n### ")
	b.WriteString(cell(endpointTitle(e)))
	b.WriteString("\n\n")
	if e.Path != "" {
		b.WriteString("- Request: ")
		b.WriteString(inlineCode(e.Method + " " + e.Path))
		b.WriteByte('\n')
	}
	if e.OperationID != "" {
		b.WriteString("- Operation ID: ")
		b.WriteString(inlineCode(e.OperationID))
		b.WriteByte('\n')
	}
	u := safeURL(e.Link)
	if u != "" {
		b.WriteString("- Reference: [")
		b.WriteString(cell(e.Name))
		b.WriteString("](")
		b.WriteString(u)
		b.WriteString(")\n")
	}
	if e.Join.Weak() {
		fmt.Fprintf(b, "- Note: joined to its API reference by %s only\n", e.Join)
	}
	if e.Path != "" || e.OperationID != "" || u != "" || e.Join.Weak() {
		b.WriteByte('\n')
	}
	b.WriteString(r.adviceTable(from, e))
}

// adviceTable renders an endpoint's table of advice per app type. The
// advice depends only on the endpoint's granular and classic scopes (see
// Site.plan), so endpoints sharing them share the rendered table.
func (r *renderer) adviceTable(from string, e *catalog.Endpoint) string {
	var k strings.Builder
	k.WriteString(from[:strings.LastIndexByte(from+"/", '/')]) // the folder: links are relative
	for _, g := range e.Granular {
		k.WriteByte(0)
		k.WriteString(g)
	}
	k.WriteByte(1)
	for _, c := range e.Classic {
		k.WriteByte(0)
		k.WriteString(c)
	}
	key := k.String()
	if t, ok := r.tables[key]; ok {
		return t
	}
	var b strings.Builder
	b.WriteString("| App type | Least privileged scope | Higher privileged scopes | Classic scopes |\n| --- | --- | --- | --- |\n")
	for ai, app := range Apps() {
		a := r.s.advice[e.ID][ai]
		best := "—"
		if a.best != "" {
			best = r.scopeLinks(from, []string{a.best}, catalog.KindGranular)
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", app, best,
			orDash(r.scopeLinks(from, a.higher, catalog.KindGranular)),
			orDash(r.scopeLinks(from, a.classic, catalog.KindClassic)))
	}
	t := b.String()
	r.tables[key] = t
	return t
}

// scopeLinks links the named scopes of a kind, comma separated, each
// link rendered once per folder depth.
func (r *renderer) scopeLinks(from string, names []string, kind catalog.ScopeKind) string {
	if len(names) == 0 {
		return ""
	}
	parts := make([]string, 0, len(names))
	for _, n := range names {
		if sc, ok := r.s.scopeByName(n, kind); ok {
			parts = append(parts, r.scopeLink(from, sc))
		} else {
			parts = append(parts, report.MarkdownCode(n))
		}
	}
	return strings.Join(parts, ", ")
}

// scopeLink is Site.scopeLink, rendered once per folder depth.
func (r *renderer) scopeLink(from string, sc *catalog.Scope) string {
	depth := strings.Count(from, "/")
	links := r.links[depth]
	if links == nil {
		links = make([]string, len(r.s.c.Scopes))
		r.links[depth] = links
	}
	i := r.s.scopeIndex[sc]
	if links[i] == "" {
		links[i] = r.s.scopeLink(from, sc)
	}
	return links[i]
}

func (r *renderer) scopePage(i int, sc *catalog.Scope) []byte {
	s := r.s
	from := s.scopePath[i]
	var b bytes.Buffer
	b.Grow(1024 + 160*len(sc.Endpoints))
	fmt.Fprintf(&b, "# %s\n\n[Index](%s)\n\n", inlineCode(sc.Name), relLink(from, IndexPath))
	b.WriteString("| Property | Value |\n| --- | --- |\n")
	fmt.Fprintf(&b, "| Kind | %s |\n| Level | %s |\n| Requestable by | %s |\n", sc.Kind, sc.Level(),
		orDash(strings.Join(appNames(requestableBy(sc.Level())), ", ")))
	yes := "no"
	if sc.Defined {
		yes = "yes"
	}
	fmt.Fprintf(&b, "| Listed on a scopes page | %s |\n", yes)
	if n := sc.Parsed(); n.Malformed {
		fmt.Fprintf(&b, "| Malformed | %s |\n", cell(n.Reason))
	}
	if sc.Group != "" {
		fmt.Fprintf(&b, "| Group | %s |\n", cell(sc.Group))
	}
	if sc.Description != "" {
		fmt.Fprintf(&b, "| Description | %s |\n", cell(sc.Description))
	}
	fmt.Fprintf(&b, "\n## Endpoints it grants (%d)\n\n", len(sc.Endpoints))
	if len(sc.Endpoints) == 0 {
		b.WriteString("None.\n")
	} else {
		b.WriteString("| Endpoint | Request | Product | Least privileged for |\n| --- | --- | --- | --- |\n")
		for _, id := range sc.Endpoints {
			e := s.c.Endpoint(id)
			if e == nil {
				continue
			}
			pi := s.productOf[id]
			p := s.products[pi]
			if r.productLink[pi] == "" {
				// Every scope page is in the same folder depth.
				r.productLink[pi] = relLink(from, productPagePath(p))
				r.productCell[pi] = cell(p.name)
			}
			b.WriteString("| [")
			b.WriteString(cell(endpointTitle(e)))
			b.WriteString("](")
			b.WriteString(r.productLink[pi])
			b.WriteByte('#')
			b.WriteString(anchor(e))
			b.WriteString(") | ")
			if e.Path != "" {
				b.WriteString(report.MarkdownCode(e.Method + " " + e.Path))
			} else {
				b.WriteString("—")
			}
			b.WriteString(" | ")
			b.WriteString(r.productCell[pi])
			b.WriteString(" | ")
			b.WriteString(orDash(strings.Join(s.leastFor(e, sc), ", ")))
			b.WriteString(" |\n")
		}
	}
	if len(sc.Events) > 0 {
		s.writeScopeEvents(&b, from, sc)
	}
	other := "Classic"
	if sc.Kind == catalog.KindClassic {
		other = "Granular"
	}
	eq := s.equivalents(sc)
	fmt.Fprintf(&b, "\n## %s equivalents (%d)\n\n", other, len(eq))
	if len(eq) == 0 {
		b.WriteString("None.\n")
		return b.Bytes()
	}
	fmt.Fprintf(&b, "| %s scope | Level | Endpoints in common |\n| --- | --- | ---: |\n", other)
	for _, q := range eq {
		fmt.Fprintf(&b, "| %s | %s | %d of %d |\n", r.scopeLink(from, q.scope), q.scope.Level(), q.common, len(sc.Endpoints))
	}
	return b.Bytes()
}

// appNames renders app type names as "user apps" etc.
func appNames(apps []string) []string {
	out := make([]string, len(apps))
	for i, a := range apps {
		out[i] = a + " apps"
	}
	return out
}

// bySection groups endpoints by section, sections in order of first
// appearance, endpoints in their given order.
func bySection(eps []*catalog.Endpoint) [][]*catalog.Endpoint {
	index := map[string]int{}
	var out [][]*catalog.Endpoint
	for _, e := range eps {
		i, ok := index[e.Section]
		if !ok {
			i = len(out)
			index[e.Section] = i
			out = append(out, nil)
		}
		out[i] = append(out[i], e)
	}
	return out
}

// eventLink links an event's row on its product's events page.
func (s *Site) eventLink(from string, e *catalog.Event) string {
	p := s.eventProducts[s.eventProductOf[e.ID]]
	return "[" + report.MarkdownCode(e.Name) + "](" + relLink(from, eventPagePath(p)) + "#" + eventAnchor(e) + ")"
}

// sourceList renders where an event is described, as file:line code spans.
func sourceList(srcs []record.Source) string {
	parts := make([]string, 0, len(srcs))
	for _, src := range srcs {
		parts = append(parts, report.MarkdownCode(sourceText(src)))
	}
	return strings.Join(parts, ", ")
}

// sourceText is "file:line", or the file alone when the line is unknown.
func sourceText(src record.Source) string {
	if src.Line > 0 {
		return src.File + ":" + strconv.Itoa(int(src.Line))
	}
	return src.File
}

// eventsPage lists a product's events: per event its summary, the least
// privileged granular scope per app type (the planner's choice for a
// subscription to that event alone), every granular and classic scope
// that allows it, and where it is described.
func (r *renderer) eventsPage(p *eventProduct) []byte {
	s := r.s
	from := eventPagePath(p)
	var b strings.Builder
	fmt.Fprintf(&b, "# %s events\n\n[Index](%s)\n\n", cell(p.name), relLink(from, IndexPath))
	fmt.Fprintf(&b, "%d events. An app subscribes to an event with any one of its granular scopes (or, on classic scopes, "+
		"any one of its classic scopes). The least privileged scope per app type is the planner's choice for a subscription "+
		"to that event alone.\n\n", len(p.events))
	b.WriteString("| Event | Summary | Least privileged scope | Granular scopes | Classic scopes | Source |\n" +
		"| --- | --- | --- | --- | --- | --- |\n")
	for _, e := range p.events {
		var least []string
		for ai, app := range Apps() {
			a := s.eventAdvice[e.ID][ai]
			if a.best != "" {
				least = append(least, string(app)+": "+r.scopeLinks(from, []string{a.best}, catalog.KindGranular))
			}
		}
		fmt.Fprintf(&b, "| <a id=\"%s\"></a>%s | %s | %s | %s | %s | %s |\n", eventAnchor(e), report.MarkdownCode(e.Name),
			orDash(cell(e.Summary)), orDash(strings.Join(least, "; ")),
			orDash(r.scopeLinks(from, e.Granular, catalog.KindGranular)),
			orDash(r.scopeLinks(from, e.Classic, catalog.KindClassic)), orDash(sourceList(e.Sources)))
	}
	return []byte(b.String())
}

// writeScopeEvents lists the events a scope lets an app subscribe to.
func (s *Site) writeScopeEvents(b *bytes.Buffer, from string, sc *catalog.Scope) {
	evs := s.c.EventsOf(sc.Events)
	fmt.Fprintf(b, "\n## Events it allows (%d)\n\n", len(evs))
	b.WriteString("| Event | Product | Least privileged for |\n| --- | --- | --- |\n")
	for _, e := range evs {
		var least []string
		if sc.Kind == catalog.KindGranular {
			for ai, app := range Apps() {
				if s.eventAdvice[e.ID][ai].best == sc.Name {
					least = append(least, string(app))
				}
			}
		}
		fmt.Fprintf(b, "| %s | %s | %s |\n", s.eventLink(from, e), cell(s.eventProducts[s.eventProductOf[e.ID]].name),
			orDash(strings.Join(least, ", ")))
	}
}
