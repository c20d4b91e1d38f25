package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/scopeplan/scopeplan/internal/cache"
	"github.com/scopeplan/scopeplan/internal/editdist"
	"github.com/scopeplan/scopeplan/internal/readlimit"
	"github.com/scopeplan/scopeplan/lint"
	"github.com/scopeplan/scopeplan/parser"
	"github.com/scopeplan/scopeplan/planner"
)

// configName is the configuration file looked for in the current folder
// and its parents.
const configName = ".scopeplan.yaml"

// envConfig names a configuration file, or "none" to use none.
const envConfig = "SCOPEPLAN_CONFIG"

// maxConfigSize bounds a configuration file.
const maxConfigSize = 1 << 20

// fileConfig is .scopeplan.yaml. Paths in it are relative to the file.
type fileConfig struct {
	Docs     []string   `yaml:"docs"`
	AddDocs  []string   `yaml:"add_docs"`
	App      string     `yaml:"app"`
	Lint     lintConfig `yaml:"lint"`
	CacheDir string     `yaml:"cache_dir"`

	// path is the file the configuration was read from ("" for none).
	path string
}

// lintConfig is the lint: block of .scopeplan.yaml.
type lintConfig struct {
	Enable   []string `yaml:"enable"`
	Disable  []string `yaml:"disable"`
	FailOn   string   `yaml:"fail_on"`
	Baseline string   `yaml:"baseline"`
}

// configKeys are the keys .scopeplan.yaml knows, per block ("" is the top).
func configKeys() map[string][]string {
	return map[string][]string{
		"":     {"docs", "add_docs", "app", "lint", "cache_dir"},
		"lint": {"enable", "disable", "fail_on", "baseline"},
	}
}

// findConfig returns the configuration file to use: --config, else
// $SCOPEPLAN_CONFIG (a file, or "none"), else .scopeplan.yaml in dir or
// its nearest parent holding one; "" when there is none.
func findConfig(flag string, noConfig bool, dir string) (string, error) {
	if noConfig {
		return "", nil
	}
	if flag != "" {
		return flag, nil
	}
	if env := strings.TrimSpace(os.Getenv(envConfig)); env != "" {
		if strings.EqualFold(env, "none") {
			return "", nil
		}
		return env, nil
	}
	if dir == "" {
		wd, err := os.Getwd()
		if err != nil {
			return "", nil // no working folder: no configuration to find
		}
		dir = wd
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", nil
	}
	for {
		p := filepath.Join(dir, configName)
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}

// readConfig reads and checks a configuration file; paths in it become
// relative to the current folder.
func readConfig(path string) (*fileConfig, error) {
	data, err := readlimit.Path(path, maxConfigSize)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	cfg, err := parseConfig(path, data)
	if err != nil {
		return nil, err
	}
	cfg.path = path
	base := filepath.Dir(path)
	for i, d := range cfg.Docs {
		cfg.Docs[i] = relDocSpec(base, d)
	}
	for i, d := range cfg.AddDocs {
		cfg.AddDocs[i] = relDocSpec(base, d)
	}
	if cfg.Lint.Baseline != "" {
		cfg.Lint.Baseline = relPath(base, cfg.Lint.Baseline)
	}
	if cfg.CacheDir != "" {
		cfg.CacheDir = relPath(base, cfg.CacheDir)
	}
	return cfg, nil
}

// parseConfig parses .scopeplan.yaml's text; name prefixes every error,
// and an unknown key is an error with its line.
func parseConfig(name string, data []byte) (*fileConfig, error) {
	cfg := &fileConfig{}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %s", name, oneLine(err.Error()))
	}
	if len(doc.Content) == 0 {
		return cfg, nil // an empty file configures nothing
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d: the configuration must be a mapping of keys (%s)", name, root.Line, strings.Join(configKeys()[""], ", "))
	}
	if err := checkKeys(name, root, ""); err != nil {
		return nil, err
	}
	if err := root.Decode(cfg); err != nil {
		return nil, fmt.Errorf("%s: %s", name, oneLine(err.Error()))
	}
	return cfg, nil
}

