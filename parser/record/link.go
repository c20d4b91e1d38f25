package record

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// RefPrefix is the path every well-formed API reference link starts with.
const RefPrefix = "/docs/api/rest/reference/"

// SiteURL is the host a fully qualified API reference link may name.
const SiteURL = "https://developers.zoom.us"

// OpAnchor starts the fragment of a link to an operation.
const OpAnchor = "operation/"

// LinkShape is the shape of a well-formed API reference link.
const LinkShape = "/docs/api/rest/reference/<product>/(methods|ma)/#operation/<id>"

// Link is what an API reference link says.
type Link struct {
	// Product is the product segment (/docs/api/rest/reference/<Product>/...).
	Product string
	// Variant is VariantRegular under /methods/, VariantMaster under /ma/.
	Variant Variant
	// OperationID is the #operation/ anchor, verbatim.
	OperationID string
	// Problem is empty for a well-formed link, else its first deviation
	// from LinkShape.
	Problem string
}

// ParseLink reads an API reference link of the shape LinkShape, optionally
// prefixed by SiteURL; the slash before the anchor may be omitted. A link
// of another shape yields whatever parts could be read, and Problem. A
// well-formed link is read without allocating.
func ParseLink(href string) Link {
	var l Link
	problem := func(format string, args ...any) {
		if l.Problem == "" {
			l.Problem = fmt.Sprintf(format, args...)
		}
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
	case len(rest) >= len(SiteURL) && strings.EqualFold(rest[:len(SiteURL)], SiteURL) &&
		(len(rest) == len(SiteURL) || rest[len(SiteURL)] == '/'):
		rest = rest[len(SiteURL):]
	default:
		problem("not a link to %s", SiteURL)
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
		problem("link has a query %q", rest[i:])
		rest = rest[:i]
	}

	// Path: <product>/(methods|ma) after the prefix.
	path := strings.TrimSuffix(rest, "/")
	segs, first := "", ""
	if p, ok := strings.CutPrefix(path, RefPrefix); ok && p != "" {
		segs = p
		first, _, _ = strings.Cut(p, "/")
	} else {
		problem("path %q is not under %s", rest, RefPrefix)
	}
	if validProduct(first) {
		l.Product = first
	}
	if i := strings.LastIndexByte(path, '/'); i >= 0 {
		switch path[i+1:] {
		case "methods":
			l.Variant = VariantRegular
		case "ma":
			l.Variant = VariantMaster
		}
	}
	if segs != "" {
		switch {
		case strings.Count(segs, "/") != 1:
			problem("expected <product>/(methods|ma) after %s, got %q", RefPrefix, segs)
		case l.Product == "":
			problem("product segment %q is not a name", first)
		case l.Variant == "":
			_, second, _ := strings.Cut(segs, "/")
			problem("variant segment %q is neither methods nor ma", second)
		}
	}

	// Anchor.
	switch id, ok := strings.CutPrefix(frag, OpAnchor); {
	case !hasFrag:
		problem("no #%s anchor", OpAnchor)
	case !ok:
		problem("anchor %q is not #%s<id>", "#"+frag, OpAnchor)
	case id == "":
		problem("empty operation id")
	default:
		l.OperationID = id
	}
	return l
}

// validProduct reports whether s can be the product segment of a link.
func validProduct(s string) bool {
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
