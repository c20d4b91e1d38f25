package openapi

import (
	"strings"

	"github.com/scopeplan/scopeplan/parser/record"
)

// textToken is a name read from a description, with its byte offset in the
// (decoded) description.
type textToken struct {
	name string
	off  int
	src  record.Source
}

// textScopes is what a description states: its "Scopes:" and "Granular
// Scopes:" lines and its rate-limit label.
type textScopes struct {
	classic, granular       []textToken
	hasClassic, hasGranular bool // a label was seen, even with no names
	rate                    textToken
	hasRate                 bool
}

// label is a field a description can state.
type label uint8

const (
	labelNone label = iota
	labelClassic
	labelGranular
	labelRate
)

// scanDescription reads the scope and rate-limit labels of a description.
//
// The description is cut into segments at line ends and at HTML line breaks
// (<br>, </br>, <br/>). A label starts a segment (after blanks and a list
// marker) or starts at a "**" inside one; its forms are
// "**[Scopes](url):**", "**Scopes:**", "**Scopes**:", "Scopes:", and the
// same with "Scope", "Granular Scopes", "Rate Limit Label". Its value runs to
// the end of the segment or to the next "**". The names are the
// backtick-quoted words of the value, verbatim (a quoted list "`a,b`" is
// split at its commas); a value without backticks is split at commas,
// semicolons and blanks, dropping "or"/"and" and a trailing period. The
// rate-limit label is its first quoted word, or its whole unquoted value.
func scanDescription(desc string) textScopes {
	var ts textScopes
	if !mayHaveLabel(desc) {
		return ts
	}
	for start := 0; start < len(desc); {
		end, next := segmentEnd(desc, start)
		ts.segment(desc, start, end)
		start = next
	}
	return ts
}

// mayHaveLabel is a quick rejection for descriptions without any label.
func mayHaveLabel(s string) bool {
	return strings.Contains(s, "cope") || strings.Contains(s, "COPE") ||
		strings.Contains(s, "imit") || strings.Contains(s, "IMIT")
}

// segmentEnd returns the end of the segment starting at i and the start of
// the next one.
func segmentEnd(s string, i int) (end, next int) {
	for i < len(s) {
		j := strings.IndexAny(s[i:], "\n<")
		if j < 0 {
			return len(s), len(s)
		}
		i += j
		if s[i] == '\n' {
			return i, i + 1
		}
		if n := lineBreakTag(s[i:]); n > 0 {
			return i, i + n
		}
		i++
	}
	return len(s), len(s)
}

// lineBreakTag returns the length of an HTML line break (<br>, </br>,
// <br/>, <br />, any case) at the start of s, or 0.
func lineBreakTag(s string) int {
	i := 1
	if i < len(s) && s[i] == '/' {
		i++
	}
	if i+2 > len(s) || !strings.EqualFold(s[i:i+2], "br") {
		return 0
	}
	i += 2
	for i < len(s) && s[i] == ' ' {
		i++
	}
	if i < len(s) && s[i] == '/' {
		i++
	}
	if i < len(s) && s[i] == '>' {
		return i + 1
	}
	return 0
}

// segment reads the labels of desc[a:b].
func (ts *textScopes) segment(s string, a, b int) {
	seg := s[:b]
	i := a
	for i < b && (seg[i] == ' ' || seg[i] == '\t' || seg[i] == '\r') {
		i++
	}
	if i+1 < b && (seg[i] == '*' || seg[i] == '-' || seg[i] == '+') && seg[i+1] == ' ' {
		i += 2
		for i < b && seg[i] == ' ' {
			i++
		}
	}
	for i < b {
		kind, v := matchLabel(seg, i)
		if kind == labelNone {
			// Try the next bold run.
			j := strings.Index(seg[i+1:], "**")
			if j < 0 {
				return
			}
			i += 1 + j
			continue
		}
		end := b
		if j := strings.Index(seg[v:], "**"); j >= 0 {
			end = v + j
		}
		ts.value(kind, seg, v, end)
		i = end
	}
}

// matchLabel matches a label at s[i:], returning its kind and the start of
// its value.
func matchLabel(s string, i int) (label, int) {
	j := i
	if strings.HasPrefix(s[j:], "**") {
		j += 2
	}
	link := j < len(s) && s[j] == '['
	if link {
		j++
	}
	// The label texts, longest first so that "Scopes" wins over "Scope".
	words := [...]struct {
		word string
		kind label
	}{
		{"Granular Scopes", labelGranular},
		{"Granular Scope", labelGranular},
		{"Classic Scopes", labelClassic},
		{"Classic Scope", labelClassic},
		{"Rate Limit Label", labelRate},
		{"Rate Limit", labelRate},
		{"Scopes", labelClassic},
		{"Scope", labelClassic},
	}
	kind := labelNone
	for _, w := range words {
		if len(s)-j >= len(w.word) && strings.EqualFold(s[j:j+len(w.word)], w.word) {
			kind, j = w.kind, j+len(w.word)
			break
		}
	}
	if kind == labelNone {
		return labelNone, 0
	}
	if link {
		if j >= len(s) || s[j] != ']' {
			return labelNone, 0
		}
		j++
		if j < len(s) && s[j] == '(' {
			k := strings.IndexByte(s[j:], ')')
			if k < 0 {
				return labelNone, 0
			}
			j += k + 1
		}
	}
	if strings.HasPrefix(s[j:], "**") {
		j += 2
	}
	for j < len(s) && s[j] == ' ' {
		j++
	}
	if j >= len(s) || s[j] != ':' {
		return labelNone, 0
	}
	j++
	if strings.HasPrefix(s[j:], "**") {
		j += 2
	}
	return kind, j
}

