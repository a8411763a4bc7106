package com.example.checkpointdemo.verify;

import com.example.checkpointdemo.plumbing.Text;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Which fault each faulty run gets, and when: decided from a seed alone, so that the same seed
 * replays the same schedule. A fault lands after the run's first completed checkpoint, so that
 * recovery has a checkpoint to come back to, within three quarters of the time the reference job
 * ran on after its own first checkpoint (a margin first): counted from that checkpoint, not from
 * the job's start, so that a run whose TaskManagers start faster than the reference's (warm, where
 * the reference ran cold) still meets its fault. Over the runs the moments take turns (a random
 * time, a checkpoint in progress, a checkpoint just completed), and so do the kinds asked for.
 */
public record FaultSchedule(long seed, List<Fault> faults, @Nullable String notExercisable) {

    /** After the first completed checkpoint, a fault waits this long: the checkpoint is surely on record. */
    static final long MARGIN_MILLIS = 200;
    /** A window shorter than this leaves no room to aim a fault. */
    static final long SHORTEST_WINDOW_MILLIS = 300;

    /** The fault of run {@code run} (from 0). */
    public Fault of(int run) {
        return faults.get(run);
    }

    /** One fault for each of {@code runs} runs of {@code kinds}, against {@code reference}; the same {@code seed}, the same schedule. */
    public static FaultSchedule plan(long seed, int runs, List<Fault.Kind> kinds, ReferenceTimeline reference) {
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("no fault kind to schedule");
        }
        final long first = reference.firstCheckpointAfter();
        if (first < 0) {
            return new FaultSchedule(seed, List.of(), Text.format("the fault-free run completed no checkpoint in its %.1f s:"
                    + " a fault would find nothing to restore (is checkpointing on? is the interval shorter than the job?)",
                    reference.durationMillis() / 1000.0));
        }
        final long from = MARGIN_MILLIS;
        final long to = (reference.durationMillis() - first) * 3 / 4;
        if (to - from < SHORTEST_WINDOW_MILLIS) {
            return new FaultSchedule(seed, List.of(), Text.format("the fault-free run took %.1f s and completed its first checkpoint"
                    + " at +%.1f s: no room for a fault after a checkpoint while the job runs (slow its sources with --pace, or"
                    + " checkpoint more often)", reference.durationMillis() / 1000.0, first / 1000.0));
        }
        final Random random = new Random(seed);
        final int firstKind = random.nextInt(kinds.size());
        final int firstMoment = random.nextInt(Fault.Moment.values().length);
        final List<Fault> faults = new ArrayList<>();
        final int moments = Fault.Moment.values().length;
        for (int run = 0; run < runs; run++) {
            // Kinds and moments both take turns, and over kinds × moments runs every pair comes once: when
            // the number of kinds shares a factor with the number of moments, the moment steps on once a round.
            final int shift = kinds.size() % moments == 0 ? run / kinds.size() : 0;
            final Fault.Kind kind = kinds.get((firstKind + run) % kinds.size());
            final Fault.Moment moment = Fault.Moment.values()[(firstMoment + run + shift) % moments];
            faults.add(new Fault(kind, moment, from + (long) (random.nextDouble() * (to - from))));
        }
        return new FaultSchedule(seed, List.copyOf(faults), null);
    }
}
