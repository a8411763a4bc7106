package com.example.checkpointdemo.report;

import com.example.checkpointdemo.functions.FaultPlan;

import javax.annotation.Nullable;

import java.util.Map;
import java.util.TreeMap;

/**
 * Whether a run proved recovery from a checkpoint, and if not, which lesson it ran into, judged on
 * Flink's facts: the restore REST reports, what the restored checkpoint holds, the checkpoint and
 * failure timestamps, and the committed files. The final sum alone is never enough: a replay from
 * scratch over a replayable file reaches it too.
 */
public record Verdict(boolean ok, String message) {

    /** Judges a finished run that was to inject the failures of {@code plan}. */
    public static Verdict judge(
            JobFacts job,
            OutputCheck output,
            @Nullable RejectCheck rejects,
            FaultPlan plan,
            long expectedSum,
            @Nullable RestoredState state) {
        final int injected = job.injectedFailures().size();
        if (!"FINISHED".equals(job.status())) {
            if (injected > plan.size() && plan.size() > 0) {
                return fail(
                        "the job ended %s after the failure was injected %d times: a \"failed once\""
                                + " flag kept in state is rolled back by the restore it causes",
                        job.status(), injected);
            }
            final String cause =
                    !job.otherFailures().isEmpty()
                            ? job.otherFailures().get(job.otherFailures().size() - 1)
                            : injected == 0 ? "no failure recorded" : job.injectedFailures().get(0);
            return fail("the job ended %s: %s", job.status(), cause);
        }
        if (injected < plan.size()) {
            return plan.size() == 1
                    ? fail("fail_on => %d never fired: the input has no v = %d", plan.values().get(0), plan.values().get(0))
                    : fail("the fault plan %s injected %d of its %d failures: a value was missing, or"
                            + " came before the checkpoint the job resumed from", plan, injected, plan.size());
        }
        if (injected > plan.size()) {
            return fail(
                    "the failure was injected %d times, not %d: the \"fail once\" decision must"
                            + " not live in the state that the restore rolls back",
                    injected, plan.size());
        }
        if (plan.size() > 0 || job.restoredCheckpointId() != null) {
            final Verdict restore = judgeRestore(job, output, state);
            if (restore != null) {
                return restore;
            }
        }
        if (!output.exact()) {
            return fail("the committed output is not exact: %s", String.join("; ", output.problems()));
        }
        if (rejects != null && !rejects.exact()) {
            return fail("the rejected rows are not the input's bad lines: %s", String.join("; ", rejects.problems()));
        }
        if (output.finalSum() == null ? expectedSum != 0 : output.finalSum() != expectedSum) {
            return fail("the final sum is %s, expected %d", output.finalSum(), expectedSum);
        }
        if (job.restoredCheckpointId() == null || output.resumedSum() == null) {
            return new Verdict(true, "no failure was configured; the committed output is exact");
        }
        return new Verdict(
                true,
                String.format(
                        "the state came back from checkpoint %d%s, the restarted attempt resumed with"
                                + " running_sum %s, not from 0, and the committed output is exact",
                        job.restoredCheckpointId(),
                        state != null && state.isRead() ? ", which holds " + state.describe() : "",
                        describe(output.resumedSums())));
    }

    /** Why the restore proves nothing, or null when it does. */
    private static @Nullable Verdict judgeRestore(JobFacts job, OutputCheck output, @Nullable RestoredState state) {
        if (job.restoredCheckpointId() == null) {
            final Long firstCheckpoint = job.firstCheckpointCompletedAt();
            final Long failure = job.lastInjectedFailureAt();
            if (firstCheckpoint != null && failure != null && firstCheckpoint < failure) {
                return fail("a checkpoint had completed %s before the failure, yet the job restarted from"
                        + " scratch", seconds(failure - firstCheckpoint));
            }
            return fail(
                    "no checkpoint had completed before the failure (%s): the job restarted from"
                            + " scratch, so its final sum proves nothing about recovery",
                    firstCheckpoint == null || failure == null ? "none completed at all"
                            : "the first completed " + seconds(firstCheckpoint - failure) + " after it");
        }
        if (output.resumedSum() == null) {
            return fail("checkpoint %d was restored but no attempt after it committed a row", job.restoredCheckpointId());
        }
        if (state != null && state.isRead()) {
            final Map<String, Long> held = new TreeMap<>();
            output.resumedSums().keySet().forEach(key -> held.put(key, state.sumOf(key)));
            if (!held.equals(output.resumedSums())) {
                return fail(
                        "checkpoint %d holds running_sum %s, but the restarted attempt resumed with %s:"
                                + " the running sum did not come back from Flink's state",
                        job.restoredCheckpointId(), describe(held), describe(output.resumedSums()));
            }
        }
        // Not a resumed sum of 0 alone: with negative values a restored sum can be 0.
        if (output.resumedSum() == 0 && output.rowsBeforeResume() == 0) {
            return fail(
                    "checkpoint %d was restored but held no rows yet: the running sum resumed"
                            + " from 0, as if there had been no checkpoint",
                    job.restoredCheckpointId());
        }
        return null;
    }

    private static String describe(Map<String, Long> sums) {
        return sums.size() == 1 ? String.valueOf(sums.values().iterator().next()) : sums.toString();
    }

    private static String seconds(long millis) {
        return String.format("%.1f s", millis / 1000.0);
    }

    private static Verdict fail(String format, Object... args) {
        return new Verdict(false, String.format(format, args));
    }
}
