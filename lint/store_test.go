package lint

import (
	"errors"
	"reflect"
	"strconv"
	"testing"
)

// fill sets every field of the struct v points to to a distinct value
// (lists of structs get two filled items), so a field added to Finding or
// Fix but not to the store fails the round trip.
func fill(t *testing.T, v reflect.Value, n int) {
	t.Helper()
	for i := 0; i < v.NumField(); i++ {
		switch fv := v.Field(i); fv.Kind() {
		case reflect.String:
			fv.SetString(v.Type().Field(i).Name + strconv.Itoa(n))
		case reflect.Int:
			fv.SetInt(int64(100*n + i))
		case reflect.Slice:
			if fv.Type().Elem().Kind() != reflect.Struct {
				t.Fatalf("%s.%s is a %s: teach store.go to encode it", v.Type().Name(), v.Type().Field(i).Name, fv.Type())
			}
			fv.Set(reflect.MakeSlice(fv.Type(), 2, 2))
			fill(t, fv.Index(0), 10*n+1)
			fill(t, fv.Index(1), 10*n+2)
		default:
			t.Fatalf("%s.%s is a %s: teach store.go to encode it", v.Type().Name(), v.Type().Field(i).Name, fv.Kind())
		}
	}
}

func filledFinding(t *testing.T, n int) Finding {
	t.Helper()
	var f Finding
	fill(t, reflect.ValueOf(&f).Elem(), n)
	return f
}

func TestStoredFindingsRoundTrip(t *testing.T) {
	fs := []Finding{filledFinding(t, 1), filledFinding(t, 2), {}}
	b := EncodeFindings("digest-a", fs)
	got, err := DecodeFindings(b, "digest-a")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, fs) {
		t.Fatalf("round trip changed the findings:\n got %+v\nwant %+v", got, fs)
	}
	if _, err := DecodeFindings(b, "digest-b"); !errors.Is(err, ErrStaleFindings) {
		t.Errorf("findings of other data: %v, want ErrStaleFindings", err)
	}
	if got, err := DecodeFindings(EncodeFindings("d", nil), "d"); err != nil || got == nil || len(got) != 0 {
		t.Errorf("no findings: %v, %v; want an empty list", got, err)
	}
	for n := 0; n < len(b); n++ {
		if _, err := DecodeFindings(b[:n], "digest-a"); err == nil {
			t.Fatalf("DecodeFindings of %d of %d bytes succeeded", n, len(b))
		}
	}
}

// FuzzDecodeFindings: any input is an error or findings, never a panic.
func FuzzDecodeFindings(f *testing.F) {
	f.Add(EncodeFindings("d", []Finding{{Rule: "R", Line: 3}}), "d")
	f.Add([]byte(storeMagic), "")
	f.Fuzz(func(t *testing.T, b []byte, digest string) {
		fs, err := DecodeFindings(b, digest)
		if err == nil && fs == nil {
			t.Fatal("nil findings without an error")
		}
	})
}
