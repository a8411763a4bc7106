package com.example.checkpointdemo.lab;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.javalin.http.sse.SseClient;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the lab has seen, in order, as JSON events pushed to every open page (server-sent events).
 * A page that opens late is sent the whole history first, so it shows the run from its start.
 *
 * <p>An event is told by whoever sees it, the print sink's task thread among them: {@link #emit}
 * never waits for a page. Events leave through a bounded queue that one thread of the lab's own
 * sends on; when a slow page lets the queue fill, further events are dropped for the pages (never
 * for the history) and, once the queue has room, a {@code dropped} event says how many: a reload
 * shows everything.
 */
final class LabEvents {

    private static final Logger LOG = LoggerFactory.getLogger(LabEvents.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How many events may wait for the pages: some seconds of rows at the fastest pace, many more of anything else. */
    static final int QUEUED_AT_MOST = 10_000;

    /** An event to send, with its number ({@code joining} null), or a page to send the history to. */
    private record Outgoing(long sequence, @Nullable String json, @Nullable SseClient joining) {}

    /** The events of the run so far, each with its number (numbers go on across {@link #clear}). */
    private final List<Outgoing> history = new ArrayList<>();
    private long lastSequence;
    private final BlockingQueue<Outgoing> outgoing;
    private final AtomicLong dropped = new AtomicLong();
    /** The pages, each with the sequence number of the last event it was sent: only the sender's thread touches it. */
    private final Map<SseClient, Long> clients = new IdentityHashMap<>();
    private final Thread sender;
    private volatile boolean closed;

    LabEvents() {
        this(QUEUED_AT_MOST);
    }

    /** Events queued for the pages up to {@code capacity}. */
    LabEvents(int capacity) {
        this.outgoing = new ArrayBlockingQueue<>(capacity);
        this.sender = new Thread(this::send, "lab-events");
        sender.setDaemon(true);
        sender.start();
    }

    /** Sends {@code type} with {@code fields} (name, value, name, value...) to every page; never waits for one. */
    void emit(String type, Object... fields) {
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
        synchronized (this) {
            final long missed = dropped.get();
            if (missed > 0 && outgoing.remainingCapacity() > 1) {
                // Not in the history: a page that opens later is sent every event.
                outgoing.offer(new Outgoing(++lastSequence, "{\"type\":\"dropped\",\"count\":" + missed + "}", null));
                dropped.set(0);
            }
            final Outgoing told = new Outgoing(++lastSequence, json, null);
            history.add(told);
            if (!outgoing.offer(told)) {
                dropped.incrementAndGet();
            }
        }
    }

    /** A page that opened: it gets what happened so far, then each event as it comes. */
    void join(SseClient client) {
        client.keepAlive();
        // Joining waits a while for room (a page opening is not the job's task thread), holding no lock emit needs.
        try {
            if (closed || !outgoing.offer(new Outgoing(0, null, client), 5, java.util.concurrent.TimeUnit.SECONDS)) {
                client.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How many events were dropped for the pages and not told yet. */
    long dropped() {
        return dropped.get();
    }

    /** Sends what is queued (for a few seconds at most), then ends every page's stream and the sender: the lab closes. */
    void close() {
        try {
            if (!outgoing.offer(END, 3, java.util.concurrent.TimeUnit.SECONDS)) {
                sender.interrupt();
            }
            sender.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closed = true;
        sender.interrupt();
    }

    /** What tells the sender to end. */
    private static final Outgoing END = new Outgoing(Long.MAX_VALUE, null, null);

    /** Forgets the history: a new run starts. */
    synchronized void clear() {
        history.clear();
    }

    /** The sender's loop: each event to each page that has not had it, in order. */
    private void send() {
        while (!closed) {
            final Outgoing next;
            try {
                next = outgoing.take();
            } catch (InterruptedException e) {
                break;
            }
            if (next == END) {
                break;
            }
            // A page closed (or a server stopped) ends its client: drop it rather than send into nothing.
            clients.keySet().removeIf(SseClient::terminated);
            if (next.joining() != null) {
                // Everything so far, those still queued behind this too (the page then skips them).
                final List<Outgoing> sofar;
                final long upTo;
                synchronized (this) {
                    sofar = List.copyOf(history);
                    upTo = lastSequence;
                }
                clients.put(next.joining(), upTo);
                for (Outgoing told : sofar) {
                    if (!sendTo(next.joining(), told.json())) {
                        clients.remove(next.joining());
                        break;
                    }
                }
                continue;
            }
            final List<SseClient> gone = new ArrayList<>();
            for (Map.Entry<SseClient, Long> client : clients.entrySet()) {
                if (next.sequence() > client.getValue()) {
                    client.setValue(next.sequence());
                    if (!sendTo(client.getKey(), next.json())) {
                        gone.add(client.getKey());
                    }
                }
            }
            gone.forEach(clients::remove);
        }
        clients.keySet().forEach(SseClient::close);
        clients.clear();
    }

    /** Sends {@code json} to {@code client}; false when the page has gone. */
    private boolean sendTo(SseClient client, String json) {
        try {
            client.sendData(json);
            return true;
        } catch (RuntimeException gone) {
            LOG.debug("A page of the lab went away: {}", gone.getMessage());
            return false;
        }
    }
}
