package lint

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/internal/editdist"
)

// Rule IDs of the scope-name rules.
const (
	RuleMalformedScope     = "MALFORMED_SCOPE"
	RuleUnknownAction      = "UNKNOWN_ACTION"
	RuleUnknownLevel       = "UNKNOWN_LEVEL"
	RuleSuspiciousResource = "SUSPICIOUS_RESOURCE"
)

// namesDoc introduces the scope-name rules.
const namesDoc = `Where a name appears decides which grammar it is checked against. Granular
page rows and ` + "`Granular Scopes:`" + ` lists use ` + "`product:action:resource[:level]`" + `.
Classic lists use ` + "`product[:action][:level]`" + `. A classic-list name with three
or more segments whose third is not a level has the shape of a granular name,
so it is checked as one.

An operation of an OpenAPI file usually states each scope three times: in its
description's text, in ` + "`security`" + ` and in ` + "`x-extensions`" + `
(` + "`x-macro-scopes`, `x-granular-scopes`" + `). A defect in a name stated several
times for one operation (or event) is one finding, placed at the statement
that comes first in the file; its message names the others ("GET /accounts
also states it at line 224 (security), line 238 (x-extensions)"), and its
fixes edit every statement that has a known column. Two operations, two page
rows or two different names are separate findings.`

func nameRules() []Rule {
	return []Rule{
		{ID: RuleMalformedScope, Severity: SeverityError, Category: CategoryNames, Default: true, Fixes: true,
			Title: "a scope name with the wrong number of segments, an empty segment, whitespace or a stray character",
			Doc: "`contact_center:write:queue disposition:admin` → suggestion " +
				"`contact_center:write:queue_disposition:admin`. The suggestion is the name with the whitespace, " +
				"stray characters or empty segments repaired, or else the nearest defined name. The granular " +
				"page's `scim2:admin` (2 segments) is reported at each of its 11 rows.",
			Run: func(p *Pass) { runNameRule(p, RuleMalformedScope) }},
		{ID: RuleUnknownAction, Severity: SeverityError, Category: CategoryNames, Default: true, Fixes: true,
			Title: "a scope whose action is not one of read, write, update, delete (with the nearest action and the corrected name)",
			Doc: "`contact_center:udpate:region:admin` → `update`. The suggestion is the corrected scope name " +
				"when the documents contain it, else the nearest action; the fix replaces the name with the " +
				"corrected one either way. `contact_center:patch:queue_operating_hours:admin` has no action within " +
				"two edits, so there is no suggestion. On a classic list, a second segment is flagged only when " +
				"it is a near-miss of an action. Classic names such as `imchat:bot` use product-specific words there.",
			Run: func(p *Pass) { runNameRule(p, RuleUnknownAction) }},
		{ID: RuleUnknownLevel, Severity: SeverityError, Category: CategoryNames, Default: true, Fixes: true,
			Title: "a four-segment granular scope whose last segment is not admin or master",
			Doc: "`meeting:write:admin:sip_dialing` puts the level before the resource → suggestion " +
				"`meeting:write:sip_dialing:admin` (which the granular page defines). A misspelled level such as " +
				"`user:read:user:admn` → `user:read:user:admin`.",
			Run: func(p *Pass) { runNameRule(p, RuleUnknownLevel) }},
		{ID: RuleSuspiciousResource, Severity: SeverityWarning, Category: CategoryNames, Default: true, Fixes: true,
			Title: "a resource segment within a small edit distance of a far more common resource of the same product",
			Doc: "`zra:write:team_manages:admin` → `zra:write:team_managers:admin`. \"Far more common\" means at " +
				"least twice as many occurrences one edit away, or five times as many two edits away. Plural pairs " +
				"(`channel`/`channels`) and resources shorter than 6 characters are never flagged. `call_qos` vs " +
				"`call_log` (two edits, 8 characters) is legitimate, so it is not flagged.",
			Run: runSuspiciousResource},
	}
}

// nameDefect is one name-level defect of a scope name.
type nameDefect struct {
	rule, message, suggestion string
	// fixed is the corrected name the fix writes, or "".
	fixed string
}

