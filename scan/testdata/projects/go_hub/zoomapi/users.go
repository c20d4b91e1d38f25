package zoomapi

import (
	"context"
	"net/http"
)

// Me reads the caller.
func (c *Client) Me(ctx context.Context) (map[string]any, error) {
	var out map[string]any
	err := c.get(ctx, "/users/me?login_type=100", &out)
	return out, err
}

// Delete removes a user.
func (c *Client) Delete(ctx context.Context, id string) error {
	return c.do(ctx, http.MethodDelete, "/users/"+id+"?action=delete", nil, nil)
}

// Vanity checks a vanity name.
func (c *Client) Vanity(ctx context.Context, name string) error {
	return c.do(ctx, "GET", "/users/vanity_name?vanity_name="+name, nil, nil)
}

func (c *Client) members(ctx context.Context, kind, id string) error {
	return c.do(ctx, http.MethodPost, "/"+kind+"/"+id+"/members", nil, nil)
}

// AddMembers adds members to a group or a contact group.
func (c *Client) AddMembers(ctx context.Context, id string, contact bool) error {
	if contact {
		return c.members(ctx, "contacts/groups", id)
	}
	return c.members(ctx, "groups", id)
}
