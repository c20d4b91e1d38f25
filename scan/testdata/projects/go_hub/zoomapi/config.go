package zoomapi

// DefaultBase is where the REST API lives.
const DefaultBase = "https://api.zoom.us/v2"
