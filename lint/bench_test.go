package lint

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/parser"
)

// BenchmarkLintVersusParse measures, in one run and interleaved (so that a
// busy machine slows both alike), what `lint --docs data/docs` does:
// parse the embedded documents, build their catalog, run every rule. It
// reports each step's time per operation and the ratios lint/parse (the
// target is at most 1.5) and lint/load (parse and build).
//
//	go test -run '^$' -bench LintVersusParse -benchtime 20x ./lint/
func BenchmarkLintVersusParse(b *testing.B) {
	dir := filepath.Join("..", "data", "docs")
	rules := Rules()
	var parse, build, lint time.Duration
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		docs, err := parser.Load(dir)
		if err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		c, err := catalog.Build(docs)
		if err != nil {
			b.Fatal(err)
		}
		t2 := time.Now()
		if fs := Run(c, rules); len(fs) == 0 {
			b.Fatal("no findings")
		}
		t3 := time.Now()
		parse, build, lint = parse+t1.Sub(t0), build+t2.Sub(t1), lint+t3.Sub(t2)
	}
	perOp := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1e3 / float64(b.N) }
	b.ReportMetric(perOp(parse), "parse-ms/op")
	b.ReportMetric(perOp(build), "build-ms/op")
	b.ReportMetric(perOp(lint), "lint-ms/op")
	b.ReportMetric(float64(lint)/float64(parse), "lint/parse")
	b.ReportMetric(float64(lint)/float64(parse+build), "lint/load")
}
