// Package scopeplan loads the catalog of Zoom's OAuth scope documentation.
package scopeplan
