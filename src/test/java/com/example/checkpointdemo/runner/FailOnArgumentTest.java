package com.example.checkpointdemo.runner;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FailOnArgumentTest {

    private static final String CALL =
            "SELECT * FROM SumAndFailOnce(input => TABLE t PARTITION BY k, fail_on => 8)";

    @Test
    void readsTheConfiguredValue() {
        final FailOnArgument failOn = new FailOnArgument(null);

        assertThat(failOn.apply(CALL)).isEqualTo(CALL);
        assertThat(failOn.found()).isTrue();
        assertThat(failOn.value()).isEqualTo(8);
    }

    @Test
    void nullMeansNoFailure() {
        final FailOnArgument failOn = new FailOnArgument(null);

        failOn.apply("SumAndFailOnce(input => TABLE t PARTITION BY k, FAIL_ON => NULL)");

        assertThat(failOn.found()).isTrue();
        assertThat(failOn.value()).isNull();
    }

    @Test
    void anOverrideReplacesTheValueButNotComments() {
        final FailOnArgument failOn = new FailOnArgument(13);

        final String sql = failOn.apply("-- was fail_on => 8\n" + CALL);

        assertThat(sql).isEqualTo("-- was fail_on => 8\n" + CALL.replace("fail_on => 8", "fail_on => 13"));
        assertThat(failOn.value()).isEqualTo(13);
    }

    @Test
    void aStatementWithoutTheArgumentIsLeftAlone() {
        final FailOnArgument failOn = new FailOnArgument(13);

        assertThat(failOn.apply("SET 'a' = 'b';")).isEqualTo("SET 'a' = 'b';");
        assertThat(failOn.found()).isFalse();
    }
}
