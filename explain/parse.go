package explain

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
)

// ZoomError is an error body as Zoom answered it.
type ZoomError struct {
	// Code is Zoom's error code (4711, 124, ...); 0 when the text gave
	// only a message.
	Code    int    `json:"code" yaml:"code"`
	Message string `json:"message" yaml:"message"`
	// Scopes are the scopes a 4711 message lists, in order, deduplicated.
	Scopes []string `json:"scopes" yaml:"scopes"`
}

// scopeListRe finds the scope list of a "does not contain scopes:[...]"
// message; the brackets may be missing or unclosed when the text was cut.
func scopeListRe() *regexp.Regexp {
	return regexp.MustCompile(`(?i)does\s+not\s+contain\s+(?:required\s+)?scopes?\s*:?\s*\[?([^\]"}]*)`)
}

// MaxMessageSize bounds the error text a caller should read for Parse (a
// response body, a log excerpt) from a file or standard input.
const MaxMessageSize = 16 << 20

// Parse reads what Zoom answered: a JSON error body (code and message,
// alone or inside other text such as a log line or an HTTP dump), or the
// bare message. ok is false when the text holds no Zoom error.
func Parse(text string) (ZoomError, bool) {
	text = strings.TrimSpace(strings.TrimPrefix(text, "\ufeff"))
	if text == "" {
		return ZoomError{}, false
	}
	if ze, ok := parseJSON(text); ok {
		ze.Scopes = scopesOf(ze.Message)
		return ze, true
	}
	// A bare message: only the messages Zoom is known to send count.
	msg := firstLine(text)
	ze := ZoomError{Message: msg, Scopes: scopesOf(text)}
	lower := strings.ToLower(text)
	switch {
	case len(ze.Scopes) > 0 || strings.Contains(lower, "does not contain scopes"):
		ze.Code = 4711
		if m := regexp.MustCompile(`(?i)invalid access token[^\n]*`).FindString(text); m != "" {
			ze.Message = strings.TrimSpace(m)
		}
	case strings.Contains(lower, "event is not allowed for the app"):
	case strings.Contains(lower, "access token is expired"), strings.Contains(lower, "invalid access token"):
		ze.Code = 124
	default:
		if c, ok := codeMention(text); ok {
			ze.Code = c
			return ze, true
		}
		return ZoomError{}, false
	}
	return ze, true
}

// codeMention finds "code 4711" / "code: 124" / "error 4700" in free text,
// for the codes this package knows.
func codeMention(text string) (int, bool) {
	m := regexp.MustCompile(`(?i)\b(?:code|error)\b\W{0,3}(\d{2,5})\b`).FindStringSubmatch(text)
	if m == nil {
		return 0, false
	}
	c, _ := strconv.Atoi(m[1])
	if _, ok := tokenErrors()[c]; ok || c == 4711 {
		return c, true
	}
	return 0, false
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}

// parseJSON finds the first JSON object in text with a code or a message
// and reads them; the code may be a number or a string.
func parseJSON(text string) (ZoomError, bool) {
	// Each '{' may open the body; a long text full of braces is tried at
	// its first few hundred only, so parsing stays linear in practice.
	tries := 0
	for i := 0; i < len(text) && tries < 256; i++ {
		if text[i] != '{' {
			continue
		}
		tries++
		dec := json.NewDecoder(strings.NewReader(text[i:]))
		dec.UseNumber()
		var m map[string]any
		if err := dec.Decode(&m); err != nil {
			continue
		}
		if ze, ok := fromMap(m); ok {
			return ze, true
		}
	}
	return ZoomError{}, false
}

// fromMap reads code and message from an object, or from its "error"
// member when the body wraps them.
func fromMap(m map[string]any) (ZoomError, bool) {
	if inner, ok := m["error"].(map[string]any); ok {
		if ze, ok := fromMap(inner); ok {
			return ze, true
		}
	}
	msg, hasMsg := m["message"].(string)
	var code int
	hasCode := false
	switch v := m["code"].(type) {
	case json.Number:
		if n, err := strconv.Atoi(v.String()); err == nil {
			code, hasCode = n, true
		}
	case string:
		if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil {
			code, hasCode = n, true
		}
	}
	if !hasMsg && !hasCode {
		return ZoomError{}, false
	}
	if !hasCode {
		// A message alone is a Zoom error only when it is one Zoom sends.
		ze, ok := Parse(msg)
		if !ok || strings.HasPrefix(strings.TrimSpace(msg), "{") {
			return ZoomError{}, false
		}
		return ze, true
	}
	return ZoomError{Code: code, Message: strings.TrimSpace(msg)}, true
}

// scopesOf extracts the listed scopes of a "does not contain scopes"
// message: comma- or space-separated names, deduplicated, in order.
func scopesOf(msg string) []string {
	m := scopeListRe().FindStringSubmatch(msg)
	if m == nil {
		return []string{}
	}
	out := []string{}
	seen := map[string]bool{}
	for _, f := range strings.FieldsFunc(m[1], func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\'' || r == '`' }) {
		f = strings.TrimRight(strings.TrimSpace(f), ".")
		if !scopeNameRe().MatchString(f) {
			continue
		}
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	return out
}

// scopeNameRe matches what may be a scope name: letters, digits, '_',
// '-', '.' and ':' (a one-segment classic scope like "meeting" too).
func scopeNameRe() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_.:-]*$`) }