func runNameRule(p *Pass, rule string) {
	occs, _ := p.facts.occs()
	for i, d := range p.facts.nameDefects() {
		o := occs[i]
		for _, d := range d {
			if d.rule == rule {
				p.reportFixed(o.Src, o.Name, d.suggestion, o.replace(d.fixed), "%s%s", d.message, o.alsoNote())
			}
		}
	}
}

// levels are the two level suffixes.
func levels() []string { return []string{"admin", "master"} }

func isLevel(s string) bool { return s == "admin" || s == "master" }

// nameDefects judges one written scope name, of the given kind, by the
// grammar of its place.
func nameDefects(f *facts, o occurrence, kind catalog.ScopeKind, n catalog.ScopeName) []nameDefect {
	c := f.c
	segs := strings.Split(o.Name, ":")
	var out []nameDefect
	if n.Malformed {
		msg := fmt.Sprintf("malformed %s scope %q: %s", kind, o.Name, n.Reason)
		if o.Place == placeClassicPage && kind == catalog.KindGranular {
			msg += " (a classic-page name with a granular shape)"
		}
		fixed := repairName(f, o.Name)
		out = append(out, nameDefect{RuleMalformedScope, msg, fixed, fixed})
	}
	if kind == catalog.KindGranular && (len(segs) < 3 || len(segs) > 4) {
		return out // the segments cannot be told apart
	}
	if a := n.Action; a != "" && !catalog.IsAction(a) {
		strict := kind == catalog.KindGranular
		near := editdist.Nearest(a, catalog.Actions(), 1, 2)
		if strict || (!isLevel(a) && len(near) > 0) {
			out = append(out, actionDefect(c, o.Name, segs, a, near))
		}
	}
	if kind == catalog.KindGranular && n.Suffix != "" && !isLevel(n.Suffix) {
		out = append(out, levelDefect(c, o.Name, n))
	}
	return out
}

func actionDefect(c *catalog.Catalog, name string, segs []string, action string, near []string) nameDefect {
	msg := fmt.Sprintf("unknown action %q in %q (the actions are %s)", action, name, strings.Join(catalog.Actions(), ", "))
	withAction := func(a string) string {
		s := append([]string(nil), segs...)
		s[1] = a
		return strings.Join(s, ":")
	}
	if len(near) > 0 {
		fixed := withAction(near[0])
		if _, ok := c.Scope(fixed); ok {
			return nameDefect{RuleUnknownAction, msg + fmt.Sprintf("; did you mean %q?", fixed), fixed, fixed}
		}
		return nameDefect{RuleUnknownAction, msg + fmt.Sprintf("; nearest action %q", near[0]), near[0], fixed}
	}
	return nameDefect{RuleUnknownAction, msg, "", ""}
}

func levelDefect(c *catalog.Catalog, name string, n catalog.ScopeName) nameDefect {
	msg := fmt.Sprintf("unknown level %q in %q (the levels are admin, master)", n.Suffix, name)
	if near := editdist.Nearest(n.Suffix, levels(), 1, 2); len(near) > 0 {
		fixed := strings.Join([]string{n.Product, n.Action, n.Resource, near[0]}, ":")
		return nameDefect{RuleUnknownLevel, msg + fmt.Sprintf("; did you mean %q?", fixed), fixed, fixed}
	}
	if isLevel(n.Resource) {
		fixed := strings.Join([]string{n.Product, n.Action, n.Suffix, n.Resource}, ":")
		hint := "the level is written before the resource"
		if _, ok := c.Scope(fixed); ok {
			hint += fmt.Sprintf("; the documents use %q", fixed)
		}
		return nameDefect{RuleUnknownLevel, msg + "; " + hint, fixed, fixed}
	}
	return nameDefect{RuleUnknownLevel, msg, "", ""}
}

