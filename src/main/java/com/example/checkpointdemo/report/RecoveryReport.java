package com.example.checkpointdemo.report;

import com.example.checkpointdemo.functions.FaultPlan;

import javax.annotation.Nullable;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The proof of one run: what failed, which checkpoint came back holding what, and what was committed. */
public record RecoveryReport(
        String variant,
        String script,
        String jobId,
        String jobStatus,
        long jobDurationMs,
        List<Long> faultPlan,
        int injectedFailures,
        int restarts,
        long completedCheckpoints,
        @Nullable Long firstCheckpointCompletedAt,
        @Nullable Long lastInjectedFailureAt,
        @Nullable Long restoredCheckpointId,
        @Nullable String restoredCheckpointPath,
        @Nullable Long restoreTimestamp,
        @Nullable Boolean restoredIsSavepoint,
        @Nullable Map<String, Long> restoredState,
        @Nullable String restoredStateReadFrom,
        @Nullable String restoredStateNotRead,
        @Nullable Long resumedSum,
        Map<String, Long> resumedSums,
        @Nullable Long finalSum,
        Map<String, Long> finalSumByKey,
        long expectedSum,
        int committedRows,
        int committedDuplicates,
        int committedMissing,
        int committedWrong,
        boolean committedExact,
        Map<Integer, Integer> committedRowsByAttempt,
        @Nullable Integer rejectedRows,
        @Nullable Boolean rejectedExact,
        List<String> failures,
        List<String> problems,
        @Nullable String timeline,
        boolean ok,
        String verdict) {

    /** Puts the facts together and judges them; {@code timeline} is where the picture of the run goes. */
    public static RecoveryReport of(
            String variant,
            String script,
            FaultPlan plan,
            JobFacts job,
            OutputCheck output,
            @Nullable RejectCheck rejects,
            long expectedSum,
            @Nullable RestoredState state,
            @Nullable String timeline) {
        final Verdict verdict = Verdict.judge(job, output, rejects, plan, expectedSum, state);
        final JobFacts.Restore restored = job.restored();
        return new RecoveryReport(
                variant,
                script,
                job.jobId(),
                job.status(),
                job.durationMillis(),
                plan.values(),
                job.injectedFailures().size(),
                job.restarts(),
                job.completedCheckpoints(),
                job.firstCheckpointCompletedAt(),
                job.lastInjectedFailureAt(),
                job.restoredCheckpointId(),
                job.restoredCheckpointPath(),
                restored == null ? null : restored.restoredAt(),
                restored == null ? null : restored.savepoint(),
                state == null ? null : state.sums(),
                state == null ? null : state.isRead() ? state.path() : null,
                state == null || state.isRead() ? null : state.how(),
                output.resumedSum(),
                output.resumedSums(),
                output.finalSum(),
                output.finalSumByKey(),
                expectedSum,
                output.rows(),
                output.duplicates(),
                output.missing(),
                output.duplicates() + output.unexpected() + output.chainBreaks(),
                output.exact(),
                output.rowsByAttempt(),
                rejects == null ? null : rejects.rows(),
                rejects == null ? null : rejects.exact(),
                job.failures().stream().map(JobFacts.Failure::cause).toList(),
                Stream.concat(output.problems().stream(), rejects == null ? Stream.<String>empty() : rejects.problems().stream())
                        .toList(),
                timeline,
                verdict.ok(),
                verdict.message());
    }

    /** The report as a person reads it on the console. */
    public String toText() {
        final StringBuilder out = new StringBuilder();
        out.append(String.format("Checkpoint recovery report (%s, %s)%n", variant, script));
        line(out, "job", "%s %s in %.1f s after %d restart%s",
                jobId, jobStatus, jobDurationMs / 1000.0, restarts, restarts == 1 ? "" : "s");
        line(out, "injected failures", "%d%s", injectedFailures,
                faultPlan.isEmpty() ? " (no fail_on configured)"
                        : faultPlan.size() == 1 ? " (fail_on => " + faultPlan.get(0) + ")"
                        : " (fail_plan => '" + faultPlan.stream().map(String::valueOf).collect(Collectors.joining(",")) + "')");
        failures.forEach(failure -> line(out, "", "%s", JobWatcher.shortName(failure)));
        line(out, "checkpoints", "%d completed%s", completedCheckpoints, firstCheckpointCompletedAt == null
                || lastInjectedFailureAt == null ? ""
                : firstCheckpointCompletedAt < lastInjectedFailureAt
                        ? String.format(", the first %.1f s before the failure", (lastInjectedFailureAt - firstCheckpointCompletedAt) / 1000.0)
                        : String.format(", the first %.1f s after the failure", (firstCheckpointCompletedAt - lastInjectedFailureAt) / 1000.0));
        line(out, "restored checkpoint", "%s", restoredCheckpointId == null ? "none"
                : restoredCheckpointId + (Boolean.TRUE.equals(restoredIsSavepoint) ? " (a savepoint)" : "") + "  " + restoredCheckpointPath);
        if (restoredCheckpointId != null) {
            line(out, "restored state", "%s", restoredState == null ? "not read: " + restoredStateNotRead
                    : (restoredState.isEmpty() ? "no running sum" : restoredState.entrySet().stream()
                            .map(e -> e.getKey() + " → " + e.getValue()).collect(Collectors.joining(", ")))
                    + "  (read from the checkpoint)");
        }
        line(out, "resumed sum", "%s", resumedSum == null ? "-" : resumedSums.size() > 1
                ? resumedSum + "  " + resumedSums + "  (what the restarted attempt's first rows began with)"
                : resumedSum + "  (what the restarted attempt's first row began with)");
        line(out, "final sum", "%s (expected %d)", finalSum, expectedSum);
        line(out, "committed rows", "%d, %d duplicate%s, %s  [by attempt: %s]",
                committedRows, committedDuplicates, committedDuplicates == 1 ? "" : "s",
                committedExact ? "exact" : "NOT exact",
                committedRowsByAttempt.entrySet().stream()
                        .map(e -> "#" + e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(" ")));
        if (rejectedRows != null) {
            line(out, "rejected rows", "%d%s", rejectedRows,
                    !rejectedExact ? ", NOT the input's bad lines" : rejectedRows == 0 ? " (no bad input lines)" : ", each a bad input line, all kept");
        }
        problems.forEach(problem -> line(out, "", "%s", problem));
        if (timeline != null) {
            line(out, "timeline", "%s", timeline);
        }
        out.append(ok ? "RECOVERY PROVEN: " : "RECOVERY NOT PROVEN: ").append(verdict).append(System.lineSeparator());
        return out.toString();
    }

    /** The verdict line as the report ends with it. */
    public String verdictLine() {
        return (ok ? "RECOVERY PROVEN: " : "RECOVERY NOT PROVEN: ") + verdict;
    }

    private static void line(StringBuilder out, String label, String format, Object... args) {
        out.append(String.format("  %-20s %s%n", label, String.format(format, args)));
    }
}
