package github

import (
	"context"
	"net/http"
)

const ghBase = "https://api.github.com"

// Client is a GitHub client shaped like the Zoom one: a decoy.
type Client struct{ base string }

// New returns a GitHub client.
func New() *Client { return &Client{base: ghBase} }

func (c *Client) do(ctx context.Context, method, route string) error {
	req, err := http.NewRequestWithContext(ctx, method, c.base+route, nil)
	if err != nil {
		return err
	}
	_, err = http.DefaultClient.Do(req)
	return err
}

// User reads a GitHub user.
func (c *Client) User(ctx context.Context, name string) error {
	return c.do(ctx, http.MethodGet, "/users/"+name)
}
