package com.example.checkpointdemo.evidence;

import com.example.checkpointdemo.evidence.JobInspector;
import com.example.checkpointdemo.evidence.JobFacts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The REST answers → job facts mapping the proof rests on, on the answers Flink 2.3.0 gave for a
 * real {@code bin/demo} job (recorded in src/test/resources/rest/flink-2.3.0/demo).
 */
class JobInspectorTest {

    private static final String JOB = "383cd31965e3e9bcd35a46c8aa9964fa";
    private static final Path RECORDED = Path.of("src/test/resources/rest/flink-2.3.0/demo");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsTheDemoJobsFactsFromFlinksAnswers() {
        final JobFacts job = new JobInspector(recorded(Map.of())).facts(JOB, answer("job.json"));

        assertThat(job.status()).isEqualTo("FINISHED");
        assertThat(job.name()).isEqualTo("checkpoint-demo");
        assertThat(job.durationMillis()).isEqualTo(1795983090905L - 1795983082375L);
        assertThat(job.parallelism()).isEqualTo(1);
        assertThat(job.restarts()).isEqualTo(1);
        assertThat(job.injectedFailures()).containsExactly(
                "com.example.checkpointdemo.functions.InjectedFailure: Injected failure at v=8 on attempt 0");
        assertThat(job.lastInjectedFailureAt()).isEqualTo(1795983085337L);
        assertThat(job.completedCheckpoints()).isEqualTo(5);
        assertThat(job.checkpoints()).extracting(JobFacts.Checkpoint::id).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(job.checkpoints().get(1).status()).isEqualTo("FAILED");
        assertThat(job.checkpoints().get(1).completedAt()).isNull();
        assertThat(job.firstCheckpointCompletedAt()).isEqualTo(1795983084381L);
        assertThat(job.restored()).isEqualTo(new JobFacts.Restore(1,
                "file:/tmp/flink-checkpoint-demo/checkpoints/" + JOB + "/chk-1", 1795983087355L, false));
        assertThat(job.restored().describe()).isEqualTo("checkpoint 1");
    }

    @Test
    void aFieldMissingFromAnAnswerIsAnErrorNamingItNotAZero() {
        final ObjectNode restored = (ObjectNode) answer("checkpoints.json").deepCopy();
        ((ObjectNode) restored.path("latest").path("restored")).remove("restore_timestamp");
        final JobInspector inspector = new JobInspector(recorded(Map.of("/jobs/" + JOB + "/checkpoints", restored)));

        assertThatThrownBy(() -> inspector.facts(JOB, answer("job.json")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Flink's REST answer /checkpoints latest.restored has no field 'restore_timestamp'");
    }

    @Test
    void aJobWithoutItsStateIsAnError() {
        final ObjectNode job = (ObjectNode) answer("job.json").deepCopy();
        job.remove("state");

        assertThatThrownBy(() -> new JobInspector(recorded(Map.of())).facts(JOB, job))
                .hasMessageStartingWith("Flink's REST answer /jobs/" + JOB + " has no field 'state'");
    }

    @Test
    void aFailureIsNamedByItsInnermostCause() {
        final String trace =
                String.join(
                        "\n",
                        "org.apache.flink.runtime.JobException: Recovery is suppressed by FixedDelayRestartBackoffTimeStrategy",
                        "\tat org.apache.flink.runtime.Somewhere.run(Somewhere.java:1)",
                        "Caused by: com.example.checkpointdemo.functions.InjectedFailure: Injected failure at v=8 on attempt 3",
                        "\tat com.example.checkpointdemo.functions.FaultPlan.check(FaultPlan.java:25)");

        assertThat(JobInspector.rootCause(trace, "JobException"))
                .isEqualTo("com.example.checkpointdemo.functions.InjectedFailure: Injected failure at v=8 on attempt 3");
        assertThat(JobInspector.rootCause("java.io.IOException: disk full\n\tat x", "IOException"))
                .isEqualTo("java.io.IOException: disk full");
    }

    /** The recorded answers by REST path, with {@code replaced} ones instead. */
    private static Function<String, JsonNode> recorded(Map<String, JsonNode> replaced) {
        return path -> {
            if (replaced.containsKey(path)) {
                return replaced.get(path);
            }
            final String prefix = "/jobs/" + JOB;
            final String rest = path.substring(prefix.length());
            if (rest.isEmpty()) {
                return answer("job.json");
            }
            if (rest.startsWith("/vertices/")) {
                return answer("vertex-" + rest.substring("/vertices/".length()) + ".json");
            }
            return answer(rest.startsWith("/exceptions") ? "exceptions.json" : rest.substring(1) + ".json");
        };
    }

    private static JsonNode answer(String file) {
        try {
            return JSON.readTree(Files.readString(RECORDED.resolve(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
