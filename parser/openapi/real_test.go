package openapi

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/scopeplan/scopeplan/parser/record"
)

// realFile is one of the shared Zoom OpenAPI files with the figures its
// README states and the ones counted from the parse.
type realFile struct {
	name  string
	title string
	ops   int
	// Operations whose first statement naming any granular scope exists,
	// and operations with classic scopes only.
	granular, classicOnly int
	// Operations with a ScopeList of each origin.
	ext, sec, text int
}

func realFiles() []realFile {
	return []realFile{
		{"zoom-users.openapi.json", "Users", 71, 61, 10, 71, 0, 71},
		{"zoom-users-ma.openapi.json", "Users", 48, 45, 3, 48, 0, 48},
		{"zoom-accounts.openapi.json", "Accounts", 59, 59, 0, 59, 0, 59},
		{"zoom-team-chat.openapi.json", "Team Chat", 107, 105, 2, 107, 0, 107},
		{"zoom-number-management.openapi.json", "Number Management", 28, 28, 0, 28, 0, 28},
		{"zoom-phone.openapi.json", "Phone", 391, 391, 0, 391, 391, 391},
		{"zoom-meetings-2025.openapi.json", "Zoom Meeting API", 312, 0, 312, 0, 0, 312},
	}
}

func parseShared(t *testing.T, name string) (*record.Document, []byte) {
	t.Helper()
	data := readShared(t, name)
	if !Sniff(data) {
		t.Errorf("Sniff(%s) = false", name)
	}
	doc, err := Parse(name, data)
	if err != nil {
		t.Fatal(err)
	}
	return doc, data
}

func TestRealFiles(t *testing.T) {
	for _, f := range realFiles() {
		t.Run(f.name, func(t *testing.T) {
			doc, data := parseShared(t, f.name)
			got := realFile{name: f.name, title: doc.Title, ops: len(doc.Operations)}
			for _, o := range doc.Operations {
				switch {
				case len(o.Granular()) > 0:
					got.granular++
				case len(o.Classic()) > 0:
					got.classicOnly++
				}
				for _, l := range o.Scopes {
					switch l.Origin {
					case record.OriginExtensions:
						got.ext++
					case record.OriginSecurity:
						got.sec++
					case record.OriginText:
						got.text++
					}
				}
				if o.OperationID == "" || o.Name == "" || o.Source.Line == 0 || o.Source.Column == 0 {
					t.Errorf("incomplete operation %+v", o)
				}
			}
			if got != f {
				t.Errorf("got  %+v\nwant %+v", got, f)
			}
			if len(doc.Problems) > 0 {
				t.Errorf("problems: %+v", doc.Problems)
			}
			checkPositions(t, doc, data)
		})
	}
}

// checkPositions checks that every scope from x-extensions and security
// sits at its source, and that text scopes do too (their descriptions in
// these files have no escapes inside scope names).
func checkPositions(t *testing.T, doc *record.Document, data []byte) {
	t.Helper()
	// Columns count characters: map (line, column) to a byte offset
	// through each character's offset.
	var runeOff []int     // byte offset of each character
	lineStart := []int{0} // index in runeOff of each line's first character
	for i, c := range string(data) {
		runeOff = append(runeOff, i)
		if c == '\n' {
			lineStart = append(lineStart, len(runeOff))
		}
	}
	runeOff = append(runeOff, len(data))
	bad := 0
	for _, o := range doc.Operations {
		for _, l := range o.Scopes {
			for _, r := range slices.Concat(l.Classic, l.Granular) {
				off := runeOff[min(lineStart[r.Source.Line-1]+int(r.Source.Column)-1, len(runeOff)-1)]
				if !strings.HasPrefix(string(data[off:min(off+len(r.Name), len(data))]), r.Name) {
					bad++
					if bad < 5 {
						t.Errorf("%s %s %q at %d:%d", o.OperationID, l.Origin, r.Name, r.Source.Line, r.Source.Column)
					}
				}
			}
		}
	}
}

