package com.acme.rooms;

class AssistantsTest {
    void lists() throws Exception {
        new Transport().get("/users/summary");
    }
}
