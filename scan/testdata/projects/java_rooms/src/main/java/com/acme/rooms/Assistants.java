package com.acme.rooms;

class Assistants {
    private final Transport transport = new Transport();

    void add(String userId, String json) throws Exception {
        String url = ZoomConfig.BASE + "/users/" + userId + "/assistants";
        log("adding assistants");
        validate(json);
        log("sending");
        transport.send(url, "POST", json);
    }

    void list(String userId) throws Exception {
        transport.get("/users/" + userId + "/assistants");
        transport.get("/users/me/schedulers?page_size=10");
    }

    void google(String key) throws Exception {
        String url = ZoomConfig.GOOGLE + "/users/" + key;
        transport.send(url, "DELETE", "");
    }

    private void validate(String json) {}

    private void log(String msg) {}
}
