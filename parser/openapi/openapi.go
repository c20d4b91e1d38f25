// Package openapi reads Zoom's OpenAPI 3 descriptions (JSON or YAML) into
// record.Documents: one record.Operation per path and method, with every
// statement of the operation's OAuth scopes kept as its own
// record.ScopeList.
//
// An operation may state its scopes in three places, read in this order:
//
//  1. record.OriginExtensions: the operation's "x-extensions" object, whose
//     "x-granular-scopes" array lists granular scopes and "x-macro-scopes"
//     array lists classic scopes. The same two keys written directly on the
//     operation are read as well.
//  2. record.OriginSecurity: the operation's "security" requirements (or the
//     document's top-level ones when the operation has none) that name an
//     OAuth scheme. Such a requirement mixes classic and granular scopes.
//     A name the same file states elsewhere as only classic
//     (x-macro-scopes, "Scopes:") or only granular (x-granular-scopes,
//     "Granular Scopes:") keeps that kind; any other name is told by its
//     shape: four or more colon-separated segments is granular
//     (user:read:user:admin), one or two is classic (user_profile,
//     user:read), three is classic when the last is a level, "admin" or
//     "master" (phone:read:admin), else granular
//     (phone:read:list_account_settings, phone:read:user).
//  3. record.OriginText: the description's "Scopes:" and "Granular Scopes:"
//     lines, in any of the Markdown variants Zoom has used
//     ("**[Scopes](url):** `a`,`b`", "**Scopes:** `a`, `b` <br>",
//     "**Scopes**: `a` `b`", "Scope: a").
//
// The description's "Rate Limit Label:" fills Operation.RateLimit.
// Name is the summary; Tags are kept; servers are not read. An operation
// without a "security" of its own takes the document's top-level one, as
// OpenAPI says.
//
// A ScopeList is added only when its source is present. Scope names are kept
// exactly as written, so that defects survive for linting. Disagreements
// between the statements are not reported here; structural defects are, as
// record.Problems.
//
// The parser decodes only the members it needs: JSON is validated with
// encoding/json and then walked by a small scanner that skips everything
// else (schemas, responses) without decoding it, and that knows the line and
// column of every value it keeps. YAML is read with gopkg.in/yaml.v3 nodes.
// Columns are 1-based byte offsets within their line.
package openapi

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/scopeplan/scopeplan/parser/record"
)

// sniffPrefix is how many leading bytes Sniff searches for the "openapi"
// version marker.
const sniffPrefix = 64 << 10

// Sniff reports whether data looks like an OpenAPI 3 document: a JSON object
// with an "openapi": "3..." member, or YAML with a top-level openapi: 3...
// line, within the first 64 KiB, and a "paths" member (JSON) or a top-level
// paths: line (YAML) anywhere. It never decodes the document.
func Sniff(data []byte) bool {
	data = trimBOM(data)
	prefix := data[:min(len(data), sniffPrefix)]
	if isJSON(data) {
		return jsonVersionMarker(prefix) && bytes.Contains(data, []byte(`"paths"`))
	}
	return yamlVersionMarker(prefix) && yamlTopKey(data, "paths")
}

// SniffWebhooks reports whether data looks like an OpenAPI 3.1 webhooks
// document: the OpenAPI version marker within the first 64 KiB and a
// top-level "webhooks" member, but no "paths" (a document with both is an
// OpenAPI document, whose events Parse reads as well).
func SniffWebhooks(data []byte) bool {
	data = trimBOM(data)
	prefix := data[:min(len(data), sniffPrefix)]
	if isJSON(data) {
		return jsonVersionMarker(prefix) && bytes.Contains(data, []byte(`"webhooks"`)) && !bytes.Contains(data, []byte(`"paths"`))
	}
	return yamlVersionMarker(prefix) && yamlTopKey(data, "webhooks") && !yamlTopKey(data, "paths")
}

