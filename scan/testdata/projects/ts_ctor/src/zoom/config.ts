export const ZOOM_ROOT = "https://api.zoom.us/v2";
export const STATUS_ROOT = "https://status.example.com/api";
