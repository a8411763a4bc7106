package com.example.checkpointdemo.functions.savepoint;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** The type information the savepoint connector asks for: one {@link StateField}, read by {@link FieldReadingSerializer}. */
final class FieldTypeInfo extends TypeInformation<Object> {

    private static final long serialVersionUID = 1L;

    private final StateField field;

    FieldTypeInfo(StateField field) {
        this.field = field;
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<Object> getTypeClass() {
        return Object.class;
    }

    @Override
    public boolean isKeyType() {
        return true;
    }

    @Override
    public TypeSerializer<Object> createSerializer(SerializerConfig config) {
        return new FieldReadingSerializer(field, null);
    }

    @Override
    public String toString() {
        return "FieldTypeInfo(" + field + ")";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FieldTypeInfo that && that.field == field;
    }

    @Override
    public int hashCode() {
        return field.hashCode();
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof FieldTypeInfo;
    }
}
