package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestAuditUsageCLI(t *testing.T) {
	okLogs := writeFile(t, "ok.ndjson", `{"call_logs":[{"url_pattern":"https://zoom.us/v2/users/KDcuGIm1QgePTO8WbOqwIQ","time":"1735725600000","http_status":200,"method":"GET","trace_id":"a"},{"url_pattern":"https://zoom.us/v2/users/jdoe@example.com","time":"1735729200000","http_status":200,"method":"GET","trace_id":"b"}],"next_page_token":"n"}
{"call_logs":[{"url_pattern":"https://zoom.us/v2/users/me","time":"1735732800000","http_status":200,"method":"GET","trace_id":"c"}],"next_page_token":""}
`)
	denied := writeFile(t, "denied.json", `[{"call_logs":[{"url_pattern":"https://zoom.us/v2/users/KDcuGIm1QgePTO8WbOqwIQ","time":"1735725600000","http_status":200,"method":"GET"},
	  {"url_pattern":"https://zoom.us/v2/users/me/settings","time":"1735725601000","http_status":400,"error_code":4711,"method":"GET"}]}]`)
	unknown := writeFile(t, "unknown.json", `{"call_logs":[{"url_pattern":"https://zoom.us/v2/users/KDcuGIm1QgePTO8WbOqwIQ","time":"1735725600000","http_status":200,"method":"GET"},
	  {"url_pattern":"https://zoom.us/v2/users/KDcuGIm1QgePTO8WbOqwIQ/frobnicators","time":"1735725601000","http_status":200,"method":"GET"}]}`)
	type result struct {
		Verdict        string `json:"verdict"`
		OverPrivileged []struct {
			Scope string `json:"scope"`
		} `json:"over_privileged"`
		Missing []struct {
			Call  string   `json:"call"`
			Would []string `json:"would"`
		} `json:"missing"`
		CannotJudge []struct {
			Scope string `json:"scope"`
		} `json:"cannot_judge"`
		Usage struct {
			Period     struct{ From, To string } `json:"period"`
			Rows       int                       `json:"rows"`
			Filtered   int                       `json:"filtered"`
			Unresolved []struct {
				Call string `json:"call"`
			} `json:"unresolved"`
			Calls []struct {
				Call   string `json:"call"`
				Count  int    `json:"count"`
				Denied int    `json:"denied"`
			} `json:"calls"`
		} `json:"usage"`
	}
	audit := func(code int, args ...string) result {
		t.Helper()
		out, errOut, got := runCLI(t, "", append([]string{"audit", "--app", "admin", "--format", "json"}, args...)...)
		if got != code {
			t.Fatalf("%v: exit %d, want %d; %s", args, got, code, errOut)
		}
		var r result
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatal(err)
		}
		return r
	}
	// 200s with concrete ids, an email and me, exactly covered: a match.
	r := audit(0, "--scopes", "user:read:user:admin", "--usage", okLogs)
	if r.Verdict != "match" || r.Usage.Rows != 3 || len(r.Usage.Calls) != 1 || r.Usage.Calls[0].Count != 3 || r.Usage.Period.From != "2025-01-01T10:00:00Z" || r.Usage.Period.To != "2025-01-01T12:00:00Z" {
		t.Errorf("match: %+v", r)
	}
	// A scope no successful call used: over-privileged.
	r = audit(5, "--scopes", "user:read:user:admin,user:read:list_users:admin", "--usage", okLogs)
	if r.Verdict != "over-privileged" || len(r.OverPrivileged) != 1 || r.OverPrivileged[0].Scope != "user:read:list_users:admin" {
		t.Errorf("over: %+v", r)
	}
	// --since/--until keep a period.
	r = audit(0, "--scopes", "user:read:user:admin", "--usage", okLogs, "--since", "2025-01-01T10:30:00Z", "--until", "2025-01-01")
	if r.Usage.Rows != 2 || r.Usage.Filtered != 1 {
		t.Errorf("since/until: %+v", r.Usage)
	}
	// A 4711 row: missing, with the scope to add.
	r = audit(5, "--scopes", "user:read:user:admin", "--usage", denied)
	if r.Verdict != "under-privileged" || len(r.Missing) != 1 || r.Missing[0].Would[0] != "user:read:settings:admin" {
		t.Errorf("denied: %+v", r)
	}
	// An unknown URL: unverified, the user scope it could need not judged.
	r = audit(5, "--scopes", "user:read:user:admin,user:read:list_users:admin", "--usage", unknown)
	if r.Verdict != "unverified" || len(r.Usage.Unresolved) != 1 || r.Usage.Unresolved[0].Call != "GET /users/{id}/frobnicators" || len(r.CannotJudge) != 1 || len(r.OverPrivileged) != 0 {
		t.Errorf("unknown: %+v", r)
	}
	// Text names the period; bad input exits 1 or 2 with one line.
	out, _, _ := runCLI(t, "", "audit", "--scopes", "user:read:user:admin,user:read:list_users:admin", "--app", "admin", "--usage", okLogs)
	if !strings.Contains(out, "Over-privileged (requested, used by no logged call from 2025-01-01T10:00:00Z to 2025-01-01T12:00:00Z)") {
		t.Errorf("text:\n%s", out)
	}
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"--usage", writeFile(t, "bad.json", `{"call_logs":[`)}, 1},
		{[]string{"--usage", okLogs, "--since", "last tuesday"}, 2},
		{[]string{"--usage", okLogs, "--since", "2025-02-01", "--until", "2025-01-01"}, 2},
	} {
		_, errOut, code := runCLI(t, "", append([]string{"audit", "--scopes", "user:read:user:admin", "--app", "admin"}, tc.args...)...)
		if code != tc.code || !strings.HasPrefix(errOut, "scopeplan: ") {
			t.Errorf("%v: exit %d, want %d; %q", tc.args, code, tc.code, errOut)
		}
	}
}
