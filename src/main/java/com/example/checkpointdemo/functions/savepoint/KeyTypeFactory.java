package com.example.checkpointdemo.functions.savepoint;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.state.table.SavepointTypeInformationFactory;

/**
 * For the savepoint connector's {@code 'fields.k.value-type-factory'}: reads the demo's partition
 * key {@code k} from a checkpoint, however the variant stored it.
 */
public class KeyTypeFactory implements SavepointTypeInformationFactory {
    @Override
    public TypeInformation<?> getTypeInformation() {
        return new FieldTypeInfo(StateField.KEY);
    }
}
