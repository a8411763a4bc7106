package com.example.checkpointdemo.bench;

import com.example.checkpointdemo.functions.FaultPlan;
import com.example.checkpointdemo.functions.SumAndFailOnceProcess;
import com.example.checkpointdemo.runner.Variant;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;

import static org.apache.flink.table.api.Expressions.$;

/**
 * What the benchmark compares: the PTF, the TableAggregateFunction, the built-in SQL OVER and the
 * DataStream bridge (the card's fallback: {@code toDataStream -> keyBy -> KeyedProcessFunction ->
 * fromDataStream}), each between a table made from the input stream and a stream made from its
 * result, as a SQL job would have them; and the KeyedProcessFunction on the stream itself, the
 * baseline.
 */
public enum Impl {
    PTF,
    TABLEAGG,
    /** The KeyedProcessFunction inside the SQL pipeline: what a SQL user has instead of a PTF. */
    DATASTREAM_BRIDGE,
    DATASTREAM,
    /** {@code SUM(v) OVER (PARTITION BY k ORDER BY proctime ROWS UNBOUNDED PRECEDING)}. */
    OVER;

    // SumAndFailOnceProcess takes any key type; here it is the BIGINT k.
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final TypeInformation<Object> LONG_KEY = (TypeInformation) Types.LONG;

    /** The name on the command line and in results: {@code datastream-bridge}. */
    public String id() {
        return name().toLowerCase().replace('_', '-');
    }

    /** The implementation named {@code id}. */
    public static Impl of(String id) {
        for (Impl impl : values()) {
            if (impl.id().equals(id)) {
                return impl;
            }
        }
        throw new IllegalArgumentException("no implementation '" + id + "'; one of "
                + java.util.Arrays.stream(values()).map(Impl::id).toList());
    }

    /** The running sums of {@code numbers} (rows {@code k, v}) per {@code k}. */
    DataStream<Row> sums(StreamTableEnvironment tEnv, DataStream<Row> numbers) {
        return switch (this) {
            case DATASTREAM -> numbers.keyBy(row -> row.getField(0), LONG_KEY)
                    .process(new SumAndFailOnceProcess("k", FaultPlan.none()))
                    .returns(Types.ROW_NAMED(new String[] {"k", "v", "running_sum", "attempt", "processed_at", "reject_reason"},
                            Types.LONG, Types.LONG, Types.LONG, Types.INT, Types.INSTANT, Types.STRING))
                    .name("SumAndFailOnceProcess");
            case PTF -> tEnv.toChangelogStream(Variant.PTF.sums(tEnv, table(tEnv, numbers).select($("k"), $("v")), "k", FaultPlan.none()));
            case TABLEAGG -> tEnv.toChangelogStream(Variant.TABLEAGG.sums(tEnv, table(tEnv, numbers).select($("k"), $("v")), "k", FaultPlan.none()));
            case DATASTREAM_BRIDGE -> tEnv.toChangelogStream(Variant.DATASTREAM.sums(tEnv, table(tEnv, numbers).select($("k"), $("v")), "k", FaultPlan.none()));
            case OVER -> {
                tEnv.createTemporaryView("bench_numbers", table(tEnv, numbers));
                yield tEnv.toChangelogStream(tEnv.sqlQuery(
                        "SELECT k, v, SUM(v) OVER (PARTITION BY k ORDER BY proctime"
                                + " ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running_sum"
                                + " FROM bench_numbers"));
            }
        };
    }

    private static Table table(StreamTableEnvironment tEnv, DataStream<Row> numbers) {
        return tEnv.fromDataStream(
                numbers,
                Schema.newBuilder()
                        .column("k", DataTypes.BIGINT().notNull())
                        .column("v", DataTypes.BIGINT().notNull())
                        .columnByExpression("proctime", "PROCTIME()")
                        .build());
    }
}
