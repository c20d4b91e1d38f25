package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runUnder runs the command line under ctx and returns standard
// output, standard error and the exit code.
func runUnder(ctx context.Context, args ...string) (string, string, int) {
	var out, errOut bytes.Buffer
	code := runContext(ctx, append([]string{"--no-config"}, args...), &streams{in: strings.NewReader(""), out: &out, errOut: &errOut})
	return out.String(), errOut.String(), code
}

func cancelled(t *testing.T) context.Context {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	return ctx
}

// TestInterruptedScan: a scan over a tree stops at an interrupt: exit 130
// with one line, and no call file on standard output.
func TestInterruptedScan(t *testing.T) {
	out, errOut, code := runUnder(cancelled(t), "scan", filepath.Join("testdata", "driftapp", "src"))
	if code != exitInterrupted || errOut != "scopeplan: interrupted\n" || out != "" {
		t.Errorf("exit %d, stdout %q, stderr %q; want 130 and one line", code, out, errOut)
	}
	// The same scan runs to the end without the interrupt.
	if out, errOut, code := runUnder(t.Context(), "scan", filepath.Join("testdata", "driftapp", "src")); code != exitOK || out == "" {
		t.Errorf("uninterrupted: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

// TestInterruptedDocs: docs writes nothing once interrupted.
func TestInterruptedDocs(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	_, errOut, code := runUnder(cancelled(t), "docs", "--out", dir)
	if code != exitInterrupted || errOut != "scopeplan: interrupted\n" {
		t.Errorf("exit %d, stderr %q; want 130 and one line", code, errOut)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("an interrupted docs run created %s (%v)", dir, err)
	}
}

// TestInterruptedUpdate: an interrupt during a download stops it: exit
// 130, and the cache keeps what it had.
func TestInterruptedUpdate(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	started := make(chan struct{}, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case started <- struct{}{}:
		default:
		}
		<-r.Context().Done() // hangs until the client gives up
	}))
	defer srv.Close()
	go func() {
		<-started
		cancel() // the interrupt, once the download is under way
	}()
	cacheDir := t.TempDir()
	_, errOut, code := runUnder(ctx, "update", "--cache-dir", cacheDir, "--retries", "0", "--source", "granular="+srv.URL+"/granular/")
	if code != exitInterrupted || !strings.HasSuffix(errOut, "scopeplan: interrupted\n") {
		t.Errorf("exit %d, stderr %q; want 130 ending in one line", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(cacheDir, "manifest.json")); err == nil {
		t.Errorf("an interrupted update committed a manifest")
	}
}

// TestInterruptThroughRunF: every command runs under the context given to
// execute; one returning the context's error exits 130.
func TestInterruptThroughRunF(t *testing.T) {
	var out, errOut bytes.Buffer
	f := newFactory(&streams{in: strings.NewReader(""), out: &out, errOut: &errOut, wd: t.TempDir()})
	root := newRootCmd(f)
	swapCommand(t, root, newCmdUpdate(f, func(o *updateOptions) error {
		<-o.ctx.Done() // a long download, until interrupted
		return o.ctx.Err()
	}))
	if code := execute(cancelled(t), root, f, []string{"--no-config", "update"}); code != exitInterrupted || errOut.String() != "scopeplan: interrupted\n" {
		t.Errorf("exit %d, stderr %q", code, errOut.String())
	}
	// A command that fails on its own without an interrupt keeps its code.
	f = newFactory(&streams{in: strings.NewReader(""), out: &out, errOut: &errOut, wd: t.TempDir()})
	root = newRootCmd(f)
	swapCommand(t, root, newCmdUpdate(f, func(*updateOptions) error { return inputErr(context.Canceled) }))
	if code := execute(t.Context(), root, f, []string{"--no-config", "update"}); code != exitInput {
		t.Errorf("no interrupt: exit %d, want %d", code, exitInput)
	}
}

// TestInterruptedLoad: reading --docs stops at an interrupt, for every
// command that loads the catalog through the factory, and for catalog
// diff's own sides.
func TestInterruptedLoad(t *testing.T) {
	docs := filepath.Join("..", "..", "data", "docs")
	for _, args := range [][]string{
		{"--docs", docs, "catalog", "stats"},
		{"catalog", "diff", docs, docs},
	} {
		_, errOut, code := runUnder(cancelled(t), args...)
		if code != exitInterrupted || errOut != "scopeplan: interrupted\n" {
			t.Errorf("%q: exit %d, stderr %q; want 130 and one line", args, code, errOut)
		}
	}
}
