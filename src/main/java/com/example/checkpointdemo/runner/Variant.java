package com.example.checkpointdemo.runner;

import com.example.checkpointdemo.functions.SumAndFailOnceAggregate;
import com.example.checkpointdemo.functions.SumAndFailOnceProcess;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.runtime.typeutils.ExternalTypeInfo;
import org.apache.flink.table.types.DataType;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;

import javax.annotation.Nullable;

import java.util.Optional;

import static org.apache.flink.table.api.Expressions.$;
import static org.apache.flink.table.api.Expressions.call;
import static org.apache.flink.table.api.Expressions.lit;
import static org.apache.flink.table.api.Expressions.nullOf;

/**
 * The three ways to keep the running sum in checkpointed state. {@link #PTF} runs the script as
 * written; the other two replace its {@code SumAndFailOnce} call by their own pipeline over the
 * same input table and key, feeding the same sinks.
 */
public enum Variant {

    /** The ProcessTableFunction the script calls: {@code @StateHint} state, callable from SQL. */
    PTF(null),

    /** {@code groupBy(k).flatAggregate(...)}: the accumulator is the state; Table API only. */
    TABLEAGG(Variant::tableAggregate),

    /** {@code toDataStream -> keyBy -> KeyedProcessFunction -> fromDataStream}: a ValueState. */
    DATASTREAM(Variant::dataStream);

    /** A pipeline that stands in for the script's PTF call. */
    interface Pipeline {
        Output build(StreamTableEnvironment tEnv, Table input, String key, @Nullable Integer failOn);
    }

    /** What a pipeline feeds the sinks: all changes to sinks that take them, appends to the rest. */
    record Output(Table changelog, Table appendOnly) {}

    private final @Nullable Pipeline pipeline;

    Variant(@Nullable Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** The pipeline replacing the script's PTF call; empty for the PTF itself. */
    Optional<Pipeline> replacement() {
        return Optional.ofNullable(pipeline);
    }

    /** The name used on the command line and in reports. */
    public String id() {
        return name().toLowerCase();
    }

    private static Output tableAggregate(
            StreamTableEnvironment tEnv, Table input, String key, @Nullable Integer failOn) {
        final Table sums =
                input.groupBy($(key))
                        .flatAggregate(
                                call(SumAndFailOnceAggregate.class, $("v"), failOn == null ? nullOf(DataTypes.INT()) : lit(failOn))
                                        .as("v", "running_sum", "attempt"))
                        .select($(key).as("k"), $("v"), $("running_sum"), $("attempt"));
        // Both sinks read this one stream, so the aggregation (and its state) exists once.
        final DataStream<Row> changelog = tEnv.toChangelogStream(sums);
        // The file sink takes appends only: each update's new row, i.e. the table's history.
        final DataStream<Row> updates =
                changelog
                        .filter(row -> row.getKind() == RowKind.INSERT || row.getKind() == RowKind.UPDATE_AFTER)
                        .map(Variant::asInsert)
                        .returns(changelog.getType());
        return new Output(tEnv.fromChangelogStream(changelog), tEnv.fromDataStream(updates));
    }

    private static Output dataStream(
            StreamTableEnvironment tEnv, Table input, String key, @Nullable Integer failOn) {
        final DataType keyType = input.getResolvedSchema().getColumn(key).orElseThrow().getDataType();
        final TypeInformation<Object> keyInfo = ExternalTypeInfo.of(keyType);
        final TypeInformation<Row> sumRow =
                ExternalTypeInfo.of(
                        DataTypes.ROW(
                                DataTypes.FIELD("k", keyType),
                                DataTypes.FIELD("v", DataTypes.BIGINT()),
                                DataTypes.FIELD("running_sum", DataTypes.BIGINT()),
                                DataTypes.FIELD("attempt", DataTypes.INT())));
        final DataStream<Row> sums =
                tEnv.toDataStream(input)
                        .keyBy(row -> row.getField(key), keyInfo)
                        .process(new SumAndFailOnceProcess(key, failOn))
                        .returns(sumRow)
                        .name("SumAndFailOnceProcess");
        final Table table = tEnv.fromDataStream(sums);
        return new Output(table, table);
    }

    private static Row asInsert(Row row) {
        final Row insert = Row.copy(row);
        insert.setKind(RowKind.INSERT);
        return insert;
    }
}
