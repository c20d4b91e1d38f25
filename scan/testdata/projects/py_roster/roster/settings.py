"""Settings of the roster sync service."""
import os

ZOOM_ROOT = os.environ.get("ROSTER_ZOOM_ROOT", "https://api.zoom.us/v2")
SLACK_ROOT = "https://slack.com/api"
GOOGLE_ROOT = "https://admin.googleapis.com/admin/directory/v1"
PAGE_SIZE = 300
