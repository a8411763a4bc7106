package com.example.checkpointdemo.cli;

import com.example.checkpointdemo.runner.DemoScriptCopy;
import com.example.checkpointdemo.testing.Processes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bin/demo runs that start an object store of their own own it: two runs at once each prove their
 * recovery on their own store, and a store that dies under a run is the run's error (exit 3,
 * naming the process and its log), not a mistake in the script. (Kafka: KafkaRunsOfTheirOwnITCase.)
 */
class RunsOfTheirOwnITCase extends RunsOfTheirOwn {

    @Test
    void twoObjectStoreRunsAtOnceAreBothProvenEachOnItsOwnStore() throws Exception {
        twoAtOnce("--s3", DemoScriptCopy.DEMO, "Started an object store of this run's own");
    }

    @Test
    void anObjectStoreThatDiesUnderTheRunIsTheRunsErrorNotTheScripts() throws Exception {
        // 400 ms a row: eight seconds in which to kill the store.
        final Path script = DemoScriptCopy.of(DemoScriptCopy.DEMO).pace(400).writeTo(dir.resolve("slow.sql"));
        try (Processes.Started run = Processes.start(dir.resolve("run.out"), Map.of(), "bin/demo", "--s3", "--sql", script.toString(),
                "--html", dir.resolve("run.html").toString())) {
            final Matcher home = awaitConsole(run, HOME);
            final Path pidFile = Path.of(home.group(1)).resolve("pids/s3proxy.pid");
            final long pid = Long.parseLong(Files.readString(pidFile).strip().split("\\s+")[0]);
            // The store this run started (its pid file says so), killed as an outage would.
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();

            final Processes.Finished finished = run.await(A_RUN);

            assertThat(finished.exitCode()).as(finished.console()).isEqualTo(3);
            assertThat(finished.console()).contains("error: the run's object store (s3proxy pid " + pid + ") is gone; its log: "
                    + home.group(1) + "/log/s3proxy.out");
        }
    }
}
