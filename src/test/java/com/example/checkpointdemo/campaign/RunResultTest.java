package com.example.checkpointdemo.campaign;

import com.example.checkpointdemo.functions.FaultPlan;
import com.example.checkpointdemo.evidence.JobFacts;
import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.report.SumRow;
import com.example.checkpointdemo.runner.Variant;
import com.example.checkpointdemo.testing.Jobs;
import com.example.checkpointdemo.testing.Reports;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RunResultTest {

    private static final List<Long> INPUT = List.of(3L, -1L, 7L, 4L);
    private static final RunPlan PLAN = new RunPlan(1, Variant.PTF, INPUT, FaultPlan.failOnce(7), 200, 50);

    @Test
    void aRestartFromScratchIsRightWhenNoCheckpointHadCompleted() {
        final RunResult result = RunResult.judge(PLAN, report(null, null, 1000L), job(null, null, 1000L));

        assertThat(result.passed()).as(result.reason()).isTrue();
    }

    @Test
    void aRestartFromScratchIsWrongWhenACheckpointHadCompleted() {
        final RunResult result = RunResult.judge(PLAN, report(null, 900L, 1000L), job(null, 900L, 1000L));

        assertThat(result.passed()).isFalse();
        assertThat(result.reason()).isEqualTo("a checkpoint had completed before the failure, yet the job restarted from scratch");
    }

    @Test
    void fewerFailuresThanPlannedFail() {
        final RunPlan twoFailures = new RunPlan(1, Variant.PTF, INPUT, FaultPlan.parse("7,4"), 200, 50);

        assertThat(RunResult.judge(twoFailures, report(2L, 900L, 1000L), job(2L, 900L, 1000L)).reason())
                .isEqualTo("injected 1 failures, planned 2");
    }

    private static JobFacts job(Long restored, Long firstCheckpoint, Long failure) {
        final Jobs job = Jobs.finished().injected(1);
        if (firstCheckpoint != null) {
            job.checkpoint(restored == null ? 1 : restored, firstCheckpoint);
        }
        if (restored != null) {
            job.restored(restored);
        }
        return job.build();
    }

    private static RecoveryReport report(Long restored, Long firstCheckpoint, Long failure) {
        final List<SumRow> rows = new ArrayList<>();
        long sum = 0;
        for (long v : INPUT) {
            sum += v;
            rows.add(new SumRow("all", v, sum, 1));
        }
        return Reports.report(job(restored, firstCheckpoint, failure), rows, INPUT, PLAN.faults(),
                restored == null ? null : Reports.held(restored, 2), null);
    }
}
