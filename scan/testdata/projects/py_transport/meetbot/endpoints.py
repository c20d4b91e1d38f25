"""Regions the service runs in."""

REGION_US = "us"
REGION_STATUS = "status"

HOSTS = {
    REGION_US: "https://api.zoom.us/v2",
    REGION_STATUS: "https://status.example.org/api",
}
