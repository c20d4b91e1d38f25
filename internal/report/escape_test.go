package report

import (
	"bytes"
	"strings"
	"testing"
)

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"plain text, tabs\tand\nnewlines": "plain text, tabs\tand\nnewlines",
		"scope\x1b]0;pwned\x07name":       `scope\x1b]0;pwned\x07name`,
		"clear\x1b[2J":                    `clear\x1b[2J`,
		"rev\u202eesrever":                `rev\u202eesrever`,
		"iso\u2066late\u2069 \u200f":      `iso\u2066late\u2069 \u200f`,
		"c1 \u009b31m del \x7f cr \r":     `c1 \u009b31m del \x7f cr \x0d`,
		"not utf-8 \xff\x9b":              `not utf-8 \xff\x9b`,
		"ünïcode — 日本 ✓":                  "ünïcode — 日本 ✓",
	} {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestEscapeWriterSplitRune: a bidi override split across two writes is
// still escaped, and ordinary multi-byte text split the same way is kept.
func TestEscapeWriterSplitRune(t *testing.T) {
	var b bytes.Buffer
	w := EscapeWriter(&b)
	s := "a\u202eb 日本"
	for i := 0; i < len(s); i++ {
		if _, err := w.Write([]byte{s[i]}); err != nil {
			t.Fatal(err)
		}
	}
	if got := b.String(); got != `a\u202eb 日本` {
		t.Errorf("got %q", got)
	}
}

func FuzzEscape(f *testing.F) {
	for _, s := range []string{"a\x1b[2Jb", "\u202e", "\xff", "日本\t\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Escape(s)
		for _, r := range out {
			if unsafeRune(r, len(string(r))) && r != '\uFFFD' {
				t.Fatalf("Escape(%q) = %q keeps %U", s, out, r)
			}
		}
		if strings.ContainsAny(out, "\x1b\r\u202e") {
			t.Fatalf("Escape(%q) = %q", s, out)
		}
	})
}
