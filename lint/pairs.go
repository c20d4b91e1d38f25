package lint

import (
	"strings"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/parser/record"
)

// Rule IDs of the admin/master pair rules (granular page).
const (
	RuleMissingMasterRow  = "MISSING_MASTER_ROW"
	RuleOrphanMasterRow   = "ORPHAN_MASTER_ROW"
	RulePairLevelMismatch = "PAIR_LEVEL_MISMATCH"
	RulePairStemMismatch  = "PAIR_STEM_MISMATCH"
)

// pairsDoc introduces the admin/master pair rules.
const pairsDoc = "A regular row links `/<product>/methods/#operation/<id>`. Its master-account\n" +
	"twin links `/<product>/ma/#operation/<id>`. Rows are paired by product segment\n" +
	"and operationId."

func pairRules() []Rule {
	return []Rule{
		{ID: RuleMissingMasterRow, Severity: SeverityWarning, Category: CategoryPairs, Default: true,
			Title: "a regular (/methods/) row with an :admin scope but no master-account (/ma/) row, in a section that has /ma/ rows",
			Doc: "\"List message history\" (Contact Center › Logs) → `add a row linking " +
				"/docs/api/rest/reference/contact-center/ma/#operation/getMessageHistory`. A regular row that " +
				"already lists its own `:master` scope is not flagged.",
			Run: runMissingMasterRow},
		{ID: RuleOrphanMasterRow, Severity: SeverityWarning, Category: CategoryPairs, Default: true,
			Title: "a master-account (/ma/) row with no regular (/methods/) counterpart",
			Doc: "The Billing section's `/ma/` rows (for example `billing/ma/#operation/GetPlanUsage`) have no " +
				"`/methods/` rows.",
			Run: runOrphanMasterRow},
		{ID: RulePairLevelMismatch, Severity: SeverityWarning, Category: CategoryPairs, Default: true, Fixes: true,
			Title: "a master-account row that carries an :admin scope, or a regular row that carries only :master scopes",
			Doc: "`billing:read:plan_usage:admin` on a `/ma/` row → `billing:read:plan_usage:master`. " +
				"`account:read:lock_settings:master` as the only scope of a `/methods/` row → " +
				"`account:read:lock_settings:admin`. The fix swaps the level in place.",
			Run: runPairLevelMismatch},
		{ID: RulePairStemMismatch, Severity: SeverityWarning, Category: CategoryPairs, Default: true,
			Title: "the scopes of a regular/master pair differ in more than their level (x:read:y:admin vs x:read:z:master)",
			Doc: "`phone:read:alert_setting:admin` paired with `phone:read:alert:master` → " +
				"`phone:read:alert_setting:master`. The embedded documents have no such pair.",
			Run: runPairStemMismatch},
	}
}

// pageRows are one granular page's rows indexed for pairing.
type pageRows struct {
	doc *record.Document
	// links are what each row's link says, by row.
	links []record.Link
	// regular and master map (lower-case link product, operationId) to
	// the index of the first row of that variant.
	regular, master map[[2]string]int
	// sectionHasMaster marks (product heading, section) with /ma/ rows.
	sectionHasMaster map[[2]string]bool
}

func indexRows(d *record.Document) *pageRows {
	pr := &pageRows{doc: d, links: make([]record.Link, len(d.GranularRows)),
		regular: map[[2]string]int{}, master: map[[2]string]int{}, sectionHasMaster: map[[2]string]bool{}}
	for i, r := range d.GranularRows {
		l := record.ParseLink(r.Link)
		pr.links[i] = l
		if l.Variant == record.VariantMaster {
			pr.sectionHasMaster[[2]string{r.Product, r.Section}] = true
		}
		if l.OperationID == "" {
			continue
		}
		k := pairKey(l)
		m := pr.regular
		if l.Variant == record.VariantMaster {
			m = pr.master
		}
		if _, ok := m[k]; !ok {
			m[k] = i
		}
	}
	return pr
}

func pairKey(l record.Link) [2]string {
	return [2]string{strings.ToLower(l.Product), l.OperationID}
}

// counterpart returns the row of the other variant for row i, or -1.
func (pr *pageRows) counterpart(i int) int {
	l := pr.links[i]
	if l.OperationID == "" {
		return -1
	}
	m := pr.master
	if l.Variant == record.VariantMaster {
		m = pr.regular
	}
	if j, ok := m[pairKey(l)]; ok {
		return j
	}
	return -1
}

// rowSubject names a row in findings: its link, else its API name.
func rowSubject(r record.GranularRow) string {
	if r.Link != "" {
		return r.Link
	}
	return r.Name
}

func hasLevel(r record.GranularRow, l catalog.Level) bool {
	for _, s := range r.Scopes {
		if catalog.LevelOf(s.Name) == l {
			return true
		}
	}
	return false
}

func forEachPage(p *Pass, fn func(pr *pageRows)) {
	for _, pr := range p.facts.pages() {
		fn(pr)
	}
}

