package lint

import (
	"fmt"
	"sort"
	"strings"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/internal/editdist"
	"github.com/scopeplan/scopeplan/parser/record"
)

// Rule IDs of the cross-document rules.
const (
	RuleScopeConflict        = "SCOPE_CONFLICT"
	RuleUndefinedScope       = "UNDEFINED_SCOPE"
	RuleUnmatchedAPIName     = "UNMATCHED_API_NAME"
	RuleEndpointNotOnPage    = "ENDPOINT_NOT_ON_SCOPE_PAGE"
	RuleOperationIDReused    = "OPERATION_ID_REUSED"
	suggestionListSeparator  = "; "
	maxNameSuggestions       = 3
	maxScopeSuggestionsCount = 1
)

func crossRules() []Rule {
	return []Rule{
		{ID: RuleScopeConflict, Severity: SeverityError, Category: CategoryCross, Default: true,
			Title: "two documents (or two places in one OpenAPI file) map the same operation to different scopes",
			Doc: "Compares the granular page's rows with an API reference's `Granular Scopes:` list. It also " +
				"compares two API references' classic `Scopes:` lists for one endpoint, and the x-extensions, " +
				"security and text statements inside one OpenAPI file. For example, for `GET /users/email` the " +
				"rendered OpenAPI reference says `user:read`, `user:read:admin`, `user:write`, `user:write:admin`, " +
				"while the Postman list says only `user:read`, `user:read:admin`. The finding is placed at the " +
				"later statement. Its subject is the operation, and its suggestion is the earlier statement's list.",
			Run: runScopeConflict},
		{ID: RuleUndefinedScope, Severity: SeverityWarning, Category: CategoryCross, Default: true, Fixes: true,
			Title: "a scope used by an API reference but defined on no scope page",
			Doc: "`phone:write:shared_settings` in a reference, where the page defines " +
				"`phone:write:shared_setting` → `phone:write:shared_setting`. The rule checks only against page " +
				"kinds that are loaded. A misspelled name already reported by a scope-name rule is not reported again.",
			Run: runUndefinedScope},
		{ID: RuleUnmatchedAPIName, Severity: SeverityWarning, Category: CategoryCross, Default: true,
			Title: "an associated API name on the classic page that matches no endpoint (with the nearest names)",
			Doc:   "`Get a usr` → `Get a user`. The nearest names (up to three, within a third of the name's length) are the suggestion.",
			Run:   runUnmatchedAPIName},
		{ID: RuleEndpointNotOnPage, Severity: SeverityWarning, Category: CategoryCross, Default: true,
			Title: "an operation of an API reference that is on no granular scopes page",
			Doc: "`DELETE /users/{userId}/picture` (\"Delete a user's profile picture\") is in both Users " +
				"references but not on the granular page. The same goes for the contact-group operations.",
			Run: runEndpointNotOnPage},
		{ID: RuleOperationIDReused, Severity: SeverityInfo, Category: CategoryCross, Default: true,
			Title: "one operationId linked under two products on the granular page (reported at each row)",
			Doc:   "`userDelete` is linked under both `contact-center` and `user`.",
			Run:   runOperationIDReused},
	}
}

func names(refs []record.ScopeRef) []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range refs {
		if !seen[r.Name] {
			seen[r.Name] = true
			out = append(out, r.Name)
		}
	}
	sort.Strings(out)
	return out
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// diff returns the names of a missing from b and of b missing from a.
func diff(a, b []string) (onlyA, onlyB []string) {
	inA, inB := map[string]bool{}, map[string]bool{}
	for _, x := range a {
		inA[x] = true
	}
	for _, x := range b {
		inB[x] = true
	}
	for _, x := range a {
		if !inB[x] {
			onlyA = append(onlyA, x)
		}
	}
	for _, x := range b {
		if !inA[x] {
			onlyB = append(onlyB, x)
		}
	}
	return onlyA, onlyB
}

func conflictMessage(kind, label string, a []string, srcA record.Source, b []string, srcB record.Source) string {
	onlyA, onlyB := diff(a, b)
	return fmt.Sprintf("%s: %s scopes differ: %s:%d says %s, %s:%d says %s (only in the first: %s; only in the second: %s)",
		label, kind, srcA.File, srcA.Line, quoteList(a), srcB.File, srcB.Line, quoteList(b), quoteList(onlyA), quoteList(onlyB))
}

