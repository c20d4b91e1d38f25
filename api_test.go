package scopeplan_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// listed is the part of `go list -json` the API test reads.
type listed struct {
	ImportPath   string
	Dir          string
	Name         string
	Export       string
	Standard     bool
	GoFiles      []string
	XTestGoFiles []string
	TestGoFiles  []string
	DepOnly      bool
}

// internalPath reports whether an import path is under an internal folder.
func internalPath(p string) bool {
	return p == "internal" || strings.HasPrefix(p, "internal/") || strings.Contains(p, "/internal/") || strings.HasSuffix(p, "/internal")
}

// TestPublicAPI: what go doc shows is what another module can compile.
// No exported identifier of a public package (any package of the module
// that is neither internal nor a command) mentions a type of an internal
// package in its signature, its exported fields or its method set; every
// Example is in an example_test.go file of an external test package, and
// a public package's example file imports no internal package; the
// README's library program compiles. Offenders are reported as file:line.
// The export data comes from `go list -export`, so the build cache serves
// it after the first build.
func TestPublicAPI(t *testing.T) {
	m := listModule(t)
	t.Run("signatures and examples", func(t *testing.T) { checkPublicAPI(t, m) })
	t.Run("README library snippet", func(t *testing.T) { checkREADMESnippet(t, m) })
}

// checkPublicAPI reports each exported identifier of a public package
// that mentions an internal type, and each misplaced example.
func checkPublicAPI(t *testing.T, m *module) {
	var public []listed
	var misplaced []string
	for _, p := range m.packages {
		misplaced = append(misplaced, misplacedExamples(t, p)...)
		if p.Name != "main" && !internalPath(strings.TrimPrefix(p.ImportPath, m.path)) {
			public = append(public, p)
		}
	}
	if len(public) < 10 {
		t.Fatalf("%d public packages; want the library's", len(public))
	}
	fset, imp := m.fset, m.importer
	var offenders []string
	for _, p := range public {
		pkg, err := imp.Import(p.ImportPath)
		if err != nil {
			t.Fatalf("import %s: %v", p.ImportPath, err)
		}
		for _, o := range apiOffenders(pkg) {
			offenders = append(offenders, fmt.Sprintf("%s: %s", position(fset, o.pos), o.what))
		}
		for _, name := range append(append([]string{}, p.XTestGoFiles...), p.TestGoFiles...) {
			if name != "example_test.go" {
				continue
			}
			offenders = append(offenders, exampleOffenders(t, filepath.Join(p.Dir, name))...)
		}
	}
	sort.Strings(offenders)
	for _, o := range append(misplaced, offenders...) {
		t.Error(o)
	}
}

// module is the module's packages as `go list -export -deps` lists them,
// with an importer that reads their export data.
type module struct {
	path     string
	packages []listed // the module's own packages
	fset     *token.FileSet
	importer types.Importer
}

// listModule lists the module's packages, compiling what the build cache
// lacks.
func listModule(t *testing.T) *module {
	t.Helper()
	out, err := exec.Command("go", "list", "-export", "-deps", "-json", "./...").Output()
	if err != nil {
		msg := ""
		if ee, ok := err.(*exec.ExitError); ok {
			msg = string(ee.Stderr)
		}
		t.Fatalf("go list: %v\n%s", err, msg)
	}
	m := &module{path: modulePath(t), fset: token.NewFileSet()}
	exports := map[string]string{}
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		var p listed
		if err := dec.Decode(&p); err != nil {
			t.Fatalf("go list output: %v", err)
		}
		exports[p.ImportPath] = p.Export
		if !p.DepOnly && !p.Standard && strings.HasPrefix(p.ImportPath+"/", m.path+"/") {
			m.packages = append(m.packages, p)
		}
	}
	m.importer = importer.ForCompiler(m.fset, "gc", func(path string) (io.ReadCloser, error) {
		f, ok := exports[path]
		if !ok || f == "" {
			return nil, fmt.Errorf("no export data for %s", path)
		}
		return os.Open(f)
	})
	return m
}

// checkREADMESnippet: the README's Go program compiles against the
// module as another module would use it (public packages only).
func checkREADMESnippet(t *testing.T, m *module) {
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	section := strings.Index(text, "\n## Use it as a library\n")
	if section < 0 {
		t.Fatal("README.md has no 'Use it as a library' section")
	}
	start := strings.Index(text[section:], "\n```go\n")
	if start < 0 {
		t.Fatal("the 'Use it as a library' section has no Go program")
	}
	start += section + len("\n```go\n")
	end := strings.Index(text[start:], "\n```\n")
	if end < 0 {
		t.Fatal("the 'Use it as a library' section's Go program is not closed")
	}
	// Blank lines before the program keep README.md's line numbers.
	src := strings.Repeat("\n", strings.Count(text[:start], "\n")) + text[start:start+end]
	f, err := parser.ParseFile(m.fset, "README.md", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, is := range f.Imports {
		if path, _ := strconv.Unquote(is.Path.Value); internalPath(path) {
			t.Errorf("README snippet imports %s", path)
		}
	}
	conf := types.Config{Importer: m.importer}
	if _, err := conf.Check("main", m.fset, []*ast.File{f}, nil); err != nil {
		t.Errorf("README snippet does not compile: %v", err)
	}
}

// modulePath is the module's path, from go.mod.
func modulePath(t *testing.T) string {
	b, err := os.ReadFile("go.mod")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "module "); ok {
			return strings.TrimSpace(rest)
		}
	}
	t.Fatal("go.mod names no module")
	return ""
}

