package com.example.checkpointdemo.sources;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.ProviderContext;
import org.apache.flink.table.connector.source.DataStreamScanProvider;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.api.common.typeinfo.TypeInformation;

import java.util.List;
import java.util.Set;

/**
 * {@code 'connector' = 'socket'}: numbers pushed over a TCP connection, one a line, into a table of
 * one BIGINT column. A source that cannot rewind: it keeps no position in a checkpoint (Flink's
 * {@code socketTextStream}), so after a restore it reads on from whatever the sender sends next.
 *
 * <pre>{@code
 * CREATE TABLE pushed_numbers (v BIGINT) WITH ('connector' = 'socket', 'hostname' = '127.0.0.1', 'port' = '9999');
 * }</pre>
 */
public final class SocketSourceFactory implements DynamicTableSourceFactory {

    static final ConfigOption<String> HOSTNAME = ConfigOptions.key("hostname").stringType().defaultValue("127.0.0.1")
            .withDescription("The host that sends the numbers.");
    static final ConfigOption<Integer> PORT = ConfigOptions.key("port").intType().noDefaultValue()
            .withDescription("The port it listens on.");

    @Override
    public String factoryIdentifier() {
        return "socket";
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(PORT);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of(HOSTNAME);
    }

    @Override
    public DynamicTableSource createDynamicTableSource(Context context) {
        final FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        helper.validate();
        final DataType row = context.getPhysicalRowDataType();
        final List<DataType> columns = DataType.getFieldDataTypes(row);
        if (columns.size() != 1 || columns.get(0).getLogicalType().getTypeRoot() != LogicalTypeRoot.BIGINT) {
            throw new ValidationException("table " + context.getObjectIdentifier().asSummaryString()
                    + ": the socket connector reads one BIGINT column (a number a line), not " + row);
        }
        final ReadableConfig options = helper.getOptions();
        return new SocketSource(options.get(HOSTNAME), options.get(PORT), row);
    }

    /** The table's source: a line read is a row, a line that is no number fails the job naming it. */
    private record SocketSource(String hostname, int port, DataType row) implements ScanTableSource {

        @Override
        public ChangelogMode getChangelogMode() {
            return ChangelogMode.insertOnly();
        }

        @Override
        public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
            final TypeInformation<RowData> type = context.createTypeInformation(row);
            final String from = hostname + ":" + port;
            return new DataStreamScanProvider() {
                @Override
                public DataStream<RowData> produceDataStream(ProviderContext provider, StreamExecutionEnvironment env) {
                    // No retry: the job's input ends when the sender closes the connection.
                    final DataStreamSource<String> lines = env.socketTextStream(hostname, port, "\n", 0);
                    provider.generateUid("socket").ifPresent(lines::uid);
                    return lines.map(line -> parse(from, line)).returns(type);
                }

                @Override
                public boolean isBounded() {
                    return false;
                }
            };
        }

        @Override
        public DynamicTableSource copy() {
            return new SocketSource(hostname, port, row);
        }

        @Override
        public String asSummaryString() {
            return "socket " + hostname + ":" + port;
        }
    }

    /** A line as a row of one BIGINT; the job fails naming a line that is no number. */
    static RowData parse(String from, String line) {
        try {
            return GenericRowData.of(Long.parseLong(line.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("socket " + from + " sent '" + line + "', which is not a number", e);
        }
    }
}
