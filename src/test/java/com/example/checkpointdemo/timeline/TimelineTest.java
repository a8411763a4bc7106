package com.example.checkpointdemo.timeline;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The timeline's marks and layout on fixture data, without a cluster. */
class TimelineTest {

    /** The job starts at 0; rows from 5 s on, 200 ms apart; checkpoint 1 from 5.6 s to 5.7 s; the failure at 6.45 s. */
    private static final long FIRST_ROW = 5_000;

    @Test
    void theRestoredCheckpointsStateNamesTheRowsItHolds() {
        final List<Timeline.Row> rows = attempt0(1, 2, 3, 4, 5);
        // Rows 4 and 5 came after the checkpoint completed: whatever their sums, it cannot hold them.
        Timeline.markHeld(rows, checkpoint(1, 5_700, Map.of("all", 6L)));

        assertThat(rows).extracting(Timeline.Row::heldBy).containsExactly(1L, 1L, 1L, null, null);
    }

    @Test
    void aHeldSumNoRowReachedMarksNothing() {
        final List<Timeline.Row> rows = attempt0(1, 2, 3);

        Timeline.markHeld(rows, checkpoint(1, 9_000, Map.of("all", 5L)));

        assertThat(rows).extracting(Timeline.Row::heldBy).containsOnlyNulls();
    }

    @Test
    void aZeroSumReachedTwiceNamesTheLaterRowBeforeTheCheckpoint() {
        // 5, -5 reach 0 after two rows; the checkpoint after them holds 0.
        final List<Timeline.Row> rows = new ArrayList<>(List.of(
                row(5, 5, 0, FIRST_ROW), row(-5, 0, 0, FIRST_ROW + 200), row(7, 7, 0, FIRST_ROW + 400)));

        Timeline.markHeld(rows, checkpoint(1, FIRST_ROW + 300, Map.of("all", 0L)));

        assertThat(rows).extracting(Timeline.Row::heldBy).containsExactly(1L, 1L, null);
    }

    @Test
    void rowsThatCameTogetherAreSpreadAndKeepTheirOrder() {
        final double[] placed = RowPlacement.place(new double[] {100, 101, 102, 200, 500}, 22, 50, 600);

        assertThat(placed).containsExactly(100, 122, 144, 200, 500);
    }

    @Test
    void rowsCrowdingTheLanesEndArePulledBackLeft() {
        final double[] placed = RowPlacement.place(new double[] {590, 595, 600}, 22, 50, 600);

        assertThat(placed).containsExactly(556, 578, 600);
    }

    @Test
    void everyRowKeepsItsNumberAndTheAxisStartsNearTheFirstRow() {
        // Rows 1..20, with 6 and 7 processed 5 ms apart: each still gets its label.
        final List<Timeline.Row> rows = new ArrayList<>();
        long at = FIRST_ROW;
        long sum = 0;
        for (int v = 1; v <= 20; v++) {
            sum += v;
            at += v == 7 ? 5 : 200;
            rows.add(new Timeline.Row("all", v, sum, 0, at, true, null));
        }
        final Timeline.Job job = new Timeline.Job("j", "checkpoint-demo", "FINISHED", 0, at + 100, List.of(0), rows,
                List.of(), List.of(), List.of(), List.of());
        final Timeline timeline = new Timeline("t", "RECOVERY PROVEN: test", true, Timeline.firstEvent(job) - Timeline.LEAD_MILLIS,
                at + 100, List.of(job));

        final String svg = TimelineSvg.svg(timeline);

        for (int v = 1; v <= 20; v++) {
            assertThat(svg).as("label of v=" + v).containsPattern(">" + v + "</text>");
        }
        assertThat(circleXs(svg)).isSorted().doesNotHaveDuplicates();
        final List<Double> xs = circleXs(svg);
        for (int i = 1; i < xs.size(); i++) {
            assertThat(xs.get(i) - xs.get(i - 1)).as("gap before row " + (i + 1)).isGreaterThanOrEqualTo(21.9);
        }
        // The axis starts 0.4 s before the first row, not at the job's start 5 s earlier: its first tick is 6 s.
        assertThat(svg).contains(">6 s</text>").doesNotContain(">0 s</text>");
    }

    @Test
    void aRestoreWhoseStateWasNotReadShowsNoNumber() {
        final List<Timeline.Row> rows = new ArrayList<>(attempt0(1, 2, 3));
        rows.add(row(4, 10, 1, 8_000));
        final Timeline.Restore unread = new Timeline.Restore(1, "checkpoint 1", "j", 7_900, 1, rows.get(3), null, false);
        final Timeline.Restore read = new Timeline.Restore(1, "checkpoint 1", "j", 7_900, 1, rows.get(3), 6L, false);

        assertThat(TimelineSvg.svg(timeline(rows, unread))).contains("restore checkpoint 1 (its state was not read)")
                .doesNotContain("data-held-sum");
        assertThat(TimelineSvg.svg(timeline(rows, read))).contains("data-held-sum=\"6\"")
                .contains("restore checkpoint 1: its files hold running_sum 6");
    }

    private static Timeline timeline(List<Timeline.Row> rows, Timeline.Restore restore) {
        final Timeline.Job job = new Timeline.Job("j", "checkpoint-demo", "FINISHED", 0, 9_000, List.of(0, 1), rows,
                List.of(checkpoint(1, 5_700, null)), List.of(new Timeline.Failure(6_450, 0, "InjectedFailure", true)),
                List.of(new Timeline.Delay(6_450, 7_900)), List.of(restore));
        return new Timeline("t", "RECOVERY PROVEN: test", true, 4_600, 9_000, List.of(job));
    }

    private static List<Double> circleXs(String svg) {
        final Matcher circle = Pattern.compile("data-kind=\"row\"[^>]*><title>[^<]*</title><circle cx=\"([\\d.]+)\"").matcher(svg);
        final List<Double> xs = new ArrayList<>();
        while (circle.find()) {
            xs.add(Double.parseDouble(circle.group(1)));
        }
        return xs;
    }

    /** Attempt 0's rows of {@code values}, 200 ms apart from 5 s on, all committed. */
    private static List<Timeline.Row> attempt0(long... values) {
        final List<Timeline.Row> rows = new ArrayList<>();
        long sum = 0;
        for (int i = 0; i < values.length; i++) {
            sum += values[i];
            rows.add(row(values[i], sum, 0, FIRST_ROW + 200L * i));
        }
        return rows;
    }

    private static Timeline.Row row(long v, long sum, int attempt, long at) {
        return new Timeline.Row("all", v, sum, attempt, at, true, null);
    }

    private static Timeline.Checkpoint checkpoint(long id, long completedAt, Map<String, Long> held) {
        return new Timeline.Checkpoint(id, true, false, completedAt - 100, completedAt, held, null);
    }
}
