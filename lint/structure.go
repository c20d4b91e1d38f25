package lint

import (
	"fmt"
	"net/url"
	"sort"
	"strings"
	"unicode"

	"github.com/scopeplan/scopeplan/internal/editdist"
	"github.com/scopeplan/scopeplan/parser/record"
)

// Rule IDs of the document-structure rules.
const (
	RuleMalformedLink          = "MALFORMED_LINK"
	RuleMissingHeader          = "MISSING_HEADER"
	RuleMissingField           = "MISSING_FIELD"
	RuleSplitScopeList         = "SPLIT_SCOPE_LIST"
	RuleTruncatedEntry         = "TRUNCATED_ENTRY"
	RuleRowWithoutLink         = "ROW_WITHOUT_LINK"
	RuleCountMismatch          = "COUNT_MISMATCH"
	RuleParseProblem           = "PARSE_PROBLEM"
	RuleClassicScopeWithoutAPI = "CLASSIC_SCOPE_WITHOUT_API"
	RuleGroupNameSpelling      = "GROUP_NAME_SPELLING"
	RuleRateLimitSpelling      = "RATE_LIMIT_SPELLING"
)

func structureRules() []Rule {
	return []Rule{
		{ID: RuleMalformedLink, Severity: SeverityWarning, Category: CategoryStructure, Default: true,
			Title: "a doc link with the wrong host or path, or a product segment that disagrees with its product heading",
			Doc: "Covers three cases:\n\n" +
				"* Links the parsers flag, such as `/docs/api/rest/reference/https:/developers.zoom.us/docs/api/methods/#operation/ListPlaylists`\n" +
				"  and `/docs/integrations/oauth-error-messages/`.\n" +
				"* A row whose product segment is not the one most rows under its heading use.\n" +
				"  The suggestion is the link with the dominant segment.\n" +
				"* A heading whose segment belongs to another, larger heading. For example,\n" +
				"  the Zoom Scheduler rows link `/phone/`, which is Zoom Phone's segment.",
			Run: runMalformedLink},
		problemRule(RuleMissingHeader, record.ProblemMissingHeader, "an entry without its numbered or title header",
			"`GET /groups` in the Postman list starts at its request line."),
		problemRule(RuleMissingField, record.ProblemMissingField, "an entry lacking a field it should have (description, scopes, rate limit)",
			"All missing fields of one entry make one finding."),
		problemRule(RuleSplitScopeList, record.ProblemSplitList, "a scope list continued on the following lines",
			"`Scopes: user:read:admin` followed by `,user:read` on the next line."),
		problemRule(RuleTruncatedEntry, record.ProblemTruncated, "an entry cut off before its end",
			"The rendered OpenAPI reference ends inside `DELETE /users/{userId}/token`."),
		problemRule(RuleRowWithoutLink, record.ProblemRowWithoutLink, "a granular page row whose API name links nowhere", ""),
		problemRule(RuleCountMismatch, record.ProblemCountMismatch, "a stated count that disagrees with the entries found",
			"A stated count such as `Number of APIs: N` is compared with the entries found."),
		{ID: RuleParseProblem, Severity: SeverityWarning, Category: CategoryStructure, Default: true,
			Title: "any other structural defect a parser reported",
			Doc:   "The message starts with the parser's problem code.",
			Run:   runOtherProblems},
		{ID: RuleClassicScopeWithoutAPI, Severity: SeverityInfo, Category: CategoryStructure, Default: true,
			Title: "a classic scope listed with no associated API",
			Run:   runClassicWithoutAPI},
		{ID: RuleGroupNameSpelling, Severity: SeverityInfo, Category: CategoryStructure, Default: true,
			Title: "one classic scope group spelled two ways (\"Contact Center\" vs \"ContactCenter\")",
			Doc: "\"Contact Center\" vs \"ContactCenter\", or \"Zoom User\" vs \"User\". Group names are compared " +
				"as lower-case letters and digits without a leading \"zoom\". The most used spelling is the " +
				"suggestion. The finding is at the first scope of the section with the other spelling.",
			Run: runGroupNameSpelling},
		{ID: RuleRateLimitSpelling, Severity: SeverityInfo, Category: CategoryStructure, Default: true, Fixes: true,
			Title: "a rate-limit label spelled differently from the rest of its document (\"MEDIUM\" vs \"Medium\")",
			Doc: "In a document whose labels are mostly title case (`Medium`), `MEDIUM` → `Medium`. A rare label " +
				"within two edits of a far more common one (`Meduim`) is also reported. Only label-like values are " +
				"judged and counted: one or two words of letters and digits joined by a blank, hyphen or " +
				"underscore (`Light`, `Resource-intensive`), at most 32 characters. Free text where a label " +
				"belongs (\"This endpoint is rate-limited to one request every 10 seconds.\") is ignored.",
			Run: runRateLimitSpelling},
	}
}

