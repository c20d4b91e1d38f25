// Package apiref parses the plain-text API references of Zoom's
// documentation into record.Documents of operations and their scopes.
//
// Three shapes are understood:
//
//   - postman: a Postman-style list of numbered entries
//     ("N. tag - Name", "METHOD {{baseUrl}}/path?query", description,
//     "Scopes:", "Rate Limit Label:").
//   - openapi-text: an API reference rendered from an OpenAPI description
//     (title line, "- Method:" / "METHOD - Path:" / "/path - Tags: T"
//     block, description, "Scopes:", "Granular Scopes:",
//     "Rate Limit Label:", then request and response schemas).
//   - endpoint-page: one API reference page (name line,
//     "METHOD {{baseUrl}}/path", description, "Scopes:",
//     "Granular Scopes:", "Rate Limit Label:", body, responses, curl).
//
// The three parsers share one reader for the "Scopes:" /
// "Granular Scopes:" / "Rate Limit Label:" field lines and one reader for
// request lines and paths. Vendor defects (scope lists continued on
// following lines, entries without headers, truncated entries, missing
// fields) are recovered from and reported as record.Problems; scope names
// are kept verbatim so that later stages can lint them.
//
// The parsers set Document.Path and Document.Kind; Document.SHA256 is left
// to the caller (package parser fills it).
package apiref
