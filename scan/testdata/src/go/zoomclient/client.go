// Package zoomclient calls the Zoom REST API. It is a test fixture for
// package scan: each "want:" comment names the call scan must find on
// that line; every other line is a decoy.
package zoomclient

import (
	"context"
	"fmt"
	"net/http"
	"strings"
)

const zoomAPI = "https://api.zoom.us/v2"

// Client calls Zoom.
type Client struct{ http *http.Client }

// CreateMeeting builds the URL by concatenation; the method is a constant.
func (c *Client) CreateMeeting(userID, body string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodPost, "https://api.zoom.us/v2/users/"+userID+"/meetings", strings.NewReader(body)) // want: POST /users/{userId}/meetings high
	if err != nil {
		return nil, fmt.Errorf("create meeting: %w", err)
	}
	return c.http.Do(req)
}

// Settings formats the URL into a variable; the method comes a line later.
func (c *Client) Settings(userID string) (*http.Response, error) {
	url := fmt.Sprintf("https://api.zoom.us/v2/users/%s/settings", userID) // want: GET /users/{userId}/settings medium
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		return nil, err
	}
	return c.http.Do(req)
}

// DeleteMeeting hangs the path on the base constant.
func (c *Client) DeleteMeeting(ctx context.Context, meetingID string) error {
	req, err := http.NewRequestWithContext(ctx, "DELETE", zoomAPI+"/meetings/"+meetingID, nil) // want: DELETE /meetings/{meetingId} high
	if err != nil {
		return err
	}
	_, err = c.http.Do(req)
	return err
}

// Users lists users.
func (c *Client) Users() (*http.Response, error) {
	return http.Get(zoomAPI + "/users?status=active") // want: GET /users high
}

// ZAK has a URL with no method nearby, but the catalog has only GET for it.
func (c *Client) ZAK() (*http.Response, error) {
	zak := "https://api.zoom.us/v2/users/me/zak" // want: GET /users/me/zak medium
	return c.do(zak)
}

// UserURL returns a URL whose method the scanner cannot know: the catalog
// has GET, PATCH and DELETE for it, so it is skipped with a warning.
func UserURL(userID string) string {
	return zoomAPI + "/users/" + userID
}

// GitHub is another host: not a call.
func GitHub(name string) (*http.Response, error) {
	return http.Get("https://api.github.com/users/" + name)
}

func (c *Client) do(url string) (*http.Response, error) {
	// GET https://api.zoom.us/v2/users/{userId}/meetings is only a comment.
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return c.http.Do(req)
}

// DeleteUser formats the URL on the base constant.
func (c *Client) DeleteUser(userID string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodDelete, fmt.Sprintf("%s/users/%s", zoomAPI, userID), nil) // want: DELETE /users/{userId} high
	if err != nil {
		return nil, err
	}
	return c.http.Do(req)
}

const githubAPI = "https://api.github.com"

// GitHubUser formats another host's URL the same way: not a call.
func (c *Client) GitHubUser(name string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodDelete, fmt.Sprintf("%s/users/%s", githubAPI, name), nil)
	if err != nil {
		return nil, err
	}
	return c.http.Do(req)
}
