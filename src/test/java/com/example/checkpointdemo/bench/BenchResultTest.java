package com.example.checkpointdemo.bench;

import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BenchResultTest {

    @Test
    void summarizesRotationsWithMediansAndSameRotationRatios() {
        final List<Map<Impl, Measurement>> rotations =
                List.of(rotation(100, 400), rotation(300, 600), rotation(200, 1000));
        final Map<Impl, Measurement> recoveries = new EnumMap<>(Impl.class);
        recoveries.put(Impl.PTF, measurement(Impl.PTF, 1, 250L, 600L));

        final List<BenchResult> results = BenchResult.of(rotations, recoveries);

        final BenchResult ptf = results.stream().filter(r -> r.impl() == Impl.PTF).findFirst().orElseThrow();
        assertThat(ptf.rowsPerSecond()).isEqualTo(200);
        assertThat(ptf.minRowsPerSecond()).isEqualTo(100);
        assertThat(ptf.maxRowsPerSecond()).isEqualTo(300);
        // Ratios per rotation: 0.25, 0.5, 0.2 -> median 0.25 (not 200 / 600).
        assertThat(ptf.ratioVsDatastream()).isCloseTo(0.25, within(1e-9));
        assertThat(ptf.recoveryToRunningMs()).isEqualTo(250);
        assertThat(ptf.recoveryToFailurePointMs()).isEqualTo(600);

        final BenchResult datastream = results.stream().filter(r -> r.impl() == Impl.DATASTREAM).findFirst().orElseThrow();
        assertThat(datastream.ratioVsDatastream()).isEqualTo(1.0);
        assertThat(datastream.recoveryToRunningMs()).isNull();
    }

    @Test
    void theCsvHasTheAgreedColumnsFirst() {
        assertThat(BenchResult.CSV_HEADER).startsWith("impl,keys,backend,rows,rows_per_s,");
        assertThat(BenchResult.CSV_HEADER).contains(",ratio_vs_datastream,ratio_vs_datastream_bridge,");
        final BenchResult result = BenchResult.of(List.of(rotation(100, 400)), Map.of()).get(0);
        assertThat(result.csv()).startsWith("ptf,1000,hashmap,500,100,100,100,0.250,,");
    }

    @Test
    void eachImplementationIsAlsoComparedWithTheBridgeInsideSql() {
        final Map<Impl, Measurement> rotation = rotation(100, 400);
        rotation.put(Impl.DATASTREAM_BRIDGE, measurement(Impl.DATASTREAM_BRIDGE, 200, null, null));

        final List<BenchResult> results = BenchResult.of(List.of(rotation), Map.of());

        assertThat(results.stream().filter(r -> r.impl() == Impl.PTF).findFirst().orElseThrow().ratioVsBridge()).isEqualTo(0.5);
        assertThat(results.stream().filter(r -> r.impl() == Impl.DATASTREAM).findFirst().orElseThrow().ratioVsBridge()).isEqualTo(2.0);
    }

    @Test
    void theProbeKnowsEachRunningSumOfTheGeneratedInput() {
        // k = i % 3 over 1..10: key 1 holds 1, 4, 7, 10; key 0 holds 3, 6, 9.
        assertThat(ThroughputProbe.expectedSum(10, 3)).isEqualTo(1 + 4 + 7 + 10);
        assertThat(ThroughputProbe.expectedSum(9, 3)).isEqualTo(3 + 6 + 9);
        assertThat(ThroughputProbe.expectedSum(20, 1)).isEqualTo(210);
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(BenchResult.median(List.of(4.0, 1.0, 3.0, 2.0), Double::doubleValue)).isEqualTo(2.5);
    }

    private static Map<Impl, Measurement> rotation(double ptf, double datastream) {
        final Map<Impl, Measurement> rotation = new EnumMap<>(Impl.class);
        rotation.put(Impl.PTF, measurement(Impl.PTF, ptf, null, null));
        rotation.put(Impl.DATASTREAM, measurement(Impl.DATASTREAM, datastream, null, null));
        return rotation;
    }

    private static Measurement measurement(Impl impl, double rowsPerSecond, Long toRunning, Long toFailurePoint) {
        return new Measurement(impl, 1000, "hashmap", 500, rowsPerSecond, 3, 1024, 50, toRunning, toFailurePoint, 500, 0, 1000);
    }
}
