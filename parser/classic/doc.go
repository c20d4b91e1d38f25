// Package classic reads Zoom's classic OAuth scopes page into a
// record.Document.
//
// The page is plain text: an optional preamble (the first line is the page
// title), then groups. A group starts with a "<Group> scopes" heading,
// usually followed by an introduction ("The following are the available
// <Group> scopes and their associated API calls:"). Each scope of a group is
// a scope-name line (a token such as "account:read:admin"), a description
// line, an "Associated API" line and "- API name" items, some of which are
// Markdown links "- [API name](href)".
//
// The parser works from the structure of the text, not from a list of known
// scopes or groups. It keeps names exactly as written so that later stages
// can lint them, and records every structural defect it recovers from as a
// record.Problem instead of failing.
package classic
