package com.example.checkpointdemo.testing;

import com.example.checkpointdemo.report.JobFacts;

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
    private @Nullable JobFacts.Restore restored;
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

    /** Adds a failure that was not injected. */
    public Jobs failedWith(String cause) {
        failures.add(new JobFacts.Failure((failures.size() + 1) * 1000L, cause, false));
        return this;
    }

    /** Adds checkpoint {@code id}, completed at {@code at} ms. */
    public Jobs checkpoint(long id, long at) {
        checkpoints.add(new JobFacts.Checkpoint(id, "COMPLETED", false, at - 20, at, "file:/tmp/chk-" + id, null));
        return this;
    }

    /** The job restored checkpoint {@code id} (completed at 500 ms, unless added before). */
    public Jobs restored(long id) {
        if (checkpoints.stream().noneMatch(c -> c.id() == id)) {
            checkpoint(id, 500);
        }
        restored = new JobFacts.Restore(id, "file:/tmp/chk-" + id, 3000, false);
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
                checkpoints.size(), List.copyOf(checkpoints), restored, restoresCounted);
    }
}
