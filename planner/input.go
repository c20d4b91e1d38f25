package planner

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/scopeplan/scopeplan/internal/readlimit"
	"gopkg.in/yaml.v3"
)

// Call is one API call an app intends to make, as the user wrote it.
type Call struct {
	// Spec is the call exactly as given: "METHOD /path", an operationId,
	// an API name or a granular-page doc link.
	Spec string `json:"call" yaml:"call"`
	// Why is the user's note on why the app makes the call.
	Why string `json:"why,omitempty" yaml:"why,omitempty"`
	// Optional calls give optional scopes in a manifest.
	Optional bool `json:"optional,omitempty" yaml:"optional,omitempty"`
	// Event marks an event subscription (Spec is the event name, such as
	// "recording.completed") rather than an API call.
	Event bool `json:"-" yaml:"-"`
	// File and Line say where the call was written ("" and 0 for --call).
	File string `json:"-" yaml:"-"`
	Line int    `json:"-" yaml:"-"`
}

// Kind is "event" for an event subscription and "call" for an API call.
func (c Call) Kind() string {
	if c.Event {
		return "event"
	}
	return "call"
}

// CallFile is what a call file holds: an optional app type, the calls and
// the subscribed events (Call.Event set; they come after the calls).
type CallFile struct {
	App   string
	Calls []Call
}

// ErrNoCalls is returned for a call file that names no call.
var ErrNoCalls = errors.New("no calls")

// ParseCallFile reads a call file: YAML or JSON (`app: admin`,
// `calls: [SPEC, ...]`, where a call may also be `{call: SPEC, why: ...,
// optional: true}`, and `events: [NAME, ...]`, where an event may also be
// `{event: NAME, why: ..., optional: true}`), or plain text (one SPEC per
// line, `#` comments; a line `event NAME` subscribes to an event). The
// format is taken from the extension (.yaml, .yml, .json), else from the
// content: a document whose first meaningful line is `{`, `app:` or
// `calls:` is structured, anything else is text.
func ParseCallFile(name string, data []byte) (CallFile, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff")) // a byte-order mark from Windows editors
	if len(bytes.TrimSpace(data)) == 0 {
		return CallFile{}, fmt.Errorf("%s: %w: the file is empty", name, ErrNoCalls)
	}
	if isStructured(name, data) {
		return parseStructured(name, data)
	}
	return parseText(name, data)
}

func isStructured(name string, data []byte) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".yaml", ".yml", ".json":
		return true
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if l == "" || strings.HasPrefix(l, "#") || l == "---" {
			continue
		}
		return strings.HasPrefix(l, "{") || strings.HasPrefix(l, "app:") || strings.HasPrefix(l, "calls:") || strings.HasPrefix(l, "events:")
	}
	return false
}

func parseText(name string, data []byte) (CallFile, error) {
	var cf CallFile
	for i, line := range strings.Split(string(data), "\n") {
		l := strings.TrimSpace(line)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		// A trailing " # note" is a comment; a '#' inside a doc link
		// ("#operation/...") is not, so only " #" counts.
		why := ""
		if j := strings.Index(l, " #"); j >= 0 {
			why = strings.TrimSpace(l[j+2:])
			l = strings.TrimSpace(l[:j])
		}
		c := Call{Spec: l, Why: why, File: name, Line: i + 1}
		if f := strings.Fields(l); len(f) == 2 && strings.EqualFold(f[0], "event") {
			c.Spec, c.Event = f[1], true
		}
		cf.Calls = append(cf.Calls, c)
	}
	if len(cf.Calls) == 0 {
		return cf, fmt.Errorf("%s: %w: only comments and blank lines", name, ErrNoCalls)
	}
	return cf, nil
}

