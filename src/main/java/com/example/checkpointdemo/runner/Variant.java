package com.example.checkpointdemo.runner;

import com.example.checkpointdemo.functions.FaultPlan;
import com.example.checkpointdemo.functions.SumAndFailOnce;
import com.example.checkpointdemo.functions.SumAndFailOnceAggregate;
import com.example.checkpointdemo.functions.SumAndFailOnceProcess;
import com.example.checkpointdemo.functions.savepoint.StateLayout;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.runtime.typeutils.ExternalTypeInfo;
import org.apache.flink.table.types.DataType;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;

import java.util.Optional;

import static org.apache.flink.table.api.Expressions.$;
import static org.apache.flink.table.api.Expressions.call;
import static org.apache.flink.table.api.Expressions.lit;

/**
 * The three ways to keep the running sum in checkpointed state. {@link #PTF} runs the script as
 * written; the other two stand in for its {@code SumAndFailOnce} call: the view the script defines
 * with the call becomes their pipeline, over the same input table and key, with the same fault
 * plan and the same columns, {@code k, v, running_sum, attempt, processed_at, reject_reason}.
 */
public enum Variant {

    /** The ProcessTableFunction the script calls: {@code @StateHint} state, callable from SQL. */
    PTF(Variant::processTableFunction),

    /** {@code groupBy(k).flatAggregate(...)}: the accumulator is the state; Table API only. */
    TABLEAGG(Variant::tableAggregate),

    /** {@code toDataStream -> keyBy -> KeyedProcessFunction -> fromDataStream}: a ValueState. */
    DATASTREAM(Variant::dataStream);

    /** A pipeline that stands in for the script's PTF call. */
    interface Pipeline {
        Table build(StreamTableEnvironment tEnv, Table input, String key, FaultPlan faults);
    }

    private final Pipeline pipeline;

    Variant(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** The pipeline replacing the script's PTF call; empty for the PTF, which runs as written. */
    Optional<Pipeline> replacement() {
        return this == PTF ? Optional.empty() : Optional.of(pipeline);
    }

    /**
     * The running sums of {@code input} per {@code key} column, kept this variant's way, with the
     * columns {@code k, v, running_sum, attempt, processed_at, reject_reason}.
     */
    public Table sums(StreamTableEnvironment tEnv, Table input, String key, FaultPlan faults) {
        return pipeline.build(tEnv, input, key, faults);
    }

    /** Where this variant keeps the running sum in a checkpoint (the PTF's: the called function's, see ScriptSession). */
    StateLayout stateLayout() {
        return this == TABLEAGG ? StateLayout.TABLEAGG : StateLayout.DATASTREAM;
    }

    /** The name used on the command line and in reports. */
    public String id() {
        return name().toLowerCase();
    }

    /** The PTF, called from the Table API as the script calls it from SQL. */
    private static Table processTableFunction(StreamTableEnvironment tEnv, Table input, String key, FaultPlan faults) {
        return input.partitionBy($(key))
                .process(SumAndFailOnce.class, lit(faults.toString()).asArgument("fail_plan"));
    }

    /**
     * The aggregate's result is an updating table (each row retracts the key's previous one). The
     * script's file sinks take appends only, so it becomes the table's history: each update's new
     * row, appended, which is what the PTF emits too.
     */
    private static Table tableAggregate(StreamTableEnvironment tEnv, Table input, String key, FaultPlan faults) {
        final Table sums =
                input.groupBy($(key))
                        .flatAggregate(
                                call(SumAndFailOnceAggregate.class, $("v"), lit(faults.toString()))
                                        .as("v", "running_sum", "attempt", "processed_at", "reject_reason"))
                        .select($(key).as("k"), $("v"), $("running_sum"), $("attempt"), $("processed_at"), $("reject_reason"));
        final DataStream<Row> changelog = tEnv.toChangelogStream(sums);
        final DataStream<Row> updates =
                changelog
                        .filter(row -> row.getKind() == RowKind.INSERT || row.getKind() == RowKind.UPDATE_AFTER)
                        .map(Variant::asInsert)
                        .returns(changelog.getType())
                        .name("UpdatesAsAppends");
        return tEnv.fromDataStream(updates);
    }

    private static Table dataStream(StreamTableEnvironment tEnv, Table input, String key, FaultPlan faults) {
        final DataType keyType = input.getResolvedSchema().getColumn(key).orElseThrow().getDataType();
        final TypeInformation<Object> keyInfo = ExternalTypeInfo.of(keyType);
        final TypeInformation<Row> sumRow =
                ExternalTypeInfo.of(
                        DataTypes.ROW(
                                DataTypes.FIELD("k", keyType),
                                DataTypes.FIELD("v", DataTypes.BIGINT()),
                                DataTypes.FIELD("running_sum", DataTypes.BIGINT()),
                                DataTypes.FIELD("attempt", DataTypes.INT()),
                                DataTypes.FIELD("processed_at", DataTypes.TIMESTAMP_LTZ(3)),
                                DataTypes.FIELD("reject_reason", DataTypes.STRING())));
        final DataStream<Row> sums =
                tEnv.toDataStream(input)
                        .keyBy(row -> row.getField(key), keyInfo)
                        .process(new SumAndFailOnceProcess(key, faults))
                        .returns(sumRow)
                        .name("SumAndFailOnceProcess")
                        // A uid of its own: its state can be found in a checkpoint by this name.
                        .uid("SumAndFailOnceProcess");
        return tEnv.fromDataStream(sums);
    }

    private static Row asInsert(Row row) {
        final Row insert = Row.copy(row);
        insert.setKind(RowKind.INSERT);
        return insert;
    }
}