// problemCodes maps the parser problem codes with a rule of their own.
func problemCodes() map[string]string {
	return map[string]string{
		record.ProblemMissingHeader:  RuleMissingHeader,
		record.ProblemMissingField:   RuleMissingField,
		record.ProblemSplitList:      RuleSplitScopeList,
		record.ProblemTruncated:      RuleTruncatedEntry,
		record.ProblemRowWithoutLink: RuleRowWithoutLink,
		record.ProblemCountMismatch:  RuleCountMismatch,
		record.ProblemMalformedLink:  RuleMalformedLink,
	}
}

func problemRule(id, code, title, doc string) Rule {
	return Rule{ID: id, Severity: SeverityWarning, Category: CategoryStructure, Default: true, Title: title, Doc: doc, Run: func(p *Pass) {
		reportProblems(p, func(c string) bool { return c == code })
	}}
}

func runOtherProblems(p *Pass) {
	known := problemCodes()
	reportProblems(p, func(c string) bool { _, ok := known[c]; return !ok })
}

// reportProblems reports the parser problems whose code matches, one
// finding per entry and location: several messages of one code about one
// entry at one line (a missing description and a missing scope list) are
// joined.
func reportProblems(p *Pass, match func(code string) bool) {
	type key struct {
		code, subject string
		src           record.Source
	}
	for _, d := range p.Documents() {
		if d == nil {
			continue
		}
		var order []key
		msgs := map[key][]string{}
		for _, pr := range d.Problems {
			if !match(pr.Code) {
				continue
			}
			k := key{pr.Code, pr.Subject, pr.Source}
			if _, ok := msgs[k]; !ok {
				order = append(order, k)
			}
			msgs[k] = append(msgs[k], pr.Message)
		}
		for _, k := range order {
			msg := strings.Join(msgs[k], "; ")
			if _, known := problemCodes()[k.code]; !known {
				msg = k.code + ": " + msg
			}
			p.Reportf(k.src, k.subject, "", "%s", msg)
		}
	}
}

// docsLinkPrefix is the path every granular page link starts with.
const docsLinkPrefix = "/docs/api/rest/reference/"

// linkShape checks a granular page link: an optional https://developers.zoom.us
// host, then /docs/api/rest/reference/<product>/(methods|ma)/#operation/<id>.
// It returns "" when the link is well formed, else why not.
func linkShape(link string) string {
	u, err := url.Parse(link)
	if err != nil {
		return fmt.Sprintf("not a URL: %v", err)
	}
	if u.Host != "" && u.Host != "developers.zoom.us" {
		return fmt.Sprintf("host %q is not developers.zoom.us", u.Host)
	}
	if !strings.HasPrefix(u.Path, docsLinkPrefix) {
		return fmt.Sprintf("path %q is not under %s", u.Path, docsLinkPrefix)
	}
	segs := strings.Split(strings.Trim(strings.TrimPrefix(u.Path, docsLinkPrefix), "/"), "/")
	if len(segs) != 2 || segs[0] == "" || (segs[1] != "methods" && segs[1] != "ma") {
		return fmt.Sprintf("expected <product>/(methods|ma) after %s, got %q", docsLinkPrefix, strings.Join(segs, "/"))
	}
	if !strings.HasPrefix(u.Fragment, "operation/") || len(u.Fragment) == len("operation/") {
		return fmt.Sprintf("fragment %q is not #operation/<id>", u.Fragment)
	}
	return ""
}

