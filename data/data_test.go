package data

import "testing"

// TestDigestIsFresh fails when the embedded documents changed since the
// snapshot and its digest were generated: run go generate ./data.
func TestDigestIsFresh(t *testing.T) {
	if got, want := Digest(), ComputeDigest(); got != want {
		t.Fatalf("data/digest.go has %q, the documents hash to %q: run go generate ./data", got, want)
	}
}
