package scan

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// TestScanFileSnippets covers one construct per case: each want entry is
// "LINE CALL CONFIDENCE KIND".
func TestScanFileSnippets(t *testing.T) {
	s := New(testCatalog(t))
	tests := []struct {
		name, file, src string
		want            []string
	}{
		{"go concatenation", "zoom.go",
			`http.NewRequest(http.MethodPatch, "https://api.zoom.us/v2/users/" + id + "/settings", nil)`,
			[]string{"1 PATCH /users/{userId}/settings high url"}},
		{"go raw string", "zoom.go",
			"http.NewRequest(\"DELETE\", `https://api.zoom.us/v2/meetings/`+id, nil)",
			[]string{"1 DELETE /meetings/{meetingId} high url"}},
		{"js template literal with nested template", "zoom.js",
			"axios.delete(`https://api.zoom.us/v2/meetings/${ids[`a`]}`)",
			[]string{"1 DELETE /meetings/{meetingId} high url"}},
		{"js fetch defaults to GET", "zoom.js",
			"fetch('https://api.zoom.us/v2/users/' + id)",
			[]string{"1 GET /users/{userId} high url"}},
		{"js fetch with options naming no method", "zoom.js",
			"fetch(`https://api.zoom.us/v2/meetings/${id}`, { headers: { Authorization: token } })",
			[]string{"1 GET /meetings/{meetingId} high url"}},
		{"php curl options", "zoom.php",
			"<?php curl_setopt_array($c, array(CURLOPT_URL => \"https://api.zoom.us/v2/meetings/$id\", CURLOPT_CUSTOMREQUEST => \"DELETE\"));",
			[]string{"1 DELETE /meetings/{meetingId} high url"}},
		{"test fake glob is not a call", "zoom_test.php",
			"<?php Http::fake(['api.zoom.us/v2/meetings/*' => Http::response([])]);",
			nil},
		{"js fetch with options variable: method unknown", "zoom.js",
			"fetch('https://api.zoom.us/v2/users/' + id, opts)",
			nil},
		{"query string and trailing slash", "zoom.py",
			`requests.get(f"https://api.zoom.us/v2/users/{uid}/meetings/?page_size={n}")`,
			[]string{"1 GET /users/{userId}/meetings high url"}},
		{"python percent format", "zoom.py",
			`requests.patch("https://api.zoom.us/v2/meetings/%s" % mid, json=b)`,
			[]string{"1 PATCH /meetings/{meetingId} high url"}},
		{"concrete me path", "zoom.py",
			`requests.get("https://api.zoom.us/v2/users/me/zak")`,
			[]string{"1 GET /users/me/zak high url"}},
		{"concrete id maps to template", "zoom.py",
			`requests.get("https://api.zoom.us/v2/meetings/85746065432")`,
			[]string{"1 GET /meetings/{meetingId} high url"}},
		{"ruby interpolation", "zoom.rb",
			`HTTParty.delete("https://api.zoom.us/v2/users/#{user.id}")`,
			[]string{"1 DELETE /users/{userId} high url"}},
		{"php variable interpolation", "zoom.php",
			`<?php $c->request('PATCH', "https://api.zoom.us/v2/users/$userId");`,
			[]string{"1 PATCH /users/{userId} high url"}},
		{"php concatenation", "zoom.php",
			`<?php $c->delete('https://api.zoom.us/v2/meetings/' . $m->id);`,
			[]string{"1 DELETE /meetings/{meetingId} high url"}},
		{"kotlin template", "Zoom.kt",
			`client.delete("https://api.zoom.us/v2/meetings/${meeting.id}")`,
			[]string{"1 DELETE /meetings/{meetingId} high url"}},
		{"csharp interpolated string", "Zoom.cs",
			`await http.DeleteAsync($"https://api.zoom.us/v2/meetings/{meetingId}");`,
			[]string{"1 DELETE /meetings/{meetingId} high url"}},
		{"method in a later builder step", "Zoom.java",
			"Request r = new Request.Builder()\n  .url(\"https://api.zoom.us/v2/users/\" + id)\n  .delete()\n  .build();",
			[]string{"2 DELETE /users/{userId} high url"}},
		{"options object", "zoom.js",
			"let options = {\n  method: \"POST\",\n  uri: \"https://api.zoom.us/v2/users/me/meetings\",\n  body: {type: 1},\n};\nrp(options);",
			[]string{"3 POST /users/{userId}/meetings high url"}},
		{"python options dict", "zoom.py",
			"req = {\"method\": \"DELETE\", \"url\": \"https://api.zoom.us/v2/meetings/\" + mid}",
			[]string{"1 DELETE /meetings/{meetingId} high url"}},
		{"nested method key is not the object's", "zoom.js",
			"const o = {url: 'https://api.zoom.us/v2/meetings/' + id, body: {method: 'DELETE'}}",
			nil},
		{"several methods in the call: skipped", "zoom.js",
			"request({url: 'https://api.zoom.us/v2/users/' + id, method: cond ? 'GET' : 'DELETE'})",
			nil},
		{"oauth endpoint is not the REST API", "zoom.js",
			"axios.post('https://zoom.us/oauth/token?grant_type=account_credentials')",
			nil},
		{"look-alike host", "zoom.js",
			"axios.get('https://api.zoom.us.example.com/v2/users')",
			nil},
		{"v1 API", "zoom.js",
			"axios.get('https://api.zoom.us/v1/users')",
			nil},
		{"base URL alone", "zoom.js",
			"const base = 'https://api.zoom.us/v2/'",
			nil},
		{"path on an unknown base with a method", "zoom_api.js",
			"axios.delete(config.apiBase + '/meetings/' + id)",
			[]string{"1 DELETE /meetings/{meetingId} medium path"}},
		{"path not first argument", "zoom_api.py",
			`settings.get("key", "/users/me/zak")`,
			nil},
		{"path with a method not in the catalog", "zoom_api.js",
			"axios.put('/users/' + id)",
			nil},
		{"express route with handler", "zoom_server.js",
			"server.get('/users', (req, res) => res.send([]))",
			nil},
		{"chi route", "zoom_server.go",
			`r.Delete("/meetings/{meetingId}", h.deleteMeeting)`,
			nil},
		{"fastapi decorator", "zoom_server.py",
			"@router.delete(\"/meetings/{meeting_id}\")\ndef delete(meeting_id): ...",
			nil},
		{"sinatra block", "zoom_server.rb",
			"delete '/meetings/:id' do\n  204\nend",
			nil},
		{"block comment", "zoom.js",
			"/* axios.get('https://api.zoom.us/v2/users/me/zak') */",
			nil},
		{"python docstring prose", "zoom.py",
			`"""Calls https://api.zoom.us/v2/users/me/zak."""`,
			nil},
		{"ts generic wrapper with a default-GET fetch", "zoom.ts",
			"const B = \"https://api.zoom.us/v2\";\nasync function get<T>(path: string): Promise<T> { const url = new URL(`${B}${path}`); const r = await fetch(url.toString(), { headers: h }); return r.json(); }\nget<User>(\"/users/\" + id + \"/settings\");",
			[]string{"3 GET /users/{userId}/settings high wrapper"}},
		{"another platform's SDK method named like an operationId", "zoom_billing.js",
			"const stripe = new Stripe(key);\nstripe.customers.meetingCreate({ id });",
			nil},
		{"cue words match whole identifiers", "client.js",
			"const zoomSdkVersion = '2';\nclient.meetingCreate(id);",
			nil},
		{"sdk snake case", "zoom_sdk.py",
			"client = ZoomClient(key, secret)\nclient.meeting_create(user_id, body)",
			[]string{"2 POST /users/{userId}/meetings low sdk"}},
		{"sdk exported go method", "zoom_sdk.go",
			"client := zoom.NewClient(key)\nresp, err := client.MeetingCreate(ctx, req)",
			[]string{"2 POST /users/{userId}/meetings low sdk"}},
		{"sdk declaration is not a call", "zoom_sdk.go",
			"func (c *Client) MeetingCreate(ctx context.Context) error {",
			nil},
		{"sdk python def is not a call", "zoom_sdk.py",
			"def meeting_create(self, user_id):",
			nil},
		{"sdk short operationId is ignored", "zoom_sdk.js",
			"client.meeting(id); client.users()",
			nil},
		{"sdk outside Zoom files is ignored", "client.js",
			"client.meetingCreate(id)",
			nil},
		{"unterminated string does not panic", "zoom.js",
			"fetch('https://api.zoom.us/v2/users/",
			nil},
		{"crlf line endings", "zoom.py",
			"import requests\r\n\r\nrequests.delete(\"https://api.zoom.us/v2/users/\" + uid)\r\n",
			[]string{"3 DELETE /users/{userId} high url"}},
		{"multi-line call: line of the URL", "zoom.js",
			"await axios.post(\n  `https://api.zoom.us/v2/users/${id}/meetings`,\n  body,\n)",
			[]string{"2 POST /users/{userId}/meetings high url"}},
		// Format strings whose first placeholder is the base URL.
		{"go Sprintf on the base constant", "zoom.go",
			"const baseURL = \"https://api.zoom.us/v2\"\nreq, _ := http.NewRequest(\"DELETE\", fmt.Sprintf(\"%s/users/%s\", baseURL, id), nil)",
			[]string{"2 DELETE /users/{userId} high url"}},
		{"go Sprintf on the base into a variable", "zoom.go",
			"var baseURL = \"https://api.zoom.us/v2\"\nurl := fmt.Sprintf(\"%s/users/%s/meetings\", baseURL, id)\nreq, _ := http.NewRequest(http.MethodGet, url, nil)",
			[]string{"2 GET /users/{userId}/meetings medium url"}},
		{"go Sprintf with the host in the format", "zoom.go",
			`http.NewRequest("DELETE", fmt.Sprintf("https://api.zoom.us/v2/users/%s", id), nil)`,
			[]string{"1 DELETE /users/{userId} high url"}},
		{"go Sprintf with the base as a literal argument", "zoom.go",
			`http.NewRequest("DELETE", fmt.Sprintf("%s/v2/users/%d", "https://api.zoom.us", id), nil)`,
			[]string{"1 DELETE /users/{userId} high url"}},
		{"go Sprintf on another host's base is not a call", "zoom.go",
			"const baseURL = \"https://api.github.com\"\nreq, _ := http.NewRequest(\"DELETE\", fmt.Sprintf(\"%s/users/%s\", baseURL, id), nil)",
			nil},
		{"python percent on the base", "zoom.py",
			"ZOOM = \"https://api.zoom.us/v2\"\nrequests.delete(\"%s/users/%s\" % (ZOOM, uid))",
			[]string{"2 DELETE /users/{userId} high url"}},
		{"python percent with a dict", "zoom.py",
			"ZOOM = \"https://api.zoom.us/v2\"\nrequests.delete(\"%(base)s/meetings/%(id)s\" % {\"base\": ZOOM, \"id\": mid})",
			[]string{"2 DELETE /meetings/{meetingId} high url"}},
		{"python format positional", "zoom.py",
			"ZOOM = \"https://api.zoom.us/v2\"\nrequests.get(\"{}/users/{}/meetings\".format(ZOOM, uid))",
			[]string{"2 GET /users/{userId}/meetings high url"}},
		{"python format indexed", "zoom.py",
			"ZOOM = \"https://api.zoom.us/v2\"\nrequests.get(\"{0}/users/{1}/meetings\".format(ZOOM, uid))",
			[]string{"2 GET /users/{userId}/meetings high url"}},
		{"python format named", "zoom.py",
			"ZOOM = \"https://api.zoom.us/v2\"\nrequests.post(\"{base}/users/{uid}/webinars\".format(base=ZOOM, uid=uid))",
			[]string{"2 POST /users/{userId}/webinars high url"}},
		{"python format with the host in the template", "zoom.py",
			`requests.get("https://api.zoom.us/v2/users/{}".format(uid))`,
			[]string{"1 GET /users/{userId} high url"}},
		{"python format into a variable", "zoom.py",
			"ZOOM = \"https://api.zoom.us/v2\"\nurl = \"{}/meetings/{}\".format(ZOOM, mid)\nrequests.delete(url)",
			[]string{"2 DELETE /meetings/{meetingId} medium url"}},
		{"python format on another host's base is not a call", "zoom.py",
			"GH = \"https://api.github.com\"\nrequests.get(\"{}/users/{}\".format(GH, uid))",
			nil},
		{"python percent on a name is not a URL", "zoom.py",
			"ZOOM = \"https://api.zoom.us/v2\"\nlabel = \"%s/users\" % name\nprint(\"%s/users\" % name)",
			nil},
		{"python builtin format is not a template", "zoom.py",
			"ZOOM = \"https://api.zoom.us/v2\"\nrequests.post(format(\"{}/users\", ZOOM))",
			nil},
		{"python format on an unknown base: a path", "zoom_api.py",
			`requests.delete("{}/users/{}".format(self.base_url, uid))`,
			[]string{"1 DELETE /users/{userId} medium path"}},
		{"ruby format and percent", "zoom.rb",
			"BASE = \"https://api.zoom.us/v2\"\nHTTParty.delete(format(\"%s/users/%s\", BASE, id))\nHTTParty.delete(\"%s/meetings/%s\" % [BASE, id])",
			[]string{"2 DELETE /users/{userId} high url", "3 DELETE /meetings/{meetingId} high url"}},
		{"php sprintf", "zoom.php",
			"<?php $base = \"https://api.zoom.us/v2\";\n$c->request('DELETE', sprintf('%s/users/%s', $base, $id));",
			[]string{"2 DELETE /users/{userId} high url"}},
		{"java String.format and formatted", "Zoom.java",
			"static final String BASE = \"https://api.zoom.us/v2\";\nclient.delete(String.format(\"%s/meetings/%s\", BASE, id));\nclient.delete(\"%s/meetings/%s\".formatted(BASE, id));",
			[]string{"2 DELETE /meetings/{meetingId} high url", "3 DELETE /meetings/{meetingId} high url"}},
		{"kotlin format", "Zoom.kt",
			"val BASE = \"https://api.zoom.us/v2\"\nclient.delete(\"%s/meetings/%s\".format(BASE, id))",
			[]string{"2 DELETE /meetings/{meetingId} high url"}},
		{"csharp string.Format", "Zoom.cs",
			"const string Base = \"https://api.zoom.us/v2\";\nawait http.DeleteAsync(string.Format(\"{0}/meetings/{1}\", Base, id));",
			[]string{"2 DELETE /meetings/{meetingId} high url"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := s.ScanFile(tt.file, []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range res.Calls {
				got = append(got, fmt.Sprintf("%d %s %s %s", c.Line, c.Call, c.Confidence, c.Kind))
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("calls = %q, want %q (skipped %+v)", got, tt.want, res.Skipped)
			}
		})
	}
}

// TestUnknownMethod pins the rule for a Zoom URL without a method: the
// only catalog method when there is one, else a Skipped with candidates.
func TestUnknownMethod(t *testing.T) {
	s := New(testCatalog(t))
	tests := []struct {
		name, src  string
		wantCalls  []string
		wantSkip   []string
		wantReason string
	}{
		{"one method in the catalog", `u = "https://api.zoom.us/v2/users/me/zak"`,
			[]string{"GET /users/me/zak medium"}, nil, ""},
		{"several methods in the catalog", `u = "https://api.zoom.us/v2/meetings/" + mid`,
			nil, []string{"DELETE /meetings/{meetingId}", "GET /meetings/{meetingId}", "PATCH /meetings/{meetingId}"}, "HTTP method not found"},
		{"path the catalog lacks", `u = "https://api.zoom.us/v2/webinars/" + wid`,
			nil, nil, "not in the catalog"},
		{"method the catalog lacks for the path", `requests.put("https://api.zoom.us/v2/meetings/" + mid)`,
			nil, []string{"DELETE /meetings/{meetingId}", "GET /meetings/{meetingId}", "PATCH /meetings/{meetingId}"}, "no PUT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := s.ScanFile("zoom.py", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			var calls []string
			for _, c := range res.Calls {
				calls = append(calls, c.Call+" "+string(c.Confidence))
			}
			if !reflect.DeepEqual(calls, tt.wantCalls) {
				t.Errorf("calls = %q, want %q", calls, tt.wantCalls)
			}
			if tt.wantReason == "" {
				if len(res.Skipped) != 0 {
					t.Errorf("skipped = %+v, want none", res.Skipped)
				}
				return
			}
			if len(res.Skipped) != 1 {
				t.Fatalf("skipped = %+v, want one", res.Skipped)
			}
			k := res.Skipped[0]
			if !reflect.DeepEqual(k.Candidates, tt.wantSkip) || !strings.Contains(k.Reason, tt.wantReason) {
				t.Errorf("skipped = %+v, want candidates %q and reason with %q", k, tt.wantSkip, tt.wantReason)
			}
		})
	}
}

