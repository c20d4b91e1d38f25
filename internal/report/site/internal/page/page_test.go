package page

import (
	"encoding/json"
	"slices"
	"testing"
)

// sample is a small page: two endpoints, three scopes (one classic), one
// event whose second scope no scope page defines.
const sample = `{"title":"t","apps":[],"products":["P"],
"endpoints":[{"id":0,"n":"a","pr":0,"g":[0,1],"c":[3],"b":[],"h":[],"w":[]},{"id":1,"n":"b","pr":0,"g":[1],"c":[],"b":[],"h":[],"w":[]}],
"scopes":[{"n":"a:read:x","k":"g","lv":"user","e":[0],"ev":[0],"df":true},{"n":"a:read:x:admin","k":"g","lv":"admin","e":[0,1],"df":true},
{"n":"a:read:y:admin","k":"g","lv":"admin","e":[],"ev":[0]},{"n":"a:read","k":"c","lv":"user","e":[0],"df":true}],
"events":[{"id":0,"n":"a.updated","pr":0,"g":[0,2],"c":[],"b":[],"h":[],"w":[]}],
"notes":[],"documents":[]}`

func TestRestoreAndPlan(t *testing.T) {
	c, err := Restore([]byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Endpoints) != 2 || len(c.Events) != 1 || len(c.Scopes) != 4 {
		t.Fatalf("restored %d endpoints, %d events, %d scopes", len(c.Endpoints), len(c.Events), len(c.Scopes))
	}
	r, err := Plan(c, Request{App: "user", Endpoints: []int{0, 1}, Events: []int{0}})
	if err != nil {
		t.Fatal(err)
	}
	// A user app cannot call endpoint 1 (admin scopes only); endpoint 0
	// and the event share a:read:x, the defined user-level scope.
	if !slices.Equal(r.Granular, []string{"a:read:x"}) || len(r.Calls) != 1 || len(r.Events) != 1 ||
		len(r.Unmapped) != 1 || r.Unmapped[0].Kind != "call" || r.Unmapped[0].ID != 1 {
		t.Errorf("plan = %+v", r)
	}
	var bad map[string]string
	if err := json.Unmarshal(PlanJSON(c, []byte(`{"app":"robot"}`)), &bad); err != nil || bad["error"] == "" {
		t.Errorf("bad app: %v %v", bad, err)
	}
	if err := json.Unmarshal(PlanJSON(c, []byte(`{"app":"user","events":[7]}`)), &bad); err != nil || bad["error"] == "" {
		t.Errorf("unknown event: %v %v", bad, err)
	}
}

// FuzzRestorePlan: any page data and request give a catalog or an error,
// and a plan or an error, never a panic.
func FuzzRestorePlan(f *testing.F) {
	f.Add([]byte(sample), []byte(`{"app":"admin","endpoints":[0,1],"events":[0]}`))
	f.Add([]byte(`{"endpoints":[{"id":0,"g":[5]}]}`), []byte(`{"app":"user"}`))
	f.Add([]byte(`{"scopes":[{"n":"x","k":"g","e":[3],"ev":[-1]}]}`), []byte(`{"app":"master","endpoints":[-1]}`))
	f.Fuzz(func(t *testing.T, data, request []byte) {
		c, err := Restore(data)
		if err != nil {
			return
		}
		out := PlanJSON(c, request)
		if !json.Valid(out) {
			t.Fatalf("PlanJSON wrote invalid JSON: %s", out)
		}
	})
}
