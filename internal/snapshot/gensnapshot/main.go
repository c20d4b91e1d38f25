// Command gensnapshot writes the catalog snapshot of the embedded
// documents; it runs from go generate in package data.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/data"
	"github.com/scopeplan/scopeplan/internal/snapshot"
	"github.com/scopeplan/scopeplan/lint"
	"github.com/scopeplan/scopeplan/parser"
	"github.com/scopeplan/scopeplan/parser/record"
)

func main() {
	out := flag.String("o", "snapshot.bin", "output file")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "gensnapshot:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	var docs []*record.Document
	for _, f := range data.Files() {
		d, err := parser.Parse(f.Path, f.Data, "")
		if err != nil {
			return err
		}
		docs = append(docs, d)
	}
	c, err := catalog.Build(docs)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := snapshot.Encode(&buf, snapshot.Build(c, data.Digest(), lint.Precompute)); err != nil {
		return err
	}
	return os.WriteFile(out, buf.Bytes(), 0o644)
}
