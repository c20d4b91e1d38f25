package audit

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/planner"
)

// UsageRow is one API call an app really made, from Zoom's Marketplace API
// call logs or a HAR file.
type UsageRow struct {
	Method string
	// URL is the concrete URL as logged.
	URL string
	// Time is when the call was made; zero when the log does not say.
	Time   time.Time
	Status int
	// Code and Scopes come from the response body, when the log has it
	// (HAR): Zoom's error code and, for a 4711, the scopes it lists.
	Code   int
	Scopes []string
}

// Usage is what an app's logs show: the rows read, and the period they
// cover.
type Usage struct {
	Rows []UsageRow
	// Skipped counts entries that are no Zoom REST API call (other hosts
	// in a HAR file).
	Skipped int
}

// ParseUsage reads call logs: Zoom's Marketplace API call logs
// ({"call_logs": [...], "next_page_token": ...}, one page, several pages
// concatenated or one per line, or an array of pages or of rows) or a HAR
// file ({"log": {"entries": [...]}}).
func ParseUsage(name string, data []byte) (Usage, error) {
	var u Usage
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if len(bytes.TrimSpace(data)) == 0 {
		return u, fmt.Errorf("%s: the file is empty", name)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	for n := 1; ; n++ {
		// Peek at the document's first byte: an array of pages or rows,
		// or one object.
		rest := bytes.TrimLeft(data[min(int(dec.InputOffset()), len(data)):], " \t\r\n")
		if len(rest) == 0 {
			break
		}
		var err error
		if rest[0] == '[' {
			var docs []logDoc
			if err = dec.Decode(&docs); err == nil {
				for _, d := range docs {
					if err = u.addDoc(name, d); err != nil {
						return u, err
					}
				}
			}
		} else {
			var d logDoc
			if err = dec.Decode(&d); err == nil {
				if err = u.addDoc(name, d); err != nil {
					return u, err
				}
			}
		}
		if err != nil {
			line := 1 + bytes.Count(data[:min(int(dec.InputOffset()), len(data))], []byte("\n"))
			return u, fmt.Errorf("%s: document %d (near line %d): %w", name, n, line, err)
		}
	}
	if len(u.Rows) == 0 && u.Skipped == 0 {
		return u, fmt.Errorf("%s: no API calls (want Zoom's call logs, {\"call_logs\": [...]}, or a HAR file)", name)
	}
	return u, nil
}

// flex is a JSON value that may be a string or a number ("1735725600000"
// or 1735725600000, "200" or 200).
type flex string

// UnmarshalJSON reads a string or a number; null stays empty.
func (f *flex) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || string(b) == "null":
		*f = ""
	case b[0] == '"':
		if bytes.IndexByte(b, '\\') < 0 && len(b) >= 2 {
			*f = flex(strings.TrimSpace(string(b[1 : len(b)-1])))
			return nil
		}
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flex(strings.TrimSpace(s))
	case b[0] == '-' || b[0] >= '0' && b[0] <= '9':
		*f = flex(b)
	default:
		return fmt.Errorf("want a string or a number, got %s", b)
	}
	return nil
}

// logRow is one row of Zoom's API call logs.
type logRow struct {
	URLPattern string `json:"url_pattern"`
	URL        string `json:"url"`
	Method     string `json:"method"`
	Time       flex   `json:"time"`
	Status     flex   `json:"http_status"`
	ErrorCode  flex   `json:"error_code"`
}

// logDoc is any document a usage file may hold: a page of call logs, a
// HAR file, or one row.
type logDoc struct {
	CallLogs *[]logRow `json:"call_logs"`
	Log      *harLog   `json:"log"`
	logRow
}

type harLog struct {
	Entries *[]harEntry `json:"entries"`
}

type harEntry struct {
	Started string `json:"startedDateTime"`
	Request struct {
		Method string `json:"method"`
		URL    string `json:"url"`
	} `json:"request"`
	Response struct {
		Status  flex `json:"status"`
		Content struct {
			Text     string `json:"text"`
			Encoding string `json:"encoding"`
		} `json:"content"`
	} `json:"response"`
}