func firstSource(refs []record.ScopeRef, fallback record.Source) record.Source {
	if len(refs) > 0 {
		return refs[0].Source
	}
	return fallback
}

func runScopeConflict(p *Pass) {
	c := p.Catalog
	// (1) granular page vs an API reference's granular list.
	for _, e := range c.Endpoints {
		if len(e.Rows) == 0 || len(e.Refs) == 0 {
			continue
		}
		var page []record.ScopeRef
		var pageSrc record.Source
		for _, rr := range e.Rows {
			row := c.Documents[rr.Doc].GranularRows[rr.Row]
			if pageSrc.File == "" {
				pageSrc = row.Source
			}
			page = append(page, row.Scopes...)
		}
		pageNames := names(page)
		for _, ref := range e.Refs {
			op := &c.Documents[ref.Doc].Operations[ref.Op]
			for _, l := range op.Scopes {
				if len(l.Granular) == 0 {
					continue
				}
				got := names(l.Granular)
				if !sameSet(pageNames, got) {
					src := firstSource(l.Granular, op.Source)
					p.Reportf(src, opLabel(op), strings.Join(pageNames, ","), "%s",
						conflictMessage("granular", opLabel(op), pageNames, pageSrc, got, src))
				}
				break // later statements are compared with this one below
			}
		}
	}
	// (2) two API references' classic lists for one endpoint.
	for _, e := range c.Endpoints {
		var firstOp *record.Operation
		var firstDoc int
		for _, ref := range e.Refs {
			op := &c.Documents[ref.Doc].Operations[ref.Op]
			if len(op.Classic()) == 0 {
				continue
			}
			if firstOp == nil {
				firstOp, firstDoc = op, ref.Doc
				continue
			}
			if ref.Doc == firstDoc {
				continue
			}
			a, b := names(firstOp.Classic()), names(op.Classic())
			if !sameSet(a, b) {
				src := firstSource(op.Classic(), op.Source)
				p.Reportf(src, opLabel(op), strings.Join(a, ","), "%s",
					conflictMessage("classic", opLabel(op), a, firstSource(firstOp.Classic(), firstOp.Source), b, src))
			}
		}
	}
	// (3) two statements inside one document (OpenAPI x-extensions,
	// security and text).
	for _, d := range c.Documents {
		for oi := range d.Operations {
			op := &d.Operations[oi]
			compareStatements(p, op, "classic", func(l record.ScopeList) []record.ScopeRef { return l.Classic })
			compareStatements(p, op, "granular", func(l record.ScopeList) []record.ScopeRef { return l.Granular })
		}
	}
}

func compareStatements(p *Pass, op *record.Operation, kind string, get func(record.ScopeList) []record.ScopeRef) {
	var first []record.ScopeRef
	for _, l := range op.Scopes {
		refs := get(l)
		if len(refs) == 0 {
			continue
		}
		if first == nil {
			first = refs
			continue
		}
		a, b := names(first), names(refs)
		if !sameSet(a, b) {
			src := firstSource(refs, op.Source)
			p.Reportf(src, opLabel(op), strings.Join(a, ","), "%s (%s statement vs %s)",
				conflictMessage(kind, opLabel(op), a, first[0].Source, b, src), op.Scopes[0].Origin, l.Origin)
		}
	}
}

// definedVocab lists the names the scope pages define, of the given kind.
func definedVocab(c *catalog.Catalog, kind catalog.ScopeKind) []string {
	var out []string
	for _, s := range c.Scopes {
		if s.Defined && s.Kind == kind {
			out = append(out, s.Name)
		}
	}
	return out
}

func isDefined(c *catalog.Catalog, name string) bool {
	if s, ok := c.GranularScope(name); ok && s.Defined {
		return true
	}
	if s, ok := c.ClassicScope(name); ok && s.Defined {
		return true
	}
	return false
}

func runUndefinedScope(p *Pass) {
	reportUndefined(p, placeRefClassic, placeRefGranular, func(o occurrence, kind catalog.ScopeKind, page string) string {
		return fmt.Sprintf("%s scope %q is used here but defined on no %s%s", kind, o.Name, page, o.alsoNote())
	})
}