func runMalformedLink(p *Pass) {
	// Problems the parsers reported, with the link as the subject.
	for _, d := range p.Documents() {
		if d == nil {
			continue
		}
		itemLinks := map[int]string{}
		for _, cs := range d.ClassicScopes {
			for _, it := range cs.APIs {
				if it.Link != "" {
					itemLinks[int(it.Source.Line)] = it.Link
				}
			}
		}
		for _, pr := range d.Problems {
			if pr.Code != record.ProblemMalformedLink {
				continue
			}
			subject := pr.Subject
			if l, ok := itemLinks[int(pr.Source.Line)]; ok {
				subject = l
			}
			p.Reportf(pr.Source, subject, "", "%s", pr.Message)
		}
	}
	for _, pr := range p.facts.pages() {
		d := pr.doc
		flagged := map[int]bool{}
		for _, pr := range d.Problems {
			if pr.Code == record.ProblemMalformedLink {
				flagged[int(pr.Source.Line)] = true
			}
		}
		for _, r := range d.GranularRows {
			if r.Link == "" || flagged[int(r.Source.Line)] {
				continue
			}
			if why := linkShape(r.Link); why != "" {
				flagged[int(r.Source.Line)] = true
				p.Reportf(r.Source, r.Link, "", "link of %q is malformed: %s", r.Name, why)
			}
		}
		productDisagreements(p, pr, flagged)
	}
}

// productDisagreements reports rows whose link product segment is not the
// one most rows of their product heading use, and rows of a heading whose
// product segment belongs to another, larger heading.
func productDisagreements(p *Pass, pr *pageRows, flagged map[int]bool) {
	d := pr.doc
	counts := map[string]map[string]int{} // heading -> lower product -> rows
	var headings []string
	for i, r := range d.GranularRows {
		l := pr.links[i]
		if l.Product == "" {
			continue
		}
		if counts[r.Product] == nil {
			counts[r.Product] = map[string]int{}
			headings = append(headings, r.Product)
		}
		counts[r.Product][strings.ToLower(l.Product)]++
	}
	dominant := map[string]string{}
	owner := map[string]string{} // lower product -> heading with most rows
	ownerRows := map[string]int{}
	for _, h := range headings {
		best, n := "", -1
		for prod, c := range counts[h] {
			if c > n || (c == n && prod < best) {
				best, n = prod, c
			}
			if c > ownerRows[prod] {
				owner[prod], ownerRows[prod] = h, c
			}
		}
		dominant[h] = best
	}
	for i, r := range d.GranularRows {
		l := pr.links[i]
		if l.Product == "" || flagged[int(r.Source.Line)] {
			continue
		}
		lp := strings.ToLower(l.Product)
		switch dom := dominant[r.Product]; {
		case lp != dom:
			p.Reportf(r.Source, r.Link, strings.Replace(r.Link, "/"+l.Product+"/", "/"+dom+"/", 1),
				"link of %q uses product segment %q, but most rows under %q use %q", r.Name, l.Product, r.Product, dom)
		case owner[lp] != r.Product:
			p.Reportf(r.Source, r.Link, "",
				"link of %q under %q uses product segment %q, which belongs to %q (%d rows there, %d here)",
				r.Name, r.Product, l.Product, owner[lp], ownerRows[lp], counts[r.Product][lp])
		}
	}
}

func runClassicWithoutAPI(p *Pass) {
	for _, d := range p.Documents() {
		if d == nil || d.Kind != record.KindClassic {
			continue
		}
		for _, cs := range d.ClassicScopes {
			if len(cs.APIs) == 0 {
				p.Reportf(cs.Source, cs.Name, "", "classic scope %q (group %q) lists no associated API", cs.Name, cs.Group)
			}
		}
	}
}

// normGroup is the form group names are compared in: letters and digits,
// lower case, without a leading "zoom".
func normGroup(g string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(g) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	s := b.String()
	if t := strings.TrimPrefix(s, "zoom"); t != "" {
		s = t
	}
	return s
}

func runGroupNameSpelling(p *Pass) {
	for _, d := range p.Documents() {
		if d == nil || d.Kind != record.KindClassic {
			continue
		}
		type section struct {
			group string
			src   record.Source
		}
		var sections []section
		scopes := map[string]map[string]int{} // norm -> spelling -> scopes
		first := map[string]int{}             // spelling -> first section index
		for i, cs := range d.ClassicScopes {
			if i == 0 || cs.Group != d.ClassicScopes[i-1].Group {
				if _, ok := first[cs.Group]; !ok {
					first[cs.Group] = len(sections)
				}
				sections = append(sections, section{cs.Group, cs.Source})
			}
			n := normGroup(cs.Group)
			if scopes[n] == nil {
				scopes[n] = map[string]int{}
			}
			scopes[n][cs.Group]++
		}
		for _, s := range sections {
			spellings := scopes[normGroup(s.group)]
			if len(spellings) < 2 {
				continue
			}
			best, n := "", -1
			for sp, c := range spellings {
				if c > n || (c == n && first[sp] < first[best]) {
					best, n = sp, c
				}
			}
			if s.group == best {
				continue
			}
			p.Reportf(s.src, s.group, best,
				"group %q is spelled %q elsewhere on the page (%d scopes there, %d here)", s.group, best, n, spellings[s.group])
		}
	}
}

