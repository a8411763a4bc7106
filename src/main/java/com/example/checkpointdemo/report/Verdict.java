package com.example.checkpointdemo.report;

import javax.annotation.Nullable;

/**
 * Whether a run proved recovery from a checkpoint, and if not, which lesson it ran into. The
 * final sum alone is never enough: a replay from scratch over a replayable file reaches it too.
 */
public record Verdict(boolean ok, String message) {

    /** Judges a finished run; {@code failOn} is the configured failure point, null for none. */
    public static Verdict judge(
            JobFacts job, OutputCheck output, @Nullable Integer failOn, long expectedSum) {
        if (!"FINISHED".equals(job.status())) {
            if (job.injectedFailures().size() > 1) {
                return fail(
                        "the job ended %s after the failure was injected %d times: a \"failed once\""
                                + " flag kept in state is rolled back by the restore it causes",
                        job.status(), job.injectedFailures().size());
            }
            final String cause =
                    !job.otherFailures().isEmpty()
                            ? job.otherFailures().get(job.otherFailures().size() - 1)
                            : job.injectedFailures().isEmpty() ? "no failure recorded" : job.injectedFailures().get(0);
            return fail("the job ended %s: %s", job.status(), cause);
        }
        if (failOn != null) {
            if (job.injectedFailures().isEmpty()) {
                return fail("fail_on => %d never fired: the input has no v = %d", failOn, failOn);
            }
            if (job.injectedFailures().size() > 1) {
                return fail(
                        "the failure was injected %d times, not once: the \"fail once\" decision must"
                                + " not live in the state that the restore rolls back",
                        job.injectedFailures().size());
            }
            if (job.restoredCheckpointId() == null) {
                return fail(
                        "the failure came before any checkpoint completed: the job restarted from"
                                + " scratch, so its final sum proves nothing about recovery");
            }
            if (output.resumedSum() == null || output.resumedSum() == 0) {
                return fail(
                        "checkpoint %d was restored but held no rows yet: the running sum resumed"
                                + " from 0, as if there had been no checkpoint",
                        job.restoredCheckpointId());
            }
        }
        if (!output.exact()) {
            return fail("the committed output is not exact: %s", String.join("; ", output.problems()));
        }
        if (output.finalSum() == null || output.finalSum() != expectedSum) {
            return fail("the final sum is %s, expected %d", output.finalSum(), expectedSum);
        }
        if (job.restoredCheckpointId() == null || output.resumedSum() == null || output.resumedSum() == 0) {
            return new Verdict(true, "no failure was configured; the committed output is exact");
        }
        return new Verdict(
                true,
                String.format(
                        "the state came back from checkpoint %d with running_sum %d, not from 0,"
                                + " and the committed output is exact",
                        job.restoredCheckpointId(), output.resumedSum()));
    }

    private static Verdict fail(String format, Object... args) {
        return new Verdict(false, String.format(format, args));
    }
}
