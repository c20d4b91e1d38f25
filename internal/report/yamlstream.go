package report

import (
	"bytes"
	"encoding"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// yaml.v3's emitter keeps every event of a document until the document
// ends and goes through reflection for every scalar, so one document of a
// whole catalog (a million events) costs seconds and hundreds of
// megabytes. writeYAMLStream writes the same bytes in one pass: it walks
// structs, slices and scalars itself, writes the common shapes (block
// mappings and sequences, plain strings, integers, booleans) directly,
// and hands anything else (a string that needs quoting or a literal
// block, a map, a float, a marshaler) to yaml.v3 as a small document of
// its own, indented to where it stands in the whole. A block mapping's
// pairs and a block sequence's items are written independently of their
// neighbours (the encoder folds no lines: its width is unlimited), so the
// pieces join into the output one Encode of the whole gives; the tests
// check that they do.

// dumpYAML prints the whole catalog as YAML in one pass (see
// writeYAMLStream), with the bytes WriteYAML gives.
func dumpYAML(w *Writer, r DumpReport) error {
	if err := writeYAMLStream(w, r); !errors.Is(err, errYAMLShape) {
		return err
	}
	return WriteYAML(w, r)
}

// errYAMLShape reports a value writeYAMLStream does not write; the caller
// then encodes it whole.
var errYAMLShape = errors.New("not a value written as a stream")

// yamlFlushAt is the buffer size at which the writer flushes.
const yamlFlushAt = 64 << 10

// writeYAMLStream writes v, a struct or a pointer to one, as WriteYAML
// would (indent 2). It returns errYAMLShape before writing anything when v
// itself is not such a struct (a marshaler, a field option other than
// inline and omitempty).
func writeYAMLStream(w io.Writer, v any) error {
	y := &yamlWriter{w: w, types: map[reflect.Type]*yamlType{}}
	rv, ok := y.deref(reflect.ValueOf(v))
	if !ok || rv.Kind() != reflect.Struct {
		return errYAMLShape
	}
	fields, ok := y.fields(rv, nil)
	if !ok || len(fields) == 0 {
		return errYAMLShape
	}
	y.mapping(fields, 0)
	y.flush()
	if y.err != nil {
		return fmt.Errorf("write YAML: %w", y.err)
	}
	return nil
}

// yamlWriter writes YAML to w through a buffer; the first error sticks.
type yamlWriter struct {
	w   io.Writer
	buf []byte
	err error
	// dash says the next line starts a sequence item: the last two
	// columns of its indentation are "- ".
	dash  bool
	piece bytes.Buffer
	types map[reflect.Type]*yamlType
}

// yamlType is how the encoder writes a struct type: its keys in order, or
// ok false when writeYAMLStream leaves the type to yaml.v3.
type yamlType struct {
	fields []yamlFieldInfo
	ok     bool
}

type yamlFieldInfo struct {
	index     int
	name      string
	omitempty bool
	inline    bool
}

// yamlField is one key of a mapping and its value.
type yamlField struct {
	name  string
	value reflect.Value
}

var (
	yamlMarshaler = reflect.TypeFor[yaml.Marshaler]()
	yamlIsZeroer  = reflect.TypeFor[yaml.IsZeroer]()
	textMarshaler = reflect.TypeFor[encoding.TextMarshaler]()
	yamlNode      = reflect.TypeFor[yaml.Node]()
)

// special reports a type the encoder treats in its own way (marshalers,
// nodes, times and durations): such values go to yaml.v3.
func special(t reflect.Type) bool {
	return t.Implements(yamlMarshaler) || t.Implements(textMarshaler) || t == yamlNode || t.PkgPath() == "time"
}

// deref follows pointers, interfaces and yaml.Marshalers (to the value
// MarshalYAML gives, which yaml.v3 encodes in their place); ok is false at
// a nil or at another special type.
func (y *yamlWriter) deref(v reflect.Value) (reflect.Value, bool) {
	for {
		if !v.IsValid() {
			return v, false
		}
		if special(v.Type()) {
			m, ok := marshaled(v)
			if !ok {
				return v, false
			}
			v = m
			continue
		}
		if v.Kind() != reflect.Pointer && v.Kind() != reflect.Interface {
			return v, true
		}
		if v.IsNil() {
			return v, false
		}
		v = v.Elem()
	}
}

// marshaled returns what a yaml.Marshaler gives for v (yaml.v3 asks a
// value that is also a TextMarshaler this first; nodes and times are not
// Marshalers), when it gives a value without error; ok is false
// otherwise, and v is then left to yaml.v3.
func marshaled(v reflect.Value) (reflect.Value, bool) {
	if nilPointer(v) || !v.Type().Implements(yamlMarshaler) {
		return v, false
	}
	out, err := v.Interface().(yaml.Marshaler).MarshalYAML()
	if err != nil || out == nil {
		return v, false
	}
	return reflect.ValueOf(out), true
}

// structType returns how the encoder writes struct type t (cached).
func (y *yamlWriter) structType(t reflect.Type) *yamlType {
	if st, ok := y.types[t]; ok {
		return st
	}
	st := &yamlType{ok: true}
	y.types[t] = st
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if sf.PkgPath != "" && !sf.Anonymous {
			continue
		}
		tag := sf.Tag.Get("yaml")
		if tag == "" && !strings.Contains(string(sf.Tag), ":") {
			tag = string(sf.Tag)
		}
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		f := yamlFieldInfo{index: i, name: name}
		for _, o := range strings.Split(opts, ",") {
			switch o {
			case "":
			case "inline":
				f.inline = true
			case "omitempty":
				f.omitempty = true
			default:
				st.ok = false
			}
		}
		if sf.PkgPath != "" && !f.inline {
			st.ok = false
		}
		if f.name == "" {
			f.name = strings.ToLower(sf.Name)
		}
		st.fields = append(st.fields, f)
	}
	return st
}