// labelStyle classifies a label's letter case.
func labelStyle(s string) string {
	switch {
	case s == strings.ToUpper(s) && s != strings.ToLower(s):
		return "upper"
	case s == strings.ToLower(s):
		return "lower"
	case s == titleCase(s):
		return "title"
	}
	return "mixed"
}

func titleCase(s string) string {
	r := []rune(strings.ToLower(s))
	if len(r) > 0 {
		r[0] = unicode.ToUpper(r[0])
	}
	return string(r)
}

func inStyle(style, s string) string {
	switch style {
	case "upper":
		return strings.ToUpper(s)
	case "lower":
		return strings.ToLower(s)
	}
	return titleCase(s)
}

// maxLabelLen and maxLabelWords bound a rate-limit label: Zoom's labels
// are one or two words ("Light", "Resource-intensive").
const (
	maxLabelLen   = 32
	maxLabelWords = 2
)

// labelLike reports whether a rate-limit value is a label (a short token
// of letters and digits, its words joined by blanks, hyphens or
// underscores) rather than free text such as a sentence about the limit.
func labelLike(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > maxLabelLen || !unicode.IsLetter([]rune(s)[0]) {
		return false
	}
	words := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '-' || r == '_' })
	if len(words) > maxLabelWords {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != ' ' && r != '-' && r != '_' {
			return false
		}
	}
	return true
}

// rateLabels returns the operations of a document whose rate-limit value
// is a label; free text is neither judged nor counted.
func rateLabels(d *record.Document) []*record.Operation {
	var out []*record.Operation
	for i := range d.Operations {
		if labelLike(d.Operations[i].RateLimit) {
			out = append(out, &d.Operations[i])
		}
	}
	return out
}

func runRateLimitSpelling(p *Pass) {
	for _, d := range p.Documents() {
		if d == nil {
			continue
		}
		ops := rateLabels(d)
		styles := map[string]int{}
		norms := map[string]int{}
		for _, op := range ops {
			styles[labelStyle(op.RateLimit)]++
			norms[strings.ToLower(op.RateLimit)]++
		}
		style, n := "", -1
		for _, s := range []string{"title", "upper", "lower", "mixed"} {
			if styles[s] > n {
				style, n = s, styles[s]
			}
		}
		if style == "mixed" {
			style = "title"
		}
		var vocab []string
		for k := range norms {
			vocab = append(vocab, k)
		}
		sort.Strings(vocab)
		for _, op := range ops {
			src, at := op.RateLimitSource, op.RateLimitSource
			if src.File == "" {
				src, at = op.Source, record.Source{} // the label's column is unknown
			}
			lower := strings.ToLower(op.RateLimit)
			// A rare label within two edits of a far more common one.
			for _, other := range vocab {
				if other != lower && norms[other] >= farMore*norms[lower] && editdist.Distance(lower, other) <= 2 {
					fixed := inStyle(style, other)
					p.reportFixed(src, op.RateLimit, fixed, replaceAt(op.RateLimit, fixed, at),
						"rate-limit label %q of %s is written %d time(s) in this document; %q is written %d times",
						op.RateLimit, opLabel(op), norms[lower], inStyle(style, other), norms[other])
					lower = ""
					break
				}
			}
			if lower == "" || labelStyle(op.RateLimit) == style {
				continue
			}
			fixed := inStyle(style, op.RateLimit)
			p.reportFixed(src, op.RateLimit, fixed, replaceAt(op.RateLimit, fixed, at),
				"rate-limit label %q of %s is in %s case; %d of this document's %d labels are in %s case",
				op.RateLimit, opLabel(op), labelStyle(op.RateLimit), n, len(ops), style)
		}
	}
}
