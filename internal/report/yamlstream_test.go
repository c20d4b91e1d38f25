package report

import (
	"bytes"
	"context"
	"errors"
	"io"
	"runtime"
	"testing"
	"time"

	"github.com/scopeplan/scopeplan"
)

// streamed writes v with writeYAMLStream and with one yaml.v3 Encode,
// and fails unless both give the same bytes.
func streamed(t testing.TB, v any) string {
	t.Helper()
	var got, want bytes.Buffer
	if err := writeYAMLStream(&got, v); err != nil {
		t.Fatalf("writeYAMLStream: %v", err)
	}
	if err := WriteYAML(&want, v); err != nil {
		t.Fatalf("WriteYAML: %v", err)
	}
	if got.String() != want.String() {
		t.Fatalf("streamed YAML differs from yaml.v3's\n--- stream\n%s\n--- yaml.v3\n%s", got.String(), want.String())
	}
	return got.String()
}

type yamlInner struct {
	Name  string   `yaml:"name"`
	Tags  []string `yaml:"tags,omitempty"`
	Count int      `yaml:"count"`
}

type yamlEmbedded struct {
	Version int `yaml:"version"`
}

type yamlOuter struct {
	yamlEmbedded `yaml:",inline"`
	Strings      []string          `yaml:"strings"`
	Empty        []string          `yaml:"empty"`
	Nil          *yamlInner        `yaml:"nil"`
	Skipped      *yamlInner        `yaml:"skipped,omitempty"`
	Inner        yamlInner         `yaml:"inner"`
	ZeroInner    yamlInner         `yaml:"zero_inner,omitempty"`
	Items        []*yamlInner      `yaml:"items"`
	Nested       [][]string        `yaml:"nested"`
	Map          map[string]int    `yaml:"map"`
	Float        float64           `yaml:"float"`
	Bytes        []byte            `yaml:"bytes"`
	When         time.Time         `yaml:"when"`
	Any          any               `yaml:"any"`
	Flag         bool              `yaml:"flag"`
	Unsigned     uint16            `yaml:"unsigned"`
	NoTag        string            //nolint
	Structs      []struct{}        `yaml:"structs"`
	Labels       map[string]string `yaml:"labels,omitempty"`
	hidden       string
}

// tricky are strings whose YAML form is not plain, or nearly so.
var tricky = []string{
	"", "plain", "two words", "a: b", "a:b", "ends:", "x #y", "x#y", "#x", "true", "True", "yes", "off", "y", "null", "~",
	"123", "0x1F", "1e3", "1:20", ".inf", "-", "- x", "-x", "? x", "?x", "[a]", "{a}", "a,b", "*ref", "&a", "!tag", "|", ">",
	"'q'", "\"q\"", "%x", "@x", "`x`", "multi\nline", "multi\n\nblank line\n", "\nlead break", "trail break\n", " lead",
	"trail ", "tab\there", "ünïcode", "bell\a", "---", "...", "a\r\nb", "/docs/#op", "<<", "=", "a\u0085b", "long " + string(bytes.Repeat([]byte("word "), 40)) + "end",
}

func TestWriteYAMLStreamMatchesEncoder(t *testing.T) {
	items := []*yamlInner{nil}
	for _, s := range tricky {
		items = append(items, &yamlInner{Name: s, Tags: []string{s, "b"}, Count: len(s)})
	}
	v := yamlOuter{
		yamlEmbedded: yamlEmbedded{Version: 2},
		Strings:      tricky,
		Empty:        []string{},
		Inner:        yamlInner{Name: "x\ny", Tags: tricky},
		Items:        items,
		Nested:       [][]string{{"a", "b"}, {}, {"c: d"}},
		Map:          map[string]int{"b": 2, "a: x": 1},
		Float:        1.5,
		Bytes:        []byte("bytes"),
		When:         time.Date(2026, 11, 30, 1, 2, 3, 0, time.UTC),
		Any:          []any{"x", 1, map[string]string{"k": "v"}},
		Flag:         true,
		Unsigned:     7,
		NoTag:        "untagged",
		Structs:      []struct{}{{}},
		hidden:       "never written",
	}
	streamed(t, v)
	streamed(t, &v)
	for _, s := range tricky {
		streamed(t, yamlInner{Name: s})
		streamed(t, struct {
			L []yamlInner `yaml:"l"`
		}{[]yamlInner{{Name: s}, {Tags: []string{s}}}})
	}
}

// yamlMarshals gives another value in its place, as catalog.Scope does.
type yamlMarshals struct{ name string }

func (m yamlMarshals) MarshalYAML() (any, error) {
	return yamlInner{Name: m.name, Tags: []string{"derived"}, Count: len(m.name)}, nil
}

// yamlFails and yamlNil leave the value to yaml.v3.
type yamlFails struct{}

func (yamlFails) MarshalYAML() (any, error) { return nil, errors.New("no") }

type yamlNil struct{}

