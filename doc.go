// Package scopeplan is the library's entry point: Load builds the catalog
// of Zoom's OAuth scope documentation that the scopeplan command works
// on, and says where its data came from.
//
// By default the catalog is built from the documents embedded in the
// module (package data), decoded from a snapshot generated at build time,
// so loading takes milliseconds and needs no network. Options.Docs
// replaces them with files or folders, Options.AddDocs adds to them, and
// Options.UseCache prefers the newer documents `scopeplan update` keeps in
// its cache. The catalog is then queried (package catalog) and used by the
// public packages:
//
//	parser -> catalog -> planner, lint, audit, explain, migrate, scan
//
// for example planner.Make for the least-privileged scopes of an app's
// calls, or lint.Run for the documentation's defects.
package scopeplan
