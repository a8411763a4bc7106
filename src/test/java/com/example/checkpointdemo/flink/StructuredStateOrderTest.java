package com.example.checkpointdemo.flink;

import com.example.checkpointdemo.functions.SumAndFailOnceAggregate;
import com.example.checkpointdemo.functions.SumAndFailOnceStateFlag;
import com.example.checkpointdemo.functions.savepoint.StateLayout;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.internal.TableEnvironmentInternal;
import org.apache.flink.table.types.logical.StructuredType;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flink 2.3.0 behaviour we rely on: a class used as PTF state or as an accumulator, with public
 * fields and a default constructor, is stored as a row of its fields sorted by name, not in the
 * order they are declared. {@link StateLayout} finds the running sum in a checkpoint by this
 * rule; if this test fails after an upgrade, the rule changed and the reader must follow.
 */
class StructuredStateOrderTest {

    @Test
    void aStateClassesFieldsAreStoredSortedByName() {
        final TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        final var types = ((TableEnvironmentInternal) tEnv).getCatalogManager().getDataTypeFactory();

        final StructuredType flagged = (StructuredType) types.createDataType(SumAndFailOnceStateFlag.FlaggedSum.class).getLogicalType();
        final StructuredType accumulator = (StructuredType) types.createDataType(SumAndFailOnceAggregate.SumAccumulator.class).getLogicalType();

        // Declared runningSum, hasFailed; stored hasFailed, runningSum.
        assertThat(flagged.getAttributes()).extracting(StructuredType.StructuredAttribute::getName)
                .containsExactly("hasFailed", "runningSum")
                .containsExactlyElementsOf(StateLayout.fieldNames(SumAndFailOnceStateFlag.FlaggedSum.class));
        assertThat(accumulator.getAttributes()).extracting(StructuredType.StructuredAttribute::getName)
                .containsExactlyElementsOf(StateLayout.fieldNames(SumAndFailOnceAggregate.SumAccumulator.class));
    }
}