func (yamlNil) MarshalYAML() (any, error) { return nil, nil }

// TestWriteYAMLStreamFollowsMarshalers: a yaml.Marshaler is written as
// the value it gives, as yaml.v3 writes it, at the top, in a field, in a
// list and behind a pointer; a nil result or a nil pointer is yaml.v3's.
func TestWriteYAMLStreamFollowsMarshalers(t *testing.T) {
	var nilPtr *yamlMarshals
	for _, s := range tricky[:20] {
		streamed(t, yamlMarshals{name: s})
		streamed(t, struct {
			M  yamlMarshals    `yaml:"m"`
			L  []yamlMarshals  `yaml:"l"`
			P  *yamlMarshals   `yaml:"p"`
			NP *yamlMarshals   `yaml:"np"`
			N  yamlNil         `yaml:"n"`
			A  []*yamlMarshals `yaml:"a"`
		}{yamlMarshals{s}, []yamlMarshals{{s}, {"b"}}, &yamlMarshals{s}, nilPtr, yamlNil{}, []*yamlMarshals{nil, {s}}})
	}
	var b bytes.Buffer
	if err := writeYAMLStream(&b, struct {
		F yamlFails `yaml:"f"`
	}{}); err == nil {
		t.Errorf("a failing MarshalYAML wrote %q without an error", b.String())
	}
}

func TestWriteYAMLStreamLeavesOtherShapes(t *testing.T) {
	for _, v := range []any{nil, "text", []string{"a"}, map[string]int{"a": 1}, (*yamlInner)(nil), struct {
		F []string `yaml:"f,flow"`
	}{}, struct{}{}} {
		if err := writeYAMLStream(io.Discard, v); !errors.Is(err, errYAMLShape) {
			t.Errorf("writeYAMLStream(%#v) = %v, want errYAMLShape", v, err)
		}
	}
}

// FuzzWriteYAMLStream checks that any string, as a key's value and as a
// sequence item, comes out as yaml.v3 writes it.
func FuzzWriteYAMLStream(f *testing.F) {
	for _, s := range tricky {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		streamed(t, struct {
			S     string      `yaml:"s"`
			Items []yamlInner `yaml:"items"`
			List  []string    `yaml:"list"`
		}{s, []yamlInner{{Name: s, Tags: []string{s}}}, []string{s, s}})
	})
}

// embeddedDump is the dump report of the embedded documents.
func embeddedDump(t testing.TB) DumpReport {
	t.Helper()
	c, p, err := scopeplan.Load(context.Background(), scopeplan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return NewDumpReport(NewMeta(p), c)
}

// TestWriteDumpYAMLIsEncoders checks the streamed dump against yaml.v3 on
// a slice of every list of the real catalog (the whole one takes yaml.v3
// seconds; `catalog dump` on all of it was diffed when the stream was
// written).
func TestWriteDumpYAMLIsEncoders(t *testing.T) {
	r := embeddedDump(t)
	const n = 150
	r.Endpoints = r.Endpoints[:min(n, len(r.Endpoints))]
	r.Scopes = r.Scopes[:min(n, len(r.Scopes))]
	r.Grants = r.Grants[:min(n, len(r.Grants))]
	r.Associations = r.Associations[:min(n, len(r.Associations))]
	r.Events = r.Events[:min(n, len(r.Events))]
	out := streamed(t, r)
	var dump bytes.Buffer
	if err := DumpPrinters().Print(&dump, FormatYAML, false, r); err != nil {
		t.Fatal(err)
	}
	if dump.String() != out {
		t.Fatal("the dump's YAML printer does not write the streamed YAML")
	}
}

// BenchmarkDump writes the whole embedded catalog as JSON and as YAML,
// and reports the YAML/JSON ratios of time and allocated bytes
// (issue 14's target: both at most 2).
func BenchmarkDump(b *testing.B) {
	r := embeddedDump(b)
	measure := func(f Format) (time.Duration, uint64) {
		var m0, m1 runtime.MemStats
		runtime.ReadMemStats(&m0)
		start := time.Now()
		if err := DumpPrinters().Print(io.Discard, f, false, r); err != nil {
			b.Fatal(err)
		}
		d := time.Since(start)
		runtime.ReadMemStats(&m1)
		return d, m1.TotalAlloc - m0.TotalAlloc
	}
	var jt, yt time.Duration
	var jb, yb uint64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d, m := measure(FormatJSON)
		jt, jb = jt+d, jb+m
		d, m = measure(FormatYAML)
		yt, yb = yt+d, yb+m
	}
	b.ReportMetric(float64(jt.Milliseconds())/float64(b.N), "json-ms/op")
	b.ReportMetric(float64(yt.Milliseconds())/float64(b.N), "yaml-ms/op")
	b.ReportMetric(float64(yt)/float64(jt), "yaml/json-time")
	b.ReportMetric(float64(yb)/float64(jb), "yaml/json-bytes")
}
