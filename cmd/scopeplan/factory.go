package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"golang.org/x/term"

	"github.com/scopeplan/scopeplan"
	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/internal/report"
	"github.com/scopeplan/scopeplan/lint"
	"github.com/scopeplan/scopeplan/parser"
)

// streams are the command's standard streams; tty says whether standard
// output is a terminal (tables) or a pipe (tab-separated lines).
type streams struct {
	in     io.Reader
	out    io.Writer
	errOut io.Writer
	tty    bool
	// wd is the folder the configuration file is looked for from; "" is
	// the current folder.
	wd string
	// width is the terminal's width in columns (0 when unknown or not a
	// terminal).
	width int
	// errTTY says whether standard error is a terminal (errOut is wrapped
	// by then, so it cannot be asked).
	errTTY bool
}

func newStreams(in *os.File, out *os.File, errOut *os.File) *streams {
	tty := isTerminal(out)
	width := 0
	if tty {
		if w, _, err := term.GetSize(int(out.Fd())); err == nil {
			width = w
		}
	}
	return &streams{in: in, out: out, errOut: errOut, tty: tty, width: width, errTTY: isTerminal(errOut)}
}

// isTerminal reports whether f is a terminal.
func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// factory is the composition root every command is built from: the
// standard streams, the global flags with the configuration they select,
// and what one invocation loads from them, each loaded once (the catalog,
// its lint findings, their attribution to endpoints). Commands take what
// they need from it when they run, never when they are built, so the
// flags and the configuration are settled by then.
type factory struct {
	io *streams
	globalOptions
	// ctx is the context the command runs under (set before it runs):
	// loading stops with its error once it is done.
	ctx context.Context

	// What was loaded: the catalog (full says whether with every part),
	// its provenance, the error loading it, its lint findings (from the
	// snapshot, or computed on first use) and their attribution.
	loaded   bool
	full     bool
	cat      *catalog.Catalog
	prov     scopeplan.Provenance
	loadErr  error
	findings []lint.Finding
	attrib   *lint.Attribution
}

// globalOptions are the persistent flags every command shares, and the
// configuration they select.
type globalOptions struct {
	docs    []string
	addDocs []string
	// maxDocSize is --max-doc-size as given ("" for the default).
	maxDocSize string
	configFlag string
	noConfig   bool
	quiet      bool
	verbose    bool
	color      string

	// cfg is the configuration in use (empty when none), set before any
	// command runs.
	cfg *fileConfig
}

// newFactory returns the factory of one invocation on io. Standard error
// carries text from documents, file names and servers (errors, warnings,
// suggestions): it is escaped at this one boundary.
func newFactory(io *streams) *factory {
	safe := *io
	safe.errOut = report.EscapeWriter(io.errOut)
	return &factory{io: &safe}
}

// Catalog returns the catalog the flags select, with every part loaded.
// It is loaded once per process; the first call says on standard error
// what it loaded (under --verbose, or when it is the cache's).
func (f *factory) Catalog() (*catalog.Catalog, scopeplan.Provenance, error) {
	return f.load(true)
}

// CoreCatalog is Catalog for commands that need only endpoints and scopes
// (resolving calls, planning): the embedded snapshot then skips the
// documents, grants and associations. It is the full catalog when that
// was loaded already.
func (f *factory) CoreCatalog() (*catalog.Catalog, scopeplan.Provenance, error) {
	return f.load(false)
}

func (f *factory) load(full bool) (*catalog.Catalog, scopeplan.Provenance, error) {
	if f.loaded && (f.full || !full) {
		return f.cat, f.prov, f.loadErr
	}
	f.loaded, f.full = true, full
	f.findings, f.attrib = nil, nil
	f.cat, f.prov, f.loadErr = f.loadFresh(full)
	return f.cat, f.prov, f.loadErr
}

// parseGCPercent is the collector's GOGC while documents are parsed and
// built into a catalog: parsing leaves garbage several times the
// documents' size (goldmark's trees), so at the default of 100 the heap
// of a 1e5-row page peaked near twice what it kept. Collecting twice as
// often keeps the peak near the catalog itself, for a few percent more
// processor time (BenchmarkPeakMemory).
const parseGCPercent = 50