// fields appends the keys the encoder writes for struct v, in order,
// following inline fields and leaving out empty omitempty ones; ok is
// false when the struct is left to yaml.v3.
func (y *yamlWriter) fields(v reflect.Value, out []yamlField) ([]yamlField, bool) {
	st := y.structType(v.Type())
	if !st.ok {
		return nil, false
	}
	for _, f := range st.fields {
		fv := v.Field(f.index)
		if f.inline {
			iv, ok := y.deref(fv)
			if !ok || iv.Kind() != reflect.Struct {
				return nil, false
			}
			if out, ok = y.fields(iv, out); !ok {
				return nil, false
			}
			continue
		}
		if f.omitempty && yamlEmpty(fv) {
			continue
		}
		out = append(out, yamlField{name: f.name, value: fv})
	}
	return out, true
}

// yamlEmpty is the encoder's test for omitempty.
func yamlEmpty(v reflect.Value) bool {
	if v.Type().Implements(yamlIsZeroer) {
		if (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) && v.IsNil() {
			return true
		}
		return v.Interface().(yaml.IsZeroer).IsZero()
	}
	switch v.Kind() {
	case reflect.Slice, reflect.Map, reflect.String:
		return v.Len() == 0
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() && !yamlEmpty(v.Field(i)) {
				return false
			}
		}
		return true
	}
	return v.IsZero()
}

// yamlPlain reports a string the encoder writes plain in block context:
// printable ASCII starting with a letter, '_' or '/', with no ": ", " #"
// or final ':' or space, that does not read as a boolean or null. Other
// strings go to yaml.v3, which knows every rule.
func yamlPlain(s string) bool {
	if s == "" {
		return false
	}
	c := s[0]
	if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '/') || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch b := s[i]; {
		case b < 0x20 || b > 0x7e:
			return false
		case b == ':' && (i+1 == len(s) || s[i+1] == ' '):
			return false
		case b == '#' && s[i-1] == ' ':
			return false
		}
	}
	switch s {
	case "true", "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL",
		"y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "n", "N", "no", "No", "NO", "off", "Off", "OFF":
		return false
	}
	return true
}

// scalar returns the text of a scalar written as is: a plain string, an
// integer or a boolean.
func scalar(v reflect.Value) (string, bool) {
	switch v.Kind() {
	case reflect.String:
		s := v.String()
		return s, yamlPlain(s)
	case reflect.Bool:
		return strconv.FormatBool(v.Bool()), true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(v.Int(), 10), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return strconv.FormatUint(v.Uint(), 10), true
	}
	return "", false
}

