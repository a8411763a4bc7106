package com.example.checkpointdemo.examples;

import com.example.checkpointdemo.plumbing.RestApi;
import com.example.checkpointdemo.report.JobFacts;
import com.example.checkpointdemo.report.JobInspector;
import com.example.checkpointdemo.report.OutputCheck;
import com.example.checkpointdemo.testing.Expected;
import com.example.checkpointdemo.testing.MiniClusters;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.flink.test.junit5.MiniClusterExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two one-file programs, their main() called as a learner runs it, on a MiniCluster: each
 * must restore a checkpoint (Flink's REST API says which) and end at 1 + ... + 20. The input puts
 * the failing 8 last, 3.8 s of paced rows after the first, so that checkpoints (one a second) have
 * covered rows by then.
 */
class OneFileExamplesITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.extension();

    /** 1..20 with the 8 last. */
    private static final List<Long> INPUT;

    static {
        final List<Long> values = new ArrayList<>(LongStream.rangeClosed(1, 20).boxed().toList());
        values.remove(8L);
        values.add(8L);
        INPUT = List.copyOf(values);
    }

    @TempDir Path dir;

    @Test
    void theTableApiProgramRestoresACheckpointAndCommitsEachValueOnce() throws Exception {
        final Path input = Files.write(dir.resolve("numbers.csv"), INPUT.stream().map(String::valueOf).toList());

        final String console = printed(() -> CheckpointRecoveryExample.main(new String[] {input.toString(), dir.toString()}));

        final JobFacts job = finishedJob("checkpoint-recovery-example");
        assertThat(job.restored()).isNotNull();
        assertThat(job.injectedFailures()).hasSize(1);
        final OutputCheck committed = OutputCheck.of(Expected.committedRowsIn(dir.resolve("committed_sums")), INPUT);
        assertThat(committed.problems()).isEmpty();
        assertThat(committed.finalSum()).isEqualTo(210);
        assertThat(committed.resumedSum()).isPositive();
        assertThat(console).contains("SUM> +I[all, 8, 210, 1]");
    }

    @Test
    void theOriginalFixedRestoresACheckpointAndEndsAt210() throws Exception {
        final Path input = Files.write(dir.resolve("numbers.txt"), INPUT.stream().map(String::valueOf).toList());

        final String console = printed(() -> CheckpointFailoverDemo.main(new String[] {input.toString()}));

        final JobFacts job = finishedJob("Checkpoint Failover Recovery Demo");
        assertThat(job.restored()).isNotNull();
        assertThat(job.failures()).extracting(JobFacts.Failure::cause)
                .containsExactly("java.lang.RuntimeException: Injected failure at value=8");
        // The restarted attempt printed 8 on top of the restored sum of everything before it.
        assertThat(console).contains("SUM> value=8, runningSum=210");
        assertThat(console.lines().filter(line -> line.startsWith("SUM> value=20,"))).isNotEmpty();
    }

    private interface Program {
        void run() throws Exception;
    }

    /** Runs {@code program} and returns what it printed (the TaskManager prints in this JVM). */
    private static String printed(Program program) throws Exception {
        final PrintStream original = System.out;
        final ByteArrayOutputStream console = new ByteArrayOutputStream();
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        try {
            program.run();
        } finally {
            System.setOut(original);
        }
        return console.toString(StandardCharsets.UTF_8);
    }

    /** The facts of the finished job named {@code name} on the test's cluster. */
    private static JobFacts finishedJob(String name) {
        final RestApi rest = new RestApi(MiniClusters.address(MINI_CLUSTER));
        for (JsonNode job : rest.get("/jobs/overview").path("jobs")) {
            if (name.equals(job.path("name").asText()) && "FINISHED".equals(job.path("state").asText())) {
                return new JobInspector(MiniClusters.address(MINI_CLUSTER)).inspect(job.path("jid").asText());
            }
        }
        throw new AssertionError("no finished job named " + name);
    }
}
