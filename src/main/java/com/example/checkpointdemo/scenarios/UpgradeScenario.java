package com.example.checkpointdemo.scenarios;

import com.example.checkpointdemo.report.CheckpointReader;
import com.example.checkpointdemo.evidence.JobInspector;
import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.report.RestoredState;
import com.example.checkpointdemo.report.RunEvidence;
import com.example.checkpointdemo.report.SumRow;
import com.example.checkpointdemo.report.Workspace;
import com.example.checkpointdemo.plumbing.RestApi;
import com.example.checkpointdemo.plumbing.Text;
import com.example.checkpointdemo.runner.ScriptErrors;
import com.example.checkpointdemo.runner.ScriptException;

import com.fasterxml.jackson.databind.JsonNode;

import javax.annotation.Nullable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code upgrade-*}: the job of a first script stopped with a savepoint, and a changed script
 * started from that savepoint, as a job is upgraded. Each scenario says what should become of the
 * function's state, reads what the savepoint holds, and checks what the changed job did with it.
 */
record UpgradeScenario(String name, Path first, Path script, boolean savepointThenCancel, Expected expected, String change)
        implements Scenario {

    /** The first script of most upgrade lessons: the job as first deployed. */
    static final Path DEPLOYED = Path.of("sql/scenarios/upgrade/deployed.sql");
    /** The first script of the compiled-plan lesson. */
    static final Path PLANNED = Path.of("sql/scenarios/upgrade/planned.sql");

    /** How Flink names an operator it cannot map: by the hash of its uid only; the savepoint knows its name. */
    private static final Pattern OPERATOR = Pattern.compile("for operator ([0-9a-f]{32})");

    /** The start of Flink's message when it will not start a job from a savepoint. */
    private static final String RESTORE_REFUSED = "Failed to rollback to checkpoint/savepoint";

    /** The setting that starts such a job anyway, dropping what no operator claims. */
    static final String IGNORE_UNCLAIMED_STATE = "execution.state-recovery.ignore-unclaimed-state";

    /** What the changed job does with the savepoint's state of the function. */
    enum Expected {
        /** It restores it: the sum goes on from the savepoint's. */
        KEPT,
        /** It does not start; told to ignore unclaimed state, it starts without the function's, and says nothing. */
        REFUSED_THEN_DROPPED,
        /**
         * It does not start; told to ignore unclaimed state, it keeps the function's but drops the
         * file sink's, and with it the rows the savepoint had not committed.
         */
        REFUSED_THEN_ROWS_LOST,
        /** Every attempt to restore it fails; the savepoint still holds it. */
        NOT_RESTORABLE
    }

    static List<Scenario> all() {
        return List.of(
                new UpgradeScenario("upgrade-renamed-with-uid", DEPLOYED, upgrade("renamed_with_uid.sql"), false,
                        Expected.KEPT, "the function called RunningSum, with uid => 'SumAndFailOnce'"),
                new UpgradeScenario("upgrade-renamed", DEPLOYED, upgrade("renamed.sql"), false,
                        Expected.REFUSED_THEN_DROPPED, "the function called RunningSum, without a uid"),
                new UpgradeScenario("upgrade-state-gains-field", DEPLOYED, upgrade("state_gains_field.sql"), false,
                        Expected.NOT_RESTORABLE, "SumAndFailOnce's state gained a field (SumAndCount)"),
                // These two: flink savepoint, then flink cancel, so that the savepoint holds
                // uncommitted rows in the file sink's state, which a dropped state would lose.
                new UpgradeScenario("upgrade-filter-added", DEPLOYED, upgrade("filter_added.sql"), true,
                        Expected.REFUSED_THEN_ROWS_LOST, "a filter added before the function"),
                new UpgradeScenario("upgrade-planned-filter-added", PLANNED, upgrade("planned_filter_added.sql"), true,
                        Expected.KEPT, "the same filter, the first job's compiled plan kept"));
    }

    private static Path upgrade(String script) {
        return Path.of("sql/scenarios/upgrade").resolve(script);
    }

    @Override
    public Outcome run(Workspace workspace) throws Exception {
        final Runs.Stopped first = savepointThenCancel
                ? Runs.savepointedAndCancelled(workspace, this.first)
                : Runs.stopped(workspace, this.first, Runs.STOP_WITH_SAVEPOINT);
        final List<RunEvidence> all = new ArrayList<>(List.of(first.run()));
        final RestApi rest = new RestApi(workspace.cluster());
        final ChangedJob asWritten = resume(workspace, rest, first.at(), Map.of(), all);
        final ChangedJob ignoring = expected == Expected.REFUSED_THEN_DROPPED || expected == Expected.REFUSED_THEN_ROWS_LOST
                ? resume(workspace, rest, first.at(), Map.of(IGNORE_UNCLAIMED_STATE, "true"), all)
                : null;
        // Read last: whatever the changed jobs did, the savepoint still holds this.
        final RestoredState held = savepointHolds(workspace, first.run(), first.at());
        final RunEvidence last = all.get(all.size() - 1);
        final RecoveryReport both;
        if (last == first.run()) {
            both = last.report(workspace.timeline().toString());
            Runs.discard(first.at());
        } else {
            both = Runs.acrossBoth(new Runs.TwoRuns(first.run(), last, first.at()), workspace.timeline().toString());
        }
        final List<Long> lost = new ArrayList<>(last.input().values());
        all.forEach(run -> run.committed().forEach(row -> lost.remove(Long.valueOf(row.v()))));
        return new Outcome(judge(new Facts(first.at(), held, asWritten, ignoring, lost), both), all);
    }

    /**
     * Starts the changed script from {@code savepoint} with {@code settings}; what it did. A job
     * Flink refuses to start leaves no run, only the error its submission met.
     */
    private ChangedJob resume(
            Workspace workspace, RestApi rest, JobInspector.Checkpoint savepoint, Map<String, String> settings, List<RunEvidence> runs) {
        try {
            // The changed script is the first one's next version: loaded after init.sql when the first is
            // (an exercise's changed script may sit anywhere).
            final RunEvidence run = Runs.resumed(workspace, script, Runs.afterInit(first), savepoint, settings);
            runs.add(run);
            return ChangedJob.of(run, rest);
        } catch (ScriptException refused) {
            if (!refused.getMessage().contains(RESTORE_REFUSED)) {
                throw refused; // the runner's own objection, not Flink's answer to the savepoint
            }
            return ChangedJob.notStarted(refused.getMessage(), savepoint);
        }
    }

    /** The first job's running sums in {@code savepoint}, read where the first job kept them. */
    private static RestoredState savepointHolds(Workspace workspace, RunEvidence first, JobInspector.Checkpoint savepoint) {
        final var layout = first.run().stateLayout();
        if (layout == null) {
            return RestoredState.unreadable(savepoint.id(), savepoint.path(), null, Text.of("the first job's state layout is not known"));
        }
        try {
            final Map<String, Long> sums = new CheckpointReader(workspace.cluster()).runningSums(savepoint.path(), layout);
            return RestoredState.read(savepoint.id(), savepoint.path(), savepoint.path(), sums, layout.describe());
        } catch (Exception e) {
            return RestoredState.unreadable(savepoint.id(), savepoint.path(), null,
                    Text.format("reading %s failed: %s", layout.describe(), ScriptErrors.rootMessage(e)));
        }
    }

    /**
     * What one changed job did: from Flink (status, restore, failure, whether an operator of it
     * filters) and from its committed rows.
     */
    record ChangedJob(
            String status, @Nullable Long restoredId, @Nullable String failure, int committedRows, @Nullable Long resumedFrom,
            boolean filters, @Nullable String unclaimed) {

        static ChangedJob of(RunEvidence run, RestApi rest) {
            final List<String> failures = run.job().otherFailures();
            final SumRow firstRow = run.committed().stream().filter(run::processed).findFirst().orElse(null);
            boolean filters = false;
            for (JsonNode node : rest.get("/jobs/" + run.job().jobId() + "/plan").path("plan").path("nodes")) {
                // The planner describes each operator: Calc(select=[...], where=[...]) where it filters.
                filters |= node.path("description").asText().contains("where=");
            }
            return new ChangedJob(run.job().status(), run.job().restoredCheckpointId(),
                    failures.isEmpty() ? null : failures.get(0), run.committed().size(),
                    firstRow == null ? null : firstRow.runningSum() - firstRow.v(), filters, null);
        }

        /**
         * A job Flink would not start: what it said, and the name the savepoint gives the
         * operator it named as unclaimed (Flink names it by its hash only).
         */
        static ChangedJob notStarted(String error, JobInspector.Checkpoint savepoint) {
            final Matcher operator = OPERATOR.matcher(error);
            String unclaimed = null;
            String named = "";
            try {
                if (operator.find()) {
                    unclaimed = CheckpointReader.operatorNames(savepoint.path()).getOrDefault(operator.group(1), Text.of("not in it"));
                    named = Text.format(" [in the savepoint, operator %s is %s]", operator.group(1), unclaimed);
                }
            } catch (IOException e) {
                named = Text.format(" [the savepoint's operators could not be read: %s]", e.getMessage());
            }
            return new ChangedJob("NOT STARTED", null, error + named, 0, null, false, unclaimed);
        }

        /** What the job did, in a line of the report. */
        String describe(long savepointId) {
            final String restore = restoredId == null ? Text.of("restored nothing")
                    : Objects.equals(restoredId, savepointId) ? Text.format("restored savepoint %d", restoredId)
                    : Text.format("restored checkpoint %d", restoredId);
            final String rows = resumedFrom == null ? Text.of("committed no row")
                    : Text.format("committed %d rows, the first it processed resuming from running_sum %d (the function's output)",
                            committedRows, resumedFrom);
            return Text.format("%s, %s, %s%s", status, restore, rows, failure == null ? "" : Text.format("; Flink said: %s", failure));
        }
    }

    /** Whether Flink refused to start the job because the savepoint holds state no operator of it claims. */
    private static boolean refused(ChangedJob job) {
        return "NOT STARTED".equals(job.status()) && job.failure() != null
                && job.failure().contains("Cannot map checkpoint/savepoint state");
    }

    /**
     * The facts a verdict is drawn from: the savepoint and what it holds, the changed job as
     * written and with ignore-unclaimed-state, and the input values no job committed.
     */
    record Facts(
            JobInspector.Checkpoint savepoint, RestoredState held, ChangedJob asWritten, @Nullable ChangedJob ignoring, List<Long> lost) {

        long lostSum() {
            return lost.stream().mapToLong(Long::longValue).sum();
        }

        long heldSum() {
            return held.sums() == null ? 0 : held.sums().values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * Whether the scenario showed what it expected, from {@code facts} and the report across the
     * first and the last changed job. The scripts have one key ({@code all}): the savepoint's sum
     * over keys is the sum the changed job resumes from.
     */
    ScenarioReport judge(Facts facts, RecoveryReport both) {
        final ChangedJob written = facts.asWritten();
        final boolean held = facts.held().isRead() && facts.heldSum() > 0;
        final boolean shown;
        final String lesson;
        switch (expected) {
            case KEPT -> {
                final boolean planned = first.equals(PLANNED);
                shown = held && "FINISHED".equals(written.status()) && Objects.equals(written.restoredId(), facts.savepoint().id())
                        && Objects.equals(written.resumedFrom(), facts.heldSum()) && (!planned || !written.filters())
                        && both.committedExact() && Objects.equals(both.finalSum(), both.expectedSum());
                lesson = Text.format("Changed: %s. The savepoint holds %s; the changed job restored it and its first row"
                                + " resumed from running_sum %s: the state was kept. Across both jobs the committed output is %s,"
                                + " final sum %s.%s",
                        Text.of(change), facts.held().describe(), written.resumedFrom(),
                        Text.of(both.committedExact() ? "exact" : "NOT exact"), both.finalSum(), !planned ? "" : written.filters()
                                ? Text.of(" Yet an operator of the job filters: it did not run the first job's plan.")
                                : Text.of(" It ran the plan the first job compiled, found in the plan file: no operator of the job"
                                        + " filters (the job's plan in the REST API has no where=), so the filter in the"
                                        + " script is not in the job. Flink mapped all of the savepoint's state (without"
                                        + " ignore-unclaimed-state), the file sink's writer's too: the rows the savepoint had not"
                                        + " committed were committed after the restore."));
            }
            case REFUSED_THEN_DROPPED -> {
                final ChangedJob ignoring = facts.ignoring();
                shown = held && refused(written) && ignoring != null && "FINISHED".equals(ignoring.status())
                        && Objects.equals(ignoring.restoredId(), facts.savepoint().id())
                        && Objects.equals(ignoring.resumedFrom(), 0L) && ignoring.failure() == null
                        && Objects.equals(both.finalSum(), both.expectedSum() - facts.heldSum());
                lesson = Text.format("Changed: %s. The savepoint holds %s. As written, the changed job did not start:"
                                + " Flink found state in the savepoint that no operator of the new job claims (it names one,"
                                + " %s). With %s = true it started, restored the savepoint, and dropped that state without an error:"
                                + " its first row resumed from running_sum %s, and the job ended at %s instead of %s. The"
                                + " %d the first job had summed are gone.",
                        Text.of(change), facts.held().describe(), written.unclaimed(), IGNORE_UNCLAIMED_STATE,
                        ignoring == null ? null : ignoring.resumedFrom(),
                        both.finalSum(), both.expectedSum(), facts.heldSum());
            }
            case REFUSED_THEN_ROWS_LOST -> {
                final ChangedJob ignoring = facts.ignoring();
                shown = held && refused(written) && "StreamingFileWriter".equals(written.unclaimed())
                        && ignoring != null && "FINISHED".equals(ignoring.status())
                        && Objects.equals(ignoring.restoredId(), facts.savepoint().id())
                        && Objects.equals(ignoring.resumedFrom(), facts.heldSum()) && ignoring.failure() == null
                        && ignoring.filters() && both.committedMissing() > 0 && both.committedDuplicates() == 0
                        && Objects.equals(facts.lostSum(), facts.heldSum());
                lesson = Text.format("Changed: %s. As written, the changed job did not start: the new operator moved"
                                + " %s (the file sink's writer), which SQL gives no uid, so its state in the savepoint belongs"
                                + " to no operator. With %s = true it started and restored the savepoint: the function's"
                                + " state came back (its first row resumed from running_sum %s; the savepoint holds %s),"
                                + " but the writer's was dropped without an error, and with it the %d rows the first job"
                                + " had written and the savepoint had not yet committed: v = %s are missing from the"
                                + " committed output.",
                        Text.of(change), written.unclaimed(), IGNORE_UNCLAIMED_STATE, ignoring == null ? null : ignoring.resumedFrom(),
                        facts.held().describe(), facts.lost().size(), facts.lost());
            }
            case NOT_RESTORABLE -> {
                shown = held && "FAILED".equals(written.status()) && written.committedRows() == 0
                        && written.failure() != null && written.failure().contains("StateMigrationException");
                lesson = Text.format("Changed: %s. The changed job found the state under its uid but could not read it"
                                + " as the new type: it failed on every attempt (%s) and committed nothing. Nothing is lost:"
                                + " read after it, the savepoint still holds %s.",
                        Text.of(change), written.failure() == null ? null : written.failure().split(":")[0], facts.held().describe());
            }
            default -> throw new IllegalStateException(expected.toString());
        }
        final List<String> jobs = new ArrayList<>();
        jobs.add(Text.format("%s as written: %s", script, written.describe(facts.savepoint().id())));
        if (facts.ignoring() != null) {
            jobs.add(Text.format("with %s = true: %s", IGNORE_UNCLAIMED_STATE, facts.ignoring().describe(facts.savepoint().id())));
        }
        return new ScenarioReport(name, shown, lesson + (shown ? "" : Text.format(" NOT SHOWN: expected %s.", expected)), both,
                null, null, null, null, facts.savepoint().path(), null, null, null,
                facts.held().describe() + (facts.held().isRead() ? "  (" + facts.held().how() + ")" : ""), jobs);
    }
}