// offense is one exported identifier that mentions an internal type.
type offense struct {
	pos  token.Pos
	what string
}

// apiOffenders lists the exported identifiers of pkg whose declaration
// mentions a type of an internal package.
func apiOffenders(pkg *types.Package) []offense {
	var out []offense
	check := func(pos token.Pos, what string, typ types.Type) {
		if bad := internalTypes(pkg, typ); len(bad) > 0 {
			out = append(out, offense{pos, fmt.Sprintf("%s mentions %s", what, strings.Join(bad, ", "))})
		}
	}
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		obj := scope.Lookup(name)
		if !obj.Exported() {
			continue
		}
		what := pkg.Name() + "." + name
		switch obj := obj.(type) {
		case *types.TypeName:
			if obj.IsAlias() {
				check(obj.Pos(), what, types.Unalias(obj.Type()))
				continue
			}
			named, ok := obj.Type().(*types.Named)
			if !ok {
				continue
			}
			check(obj.Pos(), what, named.Underlying())
			// The pointer's method set holds the value's.
			ms := types.NewMethodSet(types.NewPointer(named))
			for i := range ms.Len() {
				if m := ms.At(i).Obj(); m.Exported() {
					check(m.Pos(), what+"."+m.Name(), m.Type())
				}
			}
		default:
			check(obj.Pos(), what, obj.Type())
		}
	}
	return out
}

// internalTypes names the types of internal packages that typ mentions:
// in itself, its elements, its exported fields and methods, and the
// unexported types of pkg it is made of.
func internalTypes(pkg *types.Package, typ types.Type) []string {
	var bad []string
	seen := map[types.Type]bool{}
	var walk func(types.Type)
	walk = func(typ types.Type) {
		if typ == nil || seen[typ] {
			return
		}
		seen[typ] = true
		switch t := typ.(type) {
		case *types.Alias:
			walk(types.Unalias(t))
		case *types.Named:
			obj := t.Obj()
			if obj.Pkg() != nil && internalPath(obj.Pkg().Path()) {
				bad = append(bad, obj.Pkg().Path()+"."+obj.Name())
				return
			}
			if targs := t.TypeArgs(); targs != nil {
				for i := range targs.Len() {
					walk(targs.At(i))
				}
			}
			// An exported type of another package is checked on its own;
			// an unexported one of pkg is what its exported parts show.
			if obj.Pkg() == pkg && !obj.Exported() {
				walk(t.Underlying())
			}
		case *types.Pointer:
			walk(t.Elem())
		case *types.Slice:
			walk(t.Elem())
		case *types.Array:
			walk(t.Elem())
		case *types.Map:
			walk(t.Key())
			walk(t.Elem())
		case *types.Chan:
			walk(t.Elem())
		case *types.Signature:
			walk(t.Params())
			walk(t.Results())
		case *types.Tuple:
			for i := range t.Len() {
				walk(t.At(i).Type())
			}
		case *types.Struct:
			for i := range t.NumFields() {
				if f := t.Field(i); f.Exported() || f.Embedded() {
					walk(f.Type())
				}
			}
		case *types.Interface:
			for i := range t.NumMethods() {
				if m := t.Method(i); m.Exported() {
					walk(m.Type())
				}
			}
			for i := range t.NumEmbeddeds() {
				walk(t.EmbeddedType(i))
			}
		}
	}
	walk(typ)
	slices.Sort(bad)
	return slices.Compact(bad)
}

// position is pos as file:line, relative to the module when it can be.
func position(fset *token.FileSet, pos token.Pos) string {
	p := fset.Position(pos)
	name := p.Filename
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, name); err == nil && !strings.HasPrefix(rel, "..") {
			name = rel
		}
	}
	return name + ":" + strconv.Itoa(p.Line)
}

// misplacedExamples lists the Example functions of package p that are not
// in an example_test.go file of the external test package.
func misplacedExamples(t *testing.T, p listed) []string {
	var out []string
	for _, name := range append(append([]string{}, p.TestGoFiles...), p.XTestGoFiles...) {
		file := filepath.Join(p.Dir, name)
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte("func Example")) {
			continue
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, file, b, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv != nil || !strings.HasPrefix(fn.Name.Name, "Example") {
				continue
			}
			if name != "example_test.go" || !strings.HasSuffix(f.Name.Name, "_test") {
				out = append(out, fmt.Sprintf("%s: %s belongs in example_test.go of package %s_test", position(fset, fn.Pos()), fn.Name.Name, p.Name))
			}
		}
	}
	return out
}

// exampleOffenders lists the internal imports of an example file.
func exampleOffenders(t *testing.T, file string) []string {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, nil, parser.ImportsOnly)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, is := range f.Imports {
		path, _ := strconv.Unquote(is.Path.Value)
		if internalPath(path) {
			out = append(out, fmt.Sprintf("%s: example imports %s", position(fset, is.Pos()), path))
		}
	}
	return out
}