// checkKeys reports the first unknown or repeated key of a mapping block.
func checkKeys(name string, m *yaml.Node, block string) error {
	keys := configKeys()
	known := keys[block]
	seen := map[string]bool{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		key := k.Value
		where := key
		if block != "" {
			where = block + "." + key
		}
		if !contains(known, key) {
			msg := fmt.Sprintf("%s:%d: unknown key %q", name, k.Line, where)
			if s := closest(key, known); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			} else {
				msg += fmt.Sprintf(" (known: %s)", strings.Join(known, ", "))
			}
			return errors.New(msg)
		}
		if seen[key] {
			return fmt.Errorf("%s:%d: key %q given twice", name, k.Line, where)
		}
		seen[key] = true
		if _, sub := keys[key]; sub && block == "" {
			if v.Kind != yaml.MappingNode {
				return fmt.Errorf("%s:%d: %s: want a mapping of keys (%s)", name, v.Line, key, strings.Join(keys[key], ", "))
			}
			if err := checkKeys(name, v, key); err != nil {
				return err
			}
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// oneLine joins a multi-line message into one line.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	var parts []string
	for _, l := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' }) {
		if l = strings.TrimSpace(l); l != "" {
			parts = append(parts, l)
		}
	}
	return strings.Join(parts, " ")
}

// relPath resolves a path of the configuration file against its folder.
func relPath(base, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(base, p)
}

// relDocSpec resolves a document spec (FILE, KIND=FILE or DIR) against
// the configuration file's folder.
func relDocSpec(base, spec string) string {
	if k, p, ok := strings.Cut(spec, "="); ok {
		if _, err := parser.ParseKind(k); err == nil {
			return k + "=" + relPath(base, p)
		}
	}
	return relPath(base, spec)
}

// applyConfig finds the configuration (from the folder wd, "" for the
// current one), reads it and folds it into the global options under the
// flags: flags, then environment, then file.
func (g *globalOptions) applyConfig(wd string) error {
	path, err := findConfig(g.configFlag, g.noConfig, wd)
	if err != nil {
		return usageErr("%w", err)
	}
	g.cfg = &fileConfig{}
	if path == "" {
		return nil
	}
	cfg, err := readConfig(path)
	if err != nil {
		return inputErr(err)
	}
	g.cfg = cfg
	if len(g.docs) == 0 {
		g.docs = append([]string(nil), cfg.Docs...)
	}
	// --add-docs adds to the file's add_docs: the point of add_docs is
	// that no command forgets them.
	g.addDocs = append(append([]string(nil), cfg.AddDocs...), g.addDocs...)
	if cfg.App != "" {
		if _, err := planner.ParseAppType(cfg.App); err != nil {
			return inputErr(fmt.Errorf("%s: app: %w", path, err))
		}
	}
	for key, ids := range map[string][]string{"lint.enable": cfg.Lint.Enable, "lint.disable": cfg.Lint.Disable} {
		if _, err := lint.Select(ids); err != nil {
			return inputErr(fmt.Errorf("%s: %s: %w", path, key, err))
		}
	}
	if s := strings.ToLower(strings.TrimSpace(cfg.Lint.FailOn)); s != "" && s != "never" {
		if _, err := lint.ParseSeverity(s); err != nil {
			return inputErr(fmt.Errorf("%s: lint.fail_on: %w (or never)", path, err))
		}
	}
	return nil
}

// cacheDir is the cache directory: the flag's value when given, else
// $SCOPEPLAN_CACHE_DIR, else the configuration's cache_dir, else ""
// (the default directory).
func (g *globalOptions) cacheDir(flag string) string {
	if flag != "" {
		return flag
	}
	if os.Getenv(cache.EnvDir) != "" {
		return ""
	}
	if g.cfg != nil {
		return g.cfg.CacheDir
	}
	return ""
}

// configPath is the configuration file in use, "" for none.
func (g *globalOptions) configPath() string {
	if g.cfg == nil {
		return ""
	}
	return g.cfg.path
}

// closest returns the candidate nearest s by edit distance when it is near
// enough to be a typo, else "".
func closest(s string, candidates []string) string {
	best, bestD := "", -1
	for _, c := range candidates {
		d := editdist.Distance(strings.ToLower(s), strings.ToLower(c))
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	if bestD < 0 || bestD > max(2, len(s)/3) {
		return ""
	}
	return best
}

// suggestions returns the candidates within typo distance of s, nearest
// first, or starting with s.
func suggestions(s string, candidates []string) []string {
	type cand struct {
		name string
		d    int
	}
	var cs []cand
	for _, c := range candidates {
		d := editdist.Distance(strings.ToLower(s), strings.ToLower(c))
		if d <= max(2, len(s)/3) || (len(s) >= 2 && strings.HasPrefix(strings.ToLower(c), strings.ToLower(s))) {
			cs = append(cs, cand{c, d})
		}
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].d < cs[j].d })
	out := make([]string, 0, len(cs))
	for _, c := range cs {
		out = append(out, c.name)
	}
	return out
}
