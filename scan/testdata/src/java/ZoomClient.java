package com.example.zoom;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.springframework.http.HttpMethod;
import org.springframework.web.client.RestTemplate;

/**
 * Calls the Zoom REST API (test fixture for package scan). Each "want:"
 * comment names the call scan must find on that line.
 * See https://api.zoom.us/v2/users/{userId} in the docs: a comment, not a call.
 */
public class ZoomClient {
    private static final String ZOOM_API = "https://api.zoom.us/v2";
    private final HttpClient http = HttpClient.newHttpClient();
    private final RestTemplate rest = new RestTemplate();

    public HttpResponse<String> updateUser(String userId, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder()
                .uri(URI.create(ZOOM_API + "/users/" + userId)) // want: PATCH /users/{userId} high
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    public void deleteMeeting(String meetingId) {
        rest.exchange("https://api.zoom.us/v2/meetings/{meetingId}", HttpMethod.DELETE, null, Void.class, meetingId); // want: DELETE /meetings/{meetingId} high
    }

    public String listMeetings(String userId) {
        return rest.getForObject(ZOOM_API + "/users/{userId}/meetings", String.class, userId); // want: GET /users/{userId}/meetings high
    }

    public String users() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(ZOOM_API + "/users")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(); // want: POST /users high
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
}
