package com.example.checkpointdemo.kafka;

import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplitSerializer;
import org.apache.flink.core.io.SimpleVersionedSerialization;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The offsets a Kafka source keeps in a checkpoint: its reader's splits (operator state {@code
 * SourceReaderState}, each a version header and the split as the connector serializes it), one
 * per partition, with the next offset to read. Read with the connector's own serializer
 * (internal to the connector; listed in docs/choices.md).
 */
public final class KafkaSourceOffsets {

    private KafkaSourceOffsets() {}

    /** {@code topic-partition → next offset to read}, from the reader state's elements. */
    public static Map<String, Long> of(List<byte[]> readerState) throws IOException {
        final Map<String, Long> offsets = new TreeMap<>();
        for (byte[] element : readerState) {
            final KafkaPartitionSplit split =
                    SimpleVersionedSerialization.readVersionAndDeSerialize(new KafkaPartitionSplitSerializer(), element);
            offsets.put(split.getTopicPartition().toString(), split.getStartingOffset());
        }
        return offsets;
    }
}
