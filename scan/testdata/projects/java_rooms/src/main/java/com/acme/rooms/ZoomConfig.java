package com.acme.rooms;

public final class ZoomConfig {
    public static final String BASE = System.getProperty("zoom.base", "https://api.zoom.us/v2");
    public static final String GOOGLE = "https://admin.googleapis.com/admin/directory/v1";

    private ZoomConfig() {}
}
