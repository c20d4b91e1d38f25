package classic

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"github.com/scopeplan/scopeplan/parser/record"
)

// Markers of the page's structure.
const (
	groupSuffix  = " scopes"
	introPrefix  = "The following are the available "
	introSuffix  = " scopes and their associated API calls:"
	markerText   = "Associated API"
	itemPrefix   = "-"
	titlePrefix  = "title:"
	frontMatterD = " description:"

	// sniffLimit bounds how much of a document Sniff looks at.
	sniffLimit = 64 << 10
)

// lineKind classifies one line of the page by its shape alone.
type lineKind int

const (
	kindBlank  lineKind = iota
	kindMarker          // "Associated API"
	kindItem            // "- API name"
	kindIntro           // "The following are the available X scopes ..."
	kindToken           // one token without spaces, possibly a scope name
	kindProse           // anything else: description, heading, preamble
)

// line is one line of the input with its 1-based number.
type line struct {
	text string // without line terminator and surrounding white space
	num  int
	kind lineKind
}

// splitLines cuts data into classified lines. It accepts LF and CRLF line
// ends and ignores a leading byte order mark.
func splitLines(data []byte) []line {
	text := strings.TrimPrefix(string(data), "\ufeff") // one copy; lines share it
	lines := make([]line, 0, strings.Count(text, "\n")+1)
	num := 0
	for rest, done := text, false; !done; {
		var raw string
		raw, rest, done = cutLine(rest)
		num++
		t := strings.TrimSpace(raw)
		lines = append(lines, line{text: t, num: num, kind: classify(t)})
	}
	return lines
}

// cutLine returns the first line of s, the rest after its line end, and
// whether it was the last line.
func cutLine(s string) (line, rest string, last bool) {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i], s[i+1:], false
	}
	return s, "", true
}

// classify tells a line's kind from its text.
func classify(s string) lineKind {
	switch {
	case s == "":
		return kindBlank
	case isMarker(s):
		return kindMarker
	case s == itemPrefix || strings.HasPrefix(s, itemPrefix+" ") || strings.HasPrefix(s, itemPrefix+"\t"):
		return kindItem
	case strings.HasPrefix(s, introPrefix) && strings.HasSuffix(s, introSuffix):
		return kindIntro
	case isToken(s):
		return kindToken
	}
	return kindProse
}

// isMarker reports whether s is the "Associated API" line (tolerating case,
// a plural and a trailing colon).
func isMarker(s string) bool {
	s = strings.TrimSuffix(s, ":")
	s = strings.TrimSuffix(strings.TrimSuffix(s, "s"), "S")
	return strings.EqualFold(s, markerText)
}

// isToken reports whether s has the shape of a scope name: one or more
// non-empty segments separated by ':', made of letters, digits, '_', '-'
// and '.', with no spaces.
func isToken(s string) bool {
	if s == "" {
		return false
	}
	prev := byte(':')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ':':
			if prev == ':' {
				return false
			}
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9',
			c == '_', c == '-', c == '.':
		default:
			return false
		}
		prev = c
	}
	return prev != ':'
}

// hasColon reports whether a token has several segments, which makes it a
// scope name whatever follows it.
func hasColon(s string) bool { return strings.IndexByte(s, ':') >= 0 }

// groupOfHeading returns the group named by a "<Group> scopes" heading.
func groupOfHeading(s string) (string, bool) {
	if len(s) <= len(groupSuffix) || !strings.EqualFold(s[len(s)-len(groupSuffix):], groupSuffix) {
		return "", false
	}
	g := strings.TrimSpace(s[:len(s)-len(groupSuffix)])
	return g, g != ""
}

// groupOfIntro returns the group named by an introduction line.
func groupOfIntro(s string) string {
	return strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(s, introPrefix), introSuffix))
}

