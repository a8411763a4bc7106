package com.example.checkpointdemo.scenarios;

import com.example.checkpointdemo.kafka.KafkaBroker;
import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.report.RunEvidence;
import com.example.checkpointdemo.report.Workspace;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

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
        final AtomicLong downMillis = new AtomicLong();
        final RunEvidence run = workspace.run(script(), Runs.runner(workspace, script())
                .set("restart-strategy.fixed-delay.attempts", "10", "room for failures while the broker is down")
                .whileRunning(job -> {
                    job.awaitCommittedRow(Runs.FIRST_COMMIT_TIMEOUT);
                    final long killedAt = System.currentTimeMillis();
                    broker.kill();
                    broker.restart();
                    downMillis.set(System.currentTimeMillis() - killedAt);
                }));
        return new Outcome(judge(run.report(workspace.timeline().toString()), downMillis.get()), List.of(run));
    }

    static ScenarioReport judge(RecoveryReport run, long downMillis) {
        final boolean shown = "FINISHED".equals(run.jobStatus()) && run.committedExact() && downMillis > 0
                && Objects.equals(run.finalSum(), run.expectedSum());
        final long otherFailures = run.failures().stream().filter(cause -> !cause.contains("InjectedFailure")).count();
        final String lesson = String.format(
                "The broker was killed with SIGKILL once a checkpoint had committed rows, and was back %.1f s later with"
                        + " its log: committed transactions, open ones and the consumer group's offsets. The job %s"
                        + " and finished; across it all, read_committed shows %d rows, %s, final sum %s. Exactly-once"
                        + " rests on the broker's log as much as on Flink's checkpoint: a transaction Flink committed"
                        + " stays committed; one left open is aborted when the job restores.%s",
                downMillis / 1000.0,
                otherFailures == 0 ? "rode it out (its Kafka clients retried), failed only where it was told to,"
                        : "failed " + otherFailures + " more time" + (otherFailures == 1 ? "" : "s") + " while the broker was down,"
                                + " restored its latest checkpoint each time,",
                run.committedRows(), run.committedExact() ? "exact" : "NOT exact", run.finalSum(),
                shown ? "" : " NOT SHOWN: expected a finished job with an exact committed output after the broker came back.");
        return ScenarioReport.of("kafka-broker-kill", shown, lesson, run);
    }
}
