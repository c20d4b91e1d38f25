package scan

import (
	"sort"
	"strings"

	"github.com/scopeplan/scopeplan/parser/record"
)

// ---- catalog resolution ----

// resolve finds the catalog's template for a method and a path (template
// or concrete), preferring the regular variant.
func (s *Scanner) resolve(method, path string) (string, bool) {
	if strings.ContainsAny(path, " \t\r\n") {
		return "", false
	}
	eps, _ := s.cat.Resolve(method + " " + path)
	best := ""
	for _, e := range eps {
		if e.Path == "" {
			continue
		}
		spec := e.Method + " " + e.Path
		if best == "" || e.Variant == record.VariantRegular {
			best = spec
			if e.Variant == record.VariantRegular {
				break
			}
		}
	}
	return best, best != ""
}

// candidates lists the catalog calls at a path, any method, sorted.
func (s *Scanner) candidates(path string) []string {
	if strings.ContainsAny(path, " \t\r\n") || !strings.HasPrefix(path, "/") {
		return nil
	}
	eps, _ := s.cat.Resolve(path)
	seen := map[string]bool{}
	var out []string
	for _, e := range eps {
		if e.Path == "" {
			continue
		}
		spec := e.Method + " " + e.Path
		if !seen[spec] {
			seen[spec] = true
			out = append(out, spec)
		}
	}
	sort.Strings(out)
	return out
}

// resolveOp turns an operationId into a call spec: the regular variant's
// "METHOD /path" when all its endpoints agree on one, else the
// operationId itself (which the planner resolves).
func (s *Scanner) resolveOp(op string) (string, bool) {
	eps, _ := s.cat.Resolve(op)
	if len(eps) == 0 {
		return "", false
	}
	spec := ""
	for _, e := range eps {
		if e.Variant != record.VariantRegular {
			continue
		}
		if e.Path == "" {
			return op, true
		}
		p := e.Method + " " + e.Path
		if spec != "" && spec != p {
			return op, true
		}
		spec = p
	}
	if spec == "" {
		return op, true
	}
	return spec, true
}
