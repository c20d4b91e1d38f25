package lint

import (
	"strings"
	"testing"

	"github.com/scopeplan/scopeplan/parser/record"
)

func TestLabelLike(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"Light", true},
		{"MEDIUM", true},
		{"Resource-intensive", true},
		{"RESOURCE-INTENSIVE", true},
		{"resource intensive", true},
		{"Meduim", true},
		{"", false},
		{"   ", false},
		{"This endpoint is rate-limited to one request every 10 seconds.", false},
		{"See rate limits", false},
		{"Very heavy", true},
		{"Heavy, see the rate limits page", false},
		{"Light.", false},
		{"`Light`", false},
		{"[Light](https://developers.zoom.us/docs/api/rate-limits/)", false},
		{"10 requests per second", false},
		{"One request every ten seconds per user", false},
	}
	for _, tt := range tests {
		if got := labelLike(tt.s); got != tt.want {
			t.Errorf("labelLike(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

// TestRateLimitIgnoresSentences: free text where a label belongs is
// neither reported nor counted; labels keep their findings.
func TestRateLimitIgnoresSentences(t *testing.T) {
	const sentence = "This endpoint is rate-limited to one request every 10 seconds."
	doc := func(labels ...string) *record.Document {
		d := &record.Document{Path: "p.txt", Kind: record.KindPostman}
		for i, l := range labels {
			d.Operations = append(d.Operations, record.Operation{Method: "GET", Path: "/x" + strings.Repeat("/y", i),
				RateLimit: l, RateLimitSource: record.Source{File: "p.txt", Line: int32(i + 1)}})
		}
		return d
	}
	tests := []struct {
		name     string
		labels   []string
		subjects []string // want, in order
		mentions string   // a part of the first message
	}{
		{"a sentence in an upper-case document", []string{"LIGHT", "MEDIUM", sentence}, nil, ""},
		{"sentences outnumbering labels do not set the style", []string{"LIGHT", "LIGHT", sentence, sentence, sentence}, nil, ""},
		{"a real finding beside a sentence, counted among labels only",
			[]string{"LIGHT", "MEDIUM", "HEAVY", sentence, "Medium"}, []string{"Medium"}, "3 of this document's 4 labels are in upper case"},
		{"a misspelt label is still reported",
			[]string{"Medium", "Medium", "Medium", "Medium", "Medium", "Meduim", sentence}, []string{"Meduim"}, `"Medium" is written 5 times`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Run(build(t, doc(tt.labels...)), []Rule{ruleByID(t, RuleRateLimitSpelling)})
			var subjects []string
			for _, f := range got {
				subjects = append(subjects, f.Subject)
			}
			if strings.Join(subjects, "|") != strings.Join(tt.subjects, "|") {
				t.Fatalf("subjects %q, want %q", subjects, tt.subjects)
			}
			if len(got) > 0 && !strings.Contains(got[0].Message, tt.mentions) {
				t.Errorf("message %q lacks %q", got[0].Message, tt.mentions)
			}
		})
	}
}
