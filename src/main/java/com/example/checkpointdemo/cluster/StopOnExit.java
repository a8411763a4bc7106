package com.example.checkpointdemo.cluster;

/**
 * A server a run started for itself, stopped when the run ends or, should the run not get there
 * (Ctrl-C), when the JVM does.
 */
public final class StopOnExit implements AutoCloseable {

    private final Runnable stop;
    private final Thread hook;

    private StopOnExit(Runnable stop, String name) {
        this.stop = stop;
        this.hook = new Thread(stop, name);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Runs {@code stop} on {@link #close}, or when the JVM ends before that. */
    public static StopOnExit register(Runnable stop, String name) {
        return new StopOnExit(stop, name);
    }

    /** Stops the server now. */
    @Override
    public void close() {
        stop.run();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway, and finds nothing to stop
        }
    }
}
