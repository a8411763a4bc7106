package com.example.checkpointdemo.testing;

import com.example.checkpointdemo.functions.FaultPlan;
import com.example.checkpointdemo.evidence.JobFacts;
import com.example.checkpointdemo.report.KafkaFacts;
import com.example.checkpointdemo.report.OutputCheck;
import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.report.RestoredState;
import com.example.checkpointdemo.report.SumRow;
import com.example.checkpointdemo.report.Verdict;

import javax.annotation.Nullable;

import java.util.List;
import java.util.Map;

/** Recovery reports as a test needs them, without a cluster: made-up job facts, committed rows and checkpoint state. */
public final class Reports {

    private Reports() {}

    /** The facts of a run of {@code input} with {@code plan}: {@code job}, its {@code committed} rows, and {@code state}. */
    public static Verdict.Facts facts(JobFacts job, List<SumRow> committed, List<Long> input, FaultPlan plan,
            @Nullable RestoredState state, @Nullable String startedFrom) {
        return new Verdict.Facts(List.of(
                new Verdict.Job(job, job.restored() == null ? List.of() : List.of(job.restored()), state == null ? List.of() : List.of(state),
                        startedFrom, committed)),
                OutputCheck.of(committed, input), null, plan, input.stream().mapToLong(Long::longValue).sum());
    }

    /** The report of such a run. */
    public static RecoveryReport report(JobFacts job, List<SumRow> committed, List<Long> input, FaultPlan plan,
            @Nullable RestoredState state, @Nullable String startedFrom) {
        return report(job, committed, input, plan, state, startedFrom, null);
    }

    /** The report of such a run whose output a Kafka topic holds, as {@code kafka} shows it. */
    public static RecoveryReport report(JobFacts job, List<SumRow> committed, List<Long> input, FaultPlan plan,
            @Nullable RestoredState state, @Nullable String startedFrom, @Nullable KafkaFacts kafka) {
        return RecoveryReport.of("ptf", "s.sql", facts(job, committed, input, plan, state, startedFrom), List.of(), kafka, null);
    }

    /** What Kafka shows of a run: its output topic read both ways, {@code aborted} the rows only read_uncommitted sees. */
    public static KafkaFacts kafka(int readCommitted, List<String> aborted, List<String> openTransactions) {
        return new KafkaFacts("numbers", 20, Map.of("numbers-0", 20L), null, "checkpoint-demo", Map.of("numbers-0", 20L), "sums",
                readCommitted, readCommitted + aborted.size(), aborted, openTransactions, 1, -1);
    }

    /** What checkpoint {@code id} holds, read from its (made-up) files: {@code sums}. */
    public static RestoredState held(long id, Map<String, Long> sums) {
        return RestoredState.read(id, "file:/tmp/chk-" + id, "file:/copies/chk-" + id, sums, "operator uid SumAndFailOnce, state state");
    }

    /** What checkpoint {@code id} holds for the one key {@code all}. */
    public static RestoredState held(long id, long sum) {
        return held(id, Map.of("all", sum));
    }
}
