package scan_test

import (
	"context"
	"fmt"
	"log"

	"github.com/scopeplan/scopeplan"
	"github.com/scopeplan/scopeplan/scan"
)

// Scanning source code: each Zoom call found becomes the catalog's
// "METHOD /path/template", with its line and confidence.
func ExampleScanner_ScanFile() {
	cat, _, err := scopeplan.Load(context.Background(), scopeplan.Options{Docs: []string{"testdata/catalog"}})
	if err != nil {
		log.Fatal(err)
	}
	src := `import requests

BASE = "https://api.zoom.us/v2"

def create(user_id, body):
    return requests.post(f"{BASE}/users/{user_id}/meetings", json=body)

@app.get("/users/{user_id}")  # a route the app serves: not a call
def show(user_id): ...
`
	res, err := scan.New(cat).ScanFile("zoom.py", []byte(src))
	if err != nil {
		log.Fatal(err)
	}
	for _, c := range res.Calls {
		fmt.Printf("%s:%d %s (%s, %s)\n", c.File, c.Line, c.Call, c.Confidence, c.Kind)
	}
	// Output:
	// zoom.py:6 POST /users/{userId}/meetings (high, url)
}

// Scanning a tree: folders are walked (vendor folders skipped), HAR files
// read as recorded traffic.
func ExampleScanner_Scan() {
	cat, _, err := scopeplan.Load(context.Background(), scopeplan.Options{Docs: []string{"testdata/catalog"}})
	if err != nil {
		log.Fatal(err)
	}
	res, err := scan.New(cat).Scan("testdata/src/traffic")
	if err != nil {
		log.Fatal(err)
	}
	for _, c := range res.Calls {
		fmt.Printf("%s:%d %s\n", c.File, c.Line, c.Call)
	}
	for _, k := range res.Skipped {
		fmt.Printf("skipped %s:%d %s\n", k.File, k.Line, k.Text)
	}
	// Output:
	// testdata/src/traffic/session.har:10 GET /users/me/zak
	// testdata/src/traffic/session.har:44 POST /users/{userId}/meetings
	// testdata/src/traffic/session.har:146 PATCH /meetings/{meetingId}
	// testdata/src/traffic/session.har:248 GET /users/{userId}
	// skipped testdata/src/traffic/session.har:214 GET /webinars/81234567890
}
