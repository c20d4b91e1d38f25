package scan

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/internal/loader"
)

// testCatalog builds the small catalog of testdata/catalog: a granular
// page excerpt and two API references with the paths the fixtures call.
func testCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	c, _, err := loader.Build(context.Background(), loader.Options{Docs: []string{filepath.Join("testdata", "catalog")}})
	if err != nil {
		t.Fatalf("load test catalog: %v", err)
	}
	return c
}

// expectedCall is one line of testdata/expected.txt.
type expectedCall struct {
	at, call   string // "file:line", "METHOD /path"
	confidence Confidence
}

func readExpected(t *testing.T) []expectedCall {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "expected.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []expectedCall
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := sc.Text()
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		parts := strings.Split(l, "\t")
		if len(parts) != 3 {
			t.Fatalf("expected.txt: bad line %q", l)
		}
		out = append(out, expectedCall{at: parts[0], call: parts[1], confidence: Confidence(parts[2])})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestFixturePrecisionRecall scans the multi-language fixture tree and
// compares the calls found with testdata/expected.txt: precision and
// recall must both be 1, and every confidence must be the expected one.
func TestFixturePrecisionRecall(t *testing.T) {
	s := New(testCatalog(t))
	root := filepath.Join("testdata", "src")
	res, err := s.Scan(root)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Confidence{}
	for _, e := range readExpected(t) {
		want[e.at+" "+e.call] = e.confidence
	}
	got := map[string]Confidence{}
	prefix := filepath.ToSlash(root) + "/"
	for _, c := range res.Calls {
		got[strings.TrimPrefix(c.File, prefix)+":"+strconv.Itoa(c.Line)+" "+c.Call] = c.Confidence
	}
	tp := 0
	for k, conf := range got {
		w, ok := want[k]
		if !ok {
			t.Errorf("false positive: %s (%s)", k, conf)
			continue
		}
		tp++
		if w != conf {
			t.Errorf("%s: confidence %s, want %s", k, conf, w)
		}
	}
	for k := range want {
		if _, ok := got[k]; !ok {
			t.Errorf("missed: %s", k)
		}
	}
	precision := float64(tp) / float64(max(len(got), 1))
	recall := float64(tp) / float64(max(len(want), 1))
	t.Logf("fixture tree: %d files, %d calls found, %d expected: precision %.3f, recall %.3f", res.Files, len(got), len(want), precision, recall)
	if precision != 1 || recall != 1 {
		t.Errorf("precision %.3f, recall %.3f; want 1 and 1", precision, recall)
	}
}

// TestFixtureSkipped checks the warnings of the fixture tree: the URL
// whose method cannot be known and the HAR request the catalog lacks.
func TestFixtureSkipped(t *testing.T) {
	s := New(testCatalog(t))
	res, err := s.Scan(filepath.Join("testdata", "src"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, k := range res.Skipped {
		got = append(got, fmt.Sprintf("%s:%d %s [%s]", k.File, k.Line, k.Text, strings.Join(k.Candidates, " | ")))
	}
	want := []string{
		"testdata/src/go/zoomclient/client.go:61 /users/{userID} [DELETE /users/{userId} | GET /users/{userId} | PATCH /users/{userId}]",
		"testdata/src/traffic/session.har:214 GET /webinars/81234567890 []",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("skipped:\n got %q\nwant %q", got, want)
	}
}

// TestDeterministic: the same tree gives the same result, in order.
func TestDeterministic(t *testing.T) {
	s := New(testCatalog(t))
	a, err := s.Scan(filepath.Join("testdata", "src"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.Scan(filepath.Join("testdata", "src"))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Error("two scans of the same tree differ")
	}
	for i := 1; i < len(a.Calls); i++ {
		p, c := a.Calls[i-1], a.Calls[i]
		if p.File > c.File || p.File == c.File && p.Line > c.Line {
			t.Errorf("calls out of order: %v before %v", p, c)
		}
	}
}

func TestScanMissingPath(t *testing.T) {
	s := New(testCatalog(t))
	_, err := s.Scan(filepath.Join("testdata", "no-such-dir"))
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("err = %v, want a not-exist error", err)
	}
}
