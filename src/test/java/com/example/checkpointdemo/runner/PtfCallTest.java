package com.example.checkpointdemo.runner;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PtfCallTest {

    private static final String CALL =
            "SELECT * FROM SumAndFailOnce(input => TABLE numbers_keyed PARTITION BY k, fail_on => 8)";

    @Test
    void readsInputKeyAndFailurePoint() {
        final PtfCall call = new PtfCall(null, false);

        assertThat(call.apply(CALL)).isEqualTo(CALL);
        assertThat(call.inputTable()).isEqualTo("numbers_keyed");
        assertThat(call.partitionKey()).isEqualTo("k");
        assertThat(call.failOnFound()).isTrue();
        assertThat(call.faultPlan().values()).containsExactly(8L);
    }

    @Test
    void theOperatorUidIsTheCallsUidArgumentOrElseItsName() {
        final PtfCall named = new PtfCall(null, false);
        final PtfCall withUid = new PtfCall(null, false);

        named.apply("SELECT * FROM RunningSum(input => TABLE t PARTITION BY k)");
        withUid.apply("SELECT * FROM RunningSum(input => TABLE t PARTITION BY k, uid => 'SumAndFailOnce')");

        assertThat(named.operatorUid()).isEqualTo("RunningSum");
        assertThat(withUid.function()).isEqualTo("RunningSum");
        assertThat(withUid.operatorUid()).isEqualTo("SumAndFailOnce");
    }

    @Test
    void aUidAfterTheCallIsNotTheCalls() {
        final PtfCall call = new PtfCall(null, false);

        call.apply("SELECT * FROM RunningSum(input => TABLE t PARTITION BY k, fail_on => 8) AS s WHERE s.k <> 'uid => ''x'''");

        assertThat(call.operatorUid()).isEqualTo("RunningSum");
    }

    @Test
    void readsACallSpreadOverLines() {
        final PtfCall call = new PtfCall(null, false);

        call.apply("SumAndFailOnce(\n  input => TABLE `my_input`\n    PARTITION BY `key`, -- the key\n  FAIL_ON => NULL)");

        assertThat(call.inputTable()).isEqualTo("`my_input`");
        assertThat(call.partitionKey()).isEqualTo("key");
        assertThat(call.failOnFound()).isTrue();
        assertThat(call.faultPlan().size()).isZero();
    }

    @Test
    void anOverrideReplacesTheValueButNotComments() {
        final PtfCall call = new PtfCall(13, false);

        final String sql = call.apply("-- was fail_on => 8\n" + CALL);

        assertThat(sql).isEqualTo("-- was fail_on => 8\n" + CALL.replace("fail_on => 8", "fail_on => 13"));
        assertThat(call.faultPlan().values()).containsExactly(13L);
    }

    @Test
    void readsAFaultPlan() {
        final PtfCall call = new PtfCall(null, false);

        call.apply("SumAndFailOnce(input => TABLE t PARTITION BY k, fail_plan => '5, 12,17')");

        assertThat(call.faultPlan().values()).containsExactly(5L, 12L, 17L);
        assertThat(call.inLastStatement()).isTrue();
        call.apply("SET 'a' = 'b';");
        assertThat(call.inLastStatement()).isFalse();
    }

    @Test
    void aStatementWithoutTheCallIsLeftAlone() {
        final PtfCall call = new PtfCall(13, false);

        assertThat(call.apply("SET 'a' = 'b';")).isEqualTo("SET 'a' = 'b';");
        assertThat(call.failOnFound()).isFalse();
        assertThat(call.inputTable()).isNull();
    }

    @Test
    void noFailOnTurnsTheLiteralIntoNull() {
        final PtfCall call = new PtfCall(null, true);

        assertThat(call.apply("SELECT * FROM SumAndFailOnce(input => TABLE t PARTITION BY k, fail_on => 8)"))
                .isEqualTo("SELECT * FROM SumAndFailOnce(input => TABLE t PARTITION BY k, fail_on => NULL)");
        assertThat(call.scriptFailOn()).isEqualTo("8");
        assertThat(call.faultPlan().size()).isZero();
        assertThat(call.function()).isEqualTo("SumAndFailOnce");
    }
}
