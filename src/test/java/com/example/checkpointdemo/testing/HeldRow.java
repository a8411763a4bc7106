package com.example.checkpointdemo.testing;

import org.apache.flink.table.functions.AsyncScalarFunction;
import org.apache.flink.table.functions.FunctionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * What the tests' gates share: an asynchronous function that holds one row back until a
 * condition holds, and lets every other row pass at once. Holding a row does not block the task,
 * so checkpoint barriers pass it, and the held row is kept in the checkpoint, as Flink's async
 * operator keeps its rows in flight: a checkpoint taken while it is held covers every row before it.
 */
abstract class HeldRow extends AsyncScalarFunction {

    private transient ScheduledExecutorService poller;

    @Override
    public void open(FunctionContext context) {
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            final Thread thread = new Thread(runnable, getClass().getSimpleName());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Completes {@code result} with {@code v} once {@code released} says so; says it is held in {@code marker}. */
    void hold(CompletableFuture<Long> result, Long v, Path marker, BooleanSupplier released) {
        try {
            Files.createDirectories(marker.getParent());
            Files.writeString(marker, String.valueOf(System.currentTimeMillis()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot mark the held row in " + marker, e);
        }
        poller.scheduleWithFixedDelay(() -> {
            if (released.getAsBoolean()) {
                result.complete(v);
                throw new IllegalStateException("released"); // ends this repetition
            }
        }, 0, 20, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }

    @Override
    public boolean isDeterministic() {
        return false;
    }
}
