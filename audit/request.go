package audit

import (
	"bytes"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/scopeplan/scopeplan/planner"
)

// Requested is one scope an app asks for.
type Requested struct {
	Scope    string `json:"scope" yaml:"scope"`
	Optional bool   `json:"optional" yaml:"optional"`
}

// Request is what an app asks for: its scopes and, when the manifest says,
// its app type.
type Request struct {
	Scopes []Requested
	// App is the app type the manifest's oauth_information.usage gives, or "".
	App planner.AppType
}

// ParseScopeList reads a comma-separated list (the --scopes flag).
func ParseScopeList(s string) Request {
	var r Request
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			r.Scopes = append(r.Scopes, Requested{Scope: f})
		}
	}
	return r
}

// ParseRequest reads a requested-scopes file: a Zoom app manifest (JSON or
// YAML, oauth_information.scopes[].scope with optional, and
// oauth_information.usage: USER_OPERATION is a user app, ADMIN_MANAGEMENT
// an admin app), a bare scopes: block as "plan --format manifest" writes
// it, or a plain list (one scope a line or comma-separated, # comments).
func ParseRequest(name string, data []byte) (Request, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff")) // a byte-order mark from Windows editors
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return Request{}, fmt.Errorf("%s: the file is empty", name)
	}
	if looksStructured(data) {
		// A manifest or scopes block: it must parse, never fall back to
		// reading its lines as scope names.
		if err := planner.CheckJSON(data); err != nil {
			return Request{}, fmt.Errorf("%s: %w", name, err)
		}
		var probe any
		if err := yaml.Unmarshal(data, &probe); err != nil {
			return Request{}, fmt.Errorf("%s: %s", name, strings.TrimPrefix(err.Error(), "yaml: "))
		}
		m, ok := probe.(map[string]any)
		if !ok {
			return Request{}, fmt.Errorf("%s: want a manifest (oauth_information.scopes) or a scopes: list", name)
		}
		return parseManifest(name, m)
	}
	var r Request
	for _, line := range strings.Split(string(data), "\n") {
		if i := strings.Index(line, "#"); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimPrefix(strings.TrimSpace(line), "- ")
		r.Scopes = append(r.Scopes, ParseScopeList(line).Scopes...)
	}
	if len(r.Scopes) == 0 {
		return r, fmt.Errorf("%s: no scopes", name)
	}
	return r, nil
}

func parseManifest(name string, m map[string]any) (Request, error) {
	var r Request
	scopes, hasScopes := m["scopes"]
	if oi, ok := m["oauth_information"].(map[string]any); ok {
		scopes, hasScopes = oi["scopes"]
		if u, ok := oi["usage"].(string); ok {
			switch strings.ToUpper(u) {
			case "USER_OPERATION":
				r.App = planner.AppUser
			case "ADMIN_MANAGEMENT":
				r.App = planner.AppAdmin
			default:
				return r, fmt.Errorf("%s: oauth_information.usage %q is not USER_OPERATION or ADMIN_MANAGEMENT", name, u)
			}
		}
	}
	if !hasScopes {
		return r, fmt.Errorf("%s: no scopes (want oauth_information.scopes, or a scopes: list)", name)
	}
	list, ok := scopes.([]any)
	if !ok {
		return r, fmt.Errorf("%s: scopes must be a list", name)
	}
	for i, item := range list {
		switch v := item.(type) {
		case string:
			r.Scopes = append(r.Scopes, Requested{Scope: strings.TrimSpace(v)})
		case map[string]any:
			s, _ := v["scope"].(string)
			if strings.TrimSpace(s) == "" {
				return r, fmt.Errorf("%s: scopes[%d] has no scope", name, i)
			}
			opt := false
			if o, ok := v["optional"]; ok {
				b, ok := o.(bool)
				if !ok {
					return r, fmt.Errorf("%s: scopes[%d].optional must be true or false", name, i)
				}
				opt = b
			}
			r.Scopes = append(r.Scopes, Requested{Scope: strings.TrimSpace(s), Optional: opt})
		default:
			return r, fmt.Errorf("%s: scopes[%d] must be a scope name or {scope, optional}", name, i)
		}
	}
	if len(r.Scopes) == 0 {
		return r, fmt.Errorf("%s: the scopes list is empty", name)
	}
	return r, nil
}

// looksStructured reports whether a requested-scopes file is JSON or YAML
// rather than a plain list: its first meaningful line opens a JSON value or
// is a YAML key that opens a block ("scopes:", "oauth_information:").
func looksStructured(data []byte) bool {
	for _, line := range strings.Split(string(data), "\n") {
		l := strings.TrimSpace(line)
		if l == "" || strings.HasPrefix(l, "#") || l == "---" {
			continue
		}
		if strings.HasPrefix(l, "{") || strings.HasPrefix(l, "[") {
			return true
		}
		key, rest, ok := strings.Cut(l, ":")
		return ok && strings.TrimSpace(rest) == "" && !strings.ContainsAny(key, " \t")
	}
	return false
}