// reportUndefined reports the occurrences at the two places (a classic and
// a granular list) whose name no loaded scope page of their kind defines,
// except names a scope-name rule already reports. The suggestion is the
// nearest defined name of the same kind.
func reportUndefined(p *Pass, classic, granular place, message func(o occurrence, kind catalog.ScopeKind, page string) string) {
	c := p.Catalog
	nearest := map[catalog.ScopeKind]map[string]string{} // kind -> name -> suggestion
	occs, _ := p.facts.occs()
	for _, o := range occs {
		if (o.Place != classic && o.Place != granular) || isDefined(c, o.Name) || p.facts.hasNameDefect(o.Src) {
			continue
		}
		page := "classic scopes page"
		kind := catalog.KindClassic
		if o.Place == granular {
			page, kind = "granular scopes page", catalog.KindGranular
			if !p.facts.hasGranularPage {
				continue
			}
		} else if !p.facts.hasClassicPage {
			continue
		}
		if nearest[kind] == nil {
			nearest[kind] = map[string]string{}
		}
		sug, ok := nearest[kind][o.Name]
		if !ok {
			if near := p.facts.kindIndex(kind).Nearest(o.Name, maxScopeSuggestionsCount, 2); len(near) > 0 {
				sug = near[0]
			}
			nearest[kind][o.Name] = sug
		}
		p.reportFixed(o.Src, o.Name, sug, o.replace(sug), "%s", message(o, kind, page))
	}
}

func runUnmatchedAPIName(p *Pass) {
	c := p.Catalog
	var vocab []string
	for _, e := range c.Endpoints {
		vocab = append(vocab, e.Name)
	}
	if len(vocab) == 0 {
		return
	}
	ix := editdist.NewIndex(vocab)
	nearest := map[string][]string{} // API name -> nearest endpoint names
	for _, a := range c.Associations {
		if len(a.Endpoints) > 0 {
			continue
		}
		near, ok := nearest[a.API]
		if !ok {
			near = ix.Nearest(a.API, maxNameSuggestions, -1)
			nearest[a.API] = near
		}
		msg := fmt.Sprintf("API %q associated with classic scope %q matches no endpoint name", a.API, a.Scope)
		if len(near) > 0 {
			msg += "; nearest: " + quoteList(near)
		}
		p.Reportf(a.Source, a.API, strings.Join(near, suggestionListSeparator), "%s", msg)
	}
}

func runEndpointNotOnPage(p *Pass) {
	c := p.Catalog
	if !p.facts.hasGranularPage {
		return
	}
	vocab := map[string][]string{} // lower product -> page row names
	for _, e := range c.Endpoints {
		if len(e.Rows) > 0 {
			k := strings.ToLower(e.Product)
			vocab[k] = append(vocab[k], e.Name)
		}
	}
	index := map[string]*editdist.Index{} // lower product -> its row names
	for _, e := range c.Endpoints {
		if e.Join != catalog.JoinUnmatched {
			continue
		}
		k := strings.ToLower(e.Product)
		if index[k] == nil {
			index[k] = editdist.NewIndex(vocab[k])
		}
		for _, ref := range e.Refs {
			op := &c.Documents[ref.Doc].Operations[ref.Op]
			near := index[k].Nearest(op.Name, maxNameSuggestions, -1)
			msg := fmt.Sprintf("operation %s (%q) of this API reference is on no granular scopes page", opLabel(op), op.Name)
			if len(near) > 0 {
				msg += "; nearest page rows: " + quoteList(near)
			}
			p.Reportf(op.Source, opLabel(op), strings.Join(near, suggestionListSeparator), "%s", msg)
		}
	}
}

func runOperationIDReused(p *Pass) {
	for _, pr := range p.facts.pages() {
		d := pr.doc
		products := map[string]map[string]bool{}
		for _, l := range pr.links {
			if l.OperationID == "" || l.Product == "" {
				continue
			}
			if products[l.OperationID] == nil {
				products[l.OperationID] = map[string]bool{}
			}
			products[l.OperationID][strings.ToLower(l.Product)] = true
		}
		for i, r := range d.GranularRows {
			l := pr.links[i]
			ps := products[l.OperationID]
			if len(ps) < 2 {
				continue
			}
			var list []string
			for x := range ps {
				list = append(list, x)
			}
			sort.Strings(list)
			p.Reportf(r.Source, l.OperationID, "",
				"operationId %q is linked under %d products (%s); this row links it under %q",
				l.OperationID, len(list), strings.Join(list, ", "), l.Product)
		}
	}
}
