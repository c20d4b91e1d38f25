// Command benchstart measures scopeplan's process start against a Go
// hello-world, side by side: it builds both with CGO_ENABLED=0 (as
// releases are) into a temporary folder, runs each case N times
// interleaved (so a change in the machine's load hits every case alike),
// and prints the mean and median wall and CPU (user+system) time of each,
// with the ratios to the hello-world that issue 14 sets targets for:
// `version` at most 1.3x and a cold `plan examples/meeting-bot.yaml` on
// the embedded data at most 2.5x. Run it from the repository root
// (make bench does): go run ./scripts/benchstart [-n 50] [-base DIR],
// where -base names another checkout whose scopeplan is measured beside
// this one (before and after a change).
//
// It also measures the floor no code of scopeplan's can go below: a
// hello-world that imports (blank) every third-party package scopeplan's
// own packages import. Go runs every linked package's initialisers before
// main, so that program's start is what the dependencies alone cost.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"
)

const hello = "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hello\") }\n"

// run is one case: a program and its arguments, and what it took.
type run struct {
	name      string
	args      []string
	target    float64 // the largest ratio to hello-world wanted; 0 for none
	wall, cpu []time.Duration
}

func main() {
	n := flag.Int("n", 50, "runs of each case")
	base := flag.String("base", "", "another checkout `DIR` whose scopeplan is measured too")
	flag.Parse()
	if err := bench(*n, *base); err != nil {
		fmt.Fprintln(os.Stderr, "benchstart:", err)
		os.Exit(1)
	}
}

func build(dir, out string, pkg ...string) error {
	cmd := exec.Command("go", append([]string{"build", "-o", out}, pkg...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("build %s: %w", out, err)
	}
	return nil
}

func bench(n int, baseDir string) error {
	tmp, err := os.MkdirTemp("", "benchstart")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	hw := filepath.Join(tmp, "hello")
	if err := os.WriteFile(filepath.Join(tmp, "hello.go"), []byte(hello), 0o644); err != nil {
		return err
	}
	if err := build(tmp, hw, "hello.go"); err != nil {
		return err
	}
	floor := filepath.Join(tmp, "floor")
	if err := buildFloor(tmp, floor); err != nil {
		return err
	}
	sp := filepath.Join(tmp, "scopeplan")
	if err := build(".", sp, "./cmd/scopeplan"); err != nil {
		return err
	}
	var baseRuns []*run
	if baseDir != "" {
		bp := filepath.Join(tmp, "scopeplan-base")
		if err := build(baseDir, bp, "./cmd/scopeplan"); err != nil {
			return err
		}
		baseRuns = []*run{
			{name: "base: scopeplan version", args: []string{bp, "version"}},
			{name: "base: scopeplan plan examples/meeting-bot.yaml", args: []string{bp, "plan", "examples/meeting-bot.yaml"}},
		}
	}
	// No configuration file or update cache may change what is measured.
	env := append(os.Environ(), "SCOPEPLAN_CONFIG=none", "SCOPEPLAN_CACHE_DIR="+filepath.Join(tmp, "cache"))
	runs := []*run{
		{name: "hello-world", args: []string{hw}},
		{name: "floor: hello-world + the dependencies' init", args: []string{floor}},
		{name: "scopeplan version", args: []string{sp, "version"}, target: 1.3},
		{name: "scopeplan plan examples/meeting-bot.yaml", args: []string{sp, "plan", "examples/meeting-bot.yaml"}, target: 2.5},
	}
	runs = append(runs, baseRuns...)
	for _, r := range runs {
		// One unmeasured run each: the binaries are in the page cache.
		if err := once(r, env); err != nil {
			return err
		}
		r.wall, r.cpu = nil, nil
	}
	for i := 0; i < n; i++ {
		for _, r := range runs {
			if err := once(r, env); err != nil {
				return err
			}
		}
	}
	base := runs[0]
	fmt.Printf("process start, %d runs each, CGO_ENABLED=0\n", n)
	fmt.Printf("%-48s %10s %10s %10s %10s %8s %8s %s\n", "case", "wall mean", "wall med", "cpu mean", "cpu med", "x wall", "x cpu", "target")
	for _, r := range runs {
		target := ""
		if r.target > 0 {
			verdict := "met"
			if ratio(r.wall, base.wall) > r.target {
				verdict = "NOT met"
			}
			target = fmt.Sprintf("<= %.1fx wall: %s", r.target, verdict)
		}
		fmt.Printf("%-48s %10s %10s %10s %10s %7.2fx %7.2fx %s\n", r.name, ms(mean(r.wall)), ms(median(r.wall)), ms(mean(r.cpu)), ms(median(r.cpu)),
			ratio(r.wall, base.wall), ratio(r.cpu, base.cpu), target)
	}
	return nil
}

func once(r *run, env []string) error {
	cmd := exec.Command(r.args[0], r.args[1:]...)
	cmd.Env = env
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s: %w", r.name, err)
	}
	r.wall = append(r.wall, time.Since(start))
	var cpu time.Duration
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	r.cpu = append(r.cpu, cpu)
	return nil
}

