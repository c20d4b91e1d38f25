package update

import (
	"strings"
	"testing"

	"github.com/scopeplan/scopeplan/parser/record"
)

func TestParseSources(t *testing.T) {
	got, err := ParseSources([]string{"granular=http://127.0.0.1:8080/g", "mine=openapi=https://example.test/m.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Kind != record.KindGranularHTML || got[1].Name != "mine" || got[1].Kind != record.KindOpenAPI {
		t.Errorf("ParseSources = %+v", got)
	}
	if _, err := ParseSources([]string{"a=https://example.test/1", "a=https://example.test/2"}); err == nil || err.Error() != "a given twice" {
		t.Errorf("a name given twice: %v", err)
	}
	if _, err := ParseSources([]string{"noequals"}); err == nil || !strings.Contains(err.Error(), "NAME=URL") {
		t.Errorf("a malformed source: %v", err)
	}
	if got, err := ParseSources(nil); err != nil || got != nil {
		t.Errorf("no sources: %v, %v", got, err)
	}
}
