package lint

import (
	"strconv"
	"strings"
	"testing"

	"github.com/scopeplan/scopeplan/internal/testutil/catalogtest"
	"github.com/scopeplan/scopeplan/parser/record"
)

// hubCounts pins the findings per rule on the embedded documents plus the
// shared API hub copy (16 products' REST, master-account and webhooks
// files). Measured with `scopeplan lint --add-docs ../shared/zoom-api-hub
// --format json`; samples checked against the files by hand.
func hubCounts() map[string]int {
	return map[string]int{
		RuleMalformedScope:         27,
		RuleUnknownAction:          19,
		RuleUnknownLevel:           16,
		RuleSuspiciousResource:     1,
		RuleMissingMasterRow:       69,
		RuleOrphanMasterRow:        38,
		RulePairLevelMismatch:      23,
		RulePairStemMismatch:       0,
		RuleScopeConflict:          31, // a regular file's /accounts/{accountId}/ paths no longer merge with the master-account file's
		RuleUndefinedScope:         133,
		RuleUnmatchedAPIName:       83,
		RuleEndpointNotOnPage:      203,
		RuleOperationIDReused:      32,
		RuleMalformedLink:          49,
		RuleMissingHeader:          4,
		RuleMissingField:           3,
		RuleSplitScopeList:         28,
		RuleTruncatedEntry:         1,
		RuleRowWithoutLink:         0,
		RuleCountMismatch:          0,
		RuleParseProblem:           0,
		RuleClassicScopeWithoutAPI: 266,
		RuleGroupNameSpelling:      7,
		RuleRateLimitSpelling:      367,
		RuleUndefinedEventScope:    399,
		RuleEventWithoutScopes:     50,
	}
}

// hubStatements pins, for the rules that judge scope names where they are
// stated, how many statements the findings cover (each finding plus the
// other statements it names). Before one finding covered every statement
// of a name for one operation, these were the rules' finding counts: the
// difference is exactly the double counts.
func hubStatements() map[string]int {
	return map[string]int{
		RuleMalformedScope:      57,
		RuleUnknownAction:       37,
		RuleUnknownLevel:        32,
		RuleSuspiciousResource:  1,
		RuleUndefinedScope:      399,
		RuleUndefinedEventScope: 399,
	}
}