// value reads the names of a label's value s[a:b].
func (ts *textScopes) value(kind label, s string, a, b int) {
	var toks []textToken
	if strings.IndexByte(s[a:b], '`') >= 0 {
		for i := a; i < b; {
			p := strings.IndexByte(s[i:b], '`')
			if p < 0 {
				break
			}
			p += i + 1
			q := strings.IndexByte(s[p:b], '`')
			if q < 0 {
				q = b - p // unterminated: up to the end of the value
			}
			if q > 0 {
				toks = appendQuoted(toks, s, p, p+q)
			}
			i = p + q + 1
		}
	} else {
		toks = plainWords(s, a, b)
	}
	switch kind {
	case labelClassic:
		ts.hasClassic = true
		ts.classic = append(ts.classic, toks...)
	case labelGranular:
		ts.hasGranular = true
		ts.granular = append(ts.granular, toks...)
	case labelRate:
		if !ts.hasRate && len(toks) > 0 {
			ts.hasRate = true
			ts.rate = toks[0]
			if strings.IndexByte(s[a:b], '`') < 0 {
				// An unquoted label is the whole value.
				v := strings.TrimSpace(s[a:b])
				ts.rate = textToken{name: strings.Clone(strings.TrimRight(v, ".")), off: toks[0].off}
			}
		}
	}
}

// appendQuoted appends the backtick-quoted name s[a:b], verbatim. A comma
// is never part of a scope name, so a quoted list ("`a,b`") is split at its
// commas and blanks around each part dropped.
func appendQuoted(toks []textToken, s string, a, b int) []textToken {
	if strings.IndexByte(s[a:b], ',') < 0 {
		return append(toks, textToken{name: strings.Clone(s[a:b]), off: a})
	}
	for i := a; i <= b; {
		j := strings.IndexByte(s[i:b], ',')
		if j < 0 {
			j = b - i
		}
		part := s[i : i+j]
		lead := len(part) - len(strings.TrimLeft(part, " \t"))
		if part = strings.TrimSpace(part); part != "" {
			toks = append(toks, textToken{name: strings.Clone(part), off: i + lead})
		}
		i += j + 1
	}
	return toks
}

// plainWords splits an unquoted value at commas, semicolons and blanks,
// dropping "or", "and" and a trailing period.
func plainWords(s string, a, b int) []textToken {
	var toks []textToken
	for i := a; i < b; {
		for i < b && isSep(s[i]) {
			i++
		}
		j := i
		for j < b && !isSep(s[j]) {
			j++
		}
		w := strings.TrimRight(s[i:j], ".")
		if w != "" && !strings.EqualFold(w, "or") && !strings.EqualFold(w, "and") {
			toks = append(toks, textToken{name: strings.Clone(w), off: i})
		}
		i = j
	}
	return toks
}

func isSep(c byte) bool {
	return c == ',' || c == ';' || c == ' ' || c == '\t' || c == '\r'
}

// locate sets the source of every token with pos, which is called in
// increasing offset order.
func (ts *textScopes) locate(pos func(off int) record.Source) {
	toks := make([]*textToken, 0, len(ts.classic)+len(ts.granular)+1)
	for i := range ts.classic {
		toks = append(toks, &ts.classic[i])
	}
	for i := range ts.granular {
		toks = append(toks, &ts.granular[i])
	}
	if ts.hasRate {
		toks = append(toks, &ts.rate)
	}
	// Insertion sort: a handful of tokens, nearly sorted.
	for i := 1; i < len(toks); i++ {
		for j := i; j > 0 && toks[j].off < toks[j-1].off; j-- {
			toks[j], toks[j-1] = toks[j-1], toks[j]
		}
	}
	for _, t := range toks {
		t.src = pos(t.off)
	}
}

// refs turns tokens into ScopeRefs.
func refs(toks []textToken) []record.ScopeRef {
	if len(toks) == 0 {
		return nil
	}
	out := make([]record.ScopeRef, len(toks))
	for i, t := range toks {
		out[i] = record.ScopeRef{Name: t.name, Source: t.src}
	}
	return out
}

// merge adds what another description of the same operation states (an
// event's operation description and its request body's description).
func (ts *textScopes) merge(o textScopes) {
	ts.classic = append(ts.classic, o.classic...)
	ts.granular = append(ts.granular, o.granular...)
	ts.hasClassic = ts.hasClassic || o.hasClassic
	ts.hasGranular = ts.hasGranular || o.hasGranular
	if !ts.hasRate && o.hasRate {
		ts.rate, ts.hasRate = o.rate, true
	}
}
