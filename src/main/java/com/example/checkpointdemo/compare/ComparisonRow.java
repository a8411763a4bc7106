package com.example.checkpointdemo.compare;

import com.example.checkpointdemo.report.Outcome;
import com.example.checkpointdemo.report.RecoveryReport;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * One configuration's runs (one per round): each run's recovery report and Flink's figures, and
 * the figures of the table, each the median over the rounds.
 */
public record ComparisonRow(Configuration configuration, List<RecoveryReport> reports, List<CheckpointFigures> figures) {

    /**
     * Whether every run proved its recovery as {@code bin/demo} proves one. A configuration whose
     * checkpoints the State Processor API cannot read (the changelog's) is not: a restored
     * checkpoint and an exact output, without the state read, prove nothing about where the sum
     * came from.
     */
    public boolean shown() {
        return reports.stream().allMatch(report -> report.outcome() == Outcome.PROVEN);
    }

    /** The verdict in a word or two (no comma: it is a CSV field too), the first failing run's if any. */
    public String verdict() {
        return firstNotProven().map(report -> report.outcome().name()).orElse(Outcome.PROVEN.name());
    }

    /** The first run that was not PROVEN, if any. */
    public java.util.Optional<RecoveryReport> firstNotProven() {
        return reports.stream().filter(report -> report.outcome() != Outcome.PROVEN).findFirst();
    }

    /** The checkpoint each run restored, e.g. {@code 4} or {@code 4/3/4}. */
    public String restored() {
        return String.join("/", reports.stream().map(report -> String.valueOf(report.restoredCheckpointId())).toList());
    }

    /** Completed checkpoints per run (median). */
    public long checkpoints() {
        return median(figures -> figures.checkpoints().size());
    }

    /** Bytes a checkpoint wrote (median over checkpoints, then over runs). */
    public long writtenPerCheckpoint() {
        return median(figures -> figures.median(CheckpointFigures.Checkpoint::checkpointedSize));
    }

    /** The whole state's size at its largest. */
    public long fullState() {
        return median(figures -> figures.max(CheckpointFigures.Checkpoint::stateSize));
    }

    /** A checkpoint's end-to-end duration (median). */
    public long durationMillis() {
        return median(figures -> figures.median(CheckpointFigures.Checkpoint::durationMillis));
    }

    /** The longest barrier wait of a checkpoint (start delay plus alignment). */
    public long barrierWaitMillis() {
        return median(figures -> figures.max(CheckpointFigures.Checkpoint::barrierWaitMillis));
    }

    /** The longest start delay alone. */
    public long startDelayMillis() {
        return median(figures -> figures.max(CheckpointFigures.Checkpoint::startDelayMillis));
    }

    /** The longest alignment alone. */
    public long alignmentMillis() {
        return median(figures -> figures.max(CheckpointFigures.Checkpoint::alignmentMillis));
    }

    /** The most in-flight data a checkpoint stored. */
    public long persistedBytes() {
        return median(figures -> figures.max(CheckpointFigures.Checkpoint::persistedBytes));
    }

    /** How long the running sum's task took to restore its state. */
    public long restoreMillis() {
        return median(CheckpointFigures::restoreMillis);
    }

    /** The median over the runs (of an even number, the upper one). */
    private long median(ToLongFunction<CheckpointFigures> value) {
        return CheckpointFigures.median(figures.stream().mapToLong(value).toArray());
    }
}
