package com.example.checkpointdemo.report;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class OutputCheckTest {

    private static final List<Long> ONE_TO_TWENTY = LongStream.rangeClosed(1, 20).boxed().toList();

    @Test
    void aNewLeadersAttemptsAreCountedOnFromTheLastOnesBeforeThem() {
        final java.time.Instant t = java.time.Instant.parse("2026-11-30T00:00:00Z");
        // Attempt 0, a TaskManager lost (attempt 1), then a new leader that numbers from 0 again.
        final List<SumRow> rows = List.of(
                new SumRow("all", 1, 1, 0, t), new SumRow("all", 2, 3, 1, t.plusSeconds(2)),
                new SumRow("all", 4, 10, 0, t.plusSeconds(5)), new SumRow("all", 3, 6, 1, t.plusSeconds(3)),
                new SumRow("all", 5, 15, 1, t.plusSeconds(6)));

        assertThat(OutputCheck.attemptsAcrossLeaders(rows)).extracting(SumRow::attempt).containsExactly(0, 1, 2, 1, 3);
        final List<SumRow> untimed = List.of(new SumRow("all", 1, 1, 1), new SumRow("all", 2, 3, 0));
        assertThat(OutputCheck.attemptsAcrossLeaders(untimed)).isSameAs(untimed);
    }

    @Test
    void aRestoreFromACheckpointIsExactAndShowsTheResumedSum() {
        // Checkpoint after v=3 (sum 6); attempt 0 failed at v=8; attempt 1 resumed at v=4.
        final List<SumRow> rows = run(ONE_TO_TWENTY, 3);

        final OutputCheck check = OutputCheck.of(rows, ONE_TO_TWENTY);

        assertThat(check.exact()).isTrue();
        assertThat(check.problems()).isEmpty();
        assertThat(check.rows()).isEqualTo(20);
        assertThat(check.duplicates()).isZero();
        assertThat(check.finalSum()).isEqualTo(210);
        assertThat(check.resumedSum()).isEqualTo(6);
        assertThat(check.rowsBeforeResume()).isEqualTo(3);
        assertThat(check.rowsByAttempt()).containsExactly(Map.entry(0, 3), Map.entry(1, 17));
    }

    @Test
    void aRestartFromScratchResumesAtZero() {
        final OutputCheck check = OutputCheck.of(run(ONE_TO_TWENTY, 0), ONE_TO_TWENTY);

        assertThat(check.exact()).isTrue();
        assertThat(check.resumedSum()).isZero();
        assertThat(check.rowsBeforeResume()).isZero();
    }

    @Test
    void aRestoredSumOfZeroStillHasRowsBehindIt() {
        final List<Long> input = List.of(5L, -5L, 7L);

        final OutputCheck check = OutputCheck.of(run(input, 2), input);

        assertThat(check.resumedSum()).isZero();
        assertThat(check.rowsBeforeResume()).isEqualTo(2);
    }

    @Test
    void aValueTheInputRepeatsMayRepeatItsRow() {
        // 3, -3, 3 commits (3, 3) twice, as the input asks: not a duplicate.
        final List<Long> input = List.of(3L, -3L, 3L);

        final OutputCheck check = OutputCheck.of(run(input, 1), input);

        assertThat(check.exact()).isTrue();
        assertThat(check.problems()).isEmpty();
    }

    @Test
    void aRunWithoutRestartHasNoResumedSum() {
        assertThat(OutputCheck.of(run(ONE_TO_TWENTY, 20), ONE_TO_TWENTY).resumedSum()).isNull();
    }

    @Test
    void aReplayedRowCommittedTwiceIsADuplicate() {
        final List<SumRow> rows = new ArrayList<>(run(ONE_TO_TWENTY, 3));
        rows.add(3, new SumRow("all", 4, 10, 0)); // attempt 0's v=4, committed besides attempt 1's

        final OutputCheck check = OutputCheck.of(rows, ONE_TO_TWENTY);

        assertThat(check.exact()).isFalse();
        assertThat(check.nothingWrongCommitted()).isFalse();
        assertThat(check.duplicates()).isEqualTo(1);
        assertThat(check.unexpected()).isZero();
        assertThat(check.problems()).contains("duplicate: k=all v=4 running_sum=10 (attempt 1)");
    }

    @Test
    void aRowTheInputNeverHadIsUnexpected() {
        final List<SumRow> rows = new ArrayList<>(run(ONE_TO_TWENTY, 20));
        rows.add(new SumRow("all", 99, 309, 0));

        final OutputCheck check = OutputCheck.of(rows, ONE_TO_TWENTY);

        assertThat(check.exact()).isFalse();
        assertThat(check.duplicates()).isZero();
        assertThat(check.unexpected()).isEqualTo(1);
        assertThat(check.problems()).containsExactly(
                "unexpected: k=all v=99 running_sum=309 (attempt 0), beyond the input's v=99");
    }

    @Test
    void aLostRowIsMissingAndBreaksTheSum() {
        final List<SumRow> rows = new ArrayList<>(run(ONE_TO_TWENTY, 3));
        rows.remove(9); // v=10

        final OutputCheck check = OutputCheck.of(rows, ONE_TO_TWENTY);

        assertThat(check.exact()).isFalse();
        assertThat(check.missing()).isEqualTo(1);
        assertThat(check.chainBreaks()).isEqualTo(1);
        assertThat(check.problems()).contains("missing: v=10");
        assertThat(check.problems()).anyMatch(p -> p.startsWith("k=all: running_sum 66 after v=11, expected 45 + 11"));
    }

    @Test
    void aFailedJobsCommittedPrefixIsNotWrongJustIncomplete() {
        final List<SumRow> rows = run(ONE_TO_TWENTY, 20).subList(0, 6);

        final OutputCheck check = OutputCheck.of(rows, ONE_TO_TWENTY);

        assertThat(check.exact()).isFalse();
        assertThat(check.nothingWrongCommitted()).isTrue();
        assertThat(check.missing()).isEqualTo(14);
    }

    @Test
    void keysAreSummedSeparately() {
        final List<SumRow> rows =
                List.of(
                        new SumRow("odd", 1, 1, 0),
                        new SumRow("even", 2, 2, 0),
                        new SumRow("odd", 3, 4, 1),
                        new SumRow("even", 4, 6, 1));

        final OutputCheck check = OutputCheck.of(rows, List.of(1L, 2L, 3L, 4L));

        assertThat(check.exact()).isTrue();
        assertThat(check.finalSumByKey()).containsExactly(Map.entry("even", 6L), Map.entry("odd", 4L));
        assertThat(check.finalSum()).isEqualTo(10);
        assertThat(check.resumedSum()).isEqualTo(1 + 2);
    }

    @Test
    void manyProblemsAreListedUpToALimit() {
        final OutputCheck check = OutputCheck.of(List.of(), ONE_TO_TWENTY);

        assertThat(check.problems()).hasSize(OutputCheck.MAX_PROBLEMS + 1);
        assertThat(check.problems().get(OutputCheck.MAX_PROBLEMS)).isEqualTo("... and 15 more");
    }

    /**
     * The rows a one-key run commits when attempt 0 got {@code committedByFirstAttempt} rows
     * committed (by a checkpoint) and attempt 1 committed the rest.
     */
    static List<SumRow> run(List<Long> values, int committedByFirstAttempt) {
        final List<SumRow> rows = new ArrayList<>();
        long sum = 0;
        for (int i = 0; i < values.size(); i++) {
            sum += values.get(i);
            rows.add(new SumRow("all", values.get(i), sum, i < committedByFirstAttempt ? 0 : 1));
        }
        return rows;
    }

}
