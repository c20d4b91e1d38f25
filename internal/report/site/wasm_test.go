package site

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestWasmUpToDate rebuilds the planner the way go generate does and
// compares it, and the copied wasm_exec.js, with the committed assets.
// The build is reproducible only for one toolchain, so the test runs when
// the go command's version equals the one recorded beside the assets and
// skips otherwise.
func TestWasmUpToDate(t *testing.T) {
	if testing.Short() {
		t.Skip("rebuilds the planner; skipped in -short mode")
	}
	out, err := exec.Command("go", "env", "GOVERSION").Output()
	if err != nil {
		t.Skipf("no go command: %v", err)
	}
	have, recorded := strings.TrimSpace(string(out)), WasmVersion()
	if have != recorded {
		t.Skipf("toolchain %s, assets built by %s: cannot compare (run go generate to rebuild)", have, recorded)
	}
	dir := t.TempDir()
	cmd := exec.Command("go", "run", "./internal/genwasm", "-out", dir)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("genwasm: %v\n%s", err, b)
	}
	for _, name := range []string{"solve.wasm.gz", "wasm_exec.js", "solve.wasm.version"} {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		want, err := assets.ReadFile("assets/" + name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("assets/%s is stale: run go generate ./report/site and commit it", name)
		}
	}
}
