package update_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"

	"github.com/scopeplan/scopeplan/internal/cache"
	"github.com/scopeplan/scopeplan/internal/update"
	"github.com/scopeplan/scopeplan/parser/record"
)

func ExampleUpdater_Run() {
	page, err := os.ReadFile("testdata/granular.html")
	if err != nil {
		fmt.Println(err)
		return
	}
	// A stand-in for Zoom's developer site that honours If-None-Match.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		_, _ = w.Write(page)
	}))
	defer srv.Close()
	dir, err := os.MkdirTemp("", "scopeplan-update-example-")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)

	u := update.New(&cache.Cache{Dir: dir})
	u.Sources = []update.Source{{Name: "granular", URL: srv.URL + "/granular/", Kind: record.KindGranularHTML}}
	for range 2 {
		res, err := u.Run(context.Background())
		if err != nil {
			fmt.Println(err)
			return
		}
		for _, s := range res.Sources {
			fmt.Println(s.Source.Name, s.Status, s.After.Records)
		}
	}
	// Output:
	// granular updated 2
	// granular unchanged 2
}

func ExampleHTMLText() {
	page := `<main>
<h2>Account scopes<a href="#account">#</a></h2>
<h3>account:read:admin</h3>
<p>View account info</p>
<p><strong>Associated API</strong></p>
<ul><li><a href="/docs/api/rest/reference/account/methods/#operation/accountSettings">Get account settings</a></li></ul>
</main>`
	text, err := update.HTMLText([]byte(page))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(string(text))
	// Output:
	// Account scopes
	// account:read:admin
	// View account info
	// Associated API
	// - [Get account settings](/docs/api/rest/reference/account/methods/#operation/accountSettings)
}
