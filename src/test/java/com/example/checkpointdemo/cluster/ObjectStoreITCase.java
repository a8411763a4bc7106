package com.example.checkpointdemo.cluster;

import com.example.checkpointdemo.cli.DemoCommand;
import com.example.checkpointdemo.evidence.JobFacts;
import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.plumbing.FlinkFiles;
import com.example.checkpointdemo.report.RunEvidence;
import com.example.checkpointdemo.report.Workspace;
import com.example.checkpointdemo.runner.ScriptRunner;
import com.example.checkpointdemo.runner.Variant;
import com.example.checkpointdemo.scenarios.Scenario;
import com.example.checkpointdemo.testing.MiniClusters;
import com.example.checkpointdemo.testing.Sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.test.junit5.MiniClusterExtension;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static com.example.checkpointdemo.testing.Expected.committedRowsIn;
import static com.example.checkpointdemo.testing.Expected.runningSums;
import static com.example.checkpointdemo.testing.Expected.valueAndSum;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checkpoints and output in an S3-compatible store, on an embedded cluster: bin/demo --s3 as a
 * user runs it (a store of its own), and the s3-outage lesson on a store the class shares, killed
 * and started again under a running job.
 */
class ObjectStoreITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.extension();

    @TempDir static Path storeHome;

    private static ObjectStore store;

    @TempDir Path dir;

    @BeforeAll
    static void startTheStore() throws Exception {
        store = new ObjectStore(storeHome);
        store.start(ProcessHome.freePortPair());
    }

    @AfterAll
    static void stopTheStore() {
        store.stop();
        FileSystem.initialize(new Configuration(), null); // the next test class in this JVM starts without s3://
    }

    @BeforeEach
    void useTheStore() {
        S3Plugin.useInThisJvm(store.flinkSettings());
    }

    @Test
    void theDemoOnS3IsProvenFromACheckpointReadFromTheStore() throws Exception {
        final Path report = dir.resolve("report.json");

        // The failure at the last row, not at 8: on a loaded machine a checkpoint through the store
        // can take seconds, and this test is about restoring one from it, not about the timing.
        final int exitCode = DemoCommand.commandLine().execute("--s3", "--fail-on", "20", "--report", report.toString(),
                "--html", dir.resolve("recovery.html").toString());

        final JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(exitCode).as(json.path("verdict").asText()).isZero();
        assertThat(json.path("outcome").asText()).isEqualTo("PROVEN");
        assertThat(json.path("restored_checkpoint_path").asText()).startsWith("s3://demo/checkpoints/" + json.path("job_id").asText() + "/chk-");
        // The state was read from a copy fetched from the store, and the output from the bucket.
        assertThat(Path.of(json.path("restored_state_copy").asText()).resolve("_metadata")).isNotEmptyFile();
        assertThat(json.path("restored_state").path("all").asLong()).isEqualTo(json.path("resumed_sum").asLong()).isPositive();
        assertThat(json.path("committed_rows").asInt()).isEqualTo(20);
        assertThat(json.path("final_sum").asLong()).isEqualTo(210);
        assertThat(json.path("changes")).extracting(change -> change.path("setting").asText() + " = " + change.path("value").asText())
                .contains("execution.checkpointing.dir = s3://demo/checkpoints", "'path' of table committed_sums = s3://demo/output/committed_sums",
                        "'path' of table lines = s3://demo/data/checkpoint_numbers.csv");
        // The run's objects stay in its own home: the newest one this JVM claimed under target/s3-run.
        assertThat(newestHomeOfThisJvm(Path.of("target/s3-run")).resolve("s3/demo/output/committed_sums")).isDirectory();
    }

    /**
     * The job deploy/kubernetes keeps running (upgradeMode: last-state asks for one that does not
     * end): sql/s3/continuous_run.sql reads each file put into its folder as it appears, and
     * carries the running sum on from file to file; it is RUNNING when all of them are committed.
     */
    @Test
    void theContinuousJobOfTheDeploymentReadsEachNewFileAndKeepsRunning() throws Exception {
        final Sandbox sandbox = Sandbox.in(dir);
        final Workspace workspace = sandbox.workspace(MiniClusters.address(MINI_CLUSTER)).withObjectStore(store);
        final String run = "continuous-" + dir.getFileName();
        final String folder = ObjectStore.uri(run + "/in/");
        final Path output = store.bucketFolder().resolve(run + "/out");
        final Path first = Files.writeString(dir.resolve("first.csv"), numbers(1, 20));
        final Path second = Files.writeString(dir.resolve("second.csv"), numbers(21, 30));
        FlinkFiles.upload(first, new org.apache.flink.core.fs.Path(folder + "first.csv"));
        final String[] status = new String[2];
        final ScriptRunner runner = workspace.runner(Variant.PTF, null)
                .set("execution.checkpointing.interval", "1s", "a test does not wait 10 s a checkpoint")
                .tableOption("numbers", "path", folder, "a folder of this test's own")
                .tableOption("numbers", "source.monitor-interval", "1s", "a test does not wait 10 s a listing")
                .tableOption("committed_sums", "path", ObjectStore.uri(run + "/out"), "a folder of this test's own")
                .whileRunning(job -> {
                    awaitCommitted(output, 20);
                    status[0] = job.client().getJobStatus().get().name();
                    FlinkFiles.upload(second, new org.apache.flink.core.fs.Path(folder + "second.csv"));
                    awaitCommitted(output, 30);
                    status[1] = job.client().getJobStatus().get().name();
                    job.client().cancel().get();
                });

        workspace.run(Path.of("sql/s3/continuous_run.sql"), runner);

        assertThat(status).containsExactly("RUNNING", "RUNNING");
        assertThat(valueAndSum(committedRowsIn(output))).containsExactlyElementsOf(runningSums(LongStream.rangeClosed(1, 30).boxed().toList()));
    }

    private static String numbers(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(Long::toString).collect(java.util.stream.Collectors.joining("\n", "", "\n"));
    }

    /** Waits until {@code output} holds {@code rows} committed rows (the file sink commits on each checkpoint). */
    private static void awaitCommitted(Path output, int rows) throws Exception {
        org.apache.flink.core.testutils.CommonTestUtils.waitUtil(() -> {
            try {
                return Files.isDirectory(output) && committedRowsIn(output).size() >= rows;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, java.time.Duration.ofMinutes(2), java.time.Duration.ofMillis(50), rows + " rows committed in " + output + " within 2 min");
    }

    private static Path newestHomeOfThisJvm(Path base) throws IOException {
        final String pid = "-" + ProcessHandle.current().pid();
        try (Stream<Path> homes = Files.list(base.toAbsolutePath())) {
            return homes.filter(home -> RunHome.runName(home).endsWith(pid) || RunHome.runName(home).contains(pid + "-"))
                    .max(Comparator.comparing(RunHome::runName)).orElseThrow();
        }
    }

    @Test
    void aStoreOutageFailsCheckpointsWithinTheToleranceAndTasksThatWriteToTheStore() throws Exception {
        final Sandbox sandbox = Sandbox.in(dir);
        final Scenario.Outcome outcome = Scenario.named("s3-outage").orElseThrow()
                .run(sandbox.workspace(MiniClusters.address(MINI_CLUSTER)).withObjectStore(store));
        final RunEvidence localOutput = outcome.runs().get(0);
        final RunEvidence outputInStore = outcome.runs().get(1);

        assertThat(outcome.report().lessonShown()).as(outcome.report().lesson()).isTrue();
        // Output on the local disk: checkpoints failed while the store was down, the job never
        // restarted, and one completed after the last that failed.
        final JobFacts local = localOutput.job();
        assertThat(local.restarts()).isZero();
        final long lastFailed = local.checkpoints().stream().filter(c -> "FAILED".equals(c.status()))
                .mapToLong(JobFacts.Checkpoint::id).max().orElseThrow();
        assertThat(local.checkpoints()).anyMatch(c -> c.completed() && c.id() > lastFailed);
        assertThat(valueAndSum(committedRowsIn(sandbox.output("committed_sums")))).containsExactlyElementsOf(runningSums(LongStream.rangeClosed(1, 20).boxed().toList()));
        // Output in the store: the file sink failed the task, the job restored a checkpoint from the store.
        final RecoveryReport inStore = outputInStore.report(null);
        assertThat(outputInStore.job().restarts()).isPositive();
        assertThat(outputInStore.job().otherFailures()).isNotEmpty();
        assertThat(inStore.restoredCheckpointPath()).startsWith("s3://demo/checkpoints/");
        assertThat(inStore.committedExact()).isTrue();
        assertThat(inStore.finalSum()).isEqualTo(210);
        assertThat(inStore.outcome()).as(inStore.verdict()).isEqualTo(com.example.checkpointdemo.report.Outcome.PROVEN);
    }
}
