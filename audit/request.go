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

// Position is where a finding's subject is in the requested-scopes file:
// its JSON pointer (RFC 6901) and line.
type Position struct {
	Pointer string `json:"pointer" yaml:"pointer"`
	Line    int    `json:"line" yaml:"line"`
}

// Event is an event subscription of the manifest.
type Event struct {
	Name string
	At   Position
}

// Request is what an app asks for: its scopes and, when the manifest says,
// its app type, its event subscriptions and its in-client Zoom Apps APIs.
type Request struct {
	Scopes []Requested
	// App is the app type the manifest's oauth_information.usage gives, or "".
	App planner.AppType
	// Manifest is true when the request came from a Zoom app manifest
	// (oauth_information), so what it does not list is known absent.
	Manifest bool
	// Where gives each requested scope's position, by name (from a file).
	Where map[string]Position
	// Events are features.event_subscription.events.
	Events []Event
	// ZoomAppAPIs are in_client_feature.zoom_app_api.zoom_app_apis, at
	// ZoomAppAPIsAt.
	ZoomAppAPIs   []string
	ZoomAppAPIsAt Position
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
	// The file is parsed once: the tree both decides whether it is a
	// mapping and, when it is, gives the values and their positions.
	var root yaml.Node
	perr := yaml.Unmarshal(data, &root)
	if looksStructured(data) || parsesAsMapping(&root, perr, data) {
		// A manifest or scopes block: it must parse, never fall back to
		// reading its lines as scope names.
		if err := planner.CheckJSON(data); err != nil {
			return Request{}, fmt.Errorf("%s: %w", name, err)
		}
		if perr != nil {
			return Request{}, fmt.Errorf("%s: %s", name, oneLine(perr))
		}
		var probe any
		if len(root.Content) > 0 {
			if err := root.Decode(&probe); err != nil {
				return Request{}, fmt.Errorf("%s: %s", name, oneLine(err))
			}
		}
		m, ok := probe.(map[string]any)
		if !ok {
			return Request{}, fmt.Errorf("%s: want a manifest (oauth_information.scopes) or a scopes: list", name)
		}
		r, err := parseManifest(name, m)
		if err != nil {
			return r, err
		}
		if err := locate(name, root.Content[0], &r); err != nil {
			return r, err
		}
		return r, nil
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
		r.Manifest = true
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

// oneLine renders a YAML error on one line, without the library's prefixes
// ("yaml: unmarshal errors:\n  line 3: mapping key ... already defined").
func oneLine(err error) string {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.TrimPrefix(msg, "unmarshal errors:\n  ")
	return strings.ReplaceAll(msg, "\n  ", "; ")
}

// parsesAsMapping reports whether data, parsed into root (or failing
// with err), is a YAML (or JSON) mapping, whatever its first line ("name:
// My App" then "scopes:"). A plain list of scope names never is:
// "a:read:b" has no ": " and parses as a scalar.
func parsesAsMapping(root *yaml.Node, err error, data []byte) bool {
	if err != nil {
		return looksLikeKeyValue(data)
	}
	return len(root.Content) > 0 && root.Content[0].Kind == yaml.MappingNode
}

// looksLikeKeyValue reports whether the first meaningful line of a file
// that does not parse is a YAML "key: value" pair, so the parse error is
// reported instead of the lines being read as scope names (a scope name
// never holds ": ").
func looksLikeKeyValue(data []byte) bool {
	for _, line := range strings.Split(string(data), "\n") {
		l := strings.TrimSpace(line)
		if l == "" || strings.HasPrefix(l, "#") || l == "---" {
			continue
		}
		key, _, ok := strings.Cut(l, ": ")
		return ok && key != "" && !strings.ContainsAny(key, " \t")
	}
	return false
}

// looksStructured reports whether a requested-scopes file is JSON or YAML
// rather than a plain list: its first meaningful line opens a JSON value or
// is a YAML key that opens a block ("scopes:", "oauth_information:").
// Mappings whose first key has a value are found by parsesAsMapping.
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

// locate walks the parsed document doc to record where each requested
// scope is (JSON pointer and line), and reads the manifest's event
// subscriptions and in-client Zoom Apps APIs.
func locate(name string, doc *yaml.Node, r *Request) error {
	r.Where = map[string]Position{}
	scopesAt, base := child(doc, "scopes"), "/scopes"
	if oi := child(doc, "oauth_information"); oi != nil {
		scopesAt, base = child(oi, "scopes"), "/oauth_information/scopes"
	}
	if scopesAt != nil && scopesAt.Kind == yaml.SequenceNode {
		for i, item := range scopesAt.Content {
			at := Position{Pointer: fmt.Sprintf("%s/%d", base, i), Line: item.Line}
			scope := item.Value
			if item.Kind == yaml.MappingNode {
				if v := child(item, "scope"); v != nil {
					scope = v.Value
				}
			}
			if _, seen := r.Where[strings.TrimSpace(scope)]; !seen {
				r.Where[strings.TrimSpace(scope)] = at
			}
		}
	}
	if ev := child(child(child(doc, "features"), "event_subscription"), "events"); ev != nil {
		if err := readEvents(name, ev, "/features/event_subscription/events", r); err != nil {
			return err
		}
	}
	// in_client_feature sits under features in Zoom's manifest schema;
	// it is read at the top level too.
	apis, at := child(child(child(child(doc, "features"), "in_client_feature"), "zoom_app_api"), "zoom_app_apis"), "/features/in_client_feature/zoom_app_api/zoom_app_apis"
	if apis == nil {
		apis, at = child(child(child(doc, "in_client_feature"), "zoom_app_api"), "zoom_app_apis"), "/in_client_feature/zoom_app_api/zoom_app_apis"
	}
	if apis != nil {
		if apis.Kind != yaml.SequenceNode {
			return fmt.Errorf("%s:%d: %s must be a list", name, apis.Line, strings.ReplaceAll(strings.TrimPrefix(at, "/"), "/", "."))
		}
		r.ZoomAppAPIsAt = Position{Pointer: at, Line: apis.Line}
		for _, item := range apis.Content {
			if item.Kind == yaml.ScalarNode && strings.TrimSpace(item.Value) != "" {
				r.ZoomAppAPIs = append(r.ZoomAppAPIs, strings.TrimSpace(item.Value))
			}
		}
	}
	return nil
}

// child returns a mapping node's value for a key, or nil.
func child(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// readEvents reads an events list: event names, objects naming one
// (event, name or type), or objects holding their own events list (one
// subscription of several events).
func readEvents(name string, ev *yaml.Node, pointer string, r *Request) error {
	if ev.Kind != yaml.SequenceNode {
		return fmt.Errorf("%s:%d: %s must be a list", name, ev.Line, strings.ReplaceAll(strings.TrimPrefix(pointer, "/"), "/", "."))
	}
	for i, item := range ev.Content {
		at := fmt.Sprintf("%s/%d", pointer, i)
		e := item.Value
		if item.Kind == yaml.MappingNode {
			if inner := child(item, "events"); inner != nil {
				if err := readEvents(name, inner, at+"/events", r); err != nil {
					return err
				}
				continue
			}
			e = ""
			for _, k := range []string{"event", "name", "type"} {
				if v := child(item, k); v != nil && v.Kind == yaml.ScalarNode {
					e = v.Value
					break
				}
			}
		}
		if e = strings.TrimSpace(e); e == "" {
			return fmt.Errorf("%s:%d: %s names no event", name, item.Line, at)
		}
		r.Events = append(r.Events, Event{Name: e, At: Position{Pointer: at, Line: item.Line}})
	}
	return nil
}
