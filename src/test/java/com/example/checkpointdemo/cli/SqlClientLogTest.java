package com.example.checkpointdemo.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** bin/sql-client's one line about a failed job, read from the SQL Client's log as Flink 2.3 writes it. */
class SqlClientLogTest {

    private static final String JOB = "Job scenario-state-flag (b943ae02c5de2eea9539d94a58e8edf1) switched from state ";

    @Test
    void namesTheJobsOwnCauseNotTheClientsParseAttempts() {
        final List<String> log = List.of(
                "2026-11-28 18:56:18,001 INFO  org.apache.flink.table.gateway.service.SqlGatewayServiceImpl [] - Failed to parse",
                "org.apache.flink.table.api.SqlParserEOFException: Encountered \"<EOF>\" at line 4, column 93.",
                "Caused by: org.apache.calcite.sql.parser.SqlParseException: Encountered \"<EOF>\" at line 4, column 93.",
                "2026-11-28 18:56:22,156 INFO  org.apache.flink.runtime.executiongraph.ExecutionGraph       [] - " + JOB + "RUNNING to RESTARTING.",
                "2026-11-28 18:56:24,179 INFO  org.apache.flink.runtime.executiongraph.ExecutionGraph       [] - " + JOB + "RESTARTING to RUNNING.",
                "2026-11-28 18:56:25,361 INFO  org.apache.flink.runtime.executiongraph.ExecutionGraph       [] - " + JOB + "RUNNING to RESTARTING.",
                "2026-11-28 18:56:27,818 INFO  org.apache.flink.runtime.executiongraph.ExecutionGraph       [] - " + JOB + "RUNNING to RESTARTING.",
                "2026-11-28 18:56:30,351 INFO  org.apache.flink.runtime.executiongraph.ExecutionGraph       [] - " + JOB + "RUNNING to FAILING.",
                "org.apache.flink.runtime.JobException: Recovery is suppressed by FixedDelayRestartBackoffTimeStrategy(maxNumberRestartAttempts=3, backoffTimeMS=2000)",
                "\tat org.apache.flink.runtime.executiongraph.failover.ExecutionFailureHandler.handleFailure(ExecutionFailureHandler.java:219)",
                "Caused by: com.example.checkpointdemo.functions.InjectedFailure: Injected failure at v=8 on attempt 3",
                "\tat com.example.checkpointdemo.functions.FaultPlan.check(FaultPlan.java:74)",
                "2026-11-28 18:56:30,363 INFO  org.apache.flink.runtime.executiongraph.ExecutionGraph       [] - " + JOB + "FAILING to FAILED.");

        assertThat(SqlClientLog.jobFailure(log)).contains(
                "job scenario-state-flag (b943ae02c5de2eea9539d94a58e8edf1) failed: the restart strategy"
                        + " (FixedDelayRestartBackoffTimeStrategy, 3 attempts) gave up after 3 restarts:"
                        + " InjectedFailure: Injected failure at v=8 on attempt 3");
    }

    @Test
    void aLogWithoutAFailedJobNamesNone() {
        assertThat(SqlClientLog.jobFailure(List.of(
                "2026-11-28 18:56:18,001 INFO  x [] - Failed to parse",
                "Caused by: org.apache.calcite.sql.parser.SqlParseException: Encountered \"<EOF>\""))).isEmpty();
    }
}
