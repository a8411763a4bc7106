package com.example.checkpointdemo.cluster;


import java.io.IOException;
import java.nio.file.Path;

/**
 * The object store of one run ({@code bin/demo --s3}): a fresh store on a free port in a home of
 * the run's own ({@link RunHome}), made the home of {@code s3://} in this JVM (and so in the
 * embedded cluster in it), stopped when the run ends or the JVM does (Ctrl-C). Its objects stay in
 * {@code <home>/s3/demo} to be looked at after the run.
 */
public final class StoreForRun implements AutoCloseable {

    private final ObjectStore store;
    private final StopOnExit stopOnExit;

    private StoreForRun(ObjectStore store, StopOnExit stopOnExit) {
        this.store = store;
        this.stopOnExit = stopOnExit;
    }

    /** Starts the run's store in a home of its own under {@code base}. */
    public static StoreForRun start(Path base) throws IOException, InterruptedException {
        final ObjectStore store = new ObjectStore(RunHome.claim(base));
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