// addDoc adds one JSON document: a page, a HAR log or a row.
func (u *Usage) addDoc(name string, d logDoc) error {
	switch {
	case d.CallLogs != nil:
		for _, r := range *d.CallLogs {
			if err := u.addLogRow(name, r); err != nil {
				return err
			}
		}
		return nil
	case d.Log != nil:
		return u.addHAR(name, d.Log)
	case d.URLPattern != "" || d.URL != "" && d.Method != "":
		return u.addLogRow(name, d.logRow)
	}
	return fmt.Errorf("%s: not a call log page (call_logs), a call log row (url_pattern) or a HAR file (log.entries)", name)
}

func (u *Usage) addLogRow(name string, m logRow) error {
	raw := m.URLPattern
	if raw == "" {
		raw = m.URL
	}
	if raw == "" || m.Method == "" {
		return fmt.Errorf("%s: a call log row without url_pattern or method", name)
	}
	r := UsageRow{Method: strings.ToUpper(m.Method), URL: raw}
	r.Status, _ = strconv.Atoi(string(m.Status))
	r.Code, _ = strconv.Atoi(string(m.ErrorCode))
	if m.Time != "" {
		tm, err := timeOf(string(m.Time))
		if err != nil {
			return fmt.Errorf("%s: call log row %s %s: %w", name, m.Method, raw, err)
		}
		r.Time = tm
	}
	u.Rows = append(u.Rows, r)
	return nil
}

func (u *Usage) addHAR(name string, lg *harLog) error {
	if lg.Entries == nil {
		return fmt.Errorf("%s: a HAR file without log.entries", name)
	}
	for _, e := range *lg.Entries {
		method, raw := e.Request.Method, e.Request.URL
		// Other hosts, and CORS preflights (OPTIONS), are no API calls.
		if method == "" || raw == "" || !isZoomAPI(raw) || strings.EqualFold(method, "OPTIONS") {
			u.Skipped++
			continue
		}
		r := UsageRow{Method: strings.ToUpper(method), URL: raw}
		if tm, err := time.Parse(time.RFC3339Nano, e.Started); err == nil {
			r.Time = tm.UTC()
		}
		r.Status, _ = strconv.Atoi(string(e.Response.Status))
		text := e.Response.Content.Text
		if e.Response.Content.Encoding == "base64" {
			if b, err := base64.StdEncoding.DecodeString(text); err == nil {
				text = string(b)
			}
		}
		r.Code, r.Scopes = errorBody(text)
		u.Rows = append(u.Rows, r)
	}
	return nil
}

// isZoomAPI reports whether a URL is a Zoom REST API call (/v2 under a
// zoom.us host).
func isZoomAPI(raw string) bool {
	pu, err := url.Parse(raw)
	if err != nil {
		return false
	}
	h := strings.ToLower(pu.Hostname())
	return (h == "zoom.us" || strings.HasSuffix(h, ".zoom.us")) && (pu.Path == "/v2" || strings.HasPrefix(pu.Path, "/v2/"))
}

// errorBody reads Zoom's error code and a 4711's listed scopes from a
// response body.
func errorBody(text string) (int, []string) {
	var b struct {
		Code    json.Number `json:"code"`
		Message string      `json:"message"`
	}
	if json.Unmarshal([]byte(text), &b) != nil {
		return 0, nil
	}
	code, _ := strconv.Atoi(b.Code.String())
	m := regexp.MustCompile(`(?i)does not contain scopes?\s*:?\s*\[([^\]]*)`).FindStringSubmatch(b.Message)
	if m == nil {
		return code, nil
	}
	var scopes []string
	for _, f := range strings.Split(m[1], ",") {
		if f = strings.TrimSpace(f); f != "" {
			scopes = append(scopes, f)
		}
	}
	return code, scopes
}

// timeOf reads a call log's time: Unix milliseconds (a string or a
// number), or an RFC 3339 date.
func timeOf(s string) (time.Time, error) {
	if ms, err := strconv.ParseInt(s, 10, 64); err == nil {
		return time.UnixMilli(ms).UTC(), nil
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.UTC(), nil
	}
	return time.Time{}, fmt.Errorf("time %q is not Unix milliseconds or a date", s)
}

