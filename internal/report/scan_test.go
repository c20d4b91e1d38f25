package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/scopeplan/scopeplan"
	"github.com/scopeplan/scopeplan/planner"
	"github.com/scopeplan/scopeplan/scan"
)

func scanFixture() ScanReport {
	res := &scan.Result{Files: 3, Calls: []scan.Call{
		{Call: "getMeetingSummary", File: "a.js", Line: 2, Confidence: scan.Low, Kind: scan.KindSDK},
		{Call: "POST /users/{userId}/meetings", File: "a.js", Line: 9, Confidence: scan.Medium, Kind: scan.KindPath},
		{Call: "GET /users/me/zak", File: "b.py", Line: 4, Confidence: scan.High, Kind: scan.KindURL},
		{Call: "POST /users/{userId}/meetings", File: "b.py", Line: 7, Confidence: scan.High, Kind: scan.KindURL},
		{Call: "POST /users/{userId}/meetings", File: "c.rb", Line: 1, Confidence: scan.High, Kind: scan.KindURL},
	}}
	return NewScanReport(res, NewMeta(scopeplan.Provenance{Source: scopeplan.OriginEmbedded, Documents: []scopeplan.DocInfo{}}))
}

func TestWriteScan(t *testing.T) {
	tests := []struct {
		name   string
		format Format
		check  func(t *testing.T, out string)
	}{
		{"text: one line per distinct call, best evidence", FormatText, func(t *testing.T, out string) {
			want := "getMeetingSummary  # a.js:2 low\n" +
				"GET /users/me/zak  # b.py:4 high\n" +
				"POST /users/{userId}/meetings  # b.py:7 high (+2 more)\n"
			if out != want {
				t.Errorf("text:\n%s\nwant:\n%s", out, want)
			}
		}},
		{"json contract", FormatJSON, func(t *testing.T, out string) {
			var doc map[string]any
			if err := json.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatal(err)
			}
			for _, k := range []string{"schema_version", "data", "files", "calls", "skipped"} {
				if _, ok := doc[k]; !ok {
					t.Errorf("JSON lacks %q", k)
				}
			}
			calls := doc["calls"].([]any)
			if len(calls) != 5 {
				t.Fatalf("%d calls, want every occurrence (5)", len(calls))
			}
			first := calls[0].(map[string]any)
			for _, k := range []string{"call", "file", "line", "confidence", "kind"} {
				if _, ok := first[k]; !ok {
					t.Errorf("call lacks %q: %v", k, first)
				}
			}
			if s, ok := doc["skipped"].([]any); !ok || len(s) != 0 {
				t.Errorf("skipped = %v, want []", doc["skipped"])
			}
		}},
		{"yaml mirrors json", FormatYAML, func(t *testing.T, out string) {
			var doc map[string]any
			if err := yaml.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatal(err)
			}
			if doc["schema_version"] != SchemaVersion || len(doc["calls"].([]any)) != 5 {
				t.Errorf("yaml = %v", doc)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := ScanPrinters().Print(&b, tt.format, false, scanFixture()); err != nil {
				t.Fatal(err)
			}
			tt.check(t, b.String())
		})
	}
}

// TestScanTextIsACallFile: the text form parses as a plan call file, the
// trailing comments as notes.
func TestScanTextIsACallFile(t *testing.T) {
	var b bytes.Buffer
	if err := ScanPrinters().Print(&b, FormatText, false, scanFixture()); err != nil {
		t.Fatal(err)
	}
	cf, err := planner.ParseCallFile("<stdin>", b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	var specs []string
	for _, c := range cf.Calls {
		specs = append(specs, c.Spec)
	}
	want := "getMeetingSummary|GET /users/me/zak|POST /users/{userId}/meetings"
	if got := strings.Join(specs, "|"); got != want {
		t.Errorf("specs = %q, want %q", got, want)
	}
	if cf.Calls[2].Why != "b.py:7 high (+2 more)" {
		t.Errorf("why = %q", cf.Calls[2].Why)
	}
}

func TestWriteScanEmpty(t *testing.T) {
	r := NewScanReport(&scan.Result{}, NewMeta(scopeplan.Provenance{}))
	var b bytes.Buffer
	if err := ScanPrinters().Print(&b, FormatText, false, r); err != nil || b.Len() != 0 {
		t.Errorf("empty text = %q, %v", b.String(), err)
	}
	b.Reset()
	if err := ScanPrinters().Print(&b, FormatJSON, false, r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"calls": []`) || !strings.Contains(b.String(), `"skipped": []`) {
		t.Errorf("empty JSON = %s", b.String())
	}
}
