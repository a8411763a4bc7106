package com.example.checkpointdemo.campaign;

import com.example.checkpointdemo.evidence.JobFacts;
import com.example.checkpointdemo.report.Outcome;
import com.example.checkpointdemo.report.RecoveryReport;

import javax.annotation.Nullable;

import java.util.Objects;

/** A campaign run judged: it passes when its output is exact and its recovery was right. */
public record RunResult(RunPlan plan, @Nullable RecoveryReport report, boolean passed, String reason) {

    /**
     * Judges a run. Unlike the demo's verdict, a restart from scratch is right here when no
     * checkpoint had completed before the failure; a restore from one is required when one had, and
     * then the restored state, read from the checkpoint, must be what the job resumed from.
     */
    public static RunResult judge(RunPlan plan, RecoveryReport report, JobFacts job) {
        final String problem;
        if (!"FINISHED".equals(report.jobStatus())) {
            problem = "job " + report.jobStatus() + ": " + String.join("; ", report.failures());
        } else if (report.injectedFailures() != plan.faults().size()) {
            problem = "injected " + report.injectedFailures() + " failures, planned " + plan.faults().size();
        } else if (!report.committedExact()) {
            problem = "committed output not exact: " + String.join("; ", report.problems());
        } else if (Boolean.FALSE.equals(report.rejectedExact())) {
            problem = "rejected rows not exact: " + String.join("; ", report.problems());
        } else if (!Objects.equals(report.finalSum(), report.expectedSum())) {
            problem = "final sum " + report.finalSum() + ", expected " + report.expectedSum();
        } else if (checkpointBeforeLastFailure(job) && report.restoredCheckpointId() == null) {
            problem = "a checkpoint had completed before the failure, yet the job restarted from scratch";
        } else if (report.restoredCheckpointId() != null
                && (report.outcome() == Outcome.STATE_NOT_READ || report.outcome() == Outcome.STATE_DISAGREES)) {
            problem = report.verdict();
        } else {
            problem = null;
        }
        return new RunResult(plan, report, problem == null, problem == null ? "exact" : problem);
    }

    /** A run that could not be judged: the reason is the error. */
    public static RunResult error(RunPlan plan, String error) {
        return new RunResult(plan, null, false, error);
    }

    private static boolean checkpointBeforeLastFailure(JobFacts job) {
        return job.firstCheckpointCompletedAt() != null
                && job.lastInjectedFailureAt() != null
                && job.firstCheckpointCompletedAt() < job.lastInjectedFailureAt();
    }
}
