package com.example.checkpointdemo.cli;

import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

/** bin/demo verify's refusals, as a user meets them: before any cluster starts, with the file, the line and why, exit 2. */
class VerifyCommandTest {

    @Test
    void aScriptWhoseOutputDependsOnTheRunIsRefusedWithItsLine() {
        final DemoConsole.Result result = verify("sql/verify/catch/now.sql");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).startsWith("CANNOT VERIFY: its output depends on the run, so no fault-free run can be its reference:"
                + " sql/verify/catch/now.sql:29: NOW (the time of the run: another value in every run, and after a restart)")
                .contains("--ignore-column COL", "--allow-nondeterministic");
    }

    @Test
    void badArgumentsAreNamed() {
        assertThat(verify("sql/verify/window_totals.sql", "--faults", "tm-kill,disk-full").err())
                .startsWith("error: --faults: unknown fault 'disk-full'; one of: tm-kill, tm-stop, jm-kill, broker-kill, broker-stop, store-restart");
        assertThat(verify("sql/verify/nowhere.sql").err()).startsWith("error: sql/verify/nowhere.sql: no such script");
        assertThat(verify("sql/verify/window_totals.sql", "-j", "nowhere.jar").exitCode()).isEqualTo(2);
        assertThat(verify("sql/verify/window_totals.sql", "--faults", "broker-kill").err())
                .startsWith("error: --faults broker-kill and broker-stop need a script with Kafka tables");
        assertThat(verify("sql/verify/window_totals.sql", "--faults", "store-restart").err())
                .startsWith("error: --faults store-restart needs a script whose checkpoints go to s3://");
        assertThat(verify("sql/verify/kafka_running_totals.sql", "--input", "orders").err()).startsWith("error: --input orders: expected TABLE=FILE");
        assertThat(verify("sql/verify/kafka_running_totals.sql", "--input", "payments=data/verify/payments.csv").err())
                .startsWith("error: --input payments: the script has no Kafka source of that name");
    }

    private static DemoConsole.Result verify(String... args) {
        final String[] line = new String[args.length + 1];
        line[0] = "verify";
        System.arraycopy(args, 0, line, 1, args.length);
        return DemoConsole.demo(line);
    }
}
