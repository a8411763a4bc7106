package com.example.checkpointdemo.scenarios;

import com.example.checkpointdemo.kafka.KafkaBroker;
import com.example.checkpointdemo.evidence.JobFacts;
import com.example.checkpointdemo.plumbing.Text;
import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.report.RunEvidence;
import com.example.checkpointdemo.report.Workspace;

import java.util.List;
import java.util.Objects;

/**
 * {@code kafka-broker-kill}: the Kafka demo with its broker killed (SIGKILL) once a checkpoint has
 * committed rows, and started again. The job's Kafka clients retry, or the job fails and restores
 * its latest checkpoint, whose transactions the broker kept in its log; the committed output stays
 * exact.
 */
final class KafkaBrokerKillScenario extends KafkaScenario {

    @Override
    public String name() {
        return "kafka-broker-kill";
    }

    @Override
    public Outcome run(Workspace workspace) {
        final KafkaBroker broker = Objects.requireNonNull(workspace.kafka(), "a Kafka broker").own()
                .orElseThrow(() -> new IllegalArgumentException("kafka-broker-kill kills its broker: it needs one of its own,"
                        + " not --bootstrap-servers"));
        final long[] down = new long[2];
        final RunEvidence run = workspace.run(script(), Runs.runner(workspace, script())
                .set("restart-strategy.fixed-delay.attempts", "10", "room for failures while the broker is down")
                .whileRunning(job -> {
                    job.awaitCommittedRow(Runs.FIRST_COMMIT_TIMEOUT);
                    down[0] = System.currentTimeMillis();
                    broker.kill();
                    broker.restart();
                    down[1] = System.currentTimeMillis();
                }));
        return new Outcome(judge(run.job(), new Outage(down[0], down[1]), run.report(workspace.timeline().toString())), List.of(run));
    }

    /**
     * Shown by the kill's effect on the job, then its recovery: while the broker was down
     * checkpoints failed, or the job failed, or checkpoints stalled (the sink cannot flush a
     * transaction to a broker that is gone); once it was back a checkpoint completed, and the job
     * finished with an exact output. (Not "no checkpoint completed while it was down": one whose
     * tasks had nothing to flush, the source starved of input, still completes.)
     */
    static ScenarioReport judge(JobFacts job, Outage outage, RecoveryReport run) {
        final boolean felt = outage.failedCheckpoints(job) > 0 || outage.failuresSince(job) > 0 || stalled(job, outage);
        final boolean recovered = outage.checkpointedAfter(job);
        final boolean shown = felt && recovered && "FINISHED".equals(run.jobStatus()) && run.committedExact()
                && Objects.equals(run.finalSum(), run.expectedSum());
        final long otherFailures = run.failures().stream().filter(cause -> !cause.contains("InjectedFailure")).count();
        final String lesson = Text.format(
                "The broker was killed with SIGKILL once a checkpoint had committed rows, and was back %.1f s later with"
                        + " its log: committed transactions, open ones and the consumer group's offsets. The job %s"
                        + " and finished; across it all, read_committed shows %d rows, %s, final sum %s. Exactly-once"
                        + " rests on the broker's log as much as on Flink's checkpoint: a transaction Flink committed"
                        + " stays committed; one left open is aborted when the job restores.%s",
                outage.seconds(),
                otherFailures == 0 ? Text.of("rode it out (its Kafka clients retried), failed only where it was told to,")
                        : Text.format("failed %d more time%s while the broker was down,"
                                + " restored its latest checkpoint each time,", otherFailures, otherFailures == 1 ? "" : "s"),
                run.committedRows(), Text.of(run.committedExact() ? "exact" : "NOT exact"), run.finalSum(),
                shown ? "" : Text.format(" NOT SHOWN: expected the kill felt (a checkpoint failed, the job failed or"
                        + " checkpoints stalled: %s), checkpoints again once the broker was back (%s), and a finished job"
                        + " with an exact committed output.", Text.of(felt ? "so it was" : "none of them"),
                        Text.of(recovered ? "they did" : "none did")));
        return ScenarioReport.of("kafka-broker-kill", shown, lesson, run);
    }

    /**
     * Whether checkpoints stopped completing while the broker was down: from the last completion
     * before the outage to the first after it, two completions lay further apart than twice the
     * usual gap before it (1 s when too few came before to tell).
     */
    static boolean stalled(JobFacts job, Outage outage) {
        final List<Long> completed = job.checkpoints().stream().filter(JobFacts.Checkpoint::completed)
                .map(JobFacts.Checkpoint::completedAt).filter(Objects::nonNull).sorted().toList();
        final List<Long> before = completed.stream().filter(at -> at <= outage.from()).toList();
        final long usual = before.size() < 2 ? 1_000 : (before.get(before.size() - 1) - before.get(0)) / (before.size() - 1);
        long previous = before.isEmpty() ? outage.from() : before.get(before.size() - 1);
        long longest = 0;
        for (long at : completed.stream().filter(at -> at > outage.from()).toList()) {
            longest = Math.max(longest, at - previous);
            previous = at;
            if (at >= outage.until()) {
                break;
            }
        }
        // No completion after the outage: the gap runs at least to its end.
        longest = Math.max(longest, outage.until() - previous);
        return longest > 2 * usual;
    }
}