func TestHub(t *testing.T) {
	c := catalogtest.Hub(t)
	fs := Run(c, Rules())
	got := Summarize(fs)

	t.Run("counts", func(t *testing.T) {
		want := hubCounts()
		for _, r := range Rules() {
			if got.ByRule[r.ID] != want[r.ID] {
				t.Errorf("%s: %d findings on the embedded documents plus the hub, want %d", r.ID, got.ByRule[r.ID], want[r.ID])
			}
		}
		if len(want) != len(Rules()) {
			t.Errorf("hubCounts has %d rules, Rules() %d", len(want), len(Rules()))
		}
	})

	t.Run("one finding per name and owner", func(t *testing.T) {
		f := newFacts(c)
		owner := map[string]occurrence{} // src + name -> occurrence
		key := func(file string, line, col int, name string) string {
			return strings.Join([]string{file, strconv.Itoa(line), strconv.Itoa(col), name}, "\x00")
		}
		occs, _ := f.occs()
		for _, o := range occs {
			owner[key(o.Src.File, int(o.Src.Line), int(o.Src.Column), o.Name)] = o
		}
		statements := map[string]int{}
		seen := map[string]bool{}
		for _, fd := range fs {
			if _, ok := hubStatements()[fd.Rule]; !ok {
				continue
			}
			o, ok := owner[key(fd.File, fd.Line, fd.Column, fd.Subject)]
			if !ok {
				t.Errorf("%s finding %s:%d about %q is at no statement", fd.Rule, fd.File, fd.Line, fd.Subject)
				continue
			}
			statements[fd.Rule] += 1 + len(o.Also)
			if o.Owner == "" {
				continue // page rows are findings of their own
			}
			k := strings.Join([]string{fd.Rule, fd.File, o.Owner, fd.Subject}, "\x00")
			if seen[k] {
				t.Errorf("%s: %q reported twice for %s", fd.Rule, fd.Subject, o.Owner)
			}
			seen[k] = true
			for _, a := range o.Also {
				if !strings.Contains(fd.Message, "line "+strconv.Itoa(int(a.Src.Line))) || !before(record.Source{File: fd.File, Line: int32(fd.Line), Column: int32(fd.Column)}, a.Src) {
					t.Errorf("%s at %s:%d: message %q should name the later statement at line %d", fd.Rule, fd.File, fd.Line, fd.Message, a.Src.Line)
				}
			}
		}
		for rule, n := range hubStatements() {
			if statements[rule] != n {
				t.Errorf("%s: findings cover %d statements, want %d", rule, statements[rule], n)
			}
		}
	})

	t.Run("events", func(t *testing.T) {
		scopeless := 0
		for _, e := range c.Events {
			if e.Scopeless() {
				scopeless++
			}
		}
		if len(c.Events) != 423 || got.ByRule[RuleEventWithoutScopes] != scopeless {
			t.Errorf("%d events, %d scopeless; %d %s findings", len(c.Events), scopeless, got.ByRule[RuleEventWithoutScopes], RuleEventWithoutScopes)
		}
		for _, fd := range fs {
			if fd.Rule == RuleUndefinedEventScope && !strings.Contains(fd.File, "/events/") {
				t.Errorf("%s outside a webhooks file: %+v", fd.Rule, fd)
			}
			if fd.Rule == RuleUndefinedScope && strings.Contains(fd.File, "/events/") {
				t.Errorf("%s in a webhooks file: %+v", fd.Rule, fd)
			}
		}
	})

	t.Run("fixes edit the subject", func(t *testing.T) {
		// A name stated in several places of an OpenAPI file is fixed at each.
		if n, edits := checkFixes(t, fs); n == 0 || edits <= n {
			t.Errorf("%d findings with fixes, %d edits: want more edits than findings", n, edits)
		}
	})

	t.Run("rate-limit labels only", func(t *testing.T) {
		for _, fd := range fs {
			if fd.Rule == RuleRateLimitSpelling && !labelLike(fd.Subject) {
				t.Errorf("%s on free text %q", fd.Rule, fd.Subject)
			}
		}
	})

	t.Run("samples", func(t *testing.T) {
		type sample struct {
			rule, file string
			line       int
			subject    string
			suggestion string
			mentions   string
		}
		for _, s := range []sample{
			{RuleMalformedScope, "contact-center/methods/endpoints.json", 25807, "contact_center:write:queue disposition:admin",
				"contact_center:write:queue_disposition:admin", "also states it at line 25943 (security), line 25954 (x-extensions)"},
			{RuleUnknownLevel, "meetings/methods/endpoints.json", 736, "meeting_token:read:admin:local_archiving",
				"meeting_token:read:local_archiving:admin", "line 803 (x-extensions)"},
			{RuleUndefinedEventScope, "contact-center/events/webhooks.json", 4523, "contact_center:read:recording:admin", "", "of event contact_center."},
			{RuleEventWithoutScopes, "marketplace/events/webhooks.json", 10, "app_deauthorized", "", "states no scope"},
		} {
			found := false
			for _, f := range fs {
				if f.Rule == s.rule && strings.HasSuffix(f.File, "zoom-api-hub/"+s.file) && f.Line == s.line && f.Subject == s.subject {
					found = true
					if f.Suggestion != s.suggestion || !strings.Contains(f.Message, s.mentions) {
						t.Errorf("%s at %s:%d: suggestion %q, message %q; want %q and a mention of %q", s.rule, s.file, s.line, f.Suggestion, f.Message, s.suggestion, s.mentions)
					}
				}
			}
			if !found {
				t.Errorf("no %s finding at %s:%d about %q", s.rule, s.file, s.line, s.subject)
			}
		}
	})
}
