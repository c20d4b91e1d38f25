// Command genwasm builds the explorer's planner: it compiles
// report/site/wasm (package planner behind JavaScript functions) to
// WebAssembly, stores it gzip-compressed (so writing a page does not
// compress megabytes each time), copies the toolchain's wasm_exec.js beside it and records
// the toolchain version that built both. Run it through go generate in
// report/site:
//
//	go run ./internal/genwasm -out assets
//
// The build is reproducible (-trimpath, no VCS stamp, no symbol table), so
// the same toolchain version always writes the same bytes.
package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Output file names, inside -out.
const (
	wasmFile    = "solve.wasm.gz"
	execFile    = "wasm_exec.js"
	versionFile = "solve.wasm.version"
)

func main() {
	out := flag.String("out", "assets", "output `DIR`")
	pkg := flag.String("pkg", "./wasm", "the js/wasm main `PACKAGE` to build")
	flag.Parse()
	if err := generate(*out, *pkg); err != nil {
		fmt.Fprintln(os.Stderr, "genwasm:", err)
		os.Exit(1)
	}
}

func generate(out, pkg string) error {
	version, err := goEnv("GOVERSION")
	if err != nil {
		return err
	}
	goroot, err := goEnv("GOROOT")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return fmt.Errorf("create output dir: %w", err)
	}
	tmp, err := os.MkdirTemp("", "genwasm")
	if err != nil {
		return fmt.Errorf("create temporary dir: %w", err)
	}
	defer os.RemoveAll(tmp)
	bin := filepath.Join(tmp, "solve.wasm")
	cmd := exec.Command("go", "build", "-trimpath", "-buildvcs=false", "-ldflags=-s -w", "-o", bin, pkg)
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0", "GOFLAGS=", "GOWASM=")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("build %s for js/wasm: %w", pkg, err)
	}
	wasm, err := os.ReadFile(bin)
	if err != nil {
		return fmt.Errorf("read the build: %w", err)
	}
	// No name and no time in the header: the same build gives the same bytes.
	var z bytes.Buffer
	w, err := gzip.NewWriterLevel(&z, gzip.BestCompression)
	if err != nil {
		return fmt.Errorf("compress: %w", err)
	}
	if _, err := w.Write(wasm); err != nil {
		return fmt.Errorf("compress: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("compress: %w", err)
	}
	if err := os.WriteFile(filepath.Join(out, wasmFile), z.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", wasmFile, err)
	}
	js, err := os.ReadFile(filepath.Join(goroot, "lib", "wasm", execFile))
	if err != nil {
		return fmt.Errorf("read the toolchain's %s: %w", execFile, err)
	}
	if err := os.WriteFile(filepath.Join(out, execFile), js, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", execFile, err)
	}
	if err := os.WriteFile(filepath.Join(out, versionFile), []byte(version+"\n"), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", versionFile, err)
	}
	return nil
}

// goEnv returns one value of go env.
func goEnv(key string) (string, error) {
	var buf bytes.Buffer
	cmd := exec.Command("go", "env", key)
	cmd.Stdout, cmd.Stderr = &buf, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go env %s: %w", key, err)
	}
	return strings.TrimSpace(buf.String()), nil
}
