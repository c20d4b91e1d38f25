package audit_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/scopeplan/scopeplan/audit"
	"github.com/scopeplan/scopeplan/internal/testutil/catalogtest"
	"github.com/scopeplan/scopeplan/planner"
)

// row is one call log row as Zoom's api_call_logs returns it.
func row(method, url string, status int, ms int64) string {
	return fmt.Sprintf(`{"url_pattern":%q,"time":"%d","http_status":%d,"method":%q,"trace_id":"t%d"}`, url, ms, status, method, ms)
}

func page(rows ...string) string {
	return `{"call_logs":[` + strings.Join(rows, ",") + `],"next_page_token":"x"}`
}

const t0 = 1735725600000 // 2025-01-01T10:00:00Z

func TestParseUsageShapes(t *testing.T) {
	r1, r2 := row("GET", "https://zoom.us/v2/users/abc123", 200, t0), row("GET", "https://zoom.us/v2/users/me/settings", 403, t0+1000)
	har := `{"log":{"entries":[
	  {"startedDateTime":"2025-01-01T10:00:00.000Z","request":{"method":"GET","url":"https://api.zoom.us/v2/users/me/settings"},
	   "response":{"status":400,"content":{"mimeType":"application/json","text":"{\"code\":4711,\"message\":\"Invalid access token, does not contain scopes:[user:read:settings, user:read:settings:admin].\"}"}}},
	  {"startedDateTime":"2025-01-01T10:00:01.000Z","request":{"method":"GET","url":"https://example.com/v2/users/me"},"response":{"status":200}}]}}`
	for name, tc := range map[string]struct {
		data          string
		rows, skipped int
	}{
		"one page":           {page(r1, r2), 2, 0},
		"pages one a line":   {page(r1) + "\n" + page(r2) + "\n", 2, 0},
		"pages concatenated": {page(r1) + page(r2), 2, 0},
		"array of pages":     {"[" + page(r1) + "," + page(r2) + "]", 2, 0},
		"array of rows":      {"[" + r1 + "," + r2 + "]", 2, 0},
		"har, other host ":   {har, 1, 1},
		"empty last page":    {page(r1) + `{"call_logs":[],"next_page_token":""}`, 1, 0},
	} {
		u, err := audit.ParseUsage("log.json", []byte(tc.data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(u.Rows) != tc.rows || u.Skipped != tc.skipped {
			t.Errorf("%s: %d rows, %d skipped; want %d, %d", name, len(u.Rows), u.Skipped, tc.rows, tc.skipped)
		}
	}
	u, _ := audit.ParseUsage("h.har", []byte(har))
	if r := u.Rows[0]; r.Code != 4711 || !slices.Equal(r.Scopes, []string{"user:read:settings", "user:read:settings:admin"}) || r.Time.IsZero() {
		t.Errorf("HAR 4711 row: %+v", r)
	}
	u, _ = audit.ParseUsage("l.json", []byte(page(r1)))
	if want := time.Date(2025, 1, 1, 10, 0, 0, 0, time.UTC); !u.Rows[0].Time.Equal(want) {
		t.Errorf("time %v, want %v", u.Rows[0].Time, want)
	}
	for name, data := range map[string]string{
		"empty":           "",
		"not a log":       `{"name":"x"}`,
		"bad json":        `{"call_logs":[`,
		"bad time":        page(`{"url_pattern":"https://zoom.us/v2/users/a","time":"yesterday","http_status":200,"method":"GET"}`),
		"no method":       page(`{"url_pattern":"https://zoom.us/v2/users/a","http_status":200}`),
		"rows not a list": `{"call_logs":"x"}`,
	} {
		if _, err := audit.ParseUsage("l.json", []byte(data)); err == nil || !strings.HasPrefix(err.Error(), "l.json: ") {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}

func TestRunUsage(t *testing.T) {
	c := catalogtest.Embedded(t)
	logs := page(
		row("GET", "https://zoom.us/v2/users/KDcuGIm1QgePTO8WbOqwIQ", 200, t0),
		row("GET", "https://zoom.us/v2/users/jdoe%40example.com", 200, t0+3600_000),
		row("GET", "https://zoom.us/v2/users/me", 200, t0+7200_000),
	)
	u, err := audit.ParseUsage("l.json", []byte(logs))
	if err != nil {
		t.Fatal(err)
	}
	run := func(scopes string, u audit.Usage, o audit.UsageOptions) *audit.UsageResult {
		t.Helper()
		r, err := audit.RunUsage(c, audit.ParseScopeList(scopes), u, nil, planner.AppAdmin, o)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	// 200s with concrete ids, an email and me: one endpoint, exactly
	// covered: a match.
	r := run("user:read:user:admin", u, audit.UsageOptions{})
	if r.Mismatch() || len(r.Calls) != 1 || r.Calls[0].Count != 3 || r.Calls[0].Endpoint.Path != "/users/{userId}" || r.Rows != 3 {
		t.Fatalf("match: %+v calls %+v", r.Result, r.Calls)
	}
	if r.From.Format(time.RFC3339) != "2025-01-01T10:00:00Z" || r.To.Format(time.RFC3339) != "2025-01-01T12:00:00Z" {
		t.Errorf("period %v - %v", r.From, r.To)
	}
	// A requested scope no call used: over-privileged.
	r = run("user:read:user:admin,phone:read:list_call_logs:admin", u, audit.UsageOptions{})
	if len(r.OverPrivileged) != 1 || r.OverPrivileged[0].Scope != "phone:read:list_call_logs:admin" || r.Incomplete() {
		t.Errorf("unused: %+v", r.OverPrivileged)
	}
	// --since/--until.
	r = run("user:read:user:admin", u, audit.UsageOptions{Since: time.UnixMilli(t0 + 1), Until: time.UnixMilli(t0 + 3600_000)})
	if r.Rows != 1 || r.Filtered != 2 {
		t.Errorf("since/until: %d rows, %d filtered", r.Rows, r.Filtered)
	}
	// A denied call with a 4711 answer: missing, with the scope to add.
	har := `{"log":{"entries":[{"startedDateTime":"2025-01-01T10:00:00Z","request":{"method":"GET","url":"https://api.zoom.us/v2/users/me/settings?x=1"},
	  "response":{"status":400,"content":{"text":"{\"code\":4711,\"message\":\"Invalid access token, does not contain scopes:[user:read:settings, user:read:settings:admin].\"}"}}}]}}`
	hu, err := audit.ParseUsage("s.har", []byte(har))
	if err != nil {
		t.Fatal(err)
	}
	u2 := audit.Usage{Rows: append(append([]audit.UsageRow{}, u.Rows...), hu.Rows...)}
	r = run("user:read:user:admin", u2, audit.UsageOptions{})
	if len(r.Missing) != 1 || !slices.Equal(r.Missing[0].Would, []string{"user:read:settings:admin"}) {
		t.Errorf("missing: %+v", r.Missing)
	}
	if len(r.Calls) != 2 || r.Calls[1].Denied != 1 || len(r.Calls[1].Listed) != 2 {
		t.Errorf("calls: %+v", r.Calls)
	}
	// An unknown URL: unresolved, the audit unverified, and the user
	// scopes it could need not judged.
	u3, _ := audit.ParseUsage("l.json", []byte(page(
		row("GET", "https://zoom.us/v2/users/KDcuGIm1QgePTO8WbOqwIQ", 200, t0),
		row("GET", "https://zoom.us/v2/users/KDcuGIm1QgePTO8WbOqwIQ/frobnicators", 200, t0),
		row("GET", "https://zoom.us/v2/users/9nKaDUq3QbmQ7qAzQ8d3Cw/frobnicators", 200, t0))))
	r = run("user:read:user:admin,user:read:list_users:admin,phone:read:list_call_logs:admin", u3, audit.UsageOptions{})
	if !r.Incomplete() || len(r.Unresolved) != 1 || r.Unresolved[0].Count != 2 || r.Unresolved[0].Call != "GET /users/{id}/frobnicators" {
		t.Fatalf("unresolved: %+v", r.Unresolved)
	}
	if len(r.CannotJudge) != 1 || r.CannotJudge[0].Scope != "user:read:list_users:admin" || len(r.OverPrivileged) != 1 {
		t.Errorf("cannot judge %+v, over %+v", r.CannotJudge, r.OverPrivileged)
	}
}

// BenchmarkUsageAudit parses and audits a call log of 10^5 rows (ten
// pages, one a line) with distinct ids, emails and an unknown path.
func BenchmarkUsageAudit(b *testing.B) {
	c := catalogtest.Embedded(b)
	paths := []string{"/users/%d", "/users/%d/settings", "/users/u%d@example.com", "/users/%d/frobnicate", "/users/me?n=%d"}
	var sb strings.Builder
	for pg := range 10 {
		var rows []string
		for i := range 10_000 {
			n := pg*10_000 + i
			rows = append(rows, row("GET", "https://zoom.us/v2"+fmt.Sprintf(paths[n%len(paths)], n), 200, t0+int64(n)))
		}
		sb.WriteString(page(rows...) + "\n")
	}
	data := []byte(sb.String())
	req := audit.ParseScopeList("user:read:user:admin,user:read:settings:admin")
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		u, err := audit.ParseUsage("logs.ndjson", data)
		if err != nil {
			b.Fatal(err)
		}
		r, err := audit.RunUsage(c, req, u, nil, planner.AppAdmin, audit.UsageOptions{})
		if err != nil || r.Rows != 100_000 {
			b.Fatal(err, r.Rows)
		}
	}
}

// FuzzParseUsage: any input parses or fails with an error naming the
// file, never panics; every row has a method and a URL.
func FuzzParseUsage(f *testing.F) {
	f.Add([]byte(page(row("GET", "https://zoom.us/v2/users/a", 200, t0))))
	f.Add([]byte(`[` + page() + `]`))
	f.Add([]byte(`{"log":{"entries":[{"request":{"method":"GET","url":"https://api.zoom.us/v2/users/me"},"response":{"status":"401","content":{"text":"e30=","encoding":"base64"}}}]}}`))
	f.Add([]byte(`{"url_pattern":"/v2/users/x","method":"get","time":1,"http_status":"200"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		u, err := audit.ParseUsage("f.json", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.json: ") {
				t.Errorf("error without the file name: %v", err)
			}
			return
		}
		for _, r := range u.Rows {
			if r.Method == "" || r.URL == "" {
				t.Errorf("row without method or URL: %+v", r)
			}
		}
	})
}
