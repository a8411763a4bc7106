package com.example.checkpointdemo.runner;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PtfCallTest {

    private static final String CALL =
            "SELECT * FROM SumAndFailOnce(input => TABLE numbers_keyed PARTITION BY k, fail_on => 8)";

    @Test
    void readsInputKeyAndFailurePoint() {
        final PtfCall call = new PtfCall(null);

        assertThat(call.apply(CALL)).isEqualTo(CALL);
        assertThat(call.inputTable()).isEqualTo("numbers_keyed");
        assertThat(call.partitionKey()).isEqualTo("k");
        assertThat(call.failOnFound()).isTrue();
        assertThat(call.failOn()).isEqualTo(8);
    }

    @Test
    void readsACallSpreadOverLines() {
        final PtfCall call = new PtfCall(null);

        call.apply("SumAndFailOnce(\n  input => TABLE `my_input`\n    PARTITION BY `key`, -- the key\n  FAIL_ON => NULL)");

        assertThat(call.inputTable()).isEqualTo("`my_input`");
        assertThat(call.partitionKey()).isEqualTo("key");
        assertThat(call.failOnFound()).isTrue();
        assertThat(call.failOn()).isNull();
    }

    @Test
    void anOverrideReplacesTheValueButNotComments() {
        final PtfCall call = new PtfCall(13);

        final String sql = call.apply("-- was fail_on => 8\n" + CALL);

        assertThat(sql).isEqualTo("-- was fail_on => 8\n" + CALL.replace("fail_on => 8", "fail_on => 13"));
        assertThat(call.failOn()).isEqualTo(13);
    }

    @Test
    void aStatementWithoutTheCallIsLeftAlone() {
        final PtfCall call = new PtfCall(13);

        assertThat(call.apply("SET 'a' = 'b';")).isEqualTo("SET 'a' = 'b';");
        assertThat(call.failOnFound()).isFalse();
        assertThat(call.inputTable()).isNull();
    }
}
