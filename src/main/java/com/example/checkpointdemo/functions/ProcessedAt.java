package com.example.checkpointdemo.functions;

import java.time.Instant;

/**
 * The {@code processed_at} every variant emits: when a row was processed, to the millisecond, as
 * its {@code TIMESTAMP_LTZ(3)} column says (Flink passes an {@link Instant}'s nanoseconds on).
 */
public final class ProcessedAt {

    private ProcessedAt() {}

    public static Instant now() {
        return Instant.ofEpochMilli(System.currentTimeMillis());
    }
}
