package zoomapi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
)

// Client talks to Zoom.
type Client struct {
	base string
	http *http.Client
}

// New returns a client on the default base.
func New() *Client {
	return &Client{base: DefaultBase, http: http.DefaultClient}
}

func (c *Client) do(ctx context.Context, method, route string, in, out any) error {
	var body bytes.Buffer
	if in != nil {
		if err := json.NewEncoder(&body).Encode(in); err != nil {
			return err
		}
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+route, &body)
	if err != nil {
		return fmt.Errorf("zoom %s %s: %w", method, route, err)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return json.NewDecoder(resp.Body).Decode(out)
}

func (c *Client) get(ctx context.Context, route string, out any) error {
	return c.do(ctx, http.MethodGet, route, nil, out)
}
