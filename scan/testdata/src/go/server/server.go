// Package server is the app's own web server, which a Zoom webhook
// reaches. A test fixture for package scan: its routes are not calls.
package server

import "net/http"

// Routes registers the app's handlers.
func Routes(h http.HandlerFunc) *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("/users/{userId}", h)
	mux.HandleFunc("DELETE /meetings/{meetingId}", h)
	mux.Handle("/users", h)
	return mux
}
