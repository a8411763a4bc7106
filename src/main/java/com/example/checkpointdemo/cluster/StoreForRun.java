package com.example.checkpointdemo.cluster;


import java.io.IOException;
import java.nio.file.Path;

/**
 * The object store of one run ({@code bin/demo --s3}): a fresh store on a free port under {@code
 * home}, made the home of {@code s3://} in this JVM (and so in the embedded cluster in it), stopped
 * when the run ends or the JVM does (Ctrl-C). Its objects stay in {@code home/s3/demo} to be
 * looked at after the run.
 */
public final class StoreForRun implements AutoCloseable {

    private final ObjectStore store;
    private final StopOnExit stopOnExit;

    private StoreForRun(ObjectStore store, StopOnExit stopOnExit) {
        this.store = store;
        this.stopOnExit = stopOnExit;
    }

    /** Starts the run's store; one that a killed run left under {@code home} is stopped first (its pid file says it is ours). */
    public static StoreForRun start(Path home) throws IOException, InterruptedException {
        final ObjectStore store = new ObjectStore(home);
        store.stop();
        final StopOnExit stopOnExit = StopOnExit.register(store::stop, "stop-object-store");
        try {
            store.start(ProcessHome.freePortPair());
            S3Plugin.useInThisJvm(store.flinkSettings());
        } catch (IOException | InterruptedException | RuntimeException e) {
            stopOnExit.close();
            throw e;
        }
        return new StoreForRun(store, stopOnExit);
    }

    /** The store. */
    public ObjectStore store() {
        return store;
    }

    @Override
    public void close() {
        stopOnExit.close();
    }
}
