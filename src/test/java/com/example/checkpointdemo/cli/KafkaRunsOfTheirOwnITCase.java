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
 * bin/demo --kafka runs own the broker they start: two runs at once each prove their recovery on a
 * broker of their own, neither disturbed by the other.
 */
class KafkaRunsOfTheirOwnITCase extends RunsOfTheirOwn {

    @Test
    void twoKafkaRunsAtOnceAreBothProvenEachOnItsOwnBroker() throws Exception {
        twoAtOnce("--kafka", com.example.checkpointdemo.kafka.DemoTopics.SCRIPT, "Kafka broker at ");
    }
}
