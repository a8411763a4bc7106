package com.example.checkpointdemo.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.table.runtime.application.SqlDriver;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/ as a real cluster would take it: every Flink option its files name is one Flink 2.3.0
 * defines, with a value of the option's type; the FlinkDeployment has only fields, and values of
 * the types, that the Kubernetes operator 1.15.0's spec has (src/test/resources/deploy); and what
 * the manifest runs (entry class, script, jar) exists where the Dockerfile puts it.
 */
class DeploymentFilesTest {

    private static final Path MANIFEST = Path.of("deploy/kubernetes/flink-deployment.yaml");
    private static final Path STANDALONE = Path.of("deploy/standalone");
    private static final YAMLMapper YAML = new YAMLMapper();

    private static FlinkOptionDefinitions flink;
    private static OperatorSpec operator;

    @BeforeAll
    static void loadDefinitions() throws IOException {
        flink = FlinkOptionDefinitions.load();
        operator = OperatorSpec.of(YAML.readTree(Path.of("src/test/resources/deploy/flinkdeployment-1.15.0.yaml").toFile()));
    }

    @Test
    void theDefinitionsAreFlinksOwn() {
        assertThat(flink.size()).isGreaterThan(500);
        assertThat(flink.problem("x", "execution.checkpointing.dir", "s3://b/c")).isEmpty();
        assertThat(flink.problem("x", "s3.path-style-access", "true")).isEmpty(); // the S3 plugin's
    }

    /** Pins docs/s3.md and docs/deploy.md: an S3-compatible store needs path style set; an endpoint does not turn it on. */
    @Test
    void theS3PluginsPathStyleAccessIsOffUntilSet() {
        assertThat(flink.defaultOf("s3.path-style-access")).contains(false);
        assertThat(flink.defaultOf("s3.path.style.access")).contains(false); // the fallback key names the same option
    }

    @Test
    void theStandaloneConfigurationNamesOnlyFlinksOptions() {
        final Map<String, String> config = GlobalConfiguration.loadConfiguration(STANDALONE.toString()).toMap();

        assertThat(config).containsKeys("high-availability.storageDir", "execution.checkpointing.dir", "s3.region");
        assertThat(problems(config, STANDALONE.resolve("config.yaml"))).isEmpty();
    }

    @Test
    void theProjectsOwnConfigurationsNameOnlyFlinksOptions() {
        for (String dir : List.of("conf/cluster", "conf/sql-client")) {
            final Map<String, String> config = GlobalConfiguration.loadConfiguration(dir).toMap();
            assertThat(problems(config, Path.of(dir, "config.yaml"))).isEmpty();
        }
    }

    @Test
    void theFlinkDeploymentsConfigurationNamesOnlyFlinksOptions() throws IOException {
        final Map<String, String> config = flatten(manifest().path("spec").path("flinkConfiguration"));

        assertThat(config).containsEntry("high-availability.type", "kubernetes").containsKey("execution.checkpointing.dir");
        assertThat(problems(config, MANIFEST)).isEmpty();
    }

    @Test
    void theFlinkDeploymentFitsTheOperatorsSpec() throws IOException {
        assertThat(operator.problems(manifest())).isEmpty();
    }

    @Test
    void whatTheFlinkDeploymentRunsIsWhereTheDockerfilePutsIt() throws IOException {
        final JsonNode job = manifest().path("spec").path("job");
        final String dockerfile = Files.readString(Path.of("deploy/Dockerfile"));
        // Flink's own driver, reading the script the args name; the jar and the scripts are in the image.
        assertThat(job.path("entryClass").asText()).isEqualTo(SqlDriver.class.getName());
        final List<String> args = new ArrayList<>();
        job.path("args").forEach(arg -> args.add(arg.asText()));
        final String script = args.get(args.indexOf("--scriptUri") + 1);
        assertThat(script).startsWith("file:///opt/flink/usrlib/sql/");
        assertThat(dockerfile).contains("COPY --chown=flink:flink sql/ /opt/flink/usrlib/sql/");
        final Path local = Path.of(script.replace("file:///opt/flink/usrlib/", ""));
        assertThat(SqlDriver.parseOptions(new String[] {"--scriptUri", local.toUri().toString()})).isEqualTo(Files.readString(local));
        // last-state upgrades start from the job's latest checkpoint: a job that ends deletes its
        // checkpoints, so the script's source must be unbounded (ObjectStoreITCase runs it).
        assertThat(job.path("upgradeMode").asText()).isEqualTo("last-state");
        assertThat(Files.readString(local)).contains("'source.monitor-interval'");
        assertThat(job.path("jarURI").asText()).isEqualTo("local:///opt/flink/usrlib/udf.jar");
        assertThat(dockerfile).contains("COPY --chown=flink:flink target/udf.jar /opt/flink/usrlib/udf.jar")
                .contains("target/flink-plugins/s3-fs-native/ /opt/flink/plugins/s3-fs-native/");
    }

    @Test
    void aMisspelledKeyOrAValueOfTheWrongTypeIsCaught() {
        assertThat(flink.problem("f", "execution.checkpointing.intervall", "10s")).contains(
                "f: 'execution.checkpointing.intervall' is no option of Flink 2.3.0 (nearest: 'execution.checkpointing.interval')");
        assertThat(flink.problem("f", "execution.checkpointing.interval", "ten seconds")).get().asString()
                .startsWith("f: 'execution.checkpointing.interval' = 'ten seconds' is not a valid value");
    }

    @Test
    void aFieldTheSpecLacksOrAValueOfAnotherTypeIsCaught() throws IOException {
        final JsonNode wrong = YAML.readTree("apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nspec:\n"
                + "  flinkVersion: v2_5\n  job:\n    upgradeMode: last_state\n    parallelism: two\n"
                + "  podTemplate:\n    apiVersion: v1\n");

        assertThat(operator.problems(wrong)).containsExactly(
                "spec.flinkVersion: 'v2_5' is not one of [v1_13, v1_14, v1_15, v1_16, v1_17, v1_18, v1_19, v1_20, v2_0, v2_1, v2_2, v2_3, v2_4]",
                "spec.job.upgradeMode: 'last_state' is not one of [savepoint, last-state, stateless]",
                "spec.job.parallelism: 'two' is not an integer",
                "spec.podTemplate.apiVersion: no such field (the spec has: metadata, spec)");
    }

    private static JsonNode manifest() throws IOException {
        return YAML.readTree(MANIFEST.toFile());
    }

    private static List<String> problems(Map<String, String> config, Path file) {
        final List<String> problems = new ArrayList<>();
        config.forEach((key, value) -> flink.problem(file.toString(), key, value).ifPresent(problems::add));
        return problems;
    }

    /** A nested YAML map of Flink options ({@code state: {checkpoints.dir: ...}}) as Flink reads it: dotted keys. */
    private static Map<String, String> flatten(JsonNode node) {
        final Map<String, String> flat = new LinkedHashMap<>();
        flatten("", node, flat);
        return flat;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> flat) {
        if (node.isObject()) {
            node.properties().forEach(entry -> flatten(prefix + entry.getKey() + (entry.getValue().isObject() ? "." : ""), entry.getValue(), flat));
        } else {
            flat.put(prefix, node.asText());
        }
    }
}