func TestRealUsers(t *testing.T) {
	doc, _ := parseShared(t, "zoom-users.openapi.json")
	o := op(t, doc, "userSettings")
	if o.Method != "GET" || o.Path != "/users/{userId}/settings" || o.Name != "Get user settings" || o.RateLimit != "MEDIUM" {
		t.Errorf("userSettings: %s %s %q %q", o.Method, o.Path, o.Name, o.RateLimit)
	}
	wantC := []string{"user:read", "user:write", "user:read:admin", "user:write:admin"}
	wantG := []string{"user:read:settings", "user:read:settings:admin"}
	var origins []record.ScopeOrigin
	for _, l := range o.Scopes {
		origins = append(origins, l.Origin)
		if !slices.Equal(names(l.Classic), wantC) || !slices.Equal(names(l.Granular), wantG) || !l.HasGranular {
			t.Errorf("userSettings %s: %v %v", l.Origin, names(l.Classic), names(l.Granular))
		}
	}
	if !slices.Equal(origins, []record.ScopeOrigin{record.OriginExtensions, record.OriginText}) {
		t.Errorf("userSettings origins %v", origins)
	}
	// The ten classic-only operations state no granular scopes anywhere.
	var classicOnly []string
	for _, o := range doc.Operations {
		if len(o.Granular()) == 0 {
			classicOnly = append(classicOnly, o.OperationID)
			for _, l := range o.Scopes {
				if l.HasGranular {
					t.Errorf("%s: %s states granular scopes, empty", o.OperationID, l.Origin)
				}
			}
		}
	}
	if len(classicOnly) != 10 {
		t.Errorf("classic-only operations: %v", classicOnly)
	}
}

func TestRealMeetingCreate(t *testing.T) {
	doc, _ := parseShared(t, "zoom-meetings-2025.openapi.json")
	o := op(t, doc, "meetingCreate")
	if o.Method != "POST" || o.Path != "/users/{userId}/meetings" {
		t.Errorf("meetingCreate is %s %s", o.Method, o.Path)
	}
	if len(o.Scopes) != 1 || o.Scopes[0].Origin != record.OriginText || o.Scopes[0].HasGranular ||
		!slices.Equal(names(o.Scopes[0].Classic), []string{"meeting:write:admin", "meeting:write"}) {
		t.Errorf("meetingCreate scopes %+v", o.Scopes)
	}
	if o.RateLimit != "Medium" {
		t.Errorf("rate limit %q", o.RateLimit)
	}
}

// TestRealPhoneSecurity checks the security split against x-extensions:
// in zoom-phone every operation's openapi_oauth is exactly its
// x-macro-scopes plus its x-granular-scopes, so the split must give back
// the same two lists, also by shape alone.
func TestRealPhoneSecurity(t *testing.T) {
	doc, _ := parseShared(t, "zoom-phone.openapi.json")
	for _, o := range doc.Operations {
		x, _ := list(o, record.OriginExtensions)
		s, ok := list(o, record.OriginSecurity)
		if !ok {
			t.Errorf("%s: no security list", o.OperationID)
			continue
		}
		if !sameSet(names(x.Classic), names(s.Classic)) || !sameSet(names(x.Granular), names(s.Granular)) {
			t.Errorf("%s: x-extensions %v %v, security %v %v", o.OperationID, names(x.Classic), names(x.Granular), names(s.Classic), names(s.Granular))
		}
		for _, r := range s.Classic {
			if classify(r.Name, nil) {
				t.Errorf("%s: classic %q has granular shape", o.OperationID, r.Name)
			}
		}
		for _, r := range s.Granular {
			if !classify(r.Name, nil) {
				t.Errorf("%s: granular %q has classic shape", o.OperationID, r.Name)
			}
		}
	}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(slices.Compact(a), slices.Compact(b))
}

// TestRealOperationSet cross-checks the scanner against a plain
// encoding/json decode: the same set of method, path and operationId.
func TestRealOperationSet(t *testing.T) {
	for _, f := range realFiles() {
		t.Run(f.name, func(t *testing.T) {
			doc, data := parseShared(t, f.name)
			var spec struct {
				Paths map[string]map[string]json.RawMessage `json:"paths"`
			}
			if err := json.Unmarshal(data, &spec); err != nil {
				t.Fatal(err)
			}
			var want, got []string
			for p, item := range spec.Paths {
				for m, raw := range item {
					method, ok := httpMethod(m)
					if !ok {
						continue
					}
					var o struct {
						OperationID string `json:"operationId"`
					}
					if err := json.Unmarshal(raw, &o); err != nil {
						t.Fatal(err)
					}
					want = append(want, fmt.Sprint(method, " ", p, " ", o.OperationID))
				}
			}
			for _, o := range doc.Operations {
				got = append(got, fmt.Sprint(o.Method, " ", o.Path, " ", o.OperationID))
			}
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("operation sets differ: got %d, want %d", len(got), len(want))
			}
		})
	}
}