// Sniff reports whether data looks like the classic scopes page: an
// "Associated API" line whose entry starts with a scope-name line, and none
// of the marks of the other kinds (Postman {{baseUrl}} lines, Markdown
// tables, OpenAPI JSON or YAML). It reads at most the first 64 KiB.
func Sniff(data []byte) bool {
	if len(data) > sniffLimit {
		data = data[:sniffLimit]
	}
	head := bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\ufeff")))
	if len(head) == 0 || head[0] == '{' || head[0] == '[' ||
		bytes.HasPrefix(head, []byte("openapi:")) || bytes.HasPrefix(head, []byte("swagger:")) ||
		bytes.Contains(data, []byte("{{baseUrl}}")) {
		return false
	}
	prev, prev2 := kindBlank, kindBlank
	for len(data) > 0 {
		var raw []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			raw, data = data[:i], data[i+1:]
		} else {
			raw, data = data, nil
		}
		raw = bytes.TrimSpace(raw)
		if len(raw) == 0 {
			continue
		}
		if raw[0] == '|' {
			return false // a Markdown table row: the granular page
		}
		k := classify(string(raw))
		// "Associated API" right after a scope name, or after a scope
		// name and its description.
		if k == kindMarker && (prev == kindToken || prev2 == kindToken) {
			return true
		}
		prev2, prev = prev, k
	}
	return false
}

// parser holds the state of one Parse call.
type parser struct {
	path  string
	lines []line
	doc   *record.Document

	group    string
	hasGroup bool
	preamble bool // nothing structural seen yet
	heading  int  // index of the last confirmed heading, -1 if none pending

	cur      int // index in doc.ClassicScopes of the open scope, -1 if none
	phase    phase
	itemsHdr bool     // a "missing Associated API" problem was recorded for cur
	desc     []string // the description lines of cur, joined when it closes
	orphan   bool     // items here belong to no scope
}

// phase is where the parser is inside a scope entry.
type phase int

const (
	phaseNone phase = iota // no open scope
	phaseName              // read the scope name, expecting a description
	phaseDesc              // read the description, expecting "Associated API"
	phaseAPIs              // inside the API list
)

// Parse reads the classic scopes page in data. path is used only in the
// records' sources and in errors. The document's Title, ClassicScopes and
// Problems are filled, and Path and Kind are set; the caller (package
// parser) sets the SHA-256. A document in which no scope can be found is an
// error; every other defect is recorded as a Problem and parsing goes on.
func Parse(path string, data []byte) (*record.Document, error) {
	p := &parser{
		path:     path,
		lines:    splitLines(data),
		doc:      &record.Document{Path: path, Kind: record.KindClassic},
		preamble: true,
		heading:  -1,
		cur:      -1,
	}
	p.run()
	if len(p.doc.ClassicScopes) == 0 {
		return nil, fmt.Errorf("parse classic scopes %s: no scope entry found (%d lines)", path, len(p.lines))
	}
	sort.SliceStable(p.doc.Problems, func(i, j int) bool {
		return p.doc.Problems[i].Source.Line < p.doc.Problems[j].Source.Line
	})
	return p.doc, nil
}

// next returns the index of the first non-blank line after i, or -1.
func (p *parser) next(i int) int {
	for j := i + 1; j < len(p.lines); j++ {
		if p.lines[j].kind != kindBlank {
			return j
		}
	}
	return -1
}

// kindAt returns the kind of line i, kindBlank when i is out of range.
func (p *parser) kindAt(i int) lineKind {
	if i < 0 || i >= len(p.lines) {
		return kindBlank
	}
	return p.lines[i].kind
}

// startsScope reports whether the token line i opens a scope entry. A token
// with ':' always does. A single-segment token (such as "scim2") does when
// what follows is the rest of an entry: "Associated API" directly, or a
// description then "Associated API". Right after a scope name, a
// single-segment token directly followed by "Associated API" is taken as
// that scope's one-word description instead.
func (p *parser) startsScope(i int, ph phase) bool {
	if hasColon(p.lines[i].text) {
		return true
	}
	j := p.next(i)
	switch p.kindAt(j) {
	case kindMarker:
		return ph != phaseName
	case kindProse, kindToken:
		return p.kindAt(p.next(j)) == kindMarker
	}
	return false
}

// isHeading reports whether line i is a "<Group> scopes" heading: it has the
// shape, and the next line is an introduction or a scope name.
func (p *parser) isHeading(i int) (string, bool) {
	g, ok := groupOfHeading(p.lines[i].text)
	if !ok {
		return "", false
	}
	j := p.next(i)
	switch p.kindAt(j) {
	case kindIntro:
		return g, true
	case kindToken:
		return g, p.startsScope(j, phaseNone)
	}
	return "", false
}

