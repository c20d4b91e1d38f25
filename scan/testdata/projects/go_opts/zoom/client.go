package zoom

import (
	"bytes"
	"encoding/json"
	"net/http"
)

// Verb is an HTTP method.
type Verb string

// The verbs the API uses.
const (
	Get   Verb = http.MethodGet
	Post  Verb = http.MethodPost
	Put   Verb = http.MethodPut
	Patch Verb = http.MethodPatch
)

type call struct {
	Verb Verb
	Path string
	Body interface{}
}

// Client talks to the API.
type Client struct {
	root string
	hc   *http.Client
}

// New returns a client for the public cloud.
func New() *Client {
	return &Client{root: "https://api.zoom.us/v2", hc: http.DefaultClient}
}

func (c *Client) do(in call, out interface{}) error {
	var buf bytes.Buffer
	if in.Body != nil {
		if err := json.NewEncoder(&buf).Encode(in.Body); err != nil {
			return err
		}
	}
	req, err := http.NewRequest(string(in.Verb), c.root+in.Path, &buf)
	if err != nil {
		return err
	}
	res, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	return json.NewDecoder(res.Body).Decode(out)
}
