package com.example.checkpointdemo.report;

import com.example.checkpointdemo.evidence.JobFacts;
import com.example.checkpointdemo.functions.FailNow;
import com.example.checkpointdemo.functions.FaultPlan;
import com.example.checkpointdemo.plumbing.Text;

import javax.annotation.Nullable;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Whether a run, or a chain of jobs each resumed from the one before, proved recovery from a
 * checkpoint, and if not, what was missing ({@link Outcome}). PROVEN only when every one of these
 * holds, each a fact from Flink or from the files:
 *
 * <ol>
 *   <li>the injected failures happened as planned and the job finished (or the job was started
 *       from a checkpoint or savepoint on purpose, {@code execution.state-recovery.path}, or it
 *       failed of itself, say while its object store was down);
 *   <li>every restart of every job restored a checkpoint (Flink's REST API): none began again from
 *       zero, and where one did the outcome names the job and the failure;
 *   <li>each restored checkpoint, read from its own files, holds for each key the running sum the
 *       attempt after that restore resumed from (its first committed row: {@code running_sum - v});
 *   <li>the committed output of all the jobs is each input value once, with right running sums.
 * </ol>
 *
 * The final sum alone is never enough: a replay from scratch over a replayable file reaches it too.
 */
public record Verdict(Outcome outcome, String message) {

    /** Whether recovery was proven. */
    public boolean ok() {
        return outcome == Outcome.PROVEN;
    }

    /** The report's last line: {@code RECOVERY PROVEN: ...} or {@code RECOVERY NOT PROVEN (OUTCOME): ...}. */
    public String line() {
        return ok() ? "RECOVERY PROVEN: " + message : "RECOVERY NOT PROVEN (" + outcome.label() + "): " + message;
    }

    /**
     * One job of a chain, as the verdict judges it: its facts from the cluster, the restores seen,
     * what each restored checkpoint holds ({@code states}, matched to a restore by id and path),
     * the path it was told to start from (if any) and the committed rows it processed, in commit
     * order, with the attempt numbers Flink gave them within this job.
     */
    public record Job(
            JobFacts facts,
            List<JobFacts.Restore> restores,
            List<RestoredState> states,
            @Nullable String startedFrom,
            List<SumRow> rows) {

        /** What {@code restore} holds, read from its files; null if no read was made. */
        public @Nullable RestoredState stateOf(JobFacts.Restore restore) {
            return states.stream()
                    .filter(state -> state.checkpointId() == restore.checkpointId() && state.path().equals(restore.path()))
                    .findFirst()
                    .orElse(null);
        }
    }

    /**
     * What a judgement needs: every job of a chain (one, or each resumed from the one before), the
     * committed output of all of them checked against the input, the rejected rows, the fault plan
     * of the script and the sum the output must reach.
     */
    public record Facts(
            List<Job> jobs,
            OutputCheck output,
            @Nullable RejectCheck rejects,
            FaultPlan plan,
            long expectedSum) {

        /**
         * The facts of {@code jobs}, whose committed rows are checked as one output against the
         * {@code committable} input values: each job's attempts counted on from the one before, and
         * across leading JobManagers ({@link OutputCheck#attemptsAcrossLeaders}), so that the
         * output's attempts tell them apart.
         */
        public static Facts of(List<Job> jobs, List<Long> committable, @Nullable RejectCheck rejects, FaultPlan plan) {
            final List<SumRow> rows = new java.util.ArrayList<>();
            int attemptsBefore = 0;
            for (Job job : jobs) {
                final int offset = attemptsBefore;
                job.rows().forEach(row -> rows.add(row.withAttempt(row.attempt() + offset)));
                // The next job's attempts come after this one's, whether or not it committed a row.
                attemptsBefore = Math.max(offset + 1, rows.stream().mapToInt(SumRow::attempt).max().orElse(0) + 1);
            }
            return new Facts(jobs, OutputCheck.of(OutputCheck.attemptsAcrossLeaders(rows), committable), rejects, plan,
                    committable.stream().mapToLong(Long::longValue).sum());
        }

        /** The last job of the chain: the one that ran to the end. */
        public Job last() {
            return jobs.get(jobs.size() - 1);
        }

        /** Each restore of each job against the attempt that followed it. */
        public List<Resumption> resumptions() {
            return Resumption.of(jobs);
        }
    }

    /** Judges a finished run, or a chain of jobs each resumed from the one before. */
    public static Verdict judge(Facts facts) {
        final JobFacts job = facts.last().facts();
        final FaultPlan plan = facts.plan();
        final int injected = job.injectedFailures().size();
        // Failures asked for while the job ran ("fail now") come on top of the plan's.
        final int askedFor = (int) job.injectedFailures().stream().filter(cause -> cause.contains(FailNow.MARK)).count();
        final int planned = injected - askedFor;
        if (!"FINISHED".equals(job.status())) {
            if (planned > plan.size() && plan.size() > 0) {
                return of(Outcome.JOB_DID_NOT_FINISH,
                        "the job ended %s after the failure was injected %d times: a \"failed once\" flag kept in"
                                + " state is rolled back by the restore it causes", job.status(), injected);
            }
            final String cause = !job.otherFailures().isEmpty()
                    ? job.otherFailures().get(job.otherFailures().size() - 1)
                    : injected == 0 ? "no failure recorded" : job.injectedFailures().get(0);
            return of(Outcome.JOB_DID_NOT_FINISH, "the job ended %s: %s", job.status(), cause);
        }
        if (planned > plan.size()) {
            return of(Outcome.FAULT_PLAN_NOT_MET,
                    "the failure was injected %d times, not %d: the \"fail once\" decision must not live in the"
                            + " state that the restore rolls back", planned, plan.size());
        }
        // A failure we did not inject (a store or broker outage) restores a checkpoint all the same:
        // that recovery is judged as an injected one is. So is a restore with no failure on record:
        // a new leading JobManager recovers the job with an exception history of its own, empty.
        final boolean nothingHappened = facts.jobs().stream().allMatch(each -> each.facts().failures().isEmpty()
                && each.startedFrom() == null && each.facts().restored() == null && each.restores().isEmpty());
        if (nothingHappened) {
            return of(Outcome.NO_FAILURE_INJECTED, "%s, so nothing was restored and there is no recovery to prove"
                    + " (the committed output is %s)",
                    plan.size() == 0 ? Text.of("no failure was configured (no fail_on)")
                            : plan.size() == 1 ? Text.format("fail_on => %d never fired: the input has no v = %d",
                                    plan.values().get(0), plan.values().get(0))
                            : Text.format("the fault plan %s never fired", plan),
                    facts.output().exact() ? Text.of("exact") : Text.of("NOT exact"));
        }
        if (planned < plan.size()) {
            return of(Outcome.FAULT_PLAN_NOT_MET,
                    "the fault plan %s injected %d of its %d failures: a value was missing, or came before the"
                            + " checkpoint the job resumed from", plan, planned, plan.size());
        }
        for (int j = 0; j < facts.jobs().size(); j++) {
            final Verdict restarts = restarts(facts.jobs().get(j), j == facts.jobs().size() - 1);
            if (restarts != null) {
                return facts.jobs().size() == 1 ? restarts
                        : of(restarts.outcome(), "%s: %s", nameOf(facts, j), restarts.message());
            }
        }
        final List<Resumption> resumptions = facts.resumptions();
        final Verdict state = state(resumptions);
        if (state != null) {
            return state;
        }
        final Verdict output = output(facts);
        if (output != null) {
            return output;
        }
        final List<Resumption> compared = resumptions.stream().filter(Resumption::compared).toList();
        if (compared.size() == 1) {
            final Resumption only = compared.get(0);
            return of(Outcome.PROVEN,
                    "the state came back from %s, whose files hold %s; the restarted job resumed with running_sum %s,"
                            + " not from 0; and the committed output is exact",
                    only.describe(), only.state().describe(), describe(only.resumedSums()));
        }
        return of(Outcome.PROVEN, "each of %d restores brought back what the attempt after it resumed from (%s), not 0;"
                        + " and the committed output is exact", compared.size(),
                compared.stream().map(r -> r.describe() + ": " + r.state().describe()).collect(Collectors.joining("; ")));
    }

    /** {@code job 1 of 3 (c9098daa)}. */
    private static String nameOf(Facts facts, int index) {
        final String id = facts.jobs().get(index).facts().jobId();
        return Text.format("job %d of %d (%s)", index + 1, facts.jobs().size(), id.length() > 8 ? id.substring(0, 8) : id);
    }

    /** Why a restart began from zero, or null when every one restored a checkpoint. */
    private static @Nullable Verdict restarts(Job run, boolean last) {
        final JobFacts job = run.facts();
        final List<JobFacts.Failure> failures = stoppedBeforeItsRestart(run, last) ? job.failures().subList(0, job.failures().size() - 1)
                : job.failures();
        final List<JobFacts.Restore> restores = !run.restores().isEmpty() || job.restored() == null
                ? run.restores() : List.of(job.restored());
        // Restores are seen by polling REST, which names only the latest; Flink's count of them tells
        // how many a poll missed (restarts 0.6 s apart while a store is down). A missed one still
        // counts for a restart, but only where there was a checkpoint to restore.
        long unseen = Math.max(0, job.restoresCounted() - restores.size());
        if (run.startedFrom() != null) {
            final long firstFailure = failures.isEmpty() ? Long.MAX_VALUE : failures.get(0).timestamp();
            if (restores.stream().noneMatch(r -> r.restoredAt() < firstFailure)) {
                if (unseen == 0) {
                    return of(Outcome.RESTARTED_FROM_SCRATCH, "the job was to start from %s, but Flink restored nothing:"
                            + " it began from zero", run.startedFrom());
                }
                unseen--;
            }
        }
        final Long firstCheckpoint = job.firstCheckpointCompletedAt();
        for (int i = 0; i < failures.size(); i++) {
            final long failedAt = failures.get(i).timestamp();
            final long nextFailure = i + 1 < failures.size() ? failures.get(i + 1).timestamp() : Long.MAX_VALUE;
            if (restores.stream().noneMatch(r -> r.restoredAt() > failedAt && r.restoredAt() < nextFailure)) {
                final boolean restorable = run.startedFrom() != null || firstCheckpoint != null && firstCheckpoint < failedAt;
                if (unseen == 0 || !restorable) {
                    return fromScratch(job, failures.get(i), failures.size() > 1);
                }
                unseen--;
            }
        }
        return null;
    }

    /**
     * Whether an earlier job of a chain was stopped (cancelled, or stopped with a savepoint) while it
     * restarted after its last failure: no row it committed was processed after that failure, so
     * no attempt ran after it, and no restore could have followed it. (A job that did restart, from
     * scratch, committed the rows of its next attempt: those are judged.)
     */
    private static boolean stoppedBeforeItsRestart(Job run, boolean last) {
        final List<JobFacts.Failure> failures = run.facts().failures();
        if (last || failures.isEmpty() || run.rows().isEmpty() || run.rows().stream().anyMatch(row -> row.processedAt() == null)) {
            return false;
        }
        final long lastFailure = failures.get(failures.size() - 1).timestamp();
        return run.rows().stream().noneMatch(row -> row.processedAt().toEpochMilli() > lastFailure);
    }

    private static Verdict fromScratch(JobFacts job, JobFacts.Failure failure, boolean several) {
        final String which = several ? Text.format("the failure at +%s", seconds(failure.timestamp() - job.startTime())) : Text.of("the failure");
        final Long firstCheckpoint = job.firstCheckpointCompletedAt();
        if (firstCheckpoint != null && firstCheckpoint < failure.timestamp()) {
            return of(Outcome.RESTARTED_FROM_SCRATCH, "a checkpoint had completed %s before %s, yet the job"
                    + " restarted from scratch", seconds(failure.timestamp() - firstCheckpoint), which);
        }
        return of(Outcome.RESTARTED_FROM_SCRATCH,
                "no checkpoint had completed before %s (%s): the job restarted from scratch, so its final sum"
                        + " proves nothing about recovery", which,
                firstCheckpoint == null ? Text.of("none completed at all")
                        : Text.format("the first completed %s after it", seconds(firstCheckpoint - failure.timestamp())));
    }

    /**
     * Why the restored states prove nothing, or null when each restore whose attempt committed rows
     * holds what that attempt resumed from. A restore whose attempt committed nothing (it failed
     * again first, or the input had ended) shows nothing either way and is passed over, but at least
     * one restore must be compared.
     */
    private static @Nullable Verdict state(List<Resumption> resumptions) {
        if (resumptions.isEmpty()) {
            return of(Outcome.RESTARTED_FROM_SCRATCH, "Flink restored no checkpoint: the job began from zero");
        }
        final List<Resumption> compared = resumptions.stream().filter(Resumption::compared).toList();
        if (compared.isEmpty()) {
            final Resumption last = resumptions.get(resumptions.size() - 1);
            final Verdict notRead = notRead(last);
            return notRead != null ? notRead : of(Outcome.OUTPUT_NOT_EXACT, "%s was restored, but no row was committed"
                    + " after it, so nothing shows what the job resumed from", last.describe());
        }
        for (Resumption resumption : compared) {
            final Verdict notRead = notRead(resumption);
            if (notRead != null) {
                return notRead;
            }
            final RestoredState state = resumption.state();
            final Map<String, Long> held = new TreeMap<>();
            boolean agree = true;
            for (Map.Entry<String, Long> resumed : resumption.resumedSums().entrySet()) {
                final Long sum = state.sumOf(resumed.getKey());
                held.put(resumed.getKey(), sum);
                // A key the checkpoint holds nothing for starts at 0, as the function starts it.
                agree &= sum == null ? resumed.getValue() == 0 && resumption.rowsBefore().get(resumed.getKey()) == 0
                        : sum.equals(resumed.getValue());
            }
            if (!agree) {
                return of(Outcome.STATE_DISAGREES, "%s holds %s (read from its files), but the restarted job resumed with"
                        + " running_sum %s: the running sum did not come back from Flink's state",
                        resumption.describe(), describeHeld(held), describe(resumption.resumedSums()));
            }
            // Nothing committed before the restore and nothing held: a checkpoint taken before any row.
            // (Not "a sum of 0" alone: with negative values a restored sum can be 0 after rows; nor "no
            // row committed before" alone: a sink can lose rows that the state did count.)
            if (resumption.rowsBeforeResume() == 0 && held.values().stream().allMatch(sum -> sum == null || sum == 0)) {
                return of(Outcome.RESTARTED_FROM_SCRATCH, "%s was restored but held no rows yet (%s): the job resumed"
                        + " from 0, as if there had been no checkpoint", resumption.describe(), state.describe());
            }
        }
        return null;
    }

    private static @Nullable Verdict notRead(Resumption resumption) {
        final RestoredState state = resumption.state();
        if (state == null || !state.isRead()) {
            return of(Outcome.STATE_NOT_READ, "%s was restored, but its state could not be read from its files (%s),"
                    + " so nothing shows what it held", resumption.describe(), state == null ? Text.of("no read was made") : state.how());
        }
        return null;
    }

    /** Why the committed output is not right, or null. */
    private static @Nullable Verdict output(Facts facts) {
        final OutputCheck output = facts.output();
        if (!output.exact()) {
            return of(Outcome.OUTPUT_NOT_EXACT, "the committed output is not exact: %s", String.join("; ", output.problems()));
        }
        if (facts.rejects() != null && !facts.rejects().exact()) {
            return of(Outcome.OUTPUT_NOT_EXACT, "the rejected rows are not the input's bad lines: %s",
                    String.join("; ", facts.rejects().problems()));
        }
        final Long finalSum = output.finalSum();
        if (finalSum == null ? facts.expectedSum() != 0 : finalSum != facts.expectedSum()) {
            return of(Outcome.OUTPUT_NOT_EXACT, "the final sum is %s, expected %d", finalSum, facts.expectedSum());
        }
        return null;
    }

    private static String describe(Map<String, Long> sums) {
        return sums.size() == 1 ? String.valueOf(sums.values().iterator().next()) : sums.toString();
    }

    private static String describeHeld(Map<String, Long> held) {
        if (held.values().stream().allMatch(java.util.Objects::isNull)) {
            return Text.format("no running sum for %s", String.join(", ", held.keySet()));
        }
        return held.size() == 1 ? String.valueOf(held.values().iterator().next()) : held.toString();
    }

    private static String seconds(long millis) {
        return String.format("%.1f s", millis / 1000.0);
    }

    private static Verdict of(Outcome outcome, String format, Object... args) {
        return new Verdict(outcome, Text.format(format, args));
    }
}
