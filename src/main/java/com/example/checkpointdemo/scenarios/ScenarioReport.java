package com.example.checkpointdemo.scenarios;

import com.example.checkpointdemo.report.RecoveryReport;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import javax.annotation.Nullable;

import java.util.List;

/**
 * A scenario's outcome: whether it showed what it teaches, the lesson in words, the recovery
 * report of its (last) job, and the figures only some scenarios have (null elsewhere).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScenarioReport(
        String scenario,
        boolean lessonShown,
        String lesson,
        @JsonUnwrapped RecoveryReport recovery,
        @Nullable Integer printedRows,
        @Nullable Integer printedDuplicates,
        @Nullable Long retainedCheckpointId,
        @Nullable String retainedCheckpointPath,
        @Nullable String savepointPath,
        @Nullable Integer parallelismBefore,
        @Nullable Integer parallelismAfter,
        @Nullable Boolean sumsCorrect,
        @Nullable String savepointHolds,
        @Nullable List<String> changedJobs) {

    /** A report with none of the optional figures. */
    static ScenarioReport of(String scenario, boolean shown, String lesson, RecoveryReport recovery) {
        return new ScenarioReport(scenario, shown, lesson, recovery, null, null, null, null, null, null, null, null, null, null);
    }

    /** The report as a person reads it: the recovery report, then what the scenario showed. */
    public String toText() {
        final StringBuilder out = new StringBuilder(recovery.toText());
        extra(out, "printed rows", printedRows == null ? null : printedRows + ", " + printedDuplicates + " printed twice");
        extra(out, "retained checkpoint", retainedCheckpointId == null ? null : retainedCheckpointId + "  " + retainedCheckpointPath);
        extra(out, "savepoint", savepointPath);
        extra(out, "parallelism", parallelismBefore == null ? null : parallelismBefore + " -> " + parallelismAfter);
        extra(out, "sums per key correct", sumsCorrect);
        extra(out, "savepoint holds", savepointHolds);
        if (changedJobs != null) {
            changedJobs.forEach(job -> extra(out, "changed job", job));
        }
        out.append(String.format("%nScenario %s: %s%n", scenario, lessonShown ? "SHOWN" : "NOT SHOWN"));
        out.append(wrap(lesson)).append(System.lineSeparator());
        return out.toString();
    }

    private static void extra(StringBuilder out, String label, @Nullable Object value) {
        if (value != null) {
            out.append(String.format("  %-20s %s%n", label, value));
        }
    }

    /** The lesson as an indented paragraph of lines up to 96 characters. */
    static String wrap(String text) {
        final StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder(" ");
        for (String word : text.split(" ")) {
            if (line.length() + 1 + word.length() > 96) {
                out.append(line).append(System.lineSeparator());
                line = new StringBuilder(" ");
            }
            line.append(' ').append(word);
        }
        return out.append(line).toString();
    }
}
