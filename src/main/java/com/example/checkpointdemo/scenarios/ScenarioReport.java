package com.example.checkpointdemo.scenarios;

import com.example.checkpointdemo.plumbing.Text;
import com.example.checkpointdemo.report.Outcome;
import com.example.checkpointdemo.report.RecoveryReport;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import javax.annotation.Nullable;

import java.util.ArrayList;
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

    /** This report with another name, verdict and lesson: an exercise's check judges a lesson's run its own way. */
    ScenarioReport judged(String name, boolean shown, String text) {
        return new ScenarioReport(name, shown, text, recovery, printedRows, printedDuplicates, retainedCheckpointId,
                retainedCheckpointPath, savepointPath, parallelismBefore, parallelismAfter, sumsCorrect, savepointHolds, changedJobs);
    }

    /**
     * The report as a person reads it: the recovery report, then what the scenario showed; in the
     * reader's language ({@link Text}), SHOWN and NOT SHOWN as they are.
     */
    public String toText() {
        return toText(Text.format("Scenario %s: %s", scenario, lessonShown ? "SHOWN" : "NOT SHOWN"), true);
    }

    /** The report of an exercise's check (bin/demo check): the recovery report, then PASSED or NOT PASSED and why. */
    public String toCheckText() {
        return toText(Text.format("Check %s: %s", scenario, lessonShown ? "PASSED" : "NOT PASSED"), false);
    }

    private String toText(String outcomeLine, boolean lessonScenario) {
        final StringBuilder out = new StringBuilder(recovery.toText());
        extra(out, Text.of("printed rows"), printedRows == null ? null : Text.format("%d, %d printed twice", printedRows, printedDuplicates));
        extra(out, Text.of("retained checkpoint"), retainedCheckpointId == null ? null : retainedCheckpointId + "  " + retainedCheckpointPath);
        extra(out, Text.of("savepoint"), savepointPath);
        extra(out, Text.of("parallelism"), parallelismBefore == null ? null : parallelismBefore + " -> " + parallelismAfter);
        extra(out, Text.of("sums per key correct"), sumsCorrect);
        extra(out, Text.of("savepoint holds"), savepointHolds);
        if (changedJobs != null) {
            changedJobs.forEach(job -> extra(out, Text.of("changed job"), job));
        }
        out.append(System.lineSeparator()).append(outcomeLine).append(System.lineSeparator());
        if (lessonScenario && lessonShown && recovery.outcome() != Outcome.PROVEN) {
            // The run's verdict judges recovery; this lesson set out to show a run that does not recover.
            out.append(wrap(Text.format("The verdict above, %s, is what this lesson sets out to show: the run did what"
                    + " the lesson says it does, so the scenario exits 0.", recovery.outcome().label()))).append(System.lineSeparator());
        }
        out.append(wrap(lesson)).append(System.lineSeparator());
        return out.toString();
    }

    /** One figure: its label (in the reader's language) in a column of 20, then its value. */
    private static void extra(StringBuilder out, String label, @Nullable Object value) {
        if (value != null) {
            out.append("  ").append(Text.pad(label, 20)).append(' ').append(value).append(System.lineSeparator());
        }
    }

    /** The width of the lesson's lines, in terminal columns ({@link Text#width}). */
    private static final int WIDTH = 96;

    /** Marks a line does not begin with: they stay with what comes before them. */
    private static final String CLOSING = "，。、：；！？）」』】》〉”’,.:;!?)]}";

    /** Marks a line does not end with: they stay with what comes after them. */
    private static final String OPENING = "（「『【《〈“‘([{";

    /**
     * The lesson as an indented paragraph of lines up to 96 columns as a terminal shows them: broken
     * at spaces, and inside Chinese text between two characters, never inside an ASCII word,
     * number or identifier, nor before a closing mark or after an opening one.
     */
    static String wrap(String text) {
        final StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder(" ");
        int width = 1;
        for (String word : text.split(" ")) {
            boolean first = true;
            for (String piece : pieces(word)) {
                final int columns = Text.width(piece);
                if (width + (first ? 1 : 0) + columns > WIDTH) {
                    out.append(line).append(System.lineSeparator());
                    line = new StringBuilder(" ");
                    width = 1;
                    first = true;
                }
                if (first) {
                    line.append(' ');
                    width++;
                }
                line.append(piece);
                width += columns;
                first = false;
            }
        }
        return out.append(line).toString();
    }

    /**
     * {@code word} in the pieces a line may break between: a break may fall next to a Chinese
     * character (or a full-width mark), not before a closing mark, not after an opening one. A word
     * with no Chinese in it is one piece.
     */
    private static List<String> pieces(String word) {
        final List<String> pieces = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        int previous = -1;
        for (int i = 0; i < word.length(); ) {
            final int c = word.codePointAt(i);
            i += Character.charCount(c);
            if (previous != -1 && (wide(previous) || wide(c))
                    && CLOSING.indexOf(c) < 0 && OPENING.indexOf(previous) < 0) {
                pieces.add(piece.toString());
                piece = new StringBuilder();
            }
            piece.appendCodePoint(c);
            previous = c;
        }
        pieces.add(piece.toString());
        return pieces;
    }

    private static boolean wide(int c) {
        return Text.width(Character.toString(c)) == 2;
    }
}
