package report

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Escape makes text from a document, a file name or a server safe for a
// terminal: C0 control characters other than tab and newline, and DEL,
// become \xHH ("\x1b"); C1 control characters and the bidirectional
// formatting characters (U+061C, U+200E, U+200F, U+202A..U+202E,
// U+2066..U+2069) become \uHHHH ("\u202e"); bytes that are not UTF-8
// become \xHH. Everything else is unchanged.
func Escape(s string) string {
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unsafeRune(r, size) {
			break
		}
		i += size
	}
	if i == len(s) {
		return s // the common case: nothing to escape
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case !unsafeRune(r, size):
			b.WriteString(s[i : i+size])
		case r == utf8.RuneError || r < 0x80:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
		i += size
	}
	return b.String()
}

// unsafeRune reports whether a decoded rune (size bytes long) is escaped.
func unsafeRune(r rune, size int) bool {
	switch {
	case r == utf8.RuneError && size == 1:
		return true // not UTF-8
	case r == '\t' || r == '\n':
		return false
	case r < 0x20 || r == 0x7f:
		return true
	case r >= 0x80 && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// EscapeWriter returns a writer that passes everything through Escape. A
// multi-byte character split across writes is held until it is complete.
func EscapeWriter(w io.Writer) io.Writer {
	if _, ok := w.(*escapeWriter); ok {
		return w
	}
	if t, ok := w.(Terminal); ok {
		return escapeTerminal(t)
	}
	return &escapeWriter{w: w}
}

type escapeWriter struct {
	w       io.Writer
	pending []byte // the start of a character a later write completes
}

func (e *escapeWriter) Write(p []byte) (int, error) {
	buf := p
	if len(e.pending) > 0 {
		buf = append(e.pending, p...)
		e.pending = nil
	}
	// Hold back an incomplete character at the end (at most 3 bytes).
	cut := len(buf)
	for back := 1; back <= 3 && back <= len(buf); back++ {
		c := buf[len(buf)-back]
		if c < 0x80 {
			break
		}
		if utf8.RuneStart(c) {
			if !utf8.FullRune(buf[len(buf)-back:]) {
				cut = len(buf) - back
			}
			break
		}
	}
	if cut < len(buf) {
		e.pending = append([]byte(nil), buf[cut:]...)
	}
	if _, err := io.WriteString(e.w, Escape(string(buf[:cut]))); err != nil {
		return 0, err
	}
	return len(p), nil
}
