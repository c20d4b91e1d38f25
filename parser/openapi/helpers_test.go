package openapi

import "path/filepath"

// sharedDir is where the shared copies of Zoom's OpenAPI files live,
// relative to this package's directory. Tests that need them skip when
// they are absent.
const sharedDir = "../../../shared/zoom-openapi"

// sharedPath is the path of one shared file.
func sharedPath(name string) string { return filepath.Join(filepath.FromSlash(sharedDir), name) }