// run walks the lines once.
func (p *parser) run() {
	for i := range p.lines {
		l := &p.lines[i]
		switch l.kind {
		case kindBlank:
			continue
		case kindMarker:
			p.marker(l)
		case kindItem:
			p.item(l)
		case kindIntro:
			p.intro(i, l)
		case kindToken:
			if p.startsScope(i, p.phase) {
				p.scope(l)
			} else {
				p.prose(i, l)
			}
		case kindProse:
			p.prose(i, l)
		}
	}
	p.closeScope()
}

// problem records a structural defect at line l.
func (p *parser) problem(code, subject string, l *line, format string, args ...any) {
	p.doc.Problems = append(p.doc.Problems, record.Problem{
		Code:    code,
		Subject: subject,
		Message: fmt.Sprintf(format, args...),
		Source:  p.src(l),
	})
}

func (p *parser) src(l *line) record.Source { return record.At(p.path, l.num, 0) }

// curScope returns the open scope; callers check p.cur >= 0 first.
func (p *parser) curScope() *record.ClassicScope { return &p.doc.ClassicScopes[p.cur] }

// closeScope ends the open scope entry, reporting what it lacks.
func (p *parser) closeScope() {
	if p.cur >= 0 {
		s := p.curScope()
		s.Description = strings.Join(p.desc, " ")
		l := line{num: int(s.Source.Line)}
		if s.Description == "" {
			p.problem(record.ProblemMissingField, s.Name, &l, "scope %q has no description line", s.Name)
		}
		if p.phase != phaseAPIs {
			p.problem(record.ProblemTruncated, s.Name, &l, "scope %q ends before its %q line", s.Name, markerText)
		}
	}
	p.cur, p.phase, p.itemsHdr, p.orphan, p.desc = -1, phaseNone, false, false, p.desc[:0]
}

// scope opens a new scope entry named by line l.
func (p *parser) scope(l *line) {
	p.closeScope()
	if !p.hasGroup {
		p.problem(record.ProblemMissingHeader, l.text, l, "scope %q comes before any \"<Group> scopes\" heading", l.text)
		p.hasGroup = true // report once; later scopes share the empty group
	}
	p.preamble, p.heading = false, -1
	p.doc.ClassicScopes = append(p.doc.ClassicScopes, record.ClassicScope{
		Group:  p.group,
		Name:   l.text,
		Source: p.src(l),
	})
	p.cur, p.phase = len(p.doc.ClassicScopes)-1, phaseName
}

// marker handles an "Associated API" line.
func (p *parser) marker(l *line) {
	p.preamble, p.heading = false, -1
	switch {
	case p.cur < 0:
		if !p.orphan {
			p.problem(record.ProblemMissingHeader, "", l, "%q line belongs to no scope", markerText)
		}
		p.orphan = true
	case p.phase == phaseAPIs:
		// A repeated marker adds nothing; the list simply goes on.
	default:
		p.phase = phaseAPIs
	}
}

// item handles a "- API name" line.
func (p *parser) item(l *line) {
	p.preamble, p.heading = false, -1
	if p.cur < 0 {
		p.problem(record.ProblemMissingHeader, "", l, "API item %q belongs to no scope; dropped", l.text)
		return
	}
	s := p.curScope()
	if p.phase != phaseAPIs && !p.itemsHdr {
		p.problem(record.ProblemMissingHeader, s.Name, l, "API items of scope %q have no %q line before them", s.Name, markerText)
		p.itemsHdr = true
	}
	p.phase = phaseAPIs
	text := strings.TrimSpace(strings.TrimPrefix(l.text, itemPrefix))
	if text == "" {
		p.problem(record.ProblemMissingField, s.Name, l, "empty API item in scope %q", s.Name)
		return
	}
	name, link, isLink, bad := parseItem(text)
	if isLink && bad != "" {
		p.problem(record.ProblemMalformedLink, s.Name, l, "API item %q of scope %q: %s", text, s.Name, bad)
	}
	if name == "" {
		p.problem(record.ProblemMissingField, s.Name, l, "API item %q of scope %q has no name", text, s.Name)
	}
	s.APIs = append(s.APIs, record.APIItem{Name: name, Link: link, Source: p.src(l)})
}

