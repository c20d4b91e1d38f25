package com.example.zoom;

import org.springframework.web.bind.annotation.*;

/** The app's own endpoints for Zoom webhooks (test fixture for package scan). */
@RestController
@RequestMapping("/users")
public class ZoomWebhookController {
    @GetMapping("/users/{userId}")
    public String get(@PathVariable String userId) {
        return userId;
    }

    @DeleteMapping("/meetings/{meetingId}")
    public void delete(@PathVariable String meetingId) {
    }

    @RequestMapping(value = "/users/{userId}/settings", method = RequestMethod.PATCH)
    public void settings(@PathVariable String userId) {
    }
}
