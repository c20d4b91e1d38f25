package audit

import (
	"strings"
	"unicode"

	"github.com/scopeplan/scopeplan/catalog"
)

// Judge is a requested scope the audit cannot judge: no mapped call needs
// it, but a call (or event) that did not map could, by its product or
// resource words.
type Judge struct {
	Scope     string
	Optional  bool
	Endpoints []*catalog.Endpoint
	// Calls are the unmapped calls that could need the scope, as given.
	Calls []string
}

// genericWords (stemmed) are words of calls and scope names that say nothing about
// which product or resource is meant.
func genericWords() map[string]bool {
	return map[string]bool{
		"": true, "v2": true, "api": true, "zoom": true, "me": true, "list": true, "batch": true,
		"get": true, "create": true, "update": true, "delete": true, "read": true, "write": true,
		"add": true, "remove": true, "by": true, "of": true, "a": true, "an": true, "the": true,
		"admin": true, "master": true, "http": true, "https": true, "us": true, "com": true,
		"doc": true, "rest": true, "reference": true, "method": true, "ma": true, "operation": true,
		"post": true, "put": true, "patch": true,
	}
}

// stem lowercases a word and drops a plural ending, so "meetings" and
// "meeting", "policies" and "policy" compare equal.
func stem(w string) string {
	w = strings.ToLower(w)
	switch {
	case len(w) > 4 && strings.HasSuffix(w, "ies"):
		return w[:len(w)-3] + "y"
	case len(w) > 3 && strings.HasSuffix(w, "ss"):
		return w
	case len(w) > 3 && strings.HasSuffix(w, "s"):
		return w[:len(w)-1]
	}
	return w
}

// splitWords splits text at every non-letter-or-digit and at lower-to-upper
// case changes ("meetingCreate" -> meeting, create), stems each word and
// drops generic ones.
func splitWords(text string, into map[string]bool) {
	generic := genericWords()
	var cur []rune
	flush := func() {
		if w := stem(string(cur)); !generic[w] && len(w) > 1 {
			into[w] = true
		}
		cur = cur[:0]
	}
	var prev rune
	for _, r := range text {
		switch {
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			flush()
		case unicode.IsUpper(r) && unicode.IsLower(prev):
			flush()
			cur = append(cur, r)
		default:
			cur = append(cur, r)
		}
		prev = r
	}
	flush()
}

// callWords are the product and resource words of a call spec: a path's
// literal segments, a doc link's product and operation, an operationId's
// or name's words. Path parameters ({userId}, concrete ids) carry none.
func callWords(spec string) map[string]bool {
	out := map[string]bool{}
	s := strings.TrimSpace(spec)
	if f := strings.Fields(s); len(f) == 2 && !strings.Contains(f[0], "/") {
		s = f[1]
	}
	if strings.Contains(s, "/") {
		if i := strings.Index(s, "#operation/"); i >= 0 {
			splitWords(s[i+len("#operation/"):], out)
			s = s[:i]
		}
		for _, seg := range strings.Split(catalog.TrimPath(s), "/") {
			if strings.HasPrefix(seg, "{") || looksLikeID(seg) {
				continue
			}
			splitWords(seg, out)
		}
		return out
	}
	splitWords(s, out)
	return out
}

// looksLikeID reports whether a concrete path segment is a value rather
// than a word: it holds a digit, an '@' or '=', or is long and mixed-case.
func looksLikeID(seg string) bool {
	if strings.ContainsAny(seg, "0123456789@=%.") {
		return true
	}
	upper, lower := false, false
	for _, r := range seg {
		upper = upper || unicode.IsUpper(r)
		lower = lower || unicode.IsLower(r)
	}
	return len(seg) >= 16 && upper && lower
}

// scopeWords are a scope's product and resource words
// ("meeting:read:list_meetings:admin" -> meeting).
func scopeWords(name string) map[string]bool {
	out := map[string]bool{}
	parts := strings.Split(name, ":")
	if len(parts) > 0 {
		splitWords(parts[0], out)
	}
	if len(parts) > 2 && catalog.IsAction(parts[1]) {
		splitWords(parts[2], out)
	}
	return out
}

// unjudged is a call or event the audit could not map, with its words.
type unjudged struct {
	label string
	words map[string]bool
}

// couldNeed lists the unmapped calls and events whose words share one
// with the scope.
func couldNeed(scope string, open []unjudged) []string {
	sw := scopeWords(scope)
	var out []string
	for _, u := range open {
		for w := range sw {
			if u.words[w] {
				out = append(out, u.label)
				break
			}
		}
	}
	return out
}

// eventWords are an event name's words ("meeting.participant_joined" ->
// meeting, participant, joined).
func eventWords(name string) map[string]bool {
	out := map[string]bool{}
	splitWords(name, out)
	return out
}