func runMissingMasterRow(p *Pass) {
	forEachPage(p, func(pr *pageRows) {
		for i, r := range pr.doc.GranularRows {
			if l := pr.links[i]; l.Variant == record.VariantMaster || l.OperationID == "" || !hasLevel(r, catalog.LevelAdmin) {
				continue
			}
			if !pr.sectionHasMaster[[2]string{r.Product, r.Section}] || pr.counterpart(i) >= 0 {
				continue
			}
			// A row that states its own :master scope needs no /ma/ twin.
			if hasLevel(r, catalog.LevelMaster) {
				continue
			}
			sug := ""
			if strings.Contains(r.Link, "/methods/") {
				sug = "add a row linking " + strings.Replace(r.Link, "/methods/", "/ma/", 1)
			}
			p.Reportf(r.Source, rowSubject(r), sug,
				"%q has an :admin scope but no master-account (/ma/) row, although section %q of %q has /ma/ rows",
				r.Name, r.Section, r.Product)
		}
	})
}

func runOrphanMasterRow(p *Pass) {
	forEachPage(p, func(pr *pageRows) {
		for i, r := range pr.doc.GranularRows {
			if pr.links[i].Variant != record.VariantMaster || pr.counterpart(i) >= 0 {
				continue
			}
			sug := ""
			if strings.Contains(r.Link, "/ma/") {
				sug = "add a row linking " + strings.Replace(r.Link, "/ma/", "/methods/", 1)
			}
			p.Reportf(r.Source, rowSubject(r), sug,
				"master-account row %q (operation %q) has no regular (/methods/) counterpart on the page",
				r.Name, pr.links[i].OperationID)
		}
	})
}

func runPairLevelMismatch(p *Pass) {
	forEachPage(p, func(pr *pageRows) {
		for i, r := range pr.doc.GranularRows {
			switch pr.links[i].Variant {
			case record.VariantMaster:
				for _, s := range r.Scopes {
					if catalog.LevelOf(s.Name) == catalog.LevelAdmin {
						fixed := swapLevel(s.Name, "master")
						p.reportFixed(s.Source, s.Name, fixed, replaceAt(s.Name, fixed, s.Source),
							"master-account row %q carries the account-level scope %q; /ma/ rows carry :master scopes", r.Name, s.Name)
					}
				}
			default:
				if len(r.Scopes) == 0 || !onlyLevel(r, catalog.LevelMaster) {
					continue
				}
				for _, s := range r.Scopes {
					fixed := swapLevel(s.Name, "admin")
					p.reportFixed(s.Source, s.Name, fixed, replaceAt(s.Name, fixed, s.Source),
						"regular row %q carries only master-level scopes such as %q; /methods/ rows carry user or :admin scopes", r.Name, s.Name)
				}
			}
		}
	})
}

func onlyLevel(r record.GranularRow, l catalog.Level) bool {
	for _, s := range r.Scopes {
		if catalog.LevelOf(s.Name) != l {
			return false
		}
	}
	return true
}

// stem is a scope name without its level suffix.
func stem(name string) string {
	if i := strings.LastIndexByte(name, ':'); i >= 0 && isLevel(name[i+1:]) {
		return name[:i]
	}
	return name
}

func swapLevel(name, level string) string {
	return stem(name) + ":" + level
}

func runPairStemMismatch(p *Pass) {
	forEachPage(p, func(pr *pageRows) {
		for i, m := range pr.doc.GranularRows {
			if pr.links[i].Variant != record.VariantMaster {
				continue
			}
			j := pr.counterpart(i)
			if j < 0 {
				continue
			}
			r := pr.doc.GranularRows[j]
			regular := map[string]bool{}
			for _, s := range r.Scopes {
				if catalog.LevelOf(s.Name) == catalog.LevelAdmin {
					regular[stem(s.Name)] = true
				}
			}
			if len(regular) == 0 {
				continue
			}
			masterStems := map[string]bool{}
			for _, s := range m.Scopes {
				if catalog.LevelOf(s.Name) == catalog.LevelMaster {
					masterStems[stem(s.Name)] = true
				}
			}
			var unmatched []string
			for _, s := range r.Scopes {
				st := stem(s.Name)
				if catalog.LevelOf(s.Name) == catalog.LevelAdmin && !masterStems[st] {
					unmatched = append(unmatched, st)
				}
			}
			for _, s := range m.Scopes {
				if catalog.LevelOf(s.Name) != catalog.LevelMaster || regular[stem(s.Name)] {
					continue
				}
				sug := ""
				if len(unmatched) == 1 {
					sug = unmatched[0] + ":master"
				}
				p.Reportf(s.Source, s.Name, sug,
					"%s: master-account scope %q has no :admin twin on the regular row (line %d), which has %s",
					m.Name, s.Name, r.Source.Line, quoteList(adminScopes(r)))
			}
		}
	})
}

func adminScopes(r record.GranularRow) []string {
	var out []string
	for _, s := range r.Scopes {
		if catalog.LevelOf(s.Name) == catalog.LevelAdmin {
			out = append(out, s.Name)
		}
	}
	return out
}
