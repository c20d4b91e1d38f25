package report

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

func TestFitWidths(t *testing.T) {
	for _, tc := range []struct {
		natural []int
		width   int
		want    []int
	}{
		{[]int{10, 20}, 0, []int{10, 20}},    // unknown width: natural
		{[]int{10, 20}, 100, []int{10, 20}},  // fits
		{[]int{10, 40, 30}, 60, nil},         // must shrink to 60
		{[]int{9, 9, 9}, 10, []int{8, 8, 8}}, // cannot fit: minimum widths
	} {
		got := fitWidths(tc.natural, tc.width, 2)
		if tc.want != nil {
			if len(got) != len(tc.want) {
				t.Fatalf("%v", got)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("fitWidths(%v, %d) = %v, want %v", tc.natural, tc.width, got, tc.want)
					break
				}
			}
			continue
		}
		total := 2 * (len(got) - 1)
		for _, w := range got {
			total += w
		}
		if total != tc.width || got[0] != 10 {
			t.Errorf("fitWidths(%v, %d) = %v (total %d): want the widest columns cut to fit", tc.natural, tc.width, got, total)
		}
	}
}

// TestTerminalTable: on a terminal the table matches the tabwriter layout
// when it fits, and cuts with an ellipsis when it does not.
func TestTerminalTable(t *testing.T) {
	fill := func(tb *Table) {
		tb.Row("a", "error", "short")
		tb.Row("bbbbbb", "warning", strings.Repeat("long message ", 8))
	}
	var plain, wide, narrow bytes.Buffer
	p := NewTable(&plain, true, "x", "severity", "message")
	fill(p)
	w := NewTable(NewTerminal(&wide, 0, false), true, "x", "severity", "message")
	fill(w)
	n := NewTable(NewTerminal(&narrow, 40, true), true, "x", "severity", "message")
	n.Style(1, SeverityStyle)
	fill(n)
	for _, tb := range []*Table{p, w, n} {
		if err := tb.Flush(); err != nil {
			t.Fatal(err)
		}
	}
	if wide.String() != plain.String() {
		t.Errorf("terminal layout differs from tabwriter's:\n%s\n%s", wide.String(), plain.String())
	}
	if !strings.Contains(narrow.String(), "…") || !strings.Contains(narrow.String(), "\x1b[31merror\x1b[0m") {
		t.Errorf("narrow coloured table:\n%q", narrow.String())
	}
}

// TestEscapedTerminal: escaping on a colour terminal keeps the writer a
// Terminal and lets through exactly the Styles' sequences; a document's
// own escape sequences are still escaped.
func TestEscapedTerminal(t *testing.T) {
	var buf bytes.Buffer
	w := EscapeWriter(NewTerminal(&buf, 80, true))
	if _, ok := w.(Terminal); !ok {
		t.Fatal("EscapeWriter of a terminal is no Terminal")
	}
	doc := "evil\x1b]0;title\x07\x1b[2J"
	if _, err := io.WriteString(w, Paint(w, StyleBad, "error")+" "+doc+"\n"); err != nil {
		t.Fatal(err)
	}
	want := "\x1b[31merror\x1b[0m evil\\x1b]0;title\\x07\\x1b[2J\n"
	if buf.String() != want {
		t.Errorf("got %q, want %q", buf.String(), want)
	}
	buf.Reset()
	plain := EscapeWriter(NewTerminal(&buf, 80, false))
	if _, err := io.WriteString(plain, "\x1b[31mx\n"); err != nil {
		t.Fatal(err)
	}
	if buf.String() != "\\x1b[31mx\n" {
		t.Errorf("colour off: %q", buf.String())
	}
}