// Parse reads an OpenAPI 3 document in JSON (when its first non-blank byte
// is '{') or YAML. path is used only in sources. Malformed input is an
// error; structural defects of a well-formed document (an operation without
// operationId, an operationId used twice, a missing "paths") are Problems of
// the returned document.
func Parse(path string, data []byte) (*record.Document, error) {
	var (
		res *result
		err error
	)
	if isJSON(data) {
		res, err = parseJSON(path, data)
	} else {
		res, err = parseYAML(path, data)
	}
	if err != nil {
		return nil, err
	}
	return res.document(path), nil
}

// trimBOM drops a leading UTF-8 byte order mark.
func trimBOM(data []byte) []byte {
	return bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
}

// bomLen is the length of data's leading byte order mark, if any.
func bomLen(data []byte) int {
	return len(data) - len(trimBOM(data))
}

// isJSON reports whether data's first non-blank byte opens a JSON object.
func isJSON(data []byte) bool {
	data = trimBOM(data)
	i := skipWS(data, 0)
	return i < len(data) && data[i] == '{'
}

// jsonVersionMarker finds `"openapi"`, a colon and a string starting with 3.
func jsonVersionMarker(b []byte) bool {
	key := []byte(`"openapi"`)
	for {
		i := bytes.Index(b, key)
		if i < 0 {
			return false
		}
		b = b[i+len(key):]
		j := skipWS(b, 0)
		if j < len(b) && b[j] == ':' {
			j = skipWS(b, j+1)
			if j+1 < len(b) && b[j] == '"' && b[j+1] == '3' {
				return true
			}
		}
	}
}

// yamlVersionMarker finds a line "openapi: 3..." (value optionally quoted)
// starting in column 1.
func yamlVersionMarker(b []byte) bool {
	for line := range bytes.Lines(b) {
		rest, ok := bytes.CutPrefix(line, []byte("openapi:"))
		if !ok {
			continue
		}
		rest = bytes.TrimLeft(rest, " \t")
		rest = bytes.TrimLeft(rest, `"'`)
		if len(rest) > 0 && rest[0] == '3' {
			return true
		}
	}
	return false
}

// yamlTopKey reports whether a line "key:" starts in column 1 somewhere.
func yamlTopKey(b []byte, key string) bool {
	k := []byte(key + ":")
	for {
		i := bytes.Index(b, k)
		if i < 0 {
			return false
		}
		if i == 0 || b[i-1] == '\n' {
			return true
		}
		b = b[i+len(k):]
	}
}

// httpMethod maps an OpenAPI path item key to an operation method.
func httpMethod(key string) (string, bool) {
	switch key {
	case "get", "put", "post", "patch", "delete", "head", "options", "trace":
		return strings.ToUpper(key), true
	}
	return "", false
}

// secReq is one scheme of one security requirement with its scopes.
type secReq struct {
	scheme string
	scopes []record.ScopeRef
}

// rawOp is an operation being read, with the statements that can only be
// settled once the whole file is read.
type rawOp struct {
	op record.Operation
	// event marks an event subscription of the webhooks map; op.Path then
	// holds the event's key in that map.
	event bool
	// desc is the first description read (an event's summary falls back
	// to its first sentence).
	desc string

	hasExt         bool // x-macro-scopes or x-granular-scopes present
	extClassic     []record.ScopeRef
	extGranular    []record.ScopeRef
	extHasGranular bool

	hasSec bool // the operation has its own "security"
	sec    []secReq

	text textScopes

	reported bool // the operation is not an object, or its operationId not a string: reported already
}

// subject names the operation or event in problems.
func (ro *rawOp) subject() string {
	if ro.event {
		return "event " + ro.op.Path
	}
	return ro.op.Method + " " + ro.op.Path
}

// result is what a format reader hands to the common assembly.
type result struct {
	// hasWebhooks is set when the document has a top-level webhooks map.
	hasWebhooks bool
	title       string
	ops         []*rawOp
	rootSec     []secReq
	schemes     map[string]string // security scheme name -> type
	problems    []record.Problem
}

// problem records a structural defect.
func (r *result) problem(code, subject string, src record.Source, format string, args ...any) {
	r.problems = append(r.problems, record.Problem{
		Code: code, Subject: subject, Message: fmt.Sprintf(format, args...), Source: src,
	})
}

