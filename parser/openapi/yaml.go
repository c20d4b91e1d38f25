package openapi

import (
	"errors"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/scopeplan/scopeplan/parser/record"
)

// yamlReader walks a YAML document's node tree.
type yamlReader struct {
	path string
	res  *result
}

// parseYAML decodes data into yaml.v3 nodes and walks them.
func parseYAML(path string, data []byte) (res *result, err error) {
	defer func() {
		// yaml.v3 has panicked on hostile input before; never let it
		// take the caller down.
		if p := recover(); p != nil {
			res, err = nil, fmt.Errorf("decode OpenAPI YAML: %v", p)
		}
	}()
	var doc yaml.Node
	if err := yaml.Unmarshal(trimBOM(data), &doc); err != nil {
		return nil, fmt.Errorf("decode OpenAPI YAML: %w", err)
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	root = resolve(root)
	if root == nil || root.Kind == 0 || root.Kind == yaml.DocumentNode {
		return nil, errors.New("decode OpenAPI YAML: document is empty")
	}
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("decode OpenAPI YAML: line %d: top-level value is not a mapping", root.Line)
	}
	r := &yamlReader{path: path, res: &result{}}
	r.root(root)
	return r.res, nil
}

// resolve follows an alias.
func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && n.Alias != nil && i < 16; i++ {
		n = n.Alias
	}
	return n
}

// src is the source of a node.
func (r *yamlReader) src(n *yaml.Node) record.Source {
	return record.At(r.path, n.Line, n.Column)
}

// members calls fn for each key and value of a mapping node.
func members(n *yaml.Node, fn func(key string, k, v *yaml.Node)) {
	n = resolve(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := resolve(n.Content[i]), resolve(n.Content[i+1])
		if k == nil || v == nil || k.Kind != yaml.ScalarNode {
			continue
		}
		fn(k.Value, k, v)
	}
}

// root walks the top-level mapping.
func (r *yamlReader) root(n *yaml.Node) {
	var hasVersion, hasPaths bool
	members(n, func(key string, k, v *yaml.Node) {
		switch key {
		case "openapi":
			hasVersion = true
		case "info":
			members(v, func(key string, _, v *yaml.Node) {
				if key == "title" && v.Kind == yaml.ScalarNode {
					r.res.title = v.Value
				}
			})
		case "paths":
			hasPaths = true
			if v.Kind != yaml.MappingNode {
				r.res.problem(record.ProblemMissingField, "paths", r.src(v), "paths is not a mapping")
			}
			members(v, func(path string, _, item *yaml.Node) {
				members(item, func(key string, k, v *yaml.Node) {
					if method, ok := httpMethod(key); ok {
						r.operation(&rawOp{op: record.Operation{Method: method, Path: path, Source: r.src(k)}}, v)
					}
				})
			})
		case "webhooks":
			r.res.hasWebhooks = true
			if v.Kind != yaml.MappingNode {
				r.res.problem(record.ProblemMissingField, "webhooks", r.src(v), "webhooks is not a mapping")
			}
			members(v, func(name string, _, item *yaml.Node) {
				members(item, func(key string, k, v *yaml.Node) {
					if method, ok := httpMethod(key); ok {
						r.operation(&rawOp{event: true, op: record.Operation{Method: method, Path: name, Source: r.src(k)}}, v)
					}
				})
			})
		case "security":
			r.res.rootSec = r.security(v)
		case "components":
			members(v, func(key string, _, v *yaml.Node) {
				if key != "securitySchemes" {
					return
				}
				members(v, func(name string, _, v *yaml.Node) {
					members(v, func(key string, _, v *yaml.Node) {
						if key == "type" && v.Kind == yaml.ScalarNode {
							if r.res.schemes == nil {
								r.res.schemes = make(map[string]string)
							}
							r.res.schemes[name] = v.Value
						}
					})
				})
			})
		}
	})
	if !hasVersion {
		r.res.problem(record.ProblemMissingField, "openapi", r.src(n), "document has no openapi version")
	}
	if !hasPaths && !r.res.hasWebhooks {
		r.res.problem(record.ProblemMissingField, "paths", r.src(n), "document has no paths")
	}
}