func mean(d []time.Duration) time.Duration {
	var sum time.Duration
	for _, x := range d {
		sum += x
	}
	return sum / time.Duration(max(len(d), 1))
}

func median(d []time.Duration) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}

func ratio(a, b []time.Duration) float64 {
	if mean(b) == 0 {
		return 0
	}
	return float64(mean(a)) / float64(mean(b))
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2fms", float64(d)/float64(time.Millisecond)) }

// buildFloor builds the dependency floor: a hello-world importing every
// third-party package that a package of this module linked into
// cmd/scopeplan imports. The program is placed in the module with a build
// overlay, so the working tree is never touched.
func buildFloor(tmp, out string) error {
	list := exec.Command("go", "list", "-deps", "-f", `{{if not .Standard}}{{.ImportPath}} {{.Module.Main}} {{join .Imports ","}}{{end}}`, "./cmd/scopeplan")
	list.Stderr = os.Stderr
	b, err := list.Output()
	if err != nil {
		return fmt.Errorf("go list: %w", err)
	}
	// own says, for each linked package, whether it is this module's.
	own := map[string]bool{}
	var lines [][]string
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		lines = append(lines, f)
		own[f[0]] = f[1] == "true"
	}
	deps := map[string]bool{}
	for _, f := range lines {
		if !own[f[0]] || len(f) < 3 {
			continue
		}
		for _, imp := range strings.Split(f[2], ",") {
			if _, linked := own[imp]; linked && !own[imp] {
				deps[imp] = true
			}
		}
	}
	if len(deps) == 0 {
		return fmt.Errorf("floor: found no third-party imports")
	}
	var src strings.Builder
	src.WriteString("package main\n\nimport (\n\t\"fmt\"\n")
	for _, d := range slices.Sorted(maps.Keys(deps)) {
		fmt.Fprintf(&src, "\t_ %q\n", d)
	}
	src.WriteString(")\n\nfunc main() { fmt.Println(\"hello\") }\n")
	file := filepath.Join(tmp, "floor.go")
	if err := os.WriteFile(file, []byte(src.String()), 0o644); err != nil {
		return err
	}
	wd, err := os.Getwd()
	if err != nil {
		return err
	}
	virtual := filepath.Join(wd, "internal", "benchstartfloor", "main.go")
	overlay, err := json.Marshal(map[string]map[string]string{"Replace": {virtual: file}})
	if err != nil {
		return err
	}
	ov := filepath.Join(tmp, "overlay.json")
	if err := os.WriteFile(ov, overlay, 0o644); err != nil {
		return err
	}
	return build(".", out, "-overlay", ov, "./internal/benchstartfloor")
}
