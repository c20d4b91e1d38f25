package report

import (
	"fmt"
	"strings"

	"github.com/scopeplan/scopeplan/planner"
)

// markdownCellEscaper is built once; a strings.Replacer is read-only and
// safe for concurrent use.
var markdownCellEscaper = strings.NewReplacer(
	`\`, `\\`, "|", `\|`, "<", "&lt;", ">", "&gt;", "&", "&amp;",
	"\r\n", " ", "\n", " ", "\r", " ", "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
)

// MarkdownCell escapes text for a Markdown table cell: pipes, backslashes,
// HTML-significant characters and line breaks can neither break the table
// nor inject markup.
func MarkdownCell(s string) string { return markdownCellEscaper.Replace(s) }

// markdownCodeEscaper keeps inline code inside its span and its cell.
var markdownCodeEscaper = strings.NewReplacer("`", "'", "|", `\|`, "\n", " ", "\r", " ")

// MarkdownCode renders text as inline code that is safe in a table cell.
// Backticks inside the text end the span early, so they are replaced.
func MarkdownCode(s string) string {
	s = markdownCodeEscaper.Replace(s)
	if s == "" {
		return ""
	}
	return "`" + s + "`"
}

func writePlanMarkdown(w *Writer, r PlanReport) error {
	w.Printf("## Zoom OAuth scopes for %s\n\n", appPhrase(string(r.App)))
	w.Printf("%d granular scope(s), %s; %d endpoint(s) granted beyond the %d mapped call(s).\n\n",
		len(r.Granular), optimality(r), r.OverGrant, len(r.Calls))
	w.Println("| Scope | Kind |")
	w.Println("|---|---|")
	opt := r.optionalSet()
	for _, s := range r.Granular {
		kind := "granular"
		if opt[s] {
			kind = "granular (optional)"
		}
		w.Printf("| %s | %s |\n", MarkdownCode(s), kind)
	}
	for _, s := range r.Classic {
		w.Printf("| %s | classic equivalent |\n", MarkdownCode(s))
	}
	if len(r.Calls) > 0 {
		w.Println("\n### Calls\n\n| Call | Endpoint | Granular | Classic | Set aside | Confidence |\n|---|---|---|---|---|---|")
		for _, c := range r.Calls {
			w.Printf("| %s | %s | %s | %s | %s | %s |\n", MarkdownCode(c.Call), MarkdownCell(endpointShort(c.Endpoint)),
				codes(c.Granular), codes(c.Classic), asideCell(c.SetAside), confidenceCell(c.Confidence, c.Notes))
		}
	}
	if len(r.Events) > 0 {
		w.Println("\n### Events\n\n| Event | Granular | Classic | Set aside | Confidence |\n|---|---|---|---|---|")
		for _, e := range r.Events {
			w.Printf("| %s | %s | %s | %s | %s |\n", MarkdownCode(e.Event), codes(e.Granular), codes(e.Classic),
				asideCell(e.SetAside), confidenceCell(e.Confidence, e.Notes))
		}
	}
	writeOverGrantMarkdown(w, r)
	if len(r.TradeOffs) > 0 {
		w.Println("\n### Trade-offs\n\n| Broader scope | Replaces | Scopes saved | Endpoints added |\n|---|---|---|---|")
		for _, t := range r.TradeOffs {
			w.Printf("| %s | %s | %d | %d |\n", MarkdownCode(t.Scope), codes(t.Replaces), t.Saves, t.AddsGrant)
		}
	}
	if len(r.Unmapped) > 0 {
		w.Println("\n### Unmapped calls\n\n| Call | Reason | Did you mean |\n|---|---|---|")
		for _, u := range r.Unmapped {
			w.Printf("| %s | %s | %s |\n", MarkdownCode(eventPrefix(u.Kind)+u.Call), MarkdownCell(u.Reason), codes(u.Suggestions))
		}
	}
	return nil
}

func codes(s []string) string {
	out := make([]string, len(s))
	for i, x := range s {
		out[i] = MarkdownCode(x)
	}
	return strings.Join(out, ", ")
}

// asideCell is a Markdown cell listing set-aside scopes and why.
func asideCell(aside []planner.SetAside) string {
	var out []string
	for _, s := range aside {
		out = append(out, MarkdownCode(s.Scope)+": "+MarkdownCell(s.Reason))
	}
	return strings.Join(out, "<br>")
}

// confidenceCell is a Markdown cell with a confidence and its notes.
func confidenceCell(conf string, notes []string) string {
	if len(notes) > 0 {
		conf += " (" + MarkdownCell(strings.Join(notes, "; ")) + ")"
	}
	return conf
}

func writeOverGrantMarkdown(w *Writer, r PlanReport) {
	if r.OverGrantEndpoints == nil || len(*r.OverGrantEndpoints) == 0 {
		return
	}
	w.Println("\n### Granted beyond the calls\n\n| Scope | Endpoints granted beyond the calls |\n|---|---|")
	for _, o := range *r.OverGrantEndpoints {
		cells := make([]string, len(o.Endpoints))
		for i, e := range o.Endpoints {
			cells[i] = MarkdownCell(e)
		}
		w.Printf("| %s | %s |\n", MarkdownCode(o.Scope), strings.Join(cells, "<br>"))
	}
}

func writeAuditMarkdown(w *Writer, r AuditReport) error {
	w.Printf("## Scope audit: %s\n\n%d requested %s scope(s) for %s.\n", r.Verdict, len(r.Requested), r.Kind, appPhrase(r.App))
	if r.Incomplete {
		w.Printf("\n> The check is incomplete: %d call(s) could not be mapped, so scopes they could need are not judged.\n", len(r.Unmapped))
	}
	if r.Mixed {
		w.Println("\n> The request mixes classic and granular scopes; Zoom rejects such an app.")
	}
	if len(r.Unknown) > 0 || len(r.Levels) > 0 || len(r.OverPrivileged) > 0 || len(r.Redundant) > 0 || len(r.Missing) > 0 || len(r.Unmapped) > 0 ||
		len(r.CannotJudge) > 0 || len(r.UnmappedEvents) > 0 || r.ZoomAppAPIs != nil && (r.ZoomAppAPIs.Missing || r.ZoomAppAPIs.Unused) {
		w.Println("\n| Problem | Scope or call | Detail |\n|---|---|---|")
		for _, u := range r.Unknown {
			w.Printf("| unknown scope | %s | did you mean %s |\n", MarkdownCode(u.Scope), codes(u.Suggestions))
		}
		for _, l := range r.Levels {
			w.Printf("| level not allowed | %s | %s |\n", MarkdownCode(l.Scope), MarkdownCell(l.Reason))
		}
		for _, u := range r.OverPrivileged {
			w.Printf("| over-privileged | %s | grants %d endpoint(s), none called |\n", MarkdownCode(u.Scope), u.Grants)
		}
		for _, j := range r.CannotJudge {
			w.Printf("| cannot judge | %s | an unmapped call could need it: %s |\n", MarkdownCode(j.Scope), codes(j.Calls))
		}
		for _, u := range r.Redundant {
			w.Printf("| redundant | %s | other requested scopes cover its calls |\n", MarkdownCode(u.Scope))
		}
		for _, m := range r.Missing {
			w.Printf("| missing | %s | request %s |\n", MarkdownCode(m.Call), codes(m.Would))
		}
		for _, u := range r.Unmapped {
			w.Printf("| unmapped call | %s | %s |\n", MarkdownCode(u.Call), MarkdownCell(u.Reason))
		}
		for _, e := range r.UnmappedEvents {
			w.Printf("| unmapped event | %s | %s |\n", MarkdownCode(e.Event), MarkdownCell(e.Reason))
		}
		if z := r.ZoomAppAPIs; z != nil && z.Missing {
			w.Printf("| missing | %s | required by the in-client Zoom Apps APIs %s |\n", MarkdownCode(z.RequiredScope), codes(z.APIs))
		}
		if z := r.ZoomAppAPIs; z != nil && z.Unused {
			w.Printf("| over-privileged | %s | the manifest lists no in-client Zoom Apps API |\n", MarkdownCode(z.RequiredScope))
		}
	}
	if r.Plan != nil {
		w.Printf("\n**Least-privileged plan:** %s\n", codes(planScopes(r)))
		if len(r.ToAdd)+len(r.ToRemove) > 0 {
			w.Printf("\n- add: %s\n- remove: %s\n", codes(r.ToAdd), codes(r.ToRemove))
		}
	}
	if len(r.BlastRadius) > 0 {
		w.Println("\n### Blast radius\n\n| Scope | Endpoints | By product |\n|---|---|---|")
		for _, b := range r.BlastRadius {
			var parts []string
			for _, p := range b.ByProduct {
				parts = append(parts, fmt.Sprintf("%s %d", MarkdownCell(p.Product), p.Count))
			}
			w.Printf("| %s | %d | %s |\n", MarkdownCode(b.Scope), b.Total, strings.Join(parts, ", "))
		}
	}
	return nil
}

// markdownLists writes lists as Markdown bullet lists under "###" headings.
func markdownLists() lists {
	return lists{
		title:      "## ",
		section:    func(w *Writer, title string) { w.Printf("\n### %s\n\n", title) },
		item:       func(w *Writer, s string) { w.Printf("- %s\n", s) },
		text:       MarkdownCell,
		list:       codes,
		listOrNone: codes,
	}
}

func usageAuditMarkdown(w *Writer, r UsageAuditReport) error {
	u := r.Usage
	w.Printf("## Usage\n\n%d logged call(s), %s; %d endpoint(s) called, %d URL(s) unresolved.\n\n", u.Rows, usagePeriodText(u), len(u.Calls), len(u.Unresolved))
	if len(u.Calls) > 0 {
		w.Println("| Call | Calls | OK | Denied |\n|---|---|---|---|")
		for _, c := range u.Calls {
			w.Printf("| %s | %d | %d | %d |\n", MarkdownCode(c.Call), c.Count, c.OK, c.Denied)
		}
		w.Println()
	}
	return writeAuditMarkdown(w, r.AuditReport)
}