// operation reads one operation mapping into ro and adds it to the result.
func (r *yamlReader) operation(ro *rawOp, v *yaml.Node) {
	r.res.ops = append(r.res.ops, ro)
	subject := ro.subject()
	if v.Kind != yaml.MappingNode {
		ro.reported = true
		r.res.problem(record.ProblemMissingField, subject, ro.op.Source, "operation %s is not a mapping", subject)
		return
	}
	members(v, func(key string, _, v *yaml.Node) {
		switch key {
		case "operationId":
			if v.Kind == yaml.ScalarNode {
				ro.op.OperationID = v.Value
			} else {
				ro.reported = true
				r.res.problem(record.ProblemMissingField, subject, r.src(v), "operationId of %s is not a string", subject)
			}
		case "summary":
			if v.Kind == yaml.ScalarNode {
				ro.op.Name = strings.TrimSpace(v.Value)
			}
		case "tags":
			if v.Kind == yaml.SequenceNode {
				for _, t := range v.Content {
					if t = resolve(t); t != nil && t.Kind == yaml.ScalarNode {
						ro.op.Tags = append(ro.op.Tags, t.Value)
					}
				}
			}
		case "description":
			if v.Kind == yaml.ScalarNode {
				r.description(ro, v)
			}
		case "requestBody":
			// An event states its scopes in its request body's description.
			if ro.event {
				members(v, func(key string, _, v *yaml.Node) {
					if key == "description" && v.Kind == yaml.ScalarNode {
						r.description(ro, v)
					}
				})
			}
		case "security":
			ro.hasSec = true
			ro.sec = r.security(v)
		case "x-extensions":
			members(v, func(key string, _, v *yaml.Node) {
				r.extension(ro, subject, key, v)
			})
		case "x-granular-scopes", "x-macro-scopes", "x-permissions":
			r.extension(ro, subject, key, v)
		}
	})
}

// description reads the labels of a description scalar; a second one (an
// event's request body) adds to the first.
func (r *yamlReader) description(ro *rawOp, v *yaml.Node) {
	if ro.desc == "" {
		ro.desc = v.Value
	}
	t := scanDescription(v.Value)
	t.locate(r.textPos(v))
	ro.text.merge(t)
}

// textPos returns the position of an offset in a description scalar.
// Within a literal block (|) the line is exact and the column unknown;
// in other styles the text is folded, so the scalar's own position is
// used.
func (r *yamlReader) textPos(n *yaml.Node) func(off int) record.Source {
	if n.Style&yaml.LiteralStyle == 0 {
		return func(int) record.Source { return r.src(n) }
	}
	counted, line := 0, n.Line+1
	return func(off int) record.Source {
		off = min(off, len(n.Value))
		line += strings.Count(n.Value[counted:off], "\n")
		counted = off
		return record.At(r.path, line, 0)
	}
}

// extension reads x-granular-scopes or x-macro-scopes.
func (r *yamlReader) extension(ro *rawOp, subject, key string, v *yaml.Node) {
	switch key {
	case "x-permissions":
		for _, p := range r.scopeSeq(nil, subject, key, v) {
			ro.op.Permissions = append(ro.op.Permissions, p.Name)
		}
		return
	case "x-granular-scopes":
		ro.extHasGranular = true
		ro.extGranular = r.scopeSeq(ro.extGranular, subject, key, v)
	case "x-macro-scopes":
		ro.extClassic = r.scopeSeq(ro.extClassic, subject, key, v)
	default:
		return
	}
	ro.hasExt = true
}

// scopeSeq appends the strings of a sequence (or a single scalar) to dst.
func (r *yamlReader) scopeSeq(dst []record.ScopeRef, subject, what string, v *yaml.Node) []record.ScopeRef {
	one := func(n *yaml.Node) {
		if n == nil {
			return
		}
		if n.Kind != yaml.ScalarNode {
			r.res.problem(record.ProblemMissingField, subject, r.src(n), "%s of %s holds a value that is not a string; ignored", what, subject)
			return
		}
		dst = append(dst, record.ScopeRef{Name: n.Value, Source: r.src(n)})
	}
	switch v.Kind {
	case yaml.SequenceNode:
		for _, n := range v.Content {
			one(resolve(n))
		}
	case yaml.ScalarNode:
		if v.Tag != "!!null" {
			one(v)
		}
	default:
		one(v)
	}
	return dst
}

// security reads a list of security requirements.
func (r *yamlReader) security(v *yaml.Node) []secReq {
	if v.Kind != yaml.SequenceNode {
		return nil
	}
	var reqs []secReq
	for _, n := range v.Content {
		members(n, func(scheme string, _, v *yaml.Node) {
			req := secReq{scheme: scheme}
			req.scopes = r.scopeSeq(nil, "security", "security requirement "+scheme, v)
			reqs = append(reqs, req)
		})
	}
	return reqs
}