// document assembles the record.Document: classifies security scopes,
// builds each operation's ScopeLists and reports missing and duplicate
// operationIds.
func (r *result) document(path string) *record.Document {
	doc := &record.Document{Path: path, Kind: record.KindOpenAPI, Title: r.title}
	known := r.knownKinds()
	seen := make(map[string]int, len(r.ops))
	seenEvent := map[string]int{}
	doc.Operations = make([]record.Operation, 0, len(r.ops))
	for _, ro := range r.ops {
		op := ro.op
		subject := ro.subject()
		if ro.event {
			ev := r.event(ro, known)
			if n, dup := seenEvent[ev.Name]; dup {
				first := doc.Events[n]
				r.problem(record.ProblemDuplicateID, ev.Name, ev.Source,
					"event %q is already described at line %d", ev.Name, first.Source.Line)
			} else {
				seenEvent[ev.Name] = len(doc.Events)
			}
			doc.Events = append(doc.Events, ev)
			continue
		}
		switch {
		case ro.reported:
		case op.OperationID == "":
			r.problem(record.ProblemMissingField, subject, op.Source, "operation %s has no operationId", subject)
		default:
			n, dup := seen[op.OperationID]
			if !dup {
				seen[op.OperationID] = len(doc.Operations)
				break
			}
			first := doc.Operations[n]
			r.problem(record.ProblemDuplicateID, op.OperationID, op.Source,
				"operationId %q of %s is already used by %s %s (line %d)",
				op.OperationID, subject, first.Method, first.Path, first.Source.Line)
		}
		if ro.hasExt {
			op.Scopes = append(op.Scopes, record.ScopeList{
				Origin:      record.OriginExtensions,
				Classic:     ro.extClassic,
				Granular:    ro.extGranular,
				HasGranular: ro.extHasGranular,
			})
		}
		sec := ro.sec
		if !ro.hasSec {
			sec = r.rootSec
		}
		if l, ok := r.securityList(sec, known); ok {
			op.Scopes = append(op.Scopes, l)
		}
		if t := ro.text; t.hasClassic || t.hasGranular {
			op.Scopes = append(op.Scopes, record.ScopeList{
				Origin:      record.OriginText,
				Classic:     refs(t.classic),
				Granular:    refs(t.granular),
				HasGranular: t.hasGranular,
			})
		}
		if ro.text.hasRate {
			op.RateLimit = ro.text.rate.name
			op.RateLimitSource = ro.text.rate.src
		}
		doc.Operations = append(doc.Operations, op)
	}
	slices.SortStableFunc(r.problems, func(a, b record.Problem) int {
		return cmp.Or(cmp.Compare(a.Source.Line, b.Source.Line), cmp.Compare(a.Source.Column, b.Source.Column))
	})
	doc.Problems = r.problems
	return doc
}

// event assembles an event subscription. Its name is the operationId, or
// its key in the webhooks map; only the event's own statements count (the
// document's top-level security is for its REST operations).
func (r *result) event(ro *rawOp, known map[string]kind) record.Event {
	ev := record.Event{Name: ro.op.OperationID, Summary: ro.op.Name, Tags: ro.op.Tags, Source: ro.op.Source}
	if ev.Summary == "" {
		ev.Summary = firstSentence(ro.desc)
	}
	if ev.Name == "" {
		ev.Name = ro.op.Path
	}
	if ro.hasExt {
		ev.Scopes = append(ev.Scopes, record.ScopeList{
			Origin: record.OriginExtensions, Classic: ro.extClassic, Granular: ro.extGranular, HasGranular: ro.extHasGranular,
		})
	}
	if ro.hasSec {
		if l, ok := r.securityList(ro.sec, known); ok {
			ev.Scopes = append(ev.Scopes, l)
		}
	}
	if t := ro.text; t.hasClassic || t.hasGranular {
		ev.Scopes = append(ev.Scopes, record.ScopeList{
			Origin: record.OriginText, Classic: refs(t.classic), Granular: refs(t.granular), HasGranular: t.hasGranular,
		})
	}
	return ev
}

// kind is what the file itself says a scope name is.
type kind uint8

const (
	kindClassic kind = 1 << iota
	kindGranular
)

