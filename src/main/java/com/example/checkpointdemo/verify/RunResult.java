package com.example.checkpointdemo.verify;

import com.example.checkpointdemo.plumbing.Text;

import com.example.checkpointdemo.evidence.JobFacts;
import com.example.checkpointdemo.evidence.TableRows;

import javax.annotation.Nullable;

import java.util.List;
import java.util.Map;

/**
 * What one run of the script showed, each fact from Flink or from the sinks: its job and how it
 * ended, when it was running (epoch milliseconds), its checkpoints, failures and restores (REST,
 * as the watcher saw them), the fault it got (null for a reference run) and when, the checkpoint the
 * verifier triggered for it, what each sink committed (read back through Flink or, for an upsert
 * topic, as its final table), the anomalies a sink shows by itself (a broken changelog, a
 * transaction left open), what else was found (part files left behind), what Flink logged of
 * transactions it could not commit, whether the job
 * was stuck (it did not end in time, and was cancelled), and how long the whole run took here
 * (submitting, running, reading back).
 */
public record RunResult(
        String label,
        @Nullable Fault fault,
        String jobId,
        String status,
        long runningAt,
        long endedAt,
        List<JobFacts.Checkpoint> checkpoints,
        List<JobFacts.Failure> failures,
        List<JobFacts.Restore> restores,
        @Nullable String faultDone,
        @Nullable Long faultAt,
        @Nullable Long faultUntil,
        @Nullable Long triggeredCheckpoint,
        @Nullable String notFired,
        Map<String, TableRows> sinks,
        List<Anomaly> ownAnomalies,
        List<String> found,
        List<String> logged,
        boolean stuck,
        long wallMillis) {

    /** Whether this is a fault-free reference run. */
    public boolean reference() {
        return fault == null;
    }

    /** How long the job ran, from running to its end. */
    public long durationMillis() {
        return Math.max(0, endedAt - runningAt);
    }

    /** The timeline a schedule is drawn from: how long the job ran, when its checkpoints completed. */
    public ReferenceTimeline timeline() {
        return new ReferenceTimeline(durationMillis(), checkpoints.stream().filter(JobFacts.Checkpoint::completed)
                .map(JobFacts.Checkpoint::completedAt).filter(java.util.Objects::nonNull).map(at -> at - runningAt).sorted().toList());
    }

    /** The restore that followed the fault, if any: the recovery this run exercised. */
    public @Nullable JobFacts.Restore restoreAfterFault() {
        return faultAt == null ? null : restores.stream().filter(r -> r.restoredAt() >= faultAt).findFirst().orElse(null);
    }

    /**
     * Whether the fault hit a job that had a completed checkpoint, and the job restored one after it;
     * or, for a fault of the systems around Flink (a broker, a store), whether it was done while the
     * job ran and the job rode it out without failing: its recovery then is the connector's and the
     * checkpoint's retries, which the comparison judges as it judges a restore.
     */
    public boolean exercised() {
        return restoreAfterFault() != null || rodeItOut();
    }

    /**
     * A fault around Flink, done while the job ran, that a checkpoint met (one in flight while the
     * server was down or stalled: a fault between checkpoints that none met tested nothing), and no
     * failure of the job from then on.
     */
    private boolean rodeItOut() {
        if (fault == null || !fault.kind().aroundFlink() || faultAt == null || failures.stream().anyMatch(f -> f.timestamp() >= faultAt)) {
            return false;
        }
        final long until = faultUntil == null ? faultAt : faultUntil;
        // A checkpoint that did not complete counts if it was the one in flight at the fault, or a later one.
        final long lastCompletedBefore = checkpoints.stream().filter(c -> c.completedAt() != null && c.completedAt() < faultAt)
                .mapToLong(JobFacts.Checkpoint::completedAt).max().orElse(0);
        return checkpoints.stream().anyMatch(c -> c.triggeredAt() <= until
                && (c.completedAt() != null ? c.completedAt() >= faultAt : c.triggeredAt() > lastCompletedBefore));
    }

    /**
     * What Flink did after the fault, in a phrase: restored checkpoint 3 at +5.1 s, or restarted from
     * scratch, in the reader's language.
     */
    public String recovery() {
        if (faultAt == null) {
            return notFired != null ? Text.format("no fault: %s", notFired) : Text.of("no fault");
        }
        final JobFacts.Restore restore = restoreAfterFault();
        if (restore != null) {
            return Text.format("restored %s %.1f s after the fault", restore.describe(), (restore.restoredAt() - faultAt) / 1000.0);
        }
        if (rodeItOut()) {
            final long failed = checkpoints.stream().filter(c -> !c.completed() && c.triggeredAt() >= faultAt).count();
            return failed == 0 ? Text.of("the job rode it out: no failure after the fault")
                    : Text.format("the job rode it out: no failure after the fault, %d checkpoint%s not completed meanwhile", failed,
                            failed == 1 ? "" : "s");
        }
        return Text.of(failures.stream().anyMatch(f -> f.timestamp() >= faultAt)
                ? "restarted from scratch: no checkpoint restored after the fault" : "no restart on record after the fault");
    }
}