func parseStructured(name string, data []byte) (CallFile, error) {
	if err := CheckJSON(data); err != nil {
		return CallFile{}, fmt.Errorf("%s: %w", name, err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return CallFile{}, fmt.Errorf("%s: %w", name, cleanYAMLError(err))
	}
	if len(root.Content) == 0 {
		return CallFile{}, fmt.Errorf("%s: %w", name, ErrNoCalls)
	}
	doc := root.Content[0]
	if doc.Kind != yaml.MappingNode {
		return CallFile{}, fmt.Errorf("%s:%d: want a mapping with app and calls keys", name, doc.Line)
	}
	if err := checkDuplicateKeys(name, doc); err != nil {
		return CallFile{}, err
	}
	var cf CallFile
	var events []Call
	seenCalls := false
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		switch k.Value {
		case "app":
			if v.Kind != yaml.ScalarNode {
				return cf, fmt.Errorf("%s:%d: app must be user, admin or master", name, v.Line)
			}
			cf.App = v.Value
		case "calls", "events":
			seenCalls = true
			if v.Kind != yaml.SequenceNode {
				return cf, fmt.Errorf("%s:%d: %s must be a list", name, v.Line, k.Value)
			}
			for _, item := range v.Content {
				c, err := parseCallNode(name, item)
				if err != nil {
					return cf, err
				}
				c.Event = k.Value == "events"
				if c.Event {
					events = append(events, c)
				} else {
					cf.Calls = append(cf.Calls, c)
				}
			}
		default:
			return cf, fmt.Errorf("%s:%d: unknown key %q (want app, calls, events)", name, k.Line, k.Value)
		}
	}
	cf.Calls = append(cf.Calls, events...)
	if !seenCalls || len(cf.Calls) == 0 {
		return cf, fmt.Errorf("%s:%d: %w: the calls and events lists are missing or empty", name, doc.Line, ErrNoCalls)
	}
	return cf, nil
}

func parseCallNode(name string, n *yaml.Node) (Call, error) {
	c := Call{File: name, Line: n.Line}
	switch n.Kind {
	case yaml.ScalarNode:
		c.Spec = strings.TrimSpace(n.Value)
	case yaml.MappingNode:
		if err := checkDuplicateKeys(name, n); err != nil {
			return c, err
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if v.Kind != yaml.ScalarNode {
				return c, fmt.Errorf("%s:%d: %s must be a plain value", name, v.Line, k.Value)
			}
			switch k.Value {
			case "call", "event":
				c.Spec = strings.TrimSpace(v.Value)
			case "why":
				c.Why = v.Value
			case "optional":
				if err := v.Decode(&c.Optional); err != nil {
					return c, fmt.Errorf("%s:%d: optional must be true or false", name, v.Line)
				}
			default:
				return c, fmt.Errorf("%s:%d: unknown call key %q (want call or event, why, optional)", name, k.Line, k.Value)
			}
		}
	default:
		return c, fmt.Errorf("%s:%d: a call must be a string or a mapping with a call key", name, n.Line)
	}
	if c.Spec == "" {
		return c, fmt.Errorf("%s:%d: empty call", name, n.Line)
	}
	return c, nil
}

// checkDuplicateKeys rejects a mapping that gives a key twice (YAML and
// JSON decoders otherwise keep the last, or, for lists, silently both).
func checkDuplicateKeys(name string, n *yaml.Node) error {
	first := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if at, dup := first[k.Value]; dup {
			return fmt.Errorf("%s:%d: duplicate key %q (first at line %d)", name, k.Line, k.Value, at)
		}
		first[k.Value] = k.Line
	}
	return nil
}

// CheckJSON reports the line and column of a JSON syntax error when data
// looks like JSON (starts with '{' or '['); YAML's own errors for JSON
// content name no line. Anything else is left to the YAML parser.
func CheckJSON(data []byte) error {
	t := bytes.TrimSpace(data)
	if len(t) == 0 || (t[0] != '{' && t[0] != '[') {
		return nil
	}
	var v any
	err := json.Unmarshal(data, &v)
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line, col := 1, 1
		for _, b := range data[:min(int(se.Offset), len(data))] {
			if b == '\n' {
				line, col = line+1, 1
			} else {
				col++
			}
		}
		return fmt.Errorf("line %d, column %d: %v", line, col, se)
	}
	if err != nil {
		return fmt.Errorf("invalid JSON: %w", err)
	}
	return nil
}

// cleanYAMLError removes the library's "yaml: " prefix; its message
// already names the line.
func cleanYAMLError(err error) error {
	return errors.New(strings.TrimPrefix(err.Error(), "yaml: "))
}

