package com.example.checkpointdemo.scenarios;

import com.example.checkpointdemo.plumbing.Text;
import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.report.RunEvidence;
import com.example.checkpointdemo.report.Workspace;
import com.example.checkpointdemo.runner.ScriptRunner;

import java.util.List;

/**
 * {@code kafka-timeout}: the Kafka demo with its sinks' transaction timeout left at what the
 * connector asks for when the script says nothing, 1 h, above the broker's {@code
 * transaction.max.timeout.ms} (15 min): the broker refuses every transaction, and the job fails on
 * every attempt before it writes a row.
 */
final class KafkaTimeoutScenario extends KafkaScenario {

    /** What the connector's KafkaSink asks for without {@code properties.transaction.timeout.ms}. */
    static final String CONNECTOR_DEFAULT = "3600000";

    /** The broker's answer, as the job's failure says it. */
    static final String REFUSAL = "The transaction timeout is larger than the maximum value allowed by the broker";

    @Override
    public String name() {
        return "kafka-timeout";
    }

    @Override
    public Outcome run(Workspace workspace) {
        final String why = "the connector's default when the script sets none: 1 h";
        final ScriptRunner runner = Runs.runner(workspace, script())
                .tableOption("committed_sums", "properties.transaction.timeout.ms", CONNECTOR_DEFAULT, why)
                .tableOption("rejected_rows", "properties.transaction.timeout.ms", CONNECTOR_DEFAULT, why)
                .set("restart-strategy.fixed-delay.attempts", "1", "the failure repeats on every attempt: one shows it")
                .set("restart-strategy.fixed-delay.delay", "200ms", "no need to wait between attempts that must fail");
        final RunEvidence run = workspace.run(script(), runner);
        return new Outcome(judge(run.report(workspace.timeline().toString())), List.of(run));
    }

    static ScenarioReport judge(RecoveryReport run) {
        final boolean refused = run.failures().stream().anyMatch(cause -> cause.contains(REFUSAL));
        final boolean shown = "FAILED".equals(run.jobStatus()) && refused && run.committedRows() == 0;
        final String lesson = Text.format(
                "The job ended %s after %d attempt%s, having committed %d rows: every attempt failed as its Kafka sink"
                        + " began its first transaction, %s. The sink asks for a transaction timeout of 1 h unless told"
                        + " otherwise, and the broker allows at most transaction.max.timeout.ms (15 min by default)."
                        + " The fix: 'properties.transaction.timeout.ms' at most the broker's limit on every"
                        + " exactly-once Kafka sink, as sql/kafka/checkpoint_demo.sql sets it (600000, 10 min), or a"
                        + " higher transaction.max.timeout.ms on the broker. The timeout is also how long a job may be"
                        + " down before its open transactions are lost (bin/demo scenario kafka-downtime).%s",
                run.jobStatus(), run.restarts() + 1, run.restarts() == 0 ? "" : "s", run.committedRows(),
                refused ? Text.format("refused by the broker: \"%s\"", REFUSAL) : Text.of("but not with the broker's refusal"),
                shown ? "" : Text.of(" NOT SHOWN: expected a FAILED job whose failures are the broker's refusal, and nothing committed."));
        return ScenarioReport.of("kafka-timeout", shown, lesson, run);
    }
}
