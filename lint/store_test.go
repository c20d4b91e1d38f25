package lint

import (
	"errors"
	"reflect"
	"strconv"
	"testing"
)

// filledFinding sets every field of a Finding to a distinct value, so a
// field added to Finding but not to the store fails the round trip.
func filledFinding(t *testing.T, n int) Finding {
	t.Helper()
	var f Finding
	v := reflect.ValueOf(&f).Elem()
	for i := 0; i < v.NumField(); i++ {
		switch fv := v.Field(i); fv.Kind() {
		case reflect.String:
			fv.SetString(v.Type().Field(i).Name + strconv.Itoa(n))
		case reflect.Int:
			fv.SetInt(int64(100*n + i))
		default:
			t.Fatalf("Finding.%s is a %s: teach store.go to encode it", v.Type().Field(i).Name, fv.Kind())
		}
	}
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
