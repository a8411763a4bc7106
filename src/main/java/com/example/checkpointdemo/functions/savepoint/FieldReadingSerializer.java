package com.example.checkpointdemo.functions.savepoint;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import javax.annotation.Nullable;

import java.io.IOException;
import java.util.Objects;

/**
 * Reads keys or state values with the serializer that wrote them, which the checkpoint itself
 * describes, and hands on one {@link StateField} of each. It needs no knowledge of the exact row
 * type the job used: when the state is restored, its snapshot takes the written serializer from
 * the checkpoint ("compatible with a reconfigured serializer"). What it read it writes back
 * unchanged, for a state backend that finds keys by their bytes.
 */
public final class FieldReadingSerializer extends TypeSerializer<Object> {

    private static final long serialVersionUID = 1L;

    private final StateField field;
    private final @Nullable TypeSerializer<Object> written;

    FieldReadingSerializer(StateField field, @Nullable TypeSerializer<Object> written) {
        this.field = field;
        this.written = written;
    }

    @Override
    public Object deserialize(DataInputView source) throws IOException {
        if (written == null) {
            throw new IOException("no serializer of the checkpoint to read " + field + " with");
        }
        return field.read(written.deserialize(source));
    }

    @Override
    public Object deserialize(Object reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    /**
     * Writes what was read back as it was written: RocksDB looks a key up by its bytes, so the
     * reader's current key is serialized again (the stored key inside a {@link StateField.Key}).
     */
    @Override
    public void serialize(Object record, DataOutputView target) throws IOException {
        if (written == null) {
            throw new IOException("no serializer of the checkpoint to write " + field + " with");
        }
        written.serialize(record instanceof StateField.Key key ? key.stored() : record, target);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        if (written == null) {
            throw new IOException("no serializer of the checkpoint to copy " + field + " with");
        }
        written.copy(source, target);
    }

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public TypeSerializer<Object> duplicate() {
        return new FieldReadingSerializer(field, written == null ? null : written.duplicate());
    }

    @Override
    public Object createInstance() {
        return null;
    }

    @Override
    public Object copy(Object from) {
        return from;
    }

    @Override
    public Object copy(Object from, Object reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public TypeSerializerSnapshot<Object> snapshotConfiguration() {
        return new Snapshot(field);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FieldReadingSerializer that && that.field == field && Objects.equals(that.written, written);
    }

    @Override
    public int hashCode() {
        return Objects.hash(field, written);
    }

    /** Takes the checkpoint's serializer when the state is restored: that is the whole trick. */
    public static final class Snapshot implements TypeSerializerSnapshot<Object> {

        private StateField field;

        /** For Flink, which reads snapshots back with the no-argument constructor. */
        public Snapshot() {}

        Snapshot(StateField field) {
            this.field = field;
        }

        @Override
        public int getCurrentVersion() {
            return 1;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            out.writeUTF(field.name());
        }

        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) throws IOException {
            field = StateField.valueOf(in.readUTF());
        }

        @Override
        public TypeSerializer<Object> restoreSerializer() {
            return new FieldReadingSerializer(field, null);
        }

        @Override
        public TypeSerializerSchemaCompatibility<Object> resolveSchemaCompatibility(TypeSerializerSnapshot<Object> written) {
            return TypeSerializerSchemaCompatibility.compatibleWithReconfiguredSerializer(
                    new FieldReadingSerializer(field, written.restoreSerializer()));
        }
    }
}
