package com.example.checkpointdemo.functions;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.types.Row;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The DataStream variant in Flink's operator test harness: a checkpoint taken, a new operator
 * restored from it, the running sum carrying on. Recovery without a cluster, in milliseconds.
 */
class SumAndFailOnceProcessTest {

    private static final KeySelector<Row, Object> BY_K = row -> row.getField("k");
    private static final TypeInformation<Object> KEY_TYPE = Types.GENERIC(Object.class);

    @Test
    void theRunningSumComesBackFromASnapshotNotFromZero() throws Exception {
        final OperatorSubtaskState checkpoint;
        try (KeyedOneInputStreamOperatorTestHarness<Object, Row, Row> first = harness(FaultPlan.failOnce(8))) {
            first.open();
            for (long v = 1; v <= 3; v++) {
                first.processElement(row("all", v), v);
            }
            checkpoint = first.snapshot(1L, 3L);
            first.processElement(row("all", 4), 4); // after the checkpoint: lost with the failure
            assertThatThrownBy(() -> first.processElement(row("all", 8), 8)).isInstanceOf(InjectedFailure.class);
        }

        try (KeyedOneInputStreamOperatorTestHarness<Object, Row, Row> restored = harness(FaultPlan.none())) {
            restored.initializeState(checkpoint);
            restored.open();
            restored.processElement(row("all", 4), 4);
            restored.processElement(row("other", 5), 5);

            // 1 + 2 + 3 came back from checkpoint 1; a key the checkpoint never saw starts at 0.
            assertThat(restored.extractOutputValues())
                    .extracting(out -> out.getField(2))
                    .containsExactly(10L, 5L);
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<Object, Row, Row> harness(FaultPlan plan) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new SumAndFailOnceProcess("k", plan)), BY_K, KEY_TYPE);
    }

    private static Row row(String k, long v) {
        final Row row = Row.withNames();
        row.setField("k", k);
        row.setField("v", v);
        return row;
    }
}
