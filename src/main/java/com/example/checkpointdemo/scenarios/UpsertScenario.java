package com.example.checkpointdemo.scenarios;

import com.example.checkpointdemo.kafka.KafkaTopics;
import com.example.checkpointdemo.kafka.UpsertChangelog;
import com.example.checkpointdemo.plumbing.Json;
import com.example.checkpointdemo.plumbing.Text;
import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.report.RunEvidence;
import com.example.checkpointdemo.report.Workspace;
import com.example.checkpointdemo.runner.KafkaTable;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code upsert}: a GROUP BY into an at-least-once {@code upsert-kafka} topic, across the demo's
 * failure. The rows after the restored checkpoint are aggregated again and their totals written a
 * second time: the changelog holds repeats, a reader sees the key go back, then on; the final
 * table (each key's last value) is exact all the same. Idempotence, not transactions.
 */
final class UpsertScenario implements Scenario {

    /** The upsert sink of the script. */
    static final String TOTALS = "totals";

    @Override
    public String name() {
        return "upsert";
    }

    @Override
    public Path script() {
        return Path.of("sql/scenarios/upsert.sql");
    }

    @Override
    public boolean needsKafka() {
        return true;
    }

    @Override
    public Outcome run(Workspace workspace) {
        final RunEvidence run = Runs.once(workspace, script());
        final KafkaTable totals = run.run().kafkaSinks().sinks().stream().filter(sink -> sink.name().equals(TOTALS)).findFirst()
                .orElseThrow(() -> new IllegalStateException(script() + " has no upsert-kafka sink " + TOTALS));
        final UpsertChangelog changelog;
        try (KafkaTopics topics = new KafkaTopics(totals.bootstrapServers())) {
            changelog = UpsertChangelog.read(topics, totals.topic(), run.run().kafkaSinks().before(totals));
        }
        return new Outcome(judge(changelog, totals.topic(), run.report(workspace.timeline().toString())), List.of(run));
    }

    /**
     * Shown when the run's recovery is proven (the restored checkpoint, the state it held), the
     * changelog wrote some totals a second time, and its final table holds the one key with the
     * total of every number and their count, each once: exact despite the repeats.
     */
    static ScenarioReport judge(UpsertChangelog changelog, String topic, RecoveryReport run) {
        final Map.Entry<String, String> last = changelog.finalTable().size() == 1 ? changelog.finalTable().entrySet().iterator().next() : null;
        final JsonNode value = last == null ? null : Json.parse(last.getValue());
        final boolean exact = value != null && value.path("total").asLong(-1) == run.expectedSum()
                && value.path("numbers").asLong(-1) == run.committedRows();
        final boolean shown = run.ok() && changelog.rewritten() > 0 && exact && changelog.deletesOfUnknownKeys().isEmpty();
        final String lesson = Text.format(
                "The GROUP BY kept each key's total in state, restored with the checkpoint; its upsert-kafka sink, at-least-once,"
                        + " wrote every change as a record keyed by k. After the restore the rows past the checkpoint were"
                        + " aggregated again: %s holds %d records for %d numbers, %d of them a value the key had had before (a"
                        + " reader of the changelog sees the total go back, then on). Its final table, each key's last value,"
                        + " is %s. An upsert is idempotent: writing a key's value again does no harm to the table, where an"
                        + " appended row counts twice. A consumer that adds the changes up, or acts on each, needs"
                        + " transactions and read_committed all the same.%s",
                topic, changelog.records(), run.committedRows(), changelog.rewritten(),
                last == null ? Text.format("%d keys", changelog.finalTable().size()) : last.getKey() + " → " + last.getValue(),
                shown ? "" : Text.format(" NOT SHOWN: expected recovery proven, totals written again after the restore, and a"
                        + " final table of one key with total %d and numbers %d (%s).", run.expectedSum(), run.committedRows(),
                        run.verdict()));
        return ScenarioReport.of("upsert", shown, lesson, run);
    }
}
