package com.example.checkpointdemo.lab;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Standard output as lines: each complete line written to it handed to a listener (the print sink's rows). */
final class ConsoleLines extends OutputStream {

    private final Consumer<String> listener;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    ConsoleLines(Consumer<String> listener) {
        this.listener = listener;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            final String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            try {
                listener.accept(text);
            } catch (RuntimeException e) {
                // A line the page cannot use must not fail the job that printed it (this runs in its task).
                org.slf4j.LoggerFactory.getLogger(ConsoleLines.class).debug("Line not told: {}", text, e);
            }
        } else {
            line.write(b);
        }
    }
}
