package com.example.checkpointdemo.functions.savepoint;

import com.example.checkpointdemo.functions.SumAndFailOnce;
import com.example.checkpointdemo.functions.SumAndFailOnceStateFlag;
import com.example.checkpointdemo.testing.HoldUntilCheckpoint;
import com.example.checkpointdemo.testing.SumInAStaticField;

import org.apache.flink.table.data.GenericRowData;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Where each function keeps its running sum in a checkpoint, read the way the table runtime stores it. */
class StateLayoutTest {

    @Test
    void thePtfsStateIsFoundByTheCallsNameAndTheStateParameter() {
        final StateLayout layout = StateLayout.ofProcessTableFunction("SumAndFailOnce", SumAndFailOnce.class).orElseThrow();

        assertThat(layout.operatorUid()).isEqualTo("SumAndFailOnce");
        assertThat(layout.stateName()).isEqualTo("state");
        assertThat(layout.runningSumOf(GenericRowData.of(42L))).isEqualTo(42);
    }

    @Test
    void theStateFlagsSumIsItsSecondFieldSortedByName() {
        // FlaggedSum declares runningSum first, but the table runtime stores hasFailed first.
        final StateLayout layout = StateLayout.ofProcessTableFunction("SumAndFailOnceStateFlag", SumAndFailOnceStateFlag.class)
                .orElseThrow();

        assertThat(StateLayout.fieldNames(SumAndFailOnceStateFlag.FlaggedSum.class)).containsExactly("hasFailed", "runningSum");
        assertThat(layout.runningSumOf(GenericRowData.of(true, 28L))).isEqualTo(28);
    }

    @Test
    void theAggregatesSumIsInItsAccumulatorInTheRowOfAccumulators() {
        // lastProcessedAtMillis, lastRejection, lastValue, runningSum
        final GenericRowData accumulator = GenericRowData.of(1L, null, 7L, 28L);

        assertThat(StateLayout.TABLEAGG.operatorUid()).isNull();
        assertThat(StateLayout.TABLEAGG.runningSumOf(GenericRowData.of(accumulator))).isEqualTo(28);
    }

    @Test
    void theDataStreamOperatorsSumIsTheValueItself() {
        assertThat(StateLayout.DATASTREAM.operatorUid()).isEqualTo("SumAndFailOnceProcess");
        assertThat(StateLayout.DATASTREAM.runningSumOf(28L)).isEqualTo(28);
    }

    @Test
    void aPtfCalledByAnotherNameIsFoundByThatName() {
        assertThat(StateLayout.ofProcessTableFunction("MySum", SumInAStaticField.class).orElseThrow().operatorUid()).isEqualTo("MySum");
    }

    @Test
    void aFunctionWithoutARunningSumInItsStateHasNoLayout() {
        assertThat(StateLayout.ofProcessTableFunction("Other", HoldUntilCheckpoint.class)).isEmpty();
    }
}
