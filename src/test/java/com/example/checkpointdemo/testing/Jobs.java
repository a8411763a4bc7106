package com.example.checkpointdemo.testing;

import com.example.checkpointdemo.evidence.JobFacts;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;

/**
 * Job facts as a test needs them, without a cluster: a status, failures, checkpoints and a
 * restore, at made-up times (the job starts at 0 ms; the n-th failure is at n × 1000 ms).
 */
public final class Jobs {

    /** The cause Flink's exception history gives an injected failure at v = 8. */
    public static final String INJECTED_AT_8 =
            "com.example.checkpointdemo.functions.InjectedFailure: Injected failure at v=8 on attempt 0";

    private final String status;
    private final List<JobFacts.Failure> failures = new ArrayList<>();
    private final List<JobFacts.Checkpoint> checkpoints = new ArrayList<>();
    private final List<JobFacts.Restore> restores = new ArrayList<>();
    private String storage = "file:/tmp/";
    private long restoresCounted;

    private Jobs(String status) {
        this.status = status;
    }

    /** A job that ended {@code status}. */
    public static Jobs ended(String status) {
        return new Jobs(status);
    }

    /** A job that finished. */
    public static Jobs finished() {
        return new Jobs("FINISHED");
    }

    /** Adds {@code count} injected failures, at 1000 ms, 2000 ms, ... */
    public Jobs injected(int count) {
        for (int i = 0; i < count; i++) {
            failures.add(new JobFacts.Failure((failures.size() + 1) * 1000L, INJECTED_AT_8, true));
        }
        return this;
    }

    /** Adds an injected failure at {@code at} ms. */
    public Jobs injectedAt(long at) {
        failures.add(new JobFacts.Failure(at, INJECTED_AT_8, true));
        return this;
    }

    /** Adds a failure that was not injected. */
    public Jobs failedWith(String cause) {
        failures.add(new JobFacts.Failure((failures.size() + 1) * 1000L, cause, false));
        return this;
    }

    /** Adds checkpoint {@code id}, completed at {@code at} ms. */
    public Jobs checkpoint(long id, long at) {
        checkpoints.add(new JobFacts.Checkpoint(id, "COMPLETED", false, at - 20, at, storage + "chk-" + id, null));
        return this;
    }

    /** Adds checkpoint {@code id}, triggered at {@code at} ms, that failed. */
    public Jobs failedCheckpoint(long id, long at) {
        checkpoints.add(new JobFacts.Checkpoint(id, "FAILED", false, at, null, null, "java.net.ConnectException: Connection refused"));
        return this;
    }

    /** Keeps checkpoints at {@code location} ({@code s3://demo/checkpoints/j/}) instead of file:/tmp/. */
    public Jobs storedAt(String location) {
        storage = location;
        return this;
    }

    /** The job restored checkpoint {@code id} (completed at 500 ms, unless added before). */
    public Jobs restored(long id) {
        if (checkpoints.stream().noneMatch(c -> c.id() == id)) {
            checkpoint(id, 500);
        }
        return restoredAt(id, Rows.RESTORED_AT);
    }

    /** The job restored checkpoint {@code id} (added before) at {@code at} ms. */
    public Jobs restoredAt(long id, long at) {
        restores.add(new JobFacts.Restore(id, storage + "chk-" + id, at, false));
        restoresCounted++;
        return this;
    }

    /** Flink counted {@code count} restores in all, more than a test names: a watcher's poll missed some. */
    public Jobs restoresCounted(long count) {
        restoresCounted = count;
        return this;
    }

    public JobFacts build() {
        final int restarts = Math.max(0, failures.size() - ("FINISHED".equals(status) ? 0 : 1));
        return new JobFacts("j", "checkpoint-demo", status, 0, 9000, 1, restarts, List.copyOf(failures),
                checkpoints.size(), List.copyOf(checkpoints), restores.isEmpty() ? null : restores.get(restores.size() - 1),
                restoresCounted);
    }

    /** Every restore, oldest first (REST names only the last: a watcher sees them all). */
    public List<JobFacts.Restore> restores() {
        return List.copyOf(restores);
    }
}