// UsedCall is one endpoint the logs show the app calling.
type UsedCall struct {
	// Call is the endpoint's "METHOD /template" (or its label when the
	// catalog gives no path); Example is one logged URL.
	Call     string
	Example  string
	Endpoint *catalog.Endpoint
	// Count counts the rows; OK those with a 2xx or 3xx status; Denied
	// those with 401 or 403.
	Count, OK, Denied int
	// Listed are the scopes a 4711 body listed for it, when the log has
	// the body.
	Listed []string
}

// UnresolvedCall is a logged URL no endpoint matches (or several do).
type UnresolvedCall struct {
	// Call is the URL's path with the segments that look like values
	// (ids, emails) written {id}; Example is one logged URL. URLs of one
	// shape are counted together.
	Call        string
	Example     string
	Count       int
	Reason      string
	Suggestions []string
}

// UsageResult is an audit of the requested scopes against real usage.
type UsageResult struct {
	*Result
	// From and To bound the rows considered (zero when no row has a time).
	From, To time.Time
	// Rows counts the rows considered; Filtered those --since/--until
	// left out; Skipped the entries that are no Zoom API call; Other the
	// rows that failed for a reason other than authorisation (4xx, 5xx),
	// which count as no use.
	Rows, Filtered, Skipped, Other int
	Calls                          []UsedCall
	Unresolved                     []UnresolvedCall
}

// UsageOptions filter the rows by time; zero values do not filter.
type UsageOptions struct {
	Since, Until time.Time
}

// resolver resolves concrete URLs to endpoints, caching by the URL's
// shape: a path segment that is no literal segment of any endpoint's
// template (an id, an email, "me" where no template spells it) matches
// exactly the templates a parameter would, so it becomes one.
type resolver struct {
	c        *catalog.Catalog
	literals map[string]bool
	cache    map[string]resolved
}

type resolved struct {
	spec string
	eps  []*catalog.Endpoint
}

func newResolver(c *catalog.Catalog) *resolver {
	r := &resolver{c: c, literals: map[string]bool{}, cache: map[string]resolved{}}
	for _, e := range c.Endpoints {
		for _, s := range strings.Split(catalog.TrimPath(e.Path), "/") {
			if !strings.HasPrefix(s, "{") {
				r.literals[s] = true
			}
		}
	}
	return r
}

// resolve returns the call spec of a logged call ("METHOD /shape") and
// the endpoints it names.
func (r *resolver) resolve(method, raw string) resolved {
	segs := strings.Split(strings.TrimRight(urlPath(raw), "/"), "/")
	for i, s := range segs {
		if strings.IndexByte(s, '%') >= 0 {
			if u, err := url.PathUnescape(s); err == nil && !strings.Contains(u, "/") {
				s = u
			}
		}
		if i > 0 && !r.literals[s] {
			s = "{}"
		}
		segs[i] = s
	}
	shape := method + " " + strings.Join(segs, "/")
	if got, ok := r.cache[shape]; ok {
		return got
	}
	eps, _ := r.c.Resolve(shape)
	got := resolved{spec: shape, eps: eps}
	r.cache[shape] = got
	return got
}

// urlPath is a logged URL's path below /v2, without scheme, host, query
// or fragment.
func urlPath(raw string) string {
	p := raw
	if i := strings.Index(p, "://"); i >= 0 {
		p = p[i+3:]
		if j := strings.IndexByte(p, '/'); j >= 0 {
			p = p[j:]
		} else {
			p = "/"
		}
	}
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	if p == "/v2" || strings.HasPrefix(p, "/v2/") {
		p = p[3:]
	}
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return p
}