// Input is where a program's intended calls come from: call files ("-"
// for Stdin), calls and events given one by one, and the app type.
type Input struct {
	// Files are call files (see ParseCallFile); "-" reads Stdin, once.
	Files []string
	Stdin io.Reader
	// Calls and Events are given one by one (their Call.File is
	// Labels.Calls or Labels.Events).
	Calls  []string
	Events []string
	// App is the app type given explicitly; it wins over the files'.
	App string
	// DefaultApp is used when neither App nor a file gives one.
	DefaultApp string
	// RequireApp makes a missing app type an error.
	RequireApp bool
	// Labels name the sources in messages and in Call.File.
	Labels InputLabels
}

// InputLabels name an Input's sources as its user knows them (a
// command's flags, say): Calls "--call", App "--app".
type InputLabels struct {
	Calls, Events, App, DefaultApp string
}

func (l InputLabels) orDefaults() InputLabels {
	def := func(s, d string) string {
		if s == "" {
			return d
		}
		return s
	}
	return InputLabels{def(l.Calls, "call"), def(l.Events, "event"), def(l.App, "app"), def(l.DefaultApp, "default app")}
}

// ArgError is an error in an Input's arguments themselves (standard input
// named twice, an empty call, a missing or unknown app type given
// explicitly), as opposed to what a file holds.
type ArgError struct{ Err error }

func (e *ArgError) Error() string { return e.Err.Error() }

// Unwrap returns the underlying error.
func (e *ArgError) Unwrap() error { return e.Err }

func argErr(format string, a ...any) error { return &ArgError{Err: fmt.Errorf(format, a...)} }

// MaxCallFileSize bounds a call file Input.Read reads, from a file or
// from standard input.
const MaxCallFileSize = 16 << 20

// Read collects the calls (the files' in order, then Calls, then Events)
// and the app type: App, else the one the files give (they must agree),
// else DefaultApp; "" when none and RequireApp is unset.
func (in Input) Read() ([]Call, AppType, error) {
	lb := in.Labels.orDefaults()
	var calls []Call
	fileApp, fileAppFrom := "", ""
	stdinUsed := false
	for _, f := range in.Files {
		if f == readlimit.Stdin {
			if stdinUsed {
				return nil, "", argErr("standard input (-) given twice")
			}
			stdinUsed = true
			if in.Stdin == nil {
				return nil, "", argErr("standard input (-) given but none is available")
			}
		}
		data, name, err := readlimit.File(f, in.Stdin, MaxCallFileSize)
		if err != nil {
			return nil, "", fmt.Errorf("read call file: %w", err)
		}
		cf, err := ParseCallFile(name, data)
		if err != nil {
			return nil, "", err
		}
		if cf.App != "" {
			if fileApp != "" && fileApp != cf.App {
				return nil, "", fmt.Errorf("%s says app: %s but %s says app: %s", fileAppFrom, fileApp, name, cf.App)
			}
			fileApp, fileAppFrom = cf.App, name
		}
		calls = append(calls, cf.Calls...)
	}
	for _, c := range in.Calls {
		if strings.TrimSpace(c) == "" {
			return nil, "", argErr("%s: empty call", lb.Calls)
		}
		calls = append(calls, Call{Spec: c, File: lb.Calls})
	}
	for _, e := range in.Events {
		if strings.TrimSpace(e) == "" {
			return nil, "", argErr("%s: empty event name", lb.Events)
		}
		calls = append(calls, Call{Spec: strings.TrimSpace(e), Event: true, File: lb.Events})
	}
	app := in.App
	if app == "" {
		app = fileApp
	}
	if app == "" && in.DefaultApp != "" {
		app, fileAppFrom = in.DefaultApp, lb.DefaultApp
	}
	if app == "" {
		if in.RequireApp {
			return nil, "", argErr("no app type: give %s user|admin|master or app: in the call file", lb.App)
		}
		return calls, "", nil
	}
	at, err := ParseAppType(app)
	if err != nil {
		if in.App != "" {
			return nil, "", argErr("%s: %w", lb.App, err)
		}
		return nil, "", fmt.Errorf("%s: %w", fileAppFrom, err)
	}
	return calls, at, nil
}
