// Package binenc is the compact binary form the precomputed parts of a
// snapshot are written in (catalog's core, lint's findings): a table of
// distinct strings, kept as substrings of one string so decoding
// allocates once for all of them, then varints. It decodes without
// reflection; a corrupt input is an error, never a panic or a huge
// allocation.
package binenc

import (
	"encoding/binary"
	"errors"
)

// ErrCorrupt reports an input that ends early or points outside its
// string table.
var ErrCorrupt = errors.New("corrupt binary encoding")

// Encoder appends values; Bytes returns the string table and the body.
type Encoder struct {
	body  []byte
	index map[string]int
	table []string
}

// NewEncoder returns an empty encoder.
func NewEncoder() *Encoder { return &Encoder{index: map[string]int{}} }

// Uint appends a non-negative integer.
func (e *Encoder) Uint(v int) { e.body = binary.AppendUvarint(e.body, uint64(v)) }

// Int appends an integer.
func (e *Encoder) Int(v int) { e.body = binary.AppendVarint(e.body, int64(v)) }

// Bool appends a boolean.
func (e *Encoder) Bool(v bool) {
	if v {
		e.body = append(e.body, 1)
	} else {
		e.body = append(e.body, 0)
	}
}

// String appends a string, as its index in the string table.
func (e *Encoder) String(s string) {
	i, ok := e.index[s]
	if !ok {
		i = len(e.table)
		e.index[s] = i
		e.table = append(e.table, s)
	}
	e.Uint(i)
}

// Strings appends a list of strings.
func (e *Encoder) Strings(s []string) {
	e.Uint(len(s))
	for _, x := range s {
		e.String(x)
	}
}

// Ints appends a list of integers.
func (e *Encoder) Ints(s []int) {
	e.Uint(len(s))
	for _, x := range s {
		e.Int(x)
	}
}

// Bytes returns the encoding: magic, the string table, then the body.
func (e *Encoder) Bytes(magic string) []byte {
	out := []byte(magic)
	out = binary.AppendUvarint(out, uint64(len(e.table)))
	for _, s := range e.table {
		out = binary.AppendUvarint(out, uint64(len(s)))
	}
	for _, s := range e.table {
		out = append(out, s...)
	}
	return append(out, e.body...)
}

// Decoder reads what an Encoder wrote; the first error sticks and every
// later read returns a zero value.
type Decoder struct {
	b     []byte
	table []string
	err   error
	// strs and ints are what is left of the chunks lists are cut from.
	strs []string
	ints []int
}

// chunk is how many elements a chunk of lists holds at least: lists are
// cut from chunks so that decoding allocates once per chunk, not once
// per list.
const chunk = 1024

// Cut returns the next n elements of *pool, capacity n so that appending
// to it copies it rather than overwrite the next list, and keeps the rest
// in *pool; when fewer than n are left it starts a new chunk first.
// Decoders of other element types call it with a pool of their own.
func Cut[T any](pool *[]T, n int) []T {
	if n > len(*pool) {
		*pool = make([]T, max(n, chunk))
	}
	out := (*pool)[:n:n]
	*pool = (*pool)[n:]
	return out
}

// NewDecoder checks the magic and reads the string table of b.
func NewDecoder(b []byte, magic string) (*Decoder, error) {
	if len(b) < len(magic) || string(b[:len(magic)]) != magic {
		return nil, errors.New("not the expected encoding")
	}
	d := &Decoder{b: b[len(magic):]}
	n := d.Count()
	lens := make([]int, n)
	total := 0
	for i := range lens {
		lens[i] = d.Uint()
		total += lens[i]
	}
	if d.err != nil || total > len(d.b) {
		return nil, ErrCorrupt
	}
	all := string(d.b[:total])
	d.b = d.b[total:]
	d.table = make([]string, n)
	off := 0
	for i, l := range lens {
		d.table[i] = all[off : off+l]
		off += l
	}
	return d, nil
}

// Uint reads a non-negative integer.
func (d *Decoder) Uint() int {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 || v > uint64(len(d.b))*8+1<<20 {
		d.err = ErrCorrupt
		return 0
	}
	d.b = d.b[n:]
	return int(v)
}

// Int reads an integer.
func (d *Decoder) Int() int {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.err = ErrCorrupt
		return 0
	}
	d.b = d.b[n:]
	return int(v)
}

// Bool reads a boolean.
func (d *Decoder) Bool() bool {
	if d.err != nil || len(d.b) == 0 {
		d.err = ErrCorrupt
		return false
	}
	v := d.b[0]
	d.b = d.b[1:]
	return v == 1
}

// Str reads a string.
func (d *Decoder) Str() string {
	i := d.Uint()
	if d.err != nil || i >= len(d.table) {
		d.err = ErrCorrupt
		return ""
	}
	return d.table[i]
}

// Count reads a length and checks it against what is left, so a corrupt
// length cannot make a huge allocation.
func (d *Decoder) Count() int {
	n := d.Uint()
	if n > len(d.b) {
		d.err = ErrCorrupt
		return 0
	}
	return n
}

// Strings reads a list of strings (empty, not nil, when it has none).
// Its capacity is its length, so appending to it copies it rather than
// overwrite the next list.
func (d *Decoder) Strings() []string {
	n := d.Count()
	if n == 0 {
		return []string{}
	}
	out := Cut(&d.strs, n)
	for i := range out {
		out[i] = d.Str()
	}
	return out
}

// Ints reads a list of integers (nil when it has none), with its capacity
// its length as for Strings.
func (d *Decoder) Ints() []int {
	n := d.Count()
	if n == 0 {
		return nil
	}
	out := Cut(&d.ints, n)
	for i := range out {
		out[i] = d.Int()
	}
	return out
}

// Err returns the first error, or ErrCorrupt when input is left over.
func (d *Decoder) Err() error {
	if d.err == nil && len(d.b) != 0 {
		return ErrCorrupt
	}
	return d.err
}