// intro handles a "The following are the available X scopes ..." line.
func (p *parser) intro(i int, l *line) {
	g := groupOfIntro(l.text)
	if p.heading >= 0 && p.next(p.heading) == i {
		// The introduction of the heading just read; the heading names
		// the group.
		p.heading = -1
		return
	}
	p.closeScope()
	p.problem(record.ProblemMissingHeader, g, l, "introduction of group %q has no \"%s%s\" heading", g, g, groupSuffix)
	p.group, p.hasGroup, p.preamble, p.heading = g, true, false, -1
}

// prose handles a line of free text: a heading, a description, the
// preamble, or text that fits nowhere.
func (p *parser) prose(i int, l *line) {
	if g, ok := p.isHeading(i); ok {
		p.closeScope()
		p.group, p.hasGroup, p.preamble, p.heading = g, true, false, i
		return
	}
	switch {
	case p.cur >= 0 && p.phase == phaseName:
		p.desc = append(p.desc, l.text)
		p.phase = phaseDesc
	case p.cur >= 0 && p.phase == phaseDesc:
		// A wrapped description: joined with spaces, reported once.
		p.desc = append(p.desc, l.text)
		if len(p.desc) == 2 {
			s := p.curScope()
			p.problem(record.ProblemSplitList, s.Name, l, "description of scope %q continues on following lines", s.Name)
		}
	case p.preamble:
		if p.doc.Title == "" {
			p.doc.Title = title(l.text)
		}
	default:
		p.closeScope()
		if p.kindAt(p.next(i)) == kindMarker {
			p.problem(record.ProblemMissingHeader, "", l, "entry %q has no scope-name line; its API items are dropped", l.text)
			p.orphan = true
		} else {
			p.problem(record.ProblemMissingHeader, "", l, "text %q fits no scope entry", l.text)
		}
		p.heading = -1
	}
}

// title returns the page title from the first preamble line; a flattened
// front-matter line ("title: T description: D") yields T.
func title(s string) string {
	if strings.HasPrefix(s, titlePrefix) {
		s = strings.TrimPrefix(s, titlePrefix)
		if i := strings.Index(s, frontMatterD); i >= 0 {
			s = s[:i]
		}
	}
	return strings.TrimSpace(s)
}

// parseItem splits an API item into its name and link. A Markdown link
// "[text](href)" is unwrapped; brackets nest in the text and parentheses
// nest in the href. isLink tells whether the item was written as a link;
// bad, when not empty, says what is wrong with the link.
func parseItem(text string) (name, link string, isLink bool, bad string) {
	if !strings.HasPrefix(text, "[") {
		return text, "", false, ""
	}
	depth, end := 0, -1
	for i := 0; i < len(text) && end < 0; i++ {
		switch text[i] {
		case '[':
			depth++
		case ']':
			depth--
			if depth == 0 {
				end = i
			}
		}
	}
	if end < 0 || end+1 >= len(text) || text[end+1] != '(' {
		return text, "", false, "" // plain text that starts with '['
	}
	name = strings.TrimSpace(text[1:end])
	rest := text[end+2:]
	depth, close := 1, -1
	for i := 0; i < len(rest) && close < 0; i++ {
		switch rest[i] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				close = i
			}
		}
	}
	if close < 0 {
		return name, strings.TrimSpace(rest), true, "link is not closed by ')'"
	}
	link = strings.TrimSpace(rest[:close])
	switch trail := strings.TrimSpace(rest[close+1:]); {
	case link == "":
		bad = "link has an empty href"
	case trail != "":
		bad = fmt.Sprintf("text %q follows the link", trail)
	default:
		bad = checkHref(link)
	}
	return name, link, true, bad
}

// checkHref returns what is wrong with an href, or "". The vendor writes
// spaces inside path segments ("/reference/Number Management/"), so only
// characters that cannot belong to a URL at all, and white space inside the
// fragment (an operation id), are reported.
func checkHref(h string) string {
	if i := strings.IndexAny(h, "[]<>\"`"); i >= 0 {
		return fmt.Sprintf("href contains %q", h[i])
	}
	if i := strings.IndexByte(h, '#'); i >= 0 && strings.ContainsAny(h[i:], " \t") {
		return "href fragment contains white space"
	}
	return ""
}
