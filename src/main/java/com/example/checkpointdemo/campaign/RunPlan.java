package com.example.checkpointdemo.campaign;

import com.example.checkpointdemo.functions.FaultPlan;
import com.example.checkpointdemo.runner.Variant;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * One run of a fault campaign: its input, the failures to inject, how often to checkpoint and how
 * fast to feed rows, and which variant keeps the sum. Derived from the campaign's seed and the
 * run's number alone, so that a seed replays the same campaign.
 */
public record RunPlan(
        int number, Variant variant, List<Long> input, FaultPlan faults, int checkpointIntervalMs, int paceMs) {

    /** At most this many failures: the demo's restart budget is 3 restarts. */
    static final int MAX_FAILURES = 3;

    /** The plan of run {@code number} (1-based) of the campaign with {@code seed}. */
    public static RunPlan of(long seed, int number) {
        final Random random = new Random(seed * 1_000_003L + number);
        final int rows = 15 + random.nextInt(26);
        // Distinct values, so that "fail at v" names one row; negative ones too.
        final List<Long> pool = new ArrayList<>();
        for (long v = -50; v <= 150; v++) {
            pool.add(v);
        }
        java.util.Collections.shuffle(pool, random);
        final List<Long> input = List.copyOf(pool.subList(0, rows));

        // Failures at rows in input order: attempt i resumes before row p(i) and reaches p(i+1).
        final TreeSet<Integer> positions = new TreeSet<>();
        final int failures = 1 + random.nextInt(MAX_FAILURES);
        while (positions.size() < failures) {
            positions.add(random.nextInt(rows));
        }
        final FaultPlan faults =
                FaultPlan.parse(String.join(",", positions.stream().map(p -> String.valueOf(input.get(p))).toList()));
        final Variant variant = Variant.values()[random.nextInt(Variant.values().length)];
        return new RunPlan(number, variant, input, faults, 100 + random.nextInt(901), 20 + random.nextInt(181));
    }
}
