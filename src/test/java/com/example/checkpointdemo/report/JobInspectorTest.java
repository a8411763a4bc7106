package com.example.checkpointdemo.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JobInspectorTest {

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
}