// indent starts a line at column n (ending in "- " for a sequence item).
func (y *yamlWriter) indent(n int) {
	if y.dash {
		y.buf = appendSpaces(y.buf, n-2)
		y.buf = append(y.buf, "- "...)
		y.dash = false
		return
	}
	y.buf = appendSpaces(y.buf, n)
}

func appendSpaces(b []byte, n int) []byte {
	for ; n > 0; n-- {
		b = append(b, ' ')
	}
	return b
}

func (y *yamlWriter) flush() {
	if y.err == nil && len(y.buf) > 0 {
		_, y.err = y.w.Write(y.buf)
	}
	y.buf = y.buf[:0]
}

// mapping writes fields as a block mapping whose keys stand at column n.
func (y *yamlWriter) mapping(fields []yamlField, n int) {
	for _, f := range fields {
		y.field(f, n)
		if len(y.buf) >= yamlFlushAt {
			y.flush()
		}
	}
}

// field writes one key and its value at column n.
func (y *yamlWriter) field(f yamlField, n int) {
	if nilPointer(f.value) {
		y.indent(n)
		y.buf = append(append(y.buf, f.name...), ": null\n"...)
		return
	}
	v, ok := y.deref(f.value)
	if !ok {
		y.encoded(map[string]any{f.name: f.value.Interface()}, n)
		return
	}
	if s, ok := scalar(v); ok {
		y.indent(n)
		y.buf = append(append(append(append(y.buf, f.name...), ": "...), s...), '\n')
		return
	}
	switch v.Kind() {
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			break
		}
		y.indent(n)
		if v.Len() == 0 {
			y.buf = append(append(y.buf, f.name...), ": []\n"...)
			return
		}
		y.buf = append(append(y.buf, f.name...), ":\n"...)
		y.sequence(v, n+2)
		return
	case reflect.Struct:
		if sub, ok := y.fields(v, nil); ok && len(sub) > 0 {
			y.indent(n)
			y.buf = append(append(y.buf, f.name...), ":\n"...)
			y.mapping(sub, n+2)
			return
		}
	}
	y.encoded(map[string]any{f.name: f.value.Interface()}, n)
}

// nilPointer reports a nil pointer or interface, which the encoder
// writes as null. They are written here: handed to yaml.v3 inside a map
// or a slice, a nil pointer to a type with a value-receiver MarshalYAML
// is called (and panics), as the encoder looks at the interface holding
// it, not at the pointer.
func nilPointer(v reflect.Value) bool {
	return (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) && v.IsNil()
}

// sequence writes the items of slice v as a block sequence whose dashes
// stand at column n.
func (y *yamlWriter) sequence(v reflect.Value, n int) {
	for i := 0; i < v.Len(); i++ {
		y.item(v.Index(i), n)
		if len(y.buf) >= yamlFlushAt {
			y.flush()
		}
	}
}

// item writes one sequence item whose dash stands at column n.
func (y *yamlWriter) item(item reflect.Value, n int) {
	if nilPointer(item) {
		y.buf = appendSpaces(y.buf, n)
		y.buf = append(y.buf, "- null\n"...)
		return
	}
	v, ok := y.deref(item)
	if ok {
		if s, ok := scalar(v); ok {
			y.buf = appendSpaces(y.buf, n)
			y.buf = append(append(append(y.buf, "- "...), s...), '\n')
			return
		}
		if v.Kind() == reflect.Struct {
			if sub, ok := y.fields(v, nil); ok && len(sub) > 0 {
				y.dash = true
				y.mapping(sub, n+2)
				return
			}
		}
	}
	y.encoded([]any{item.Interface()}, n)
}

// encoded writes v as yaml.v3 encodes it, each line indented by n columns
// (the first ending in "- " when a sequence item starts there); empty
// lines (in literal blocks) stay empty, as the encoder writes them.
func (y *yamlWriter) encoded(v any, n int) {
	y.piece.Reset()
	enc := yaml.NewEncoder(&y.piece)
	enc.SetIndent(2)
	err := enc.Encode(v)
	if err == nil {
		err = enc.Close()
	}
	if err != nil {
		if y.err == nil {
			y.err = err
		}
		return
	}
	for rest := y.piece.Bytes(); len(rest) > 0; {
		l, after, _ := bytes.Cut(rest, []byte{'\n'})
		if len(l) > 0 {
			y.indent(n)
		}
		y.buf = append(append(y.buf, l...), '\n')
		rest = after
	}
}
