package record_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/scopeplan/scopeplan/parser/record"
)

func TestParseLink(t *testing.T) {
	for _, tc := range []struct {
		href, product, id string
		variant           record.Variant
		ok                bool
	}{
		{"/docs/api/rest/reference/crc/methods/#operation/getX", "crc", "getX", record.VariantRegular, true},
		{"/docs/api/rest/reference/crc/ma/#operation/getX", "crc", "getX", record.VariantMaster, true},
		{"/docs/api/rest/reference/crc/ma#operation/getX", "crc", "getX", record.VariantMaster, true},
		{"https://developers.zoom.us/docs/api/rest/reference/Docs/methods/#operation/a'b/c.d-e", "Docs", "a'b/c.d-e", record.VariantRegular, true},
		{"https://example.com/docs/api/rest/reference/crc/methods/#operation/x", "crc", "x", record.VariantRegular, false},
		{"/docs/api/rest/reference/https:/developers.zoom.us/docs/api/methods/#operation/x", "", "x", record.VariantRegular, false},
		{"/docs/api/rest/reference/crc/v2/#operation/x", "crc", "x", "", false},
		{"/docs/api/rest/reference/crc/methods/", "crc", "", record.VariantRegular, false},
		{"/docs/api/rest/reference/crc/methods/#tag/x", "crc", "", record.VariantRegular, false},
		{"/docs/api/rest/reference/crc/methods/#operation/", "crc", "", record.VariantRegular, false},
		{"/docs/api/rest/reference/crc/methods/?a=b#operation/x", "crc", "x", record.VariantRegular, false},
		{"/docs/integrations/oauth-error-messages/", "", "", "", false},
		{"//developers.zoom.us/docs/api/rest/reference/crc/methods/#operation/x", "crc", "x", record.VariantRegular, false},
		{"#", "", "", "", false},
		{"https://developers.zoom.us", "", "", "", false},
	} {
		lp := record.ParseLink(tc.href)
		if lp.Product != tc.product || lp.OperationID != tc.id || lp.Variant != tc.variant || (lp.Problem == "") != tc.ok {
			t.Errorf("ParseLink(%q) = %+v, want product %q id %q variant %q ok %v",
				tc.href, lp, tc.product, tc.id, tc.variant, tc.ok)
		}
	}
}

// TestAtClamps: a position beyond 32 bits (a document over 2 GiB) is kept
// as the largest one, never wrapped to a negative or small line.
func TestAtClamps(t *testing.T) {
	for _, tc := range []struct {
		line, col   int
		wantL, want int32
	}{
		{1, 0, 1, 0},
		{1 << 31, 1<<31 + 5, 1<<31 - 1, 1<<31 - 1},
		{-3, -1, 0, 0},
		{1<<31 - 1, 7, 1<<31 - 1, 7},
	} {
		s := record.At("f", tc.line, tc.col)
		if s.File != "f" || s.Line != tc.wantL || s.Column != tc.want {
			t.Errorf("At(f, %d, %d) = %+v, want line %d column %d", tc.line, tc.col, s, tc.wantL, tc.want)
		}
	}
}

// splitLink is ParseLink as first written (in the granular parser, over
// strings.Split, keeping every problem): the reference the
// allocation-free version is checked against.
func splitLink(href string) record.Link {
	var lp record.Link
	var problems []string
	addProblem := func(format string, args ...any) {
		problems = append(problems, fmt.Sprintf(format, args...))
	}

	rest := href
	frag, hasFrag := "", false
	if i := strings.IndexByte(rest, '#'); i >= 0 {
		frag, hasFrag = rest[i+1:], true
		rest = rest[:i]
	}

	// Scheme and host.
	switch {
	case strings.HasPrefix(rest, "/") && !strings.HasPrefix(rest, "//"):
	case len(rest) >= len(record.SiteURL) && strings.EqualFold(rest[:len(record.SiteURL)], record.SiteURL) &&
		(len(rest) == len(record.SiteURL) || rest[len(record.SiteURL)] == '/'):
		rest = rest[len(record.SiteURL):]
	default:
		addProblem("not a link to %s", record.SiteURL)
		if i := strings.Index(rest, "//"); i >= 0 {
			rest = rest[i+2:]
			if j := strings.IndexByte(rest, '/'); j >= 0 {
				rest = rest[j:]
			} else {
				rest = ""
			}
		}
	}
	if i := strings.IndexByte(rest, '?'); i >= 0 {
		addProblem("link has a query %q", rest[i:])
		rest = rest[:i]
	}

	// Path.
	path := strings.TrimSuffix(rest, "/")
	var segs []string
	if p, ok := strings.CutPrefix(path, record.RefPrefix); ok && p != "" {
		segs = strings.Split(p, "/")
	} else {
		addProblem("path %q is not under %s", rest, record.RefPrefix)
	}
	if len(segs) > 0 && validProductRef(segs[0]) {
		lp.Product = segs[0]
	}
	if i := strings.LastIndexByte(path, '/'); i >= 0 {
		switch path[i+1:] {
		case "methods":
			lp.Variant = record.VariantRegular
		case "ma":
			lp.Variant = record.VariantMaster
		}
	}
	if segs != nil {
		switch {
		case len(segs) != 2:
			addProblem("expected <product>/(methods|ma) after %s, got %q", record.RefPrefix, strings.Join(segs, "/"))
		case lp.Product == "":
			addProblem("product segment %q is not a name", segs[0])
		case lp.Variant == "":
			addProblem("variant segment %q is neither methods nor ma", segs[1])
		}
	}

	// Anchor.
	switch id, ok := strings.CutPrefix(frag, record.OpAnchor); {
	case !hasFrag:
		addProblem("no #%s anchor", record.OpAnchor)
	case !ok:
		addProblem("anchor %q is not #%s<id>", "#"+frag, record.OpAnchor)
	case id == "":
		addProblem("empty operation id")
	default:
		lp.OperationID = id
	}
	if len(problems) > 0 {
		lp.Problem = problems[0]
	}
	return lp
}

func validProductRef(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r == '-' || r == '_' || r == '.' || r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r))) {
			return false
		}
	}
	return true
}

var linkSeeds = []string{
	"/docs/api/rest/reference/crc/methods/#operation/getX", "/docs/api/rest/reference/crc/ma#operation/getX",
	"https://developers.zoom.us/docs/api/rest/reference/Docs/methods/#operation/a'b/c.d-e",
	"https://example.com/docs/api/rest/reference/crc/methods/#operation/x", "/docs/api/rest/reference/crc/v2/x/#operation/x",
	"/docs/api/rest/reference//methods/#operation/x", "/docs/api/rest/reference/c r/zz/?q#tag/x", "", "#", "//a",
}

// FuzzParseLink: ParseLink agrees with the first version on any link.
func FuzzParseLink(f *testing.F) {
	for _, s := range linkSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, href string) {
		if got, want := record.ParseLink(href), splitLink(href); got != want {
			t.Errorf("ParseLink(%q) = %+v, want %+v", href, got, want)
		}
	})
}

// TestParseLinkAllocatesNothing: a well-formed link is read without
// allocating (a row's link parts are read on demand).
func TestParseLinkAllocatesNothing(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() {
		_ = record.ParseLink("https://developers.zoom.us/docs/api/rest/reference/user/methods/#operation/userSettings")
	}); n != 0 {
		t.Errorf("ParseLink allocated %.0f times, want 0", n)
	}
}