// knownKinds collects, over the whole file, the names stated as classic
// (x-macro-scopes, "Scopes:") and as granular (x-granular-scopes,
// "Granular Scopes:"), keyed by the name without surrounding blanks.
func (r *result) knownKinds() map[string]kind {
	known := make(map[string]kind)
	add := func(refs []record.ScopeRef, k kind) {
		for _, s := range refs {
			known[strings.TrimSpace(s.Name)] |= k
		}
	}
	for _, ro := range r.ops {
		add(ro.extClassic, kindClassic)
		add(ro.extGranular, kindGranular)
		for _, t := range ro.text.classic {
			known[strings.TrimSpace(t.name)] |= kindClassic
		}
		for _, t := range ro.text.granular {
			known[strings.TrimSpace(t.name)] |= kindGranular
		}
	}
	return known
}

// isOAuth reports whether a security scheme carries OAuth scopes: it is
// declared in components.securitySchemes with type oauth2 or openIdConnect,
// or, not being declared, its name contains "oauth" (any case).
func (r *result) isOAuth(scheme string) bool {
	if t, ok := r.schemes[scheme]; ok {
		return t == "oauth2" || t == "openIdConnect"
	}
	return strings.Contains(strings.ToLower(scheme), "oauth")
}

// securityList builds the security ScopeList from the OAuth schemes of a
// list of requirements. It reports false when they name no scope at all
// (no OAuth requirement, or only empty ones such as "OAuth": []).
func (r *result) securityList(sec []secReq, known map[string]kind) (record.ScopeList, bool) {
	l := record.ScopeList{Origin: record.OriginSecurity}
	named := false
	for _, s := range sec {
		if !r.isOAuth(s.scheme) {
			continue
		}
		for _, ref := range s.scopes {
			named = true
			if classify(ref.Name, known) {
				l.Granular = append(l.Granular, ref)
			} else {
				l.Classic = append(l.Classic, ref)
			}
		}
	}
	l.HasGranular = len(l.Granular) > 0
	return l, named
}

// classify reports whether a scope name of a security requirement is
// granular. security[].openapi_oauth lists classic and granular scopes
// together, so:
//
//  1. A name the same file states as only granular (x-granular-scopes,
//     "Granular Scopes:") is granular; one it states as only classic
//     (x-macro-scopes, "Scopes:") is classic. This settles shapes such as
//     chat_channel:read:member (classic) against role:write:member
//     (granular), which no shape rule can tell apart.
//  2. Otherwise the shape decides, with blanks around the name ignored:
//     four or more colon-separated segments is granular
//     (product:action:resource:level, user:read:user:admin); one or two is
//     classic (user_profile, user:read, phone:master); three is classic when
//     the last segment is a level, "admin" or "master"
//     (phone:read:admin, phone_call_log:read:admin, division:wirte:admin),
//     and granular otherwise (phone:read:list_account_settings,
//     phone:read:user). Granular resources are never named "admin" or
//     "master": levels are a fourth segment.
//
// The shape rule is the same as catalog.LooksGranular.
func classify(name string, known map[string]kind) bool {
	t := strings.TrimSpace(name)
	switch known[t] {
	case kindGranular:
		return true
	case kindClassic:
		return false
	}
	return granularShape(t)
}

// granularShape is rule 2 of classify.
func granularShape(name string) bool {
	switch n := strings.Count(name, ":") + 1; {
	case n >= 4:
		return true
	case n == 3:
		last := name[strings.LastIndexByte(name, ':')+1:]
		return last != "admin" && last != "master"
	}
	return false
}

// firstSentence is the first sentence of a Markdown description's first
// line that is neither a heading nor a label, without emphasis markers: "The
// Participant waiting for host to join event is triggered ...".
func firstSentence(desc string) string {
	for line := range strings.Lines(desc) {
		l := strings.TrimSpace(line)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		if t := scanDescription(l); t.hasClassic || t.hasGranular || t.hasRate {
			continue // a label, not prose
		}
		l = strings.ReplaceAll(l, "**", "")
		if i := strings.Index(l, ". "); i >= 0 {
			l = l[:i+1]
		}
		if r := []rune(l); len(r) > 200 {
			l = string(r[:200]) + "…"
		}
		return l
	}
	return ""
}
