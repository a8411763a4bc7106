package com.example.checkpointdemo.functions.savepoint;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.state.table.SavepointTypeInformationFactory;

/**
 * For the savepoint connector's {@code 'fields.running_sum.value-type-factory'}: reads the running
 * sum from a checkpoint, out of the PTF's state row, the aggregate's accumulator or the
 * DataStream operator's {@code ValueState<Long>}.
 */
public class RunningSumTypeFactory implements SavepointTypeInformationFactory {
    @Override
    public TypeInformation<?> getTypeInformation() {
        return new FieldTypeInfo(StateField.RUNNING_SUM);
    }
}
