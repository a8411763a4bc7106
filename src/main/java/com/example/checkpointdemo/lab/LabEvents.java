package com.example.checkpointdemo.lab;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.javalin.http.sse.SseClient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the lab has seen, in order, as JSON events pushed to every open page (server-sent events).
 * A page that opens late is sent the whole history first, so it shows the run from its start.
 */
final class LabEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> history = new ArrayList<>();
    private final List<SseClient> clients = new CopyOnWriteArrayList<>();

    /** Sends {@code type} with {@code fields} (name, value, name, value...) to every page. */
    synchronized void emit(String type, Object... fields) {
        final Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", type);
        event.put("at", System.currentTimeMillis());
        for (int i = 0; i + 1 < fields.length; i += 2) {
            event.put((String) fields[i], fields[i + 1]);
        }
        final String json;
        try {
            json = JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot send " + event, e);
        }
        history.add(json);
        // A page closed (or a server stopped) ends its client: drop it rather than send into nothing.
        clients.removeIf(SseClient::terminated);
        for (SseClient client : clients) {
            try {
                client.sendData(json);
            } catch (RuntimeException gone) {
                clients.remove(client);
            }
        }
    }

    /** A page that opened: it gets what happened so far, then each event as it comes. */
    synchronized void join(SseClient client) {
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        history.forEach(client::sendData);
        clients.add(client);
    }

    /** Ends every page's stream: the lab closes. */
    synchronized void close() {
        clients.forEach(SseClient::close);
        clients.clear();
    }

    /** Forgets the history: a new run starts. */
    synchronized void clear() {
        history.clear();
    }
}
