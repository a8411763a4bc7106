package com.example.checkpointdemo.report;

import com.example.checkpointdemo.functions.FaultPlan;

import javax.annotation.Nullable;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The proof of one run: what failed, which checkpoint came back, and what was committed. */
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
        @Nullable Long restoredCheckpointId,
        @Nullable String restoredCheckpointPath,
        @Nullable Long resumedSum,
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
        boolean ok,
        String verdict) {

    /** Puts the facts together and judges them. */
    public static RecoveryReport of(
            String variant,
            String script,
            FaultPlan plan,
            JobFacts job,
            OutputCheck output,
            @Nullable RejectCheck rejects,
            long expectedSum) {
        final Verdict verdict = Verdict.judge(job, output, rejects, plan, expectedSum);
        final List<String> failures =
                java.util.stream.Stream.concat(job.injectedFailures().stream(), job.otherFailures().stream())
                        .toList();
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
                job.restoredCheckpointId(),
                job.restoredCheckpointPath(),
                output.resumedSum(),
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
                failures,
                java.util.stream.Stream.concat(
                                output.problems().stream(),
                                rejects == null ? java.util.stream.Stream.<String>empty() : rejects.problems().stream())
                        .toList(),
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
                        : " (fail_plan => '" + String.join(",", faultPlan.stream().map(String::valueOf).toList()) + "')");
        // Package names add nothing here: "InjectedFailure: Injected failure at v=8 on attempt 0".
        failures.forEach(failure -> line(out, "", "%s", failure.replaceFirst("^[\\w.]+\\.(\\w+:)", "$1")));
        line(out, "checkpoints", "%d completed", completedCheckpoints);
        line(out, "restored checkpoint", "%s",
                restoredCheckpointId == null ? "none" : restoredCheckpointId + "  " + restoredCheckpointPath);
        line(out, "resumed sum", "%s", resumedSum == null ? "-" : resumedSum
                + "  (the running sum the restarted attempt began with)");
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
        out.append(ok ? "RECOVERY PROVEN: " : "RECOVERY NOT PROVEN: ").append(verdict).append(System.lineSeparator());
        return out.toString();
    }

    private static void line(StringBuilder out, String label, String format, Object... args) {
        out.append(String.format("  %-20s %s%n", label, String.format(format, args)));
    }
}
