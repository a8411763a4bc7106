package com.example.checkpointdemo.functions.savepoint;

import org.apache.flink.table.data.RowData;

/**
 * What to read from a key or a state value of the demo's checkpoints, whatever way the variant
 * stored it: the table runtime stores the PTF's key and state (and the aggregate's) as rows
 * ({@link RowData}), the DataStream operator as plain Java values.
 */
public enum StateField {

    /**
     * The partition key {@code k}: a row's first field, or the key itself. It stays the stored
     * key for the state backend, which finds a key's state by its hash, and reads as its text.
     */
    KEY {
        @Override
        Object read(Object stored) {
            return new Key(stored, stored instanceof RowData row ? row.getString(0).toString() : String.valueOf(stored));
        }
    },

    /**
     * A state value as the checkpoint's serializer read it (a row of the table runtime, or a Java
     * value): where the running sum is in it is the reader's business ({@code report.StateLayout}).
     */
    VALUE {
        @Override
        Object read(Object stored) {
            return stored;
        }
    };

    /** The field, out of what the checkpoint's own serializer read. */
    abstract Object read(Object stored);

    /**
     * The field out of a stored value, however it is held: what a serializer of this field reads,
     * or the row a heap state backend restored with the checkpoint's own serializer (it keeps the
     * objects it restored, whatever serializer is registered later).
     */
    public Object of(Object value) {
        return value instanceof Key || this == VALUE ? value : read(value);
    }

    /** The text of a key, however it is held (see {@link #of}). */
    public static String keyText(Object key) {
        return KEY.of(key).toString();
    }

    /** A serializer that reads this field with the serializer the checkpoint names (see {@link FieldReadingSerializer}). */
    public FieldReadingSerializer serializer() {
        return new FieldReadingSerializer(this, null);
    }

    /** Type information for this field, as a key or a state value of a reading job. */
    public org.apache.flink.api.common.typeinfo.TypeInformation<Object> typeInfo() {
        return new FieldTypeInfo(this);
    }

    /** A key as stored (equal and hashed as such), shown as its text (the connector calls toString). */
    record Key(Object stored, String text) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.stored.equals(stored);
        }

        @Override
        public int hashCode() {
            return stored.hashCode();
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
