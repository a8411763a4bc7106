package com.example.checkpointdemo.runner;

import com.example.checkpointdemo.functions.FaultPlan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoScriptCopyTest {

    @TempDir Path dir;

    @Test
    void editsTheDemoScriptsLiterals() throws IOException {
        final Path copy =
                DemoScriptCopy.of(DemoScriptCopy.DEMO)
                        .input(dir.resolve("in.csv"))
                        .output(dir.resolve("out"))
                        .faults(FaultPlan.parse("3,9"))
                        .pace(50)
                        .quiet()
                        .set("execution.checkpointing.interval", "250ms")
                        .writeTo(dir.resolve("copy.sql"));

        final String sql = Files.readString(copy);
        assertThat(sql)
                .contains("'path' = '" + dir.resolve("in.csv") + "'")
                .contains("'path' = '" + dir.resolve("out/committed_sums") + "'")
                .contains("'path' = '" + dir.resolve("out/rejected_rows") + "'")
                .contains("fail_plan => '3,9'")
                .contains("PACE(v, 50)")
                .contains("'connector' = 'blackhole'")
                .contains("SET 'execution.checkpointing.interval' = '250ms';")
                .doesNotContain("fail_on => 8", "'print-identifier'");
    }

    @Test
    void noFaultsIsFailOnNull() throws IOException {
        final Path copy = DemoScriptCopy.of(DemoScriptCopy.DEMO).faults(FaultPlan.none()).writeTo(dir.resolve("c.sql"));

        assertThat(Files.readString(copy)).contains("fail_on => NULL");
    }

    @Test
    void anEditTheScriptNoLongerAllowsFailsLoudly() throws IOException {
        final Path other = Files.writeString(dir.resolve("other.sql"), "SET 'a' = 'b';");

        assertThatThrownBy(() -> DemoScriptCopy.of(other).pace(10))
                .hasMessageContaining("should contain PACE(v, 200) exactly once");
        assertThatThrownBy(() -> DemoScriptCopy.of(other).set("x", "y")).hasMessageContaining("has no SET 'x'");
    }
}
