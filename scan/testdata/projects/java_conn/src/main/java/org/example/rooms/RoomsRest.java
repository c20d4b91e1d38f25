package org.example.rooms;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;

public class RoomsRest {
	private final Settings settings = new Settings();
	private final String bearer;

	public RoomsRest(String bearer) {
		this.bearer = bearer;
	}

	public String member(String id) throws Exception {
		String target = full("users/" + id);
		return read(target);
	}

	public String addHelpers(String id, String json) throws Exception {
		String target = full("users/" + id + "/assistants");
		String ignored = "log";
		return exec("POST", target, json);
	}

	public String dropSchedulers(String id) throws Exception {
		return exec("DELETE", full("users/" + id + "/schedulers"), null);
	}

	public String everyone() throws Exception {
		return read(full("users"));
	}

	private String full(String relative) {
		return settings.apiRoot + "/" + relative;
	}

	public String read(String url) throws Exception {
		return exec("GET", url, null);
	}

	public String exec(String verb, String url, String body) throws Exception {
		HttpURLConnection conn = (HttpURLConnection) new URL(url).openConnection();
		conn.setRequestMethod(verb);
		conn.setRequestProperty("Authorization", "Bearer " + bearer);
		conn.setConnectTimeout(settings.timeoutMillis);
		if (body != null) {
			conn.setDoOutput(true);
			conn.getOutputStream().write(body.getBytes("UTF-8"));
		}
		try (InputStream in = conn.getInputStream()) {
			return new String(in.readAllBytes(), "UTF-8");
		}
	}
}