// repairName proposes a fix for a malformed name: the name without its
// whitespace, stray characters or empty segments, when the documents
// define that name, else the nearest defined name.
func repairName(f *facts, name string) string {
	c := f.c
	var cands []string
	fields := strings.Fields(name)
	cands = append(cands, strings.Join(fields, "_"), strings.Join(fields, ""))
	clean := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '_', r == '-', r == '.', r == ':':
			return r
		case unicode.IsSpace(r):
			return '_'
		}
		return -1
	}, strings.TrimSpace(name))
	cands = append(cands, clean)
	var segs []string
	for _, s := range strings.Split(clean, ":") {
		if s != "" {
			segs = append(segs, s)
		}
	}
	cands = append(cands, strings.Join(segs, ":"))
	for _, cand := range cands {
		if cand == name {
			continue
		}
		if s, ok := c.Scope(cand); ok && s.Defined {
			return cand
		}
	}
	// No repair is defined: the first repair that is itself well formed.
	for _, cand := range cands {
		if cand != name && cand != "" && !catalog.ParseScopeName(cand, catalog.KindGranular).Malformed && catalog.LooksGranular(cand) == catalog.LooksGranular(name) {
			return cand
		}
	}
	// The nearest defined name other than the name itself.
	for _, near := range f.definedIndex().Nearest(name, 2, 2) {
		if near != name {
			return near
		}
	}
	return ""
}

// farMore is how many times more common a resource must be than a
// look-alike two edits away for the look-alike to be suspicious; one edit
// away, twice as common is enough.
const farMore = 5

// suspiciousNear returns the far more common look-alike of resource r
// among a product's resource counts, or "". byLen lists the product's
// resources by length in bytes. Short resources are left alone: two short
// words are often a few edits apart by chance.
func suspiciousNear(counts map[string]int, byLen map[int][]string, r string) string {
	cr := counts[r]
	if cr == 0 || len(r) < 6 {
		return ""
	}
	var cands []string
	for l := len(r) - 2; l <= len(r)+2; l++ {
		for _, r2 := range byLen[l] {
			if r2 == r || pluralPair(r, r2) {
				continue
			}
			c2 := counts[r2]
			if c2 < 2*cr {
				continue // too rare at any distance
			}
			d, ok := editdist.Within(r, r2, 2)
			switch {
			case !ok:
				continue
			case d == 1: // c2 >= 2*cr, checked above
			case d == 2 && len(r) >= 10 && c2 >= farMore*cr:
			default:
				continue
			}
			cands = append(cands, r2)
		}
	}
	if len(cands) == 0 {
		return ""
	}
	sort.Slice(cands, func(i, j int) bool {
		if counts[cands[i]] != counts[cands[j]] {
			return counts[cands[i]] > counts[cands[j]]
		}
		return cands[i] < cands[j]
	})
	return cands[0]
}

// pluralPair reports whether a and b differ only by a plural ending; the
// documents use both forms on purpose (list_rooms vs room).
func pluralPair(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if !strings.HasPrefix(b, a) {
		return false
	}
	rest := b[len(a):]
	return rest == "s" || rest == "es"
}

func runSuspiciousResource(p *Pass) {
	near := map[[2]string]string{}         // (product, resource) -> look-alike
	byLen := map[string]map[int][]string{} // product -> resources by length
	occs, kinds := p.facts.occs()
	resources, parsed := p.facts.resourceCounts(), p.facts.parsedNames()
	for i, o := range occs {
		if kinds[i] != catalog.KindGranular || p.facts.hasNameDefect(o.Src) {
			continue
		}
		n := parsed[i]
		counts := resources[n.Product]
		k := [2]string{n.Product, n.Resource}
		r2, ok := near[k]
		if !ok {
			if byLen[n.Product] == nil {
				byLen[n.Product] = map[int][]string{}
				for r := range counts {
					byLen[n.Product][len(r)] = append(byLen[n.Product][len(r)], r)
				}
			}
			r2 = suspiciousNear(counts, byLen[n.Product], n.Resource)
			near[k] = r2
		}
		if r2 == "" {
			continue
		}
		fixed := strings.Join([]string{n.Product, n.Action, r2}, ":")
		if n.Suffix != "" {
			fixed += ":" + n.Suffix
		}
		p.reportFixed(o.Src, o.Name, fixed, o.replace(fixed),
			"resource %q of %q is written %d time(s); %q, %d edit(s) away, is written %d times in product %q%s",
			n.Resource, o.Name, counts[n.Resource], r2, editdist.Distance(n.Resource, r2), counts[r2], n.Product, o.alsoNote())
	}
}
