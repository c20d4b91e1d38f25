package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/planner"
)

// OverGrantScope names the endpoints one chosen scope grants beyond the
// plan's calls.
type OverGrantScope struct {
	Scope     string   `json:"scope" yaml:"scope"`
	Endpoints []string `json:"endpoints" yaml:"endpoints"`
}

// NewOverGrant lists, per chosen granular scope of the plan, the endpoints
// it grants beyond the mapped calls (as "METHOD /path", or the product and
// operationId, or the name); scopes granting nothing more are left out.
func NewOverGrant(c *catalog.Catalog, p *planner.Plan) *[]OverGrantScope {
	requested := map[int]bool{}
	for _, cp := range p.Calls {
		if cp.Endpoint != nil {
			requested[cp.Endpoint.ID] = true
		}
	}
	out := []OverGrantScope{}
	for _, name := range p.Granular {
		s, ok := c.GranularScope(name)
		if !ok {
			continue
		}
		var eps []string
		for _, e := range c.EndpointsOf(s.Endpoints) {
			if !requested[e.ID] {
				eps = append(eps, endpointShort(NewEndpointView(e)))
			}
		}
		if len(eps) > 0 {
			out = append(out, OverGrantScope{Scope: name, Endpoints: eps})
		}
	}
	return &out
}

// overGrantShown bounds the endpoints text lists per scope; JSON lists all.
const overGrantShown = 5

func writeOverGrantText(w io.Writer, r PlanReport) {
	if r.OverGrantEndpoints == nil || len(*r.OverGrantEndpoints) == 0 {
		return
	}
	fmt.Fprintln(w, "\nGranted beyond the calls (over-grant), per scope:")
	for _, o := range *r.OverGrantEndpoints {
		fmt.Fprintf(w, "  %s: %d endpoint(s)\n", o.Scope, len(o.Endpoints))
		for i, e := range o.Endpoints {
			if i == overGrantShown {
				fmt.Fprintf(w, "    ... and %d more (--format json lists every one)\n", len(o.Endpoints)-overGrantShown)
				break
			}
			fmt.Fprintf(w, "    %s\n", e)
		}
	}
}

func writeOverGrantMarkdown(w io.Writer, r PlanReport) {
	if r.OverGrantEndpoints == nil || len(*r.OverGrantEndpoints) == 0 {
		return
	}
	fmt.Fprintln(w, "\n### Granted beyond the calls\n\n| Scope | Endpoints granted beyond the calls |\n|---|---|")
	for _, o := range *r.OverGrantEndpoints {
		cells := make([]string, len(o.Endpoints))
		for i, e := range o.Endpoints {
			cells[i] = MarkdownCell(e)
		}
		fmt.Fprintf(w, "| %s | %s |\n", MarkdownCode(o.Scope), strings.Join(cells, "<br>"))
	}
}

// manifestHeader is the comment block opening a manifest whose plan left
// calls or events unmapped: the scopes below do not cover them.
func manifestHeader(w io.Writer, r PlanReport) error {
	if len(r.Unmapped) == 0 {
		return nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# scopeplan: %d call(s) or event(s) could not be mapped; the scopes below do not cover them:\n", len(r.Unmapped))
	for _, u := range r.Unmapped {
		fmt.Fprintf(&b, "#   %s%s: %s\n", eventPrefix(u.Kind), commentSafe(u.Call), commentSafe(u.Reason))
		if len(u.Suggestions) > 0 {
			fmt.Fprintf(&b, "#     did you mean: %s\n", commentSafe(strings.Join(u.Suggestions, " | ")))
		}
	}
	_, err := io.WriteString(w, b.String())
	if err != nil {
		return fmt.Errorf("write manifest: %w", err)
	}
	return nil
}

// commentSafe keeps text on one comment line.
func commentSafe(s string) string {
	return strings.NewReplacer("\r", " ", "\n", " ").Replace(s)
}
