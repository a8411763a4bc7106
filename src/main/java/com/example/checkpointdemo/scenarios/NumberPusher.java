package com.example.checkpointdemo.scenarios;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A sender that pushes numbers over TCP, one a line, at a pace, to whichever job is connected, as
 * a device or a log shipper would: what it sent is gone, it never sends it again. It listens on
 * 127.0.0.1 and accepts the next connection when the one it sends to has closed (the job failed
 * and connects again after its restart); it closes the connection after the last number.
 */
final class NumberPusher implements AutoCloseable {

    private final ServerSocket server;
    private final List<Long> values;
    private final Duration pace;
    private final List<List<Long>> sent = new ArrayList<>();
    private final Thread thread;
    private volatile Exception failure;
    private volatile Connection current;

    private NumberPusher(List<Long> values, Duration pace) throws IOException {
        this.server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        this.values = List.copyOf(values);
        this.pace = pace;
        this.thread = new Thread(this::push, "number-pusher");
        thread.setDaemon(true);
    }

    /** Starts pushing {@code values}, one per {@code pace}, to the first job that connects. */
    static NumberPusher start(List<Long> values, Duration pace) throws IOException {
        final NumberPusher pusher = new NumberPusher(values, pace);
        pusher.thread.start();
        return pusher;
    }

    /** The port it listens on. */
    int port() {
        return server.getLocalPort();
    }

    /** The numbers sent, per connection, in the order the connections came (a job's attempts). */
    synchronized List<List<Long>> sent() {
        return sent.stream().map(List::copyOf).toList();
    }

    private void push() {
        Connection connection = null;
        try {
            for (Long value : values) {
                boolean written = false;
                while (!written) {
                    if (connection == null || connection.closed()) {
                        if (connection != null) {
                            connection.close();
                        }
                        connection = accept();
                        current = connection;
                    }
                    written = connection.write(value);
                }
                synchronized (this) {
                    sent.get(sent.size() - 1).add(value);
                }
                Thread.sleep(pace.toMillis());
            }
        } catch (IOException | InterruptedException e) {
            if (!server.isClosed() && !(e instanceof InterruptedException)) {
                failure = e;
            }
        } finally {
            if (connection != null) {
                connection.close();
            }
        }
    }

    private Connection accept() throws IOException {
        final Connection connection = new Connection(server.accept());
        synchronized (this) {
            sent.add(new ArrayList<>());
        }
        return connection;
    }

    /** Stops sending and listening; throws what made the sender stop early, if anything did. */
    @Override
    public void close() throws IOException {
        server.close();
        final Connection connection = current;
        if (connection != null) {
            connection.close(); // frees a write blocked on a job that no longer reads
        }
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw new IOException("the number pusher on 127.0.0.1:" + port() + " failed", failure);
        }
    }

    /** One job's connection: closed once the job closes its end (its source was cancelled). */
    private static final class Connection {
        private final Socket socket;
        private final AtomicBoolean closed = new AtomicBoolean();

        Connection(Socket socket) {
            this.socket = socket;
            // The job never writes: a read ends only when it closes its end.
            final Thread watcher = new Thread(() -> {
                try (InputStream in = socket.getInputStream()) {
                    while (in.read() >= 0) {
                        // nothing to read
                    }
                } catch (IOException e) {
                    // closed either way
                }
                closed.set(true);
            }, "number-pusher-connection");
            watcher.setDaemon(true);
            watcher.start();
        }

        boolean closed() {
            return closed.get();
        }

        /** Whether the line went out; false when the job had gone. */
        boolean write(long value) {
            try {
                final OutputStream out = socket.getOutputStream();
                out.write((value + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                return true;
            } catch (IOException e) {
                closed.set(true);
                return false;
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // going away anyway
            }
        }
    }
}