// TestTheWordZoomIsNoCue: a map widget that zooms, or a todo app, calls
// its own backend with relative paths; none of that is a Zoom API call.
func TestTheWordZoomIsNoCue(t *testing.T) {
	s := New(testCatalog(t))
	src := `import axios from "axios";
map.setZoom(12); // pinch to zoom
export const load = (userId) => axios.get(` + "`/users/${userId}`" + `);
export const drop = (userId) => axios.delete(` + "`/users/${userId}/assistants`" + `);
`
	if r, _ := s.ScanFile("src/mapview.js", []byte(src)); len(r.Calls) != 0 {
		t.Errorf("calls = %+v, want none", r.Calls)
	}
	// The same code in a Zoom client module is a Zoom call.
	zoom := "const BASE = \"https://api.zoom.us/v2\";\n" + src
	if r, _ := s.ScanFile("src/client.js", []byte(zoom)); len(r.Calls) == 0 {
		t.Error("no calls found in a module that names Zoom's API host")
	}
}

// TestFormatSkipped: a format on Zoom's base URL (or one that may be) that
// cannot be resolved is a Skipped with a reason, never dropped; formats
// on other hosts and strings that are no URL give nothing at all.
func TestFormatSkipped(t *testing.T) {
	s := New(testCatalog(t))
	const zoomPy = "ZOOM = \"https://api.zoom.us/v2\"\n"
	tests := []struct {
		name, file, src string
		want            []string // "LINE TEXT [CANDIDATES]"
		reason          string   // in every skip's reason
	}{
		{"go Sprintf on an unknown base in a request", "zoom.go",
			`http.NewRequest("DELETE", fmt.Sprintf("%s/users/%s", c.baseURL, id), nil)`,
			[]string{"1 DELETE {baseURL}/users/{id} [DELETE /users/{userId} GET /users/{userId} PATCH /users/{userId}]"},
			"does not assign Zoom's base URL"},
		{"zoom base, method unknown", "zoom.py",
			zoomPy + `u = "{}/meetings/{}".format(ZOOM, mid)`,
			[]string{"2 /meetings/{mid} [DELETE /meetings/{meetingId} GET /meetings/{meetingId} PATCH /meetings/{meetingId}]"},
			"HTTP method not found"},
		{"zoom base, path not in the catalog", "zoom.py",
			zoomPy + `requests.get("%s/webinars/%s" % (ZOOM, wid))`,
			[]string{"2 GET /webinars/{wid} []"},
			"not in the catalog"},
		{"zoom base, path built at run time", "zoom.py",
			zoomPy + `requests.get("%s%s" % (ZOOM, path))`,
			[]string{"2 /{path} []"},
			"built at run time"},
		{"zoom base in a message is no URL", "zoom.py",
			zoomPy + `log.error("%s: request failed" % ZOOM)`,
			nil, ""},
		{"go Sprintf on another host's base", "zoom.go",
			"const gh = \"https://api.github.com\"\nhttp.NewRequest(\"DELETE\", fmt.Sprintf(\"%s/users/%s\", gh, id), nil)",
			nil, ""},
		{"percent on a name", "zoom.py",
			zoomPy + "label = \"%s/users\" % name\nprint(\"%s/users\" % name)",
			nil, ""},
		{"unknown base outside a Zoom file", "client.go",
			`http.NewRequest("DELETE", fmt.Sprintf("%s/users/%s", c.baseURL, id), nil)`,
			nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := s.ScanFile(tt.file, []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Calls) != 0 {
				t.Errorf("calls = %+v, want none", res.Calls)
			}
			var got []string
			for _, k := range res.Skipped {
				got = append(got, fmt.Sprintf("%d %s [%s]", k.Line, k.Text, strings.Join(k.Candidates, " ")))
				if !strings.Contains(k.Reason, tt.reason) {
					t.Errorf("reason %q, want it to contain %q", k.Reason, tt.reason)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("skipped = %q, want %q", got, tt.want)
			}
		})
	}
}
