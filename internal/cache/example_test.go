package cache_test

import (
	"fmt"
	"os"
	"time"

	"github.com/scopeplan/scopeplan/internal/cache"
	"github.com/scopeplan/scopeplan/parser/record"
)

func ExampleCache_Store() {
	dir, err := os.MkdirTemp("", "scopeplan-cache-example-")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)

	c := &cache.Cache{Dir: dir}
	when := time.Date(2027, 1, 2, 0, 0, 0, 0, time.UTC)
	e, err := c.Store(cache.Entry{
		Name: "classic", URL: "https://developers.zoom.us/docs/integrations/oauth-scopes/",
		Kind: record.KindClassic, ETag: `"abc"`, Fetched: when, Checked: when,
	}, []byte("Account scopes\n"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(e.File, e.Size)
	m, err := c.Manifest()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(m.Captured().After(when.Add(-24 * time.Hour)))

	files, err := c.Files()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range files {
		fmt.Printf("%s %s %q\n", f.Entry.Name, f.Entry.Kind, f.Data)
	}
	// Output:
	// classic-fa785b676011.txt 15
	// true
	// classic classic "Account scopes\n"
}
