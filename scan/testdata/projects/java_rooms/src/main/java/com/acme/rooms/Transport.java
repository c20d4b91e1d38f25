package com.acme.rooms;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

class Transport {
    private final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> send(String url, String method, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json")
            .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String route) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(ZoomConfig.BASE + route)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