// RunUsage audits a request against the calls the logs show, plus any
// intended calls: requested scopes no successful call used are unused,
// calls denied (401/403) that no requested scope covers are missing, and
// logged URLs that resolve to no single endpoint make the audit
// unverified, as unmapped calls do.
func RunUsage(c *catalog.Catalog, req Request, u Usage, intended []planner.Call, app planner.AppType, o UsageOptions) (*UsageResult, error) {
	res := &UsageResult{Skipped: u.Skipped}
	rs := newResolver(c)
	byEndpoint := map[int]*UsedCall{}
	bySpec := map[string]*UnresolvedCall{}
	var order []int
	var unresolvedOrder []string
	for _, row := range u.Rows {
		if !row.Time.IsZero() && (!o.Since.IsZero() && row.Time.Before(o.Since) || !o.Until.IsZero() && row.Time.After(o.Until)) {
			res.Filtered++
			continue
		}
		res.Rows++
		if !row.Time.IsZero() {
			if res.From.IsZero() || row.Time.Before(res.From) {
				res.From = row.Time
			}
			if row.Time.After(res.To) {
				res.To = row.Time
			}
		}
		ok := row.Status >= 200 && row.Status < 400
		denied := row.Status == 401 || row.Status == 403 || row.Code == 4711
		if !ok && !denied {
			res.Other++
			continue
		}
		rv := rs.resolve(row.Method, row.URL)
		if len(rv.eps) != 1 {
			uc := bySpec[rv.spec]
			if uc == nil {
				uc = &UnresolvedCall{Call: row.Method + " " + deID(row.URL), Example: row.URL}
				bySpec[rv.spec] = uc
				unresolvedOrder = append(unresolvedOrder, rv.spec)
				if len(rv.eps) == 0 {
					uc.Reason = "no endpoint matches this URL"
					uc.Suggestions = c.Suggest(rv.spec, 3)
				} else {
					uc.Reason = fmt.Sprintf("ambiguous: matches %d endpoints", len(rv.eps))
					for _, e := range rv.eps {
						uc.Suggestions = append(uc.Suggestions, e.Label())
					}
				}
			}
			uc.Count++
			continue
		}
		e := rv.eps[0]
		uc := byEndpoint[e.ID]
		if uc == nil {
			spec := e.Label()
			if e.Path != "" {
				spec = e.Method + " " + e.Path
			} else if e.OperationID != "" {
				spec = e.OperationID
			}
			uc = &UsedCall{Call: spec, Example: row.URL, Endpoint: e}
			byEndpoint[e.ID] = uc
			order = append(order, e.ID)
		}
		uc.Count++
		if ok {
			uc.OK++
		} else {
			uc.Denied++
			for _, s := range row.Scopes {
				if !slices.Contains(uc.Listed, s) {
					uc.Listed = append(uc.Listed, s)
				}
			}
		}
	}
	calls := append([]planner.Call(nil), intended...)
	for _, id := range order {
		uc := byEndpoint[id]
		res.Calls = append(res.Calls, *uc)
		calls = append(calls, planner.Call{Spec: endpointSpec(c, uc)})
	}
	for _, k := range unresolvedOrder {
		uc := bySpec[k]
		res.Unresolved = append(res.Unresolved, *uc)
		calls = append(calls, planner.Call{Spec: uc.Call})
	}
	sort.SliceStable(res.Calls, func(i, j int) bool { return res.Calls[i].Count > res.Calls[j].Count })
	r, err := Run(c, req, calls, app)
	if err != nil {
		return nil, err
	}
	res.Result = r
	return res, nil
}

// endpointSpec is a spec that resolves to the used call's endpoint alone.
func endpointSpec(c *catalog.Catalog, uc *UsedCall) string {
	for _, s := range []string{uc.Call, uc.Endpoint.Link, uc.Endpoint.OperationID} {
		if s == "" {
			continue
		}
		if eps, _ := c.Resolve(s); len(eps) == 1 && eps[0].ID == uc.Endpoint.ID {
			return s
		}
	}
	return uc.Call
}

// deID is a logged URL's path with the segments that look like values
// (ids, emails, numbers) written {id}.
func deID(raw string) string {
	segs := strings.Split(catalog.TrimPath(urlPath(raw)), "/")
	for i, s := range segs {
		if i > 0 && (looksLikeID(s) || strings.ContainsAny(s, "<>{}")) {
			segs[i] = "{id}"
		}
	}
	return strings.Join(segs, "/")
}
