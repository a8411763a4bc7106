package com.example.checkpointdemo.examples;

import com.example.checkpointdemo.plumbing.RestApi;
import com.example.checkpointdemo.evidence.JobFacts;
import com.example.checkpointdemo.evidence.JobInspector;
import com.example.checkpointdemo.report.OutputCheck;
import com.example.checkpointdemo.testing.Expected;
import com.example.checkpointdemo.testing.MiniClusters;
import com.example.checkpointdemo.testing.Processes;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.flink.test.junit5.MiniClusterExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.net.URI;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        assertThat(Path.of(URI.create(job.restored().path())).getParent()).isEqualTo(dir.resolve("checkpoints").resolve(job.jobId()));
        assertThat(job.failures()).extracting(JobFacts.Failure::cause)
                .containsExactly("java.lang.RuntimeException: Injected failure at v=8 on attempt 0");
        final OutputCheck committed = OutputCheck.of(Expected.committedRowsIn(dir.resolve("committed_sums")), INPUT);
        assertThat(committed.problems()).isEmpty();
        assertThat(committed.finalSum()).isEqualTo(210);
        assertThat(committed.resumedSum()).isPositive();
        assertThat(console).contains("SUM> +I[all, 8, 210, 1]", "Job " + job.jobId() + " finished. Committed rows: "
                + dir.resolve("committed_sums"));
    }

    @Test
    void theTableApiProgramCopiedAloneIntoAnEmptyProjectCompilesAndRuns() throws Exception {
        // The file and the pom docs/one-file-programs.md gives, nothing else, built with this Maven
        // and its local repository.
        final Path project = dir.resolve("project");
        final Path source = project.resolve("src/main/java/com/example/checkpointdemo/examples/CheckpointRecoveryExample.java");
        Files.createDirectories(source.getParent());
        Files.copy(Path.of("src/main/java/com/example/checkpointdemo/examples/CheckpointRecoveryExample.java"), source);
        Files.copy(Path.of("src/test/resources/standalone-example/pom.xml"), project.resolve("pom.xml"));
        assertThat(Files.readString(source)).doesNotContain("import com.example");

        final Processes.Finished build = Processes.run(dir.resolve("build.txt"), Map.of(), project,
                Path.of(System.getProperty("maven.home"), "bin", "mvn").toString(), "-B", "-q",
                "-Dmaven.repo.local=" + System.getProperty("maven.repo.local"), "compile",
                "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath", "-Dmdep.outputFile=classpath.txt");
        assertThat(build.exitCode()).as(build.console()).isZero();

        final Path input = Files.write(dir.resolve("numbers.csv"), INPUT.stream().map(String::valueOf).toList());
        final Processes.Finished run = Processes.run(dir.resolve("run.txt"), Map.of(), project,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-cp", "target/classes" + File.pathSeparator + Files.readString(project.resolve("classpath.txt")).strip(),
                "com.example.checkpointdemo.examples.CheckpointRecoveryExample", input.toString(), "out");
        assertThat(run.exitCode()).as(run.console()).isZero();
        // 7 rows, the failure at 8, the restored sum, then 9..20 and 8 again on attempt 1.
        assertThat(run.console()).contains("SUM> +I[all, 7, 28, 0]", "SUM> +I[all, 8, 210, 1]",
                "Committed rows: " + project.resolve("out/committed_sums").toAbsolutePath());
        final OutputCheck committed = OutputCheck.of(Expected.committedRowsIn(project.resolve("out/committed_sums")), INPUT);
        assertThat(committed.problems()).isEmpty();
        assertThat(committed.finalSum()).isEqualTo(210);
        // Resumed from a checkpoint, not from 0 (the function's output says so: the sum before the first row of attempt 1).
        assertThat(committed.resumedSum()).isPositive();
    }

    @Test
    void theOriginalFixedRestoresACheckpointAndEndsAt210() throws Exception {
        final Path input = Files.write(dir.resolve("numbers.txt"), INPUT.stream().map(String::valueOf).toList());

        final String console = printed(() -> CheckpointFailoverDemo.main(new String[] {input.toString(), dir.toString()}));

        final JobFacts job = finishedJob("Checkpoint Failover Recovery Demo");
        assertThat(job.restored()).isNotNull();
        assertThat(Path.of(URI.create(job.restored().path())).getParent()).isEqualTo(dir.resolve("checkpoints").resolve(job.jobId()));
        assertThat(job.failures()).extracting(JobFacts.Failure::cause)
                .containsExactly("java.lang.RuntimeException: Injected failure at value=8");
        // The restarted attempt printed 8 on top of the restored sum of everything before it.
        assertThat(console).contains("SUM> value=8, runningSum=210");
        assertThat(console.lines().filter(line -> line.startsWith("SUM> value=20,"))).isNotEmpty();
    }

    @Test
    void theScalaProgramRestoresACheckpointOnTheDefaultInput() throws Exception {
        final String console = printed(() -> CheckpointFailoverDemoScala.main(new String[] {"data/checkpoint_numbers.csv", dir.toString()}));

        final JobFacts job = finishedJob("Checkpoint Failover Recovery Demo (Scala)");
        assertThat(Path.of(URI.create(job.restored().path())).getParent()).isEqualTo(dir.resolve("checkpoints").resolve(job.jobId()));
        assertThat(job.failures()).extracting(JobFacts.Failure::cause)
                .containsExactly("java.lang.RuntimeException: Injected failure at value=8");
        assertThat(console).contains("SUM> value=7, runningSum=28", "SUM> value=20, runningSum=210");
    }

    @Test
    void theScalaProgramRestoresACheckpointOnPaddedLinesBlankLinesAndTheEightLast() throws Exception {
        // 1..40 but 8, then 8: blank lines between, spaces and a tab around the numbers.
        final List<String> lines = new ArrayList<>();
        LongStream.rangeClosed(1, 40).filter(v -> v != 8).forEach(v -> lines.addAll(List.of(v % 3 == 0 ? "  " + v + "\t" : String.valueOf(v), "")));
        lines.add(" 8 ");
        final Path input = Files.write(dir.resolve("padded.txt"), lines);

        final String console = printed(() -> CheckpointFailoverDemoScala.main(new String[] {input.toString(), dir.toString()}));

        final JobFacts job = finishedJob("Checkpoint Failover Recovery Demo (Scala)");
        assertThat(job.restored()).isNotNull();
        assertThat(job.restored().checkpointId()).isPositive();
        // The restarted attempt added 8 to the restored sum of the 39 numbers before it.
        assertThat(console).contains("SUM> value=40, runningSum=812", "SUM> value=8, runningSum=820");
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