// collectOftenWhileParsing sets GOGC to parseGCPercent, unless the user
// set GOGC, and returns what puts it back.
func collectOftenWhileParsing() func() {
	if _, set := os.LookupEnv("GOGC"); set {
		return func() {}
	}
	old := debug.SetGCPercent(parseGCPercent)
	return func() { debug.SetGCPercent(old) }
}

// loadFresh builds the catalog the flags select.
func (f *factory) loadFresh(full bool) (*catalog.Catalog, scopeplan.Provenance, error) {
	size, err := f.docSizeLimit()
	if err != nil {
		return nil, scopeplan.Provenance{}, err
	}
	ctx := f.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	if len(f.docs)+len(f.addDocs) > 0 {
		defer collectOftenWhileParsing()()
	}
	// The documents `scopeplan update` cached are preferred when there are
	// any newer than the embedded data; a cache that cannot be read leaves
	// the embedded data, with the reason in CacheError.
	c, p, fs, err := scopeplan.LoadWithFindings(ctx, scopeplan.Options{
		Docs: f.docs, AddDocs: f.addDocs, MaxDocSize: size,
		UseCache: true, CacheDir: f.cacheDir(""), Core: !full,
	})
	if err != nil {
		return nil, p, inputErr(err)
	}
	if p.CacheError != "" {
		fmt.Fprintf(f.io.errOut, "scopeplan: %s; using the embedded data\n", p.CacheError)
	}
	f.findings = fs
	p.Config = f.configPath()
	if f.verbose {
		if p.Config != "" {
			fmt.Fprintf(f.io.errOut, "scopeplan: configuration %s\n", p.Config)
		}
		fmt.Fprintf(f.io.errOut, "scopeplan: data: %s, %d document(s)\n", p.Source, len(p.Documents))
	}
	if p.Source == scopeplan.OriginCache && !f.quiet {
		// People reading text should know the data is not the embedded set;
		// JSON says it in "data".
		fmt.Fprintf(f.io.errOut, "scopeplan: using the %d documents 'scopeplan update' cached, which are newer than the embedded data\n", len(p.Documents))
	}
	return c, p, nil
}

// Findings returns every lint finding of the loaded catalog (loading the
// full one when none is): the snapshot's when it has them, else computed
// once by running every rule.
func (f *factory) Findings() ([]lint.Finding, error) {
	c, _, err := f.currentCatalog()
	if err != nil {
		return nil, err
	}
	if f.findings == nil {
		f.findings = lint.Run(c, lint.Rules())
	}
	return f.findings, nil
}

// Attribution ties the loaded catalog's lint findings to its endpoints,
// once.
func (f *factory) Attribution() (*lint.Attribution, error) {
	if f.attrib != nil {
		return f.attrib, nil
	}
	fs, err := f.Findings() // loads the catalog when none is
	if err != nil {
		return nil, err
	}
	f.attrib = lint.Attribute(f.cat, fs)
	return f.attrib, nil
}

// currentCatalog is the catalog loaded so far, else the full one.
func (f *factory) currentCatalog() (*catalog.Catalog, scopeplan.Provenance, error) {
	if f.loaded {
		return f.cat, f.prov, f.loadErr
	}
	return f.Catalog()
}

// Config is the configuration in use (empty when none).
func (f *factory) Config() *fileConfig {
	if f.cfg == nil {
		return &fileConfig{}
	}
	return f.cfg
}

// envMaxDocSize sets the document size limit when --max-doc-size is not given.
const envMaxDocSize = "SCOPEPLAN_MAX_DOC_SIZE"

// docSizeLimit is the largest document read: --max-doc-size, else
// $SCOPEPLAN_MAX_DOC_SIZE, else 0 (parser.DefaultMaxSize).
func (g *globalOptions) docSizeLimit() (int64, error) {
	s, from := g.maxDocSize, "--max-doc-size"
	if s == "" {
		s, from = os.Getenv(envMaxDocSize), envMaxDocSize
	}
	if s == "" {
		return 0, nil
	}
	n, err := parser.ParseSize(s)
	if err != nil {
		return 0, usageErr("%s: %w", from, err)
	}
	return n, nil
}
