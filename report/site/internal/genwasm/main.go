// Command genwasm builds the explorer's planner: it compiles
// report/site/wasm (package planner behind JavaScript functions) to
// WebAssembly, copies the toolchain's wasm_exec.js beside it and records
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
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Output file names, inside -out.
const (
	wasmFile    = "solve.wasm"
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
	cmd := exec.Command("go", "build", "-trimpath", "-buildvcs=false", "-ldflags=-s -w",
		"-o", filepath.Join(out, wasmFile), pkg)
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0", "GOFLAGS=", "GOWASM=")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("build %s for js/wasm: %w", pkg, err)
	}
	if err := os.Chmod(filepath.Join(out, wasmFile), 0o644); err != nil {
		return fmt.Errorf("chmod %s: %w", wasmFile, err)
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
