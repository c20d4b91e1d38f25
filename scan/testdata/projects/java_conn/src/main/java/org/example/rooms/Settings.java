package org.example.rooms;

/** Read once at start-up; the root can be overridden by a property. */
final class Settings {
	String apiRoot;
	int timeoutMillis;

	Settings() {
		apiRoot = "https://api.zoom.us/v2";
		timeoutMillis = 10000;
		String fromProps = System.getProperty("rooms.apiRoot");
		if (fromProps != null) apiRoot = fromProps;
	}
}
