package com.example.checkpointdemo.timeline;

import com.example.checkpointdemo.plumbing.Text;
import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.report.RestoredState;
import com.example.checkpointdemo.report.RunEvidence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws a {@link Timeline} as an SVG picture, and as a self-contained HTML page around it (no
 * script, no font or style from the network). Every mark carries {@code data-*} attributes, so
 * that tools and tests can read the picture: {@code data-kind} is {@code row}, {@code checkpoint},
 * {@code failure} or {@code restore}. Its words are in the reader's language ({@link Text}); the
 * {@code data-*} attributes, the sources' names in brackets and the job's status as they are.
 */
public final class TimelineSvg {

    private static final int WIDTH = 1280;
    private static final int LEFT = 170;
    private static final int RIGHT = 70;
    private static final int JOB_HEADER = 30;
    private static final int CHECKPOINT_LANE = 50;
    private static final int ATTEMPT_LANE = 70;
    private static final int GAP = 26;
    private static final int ROW_RADIUS = 10;
    /** Characters of the verdict per line: its bold 13 px text fills the width of the lanes. */
    private static final int VERDICT_WIDTH = 128;
    private static final String[] KEY_COLORS = {"#2b6cb0", "#2f855a", "#805ad5", "#b7791f", "#c53030", "#319795"};

    private final Timeline timeline;
    private final StringBuilder svg = new StringBuilder();
    private final Map<String, String> keyColors = new java.util.LinkedHashMap<>();
    /** Where each job's checkpoint lane and attempt lanes are (y of their top). */
    private final Map<String, Integer> checkpointLaneY = new HashMap<>();
    private final Map<String, Integer> laneY = new HashMap<>();
    /** Where each row was drawn: rows that came close together are spread from their time's place. */
    private final Map<Timeline.Row, Double> rowX = new HashMap<>();

    private TimelineSvg(Timeline timeline) {
        this.timeline = timeline;
        final List<String> keys = new ArrayList<>();
        timeline.jobs().forEach(job -> job.rows().forEach(row -> {
            if (!keys.contains(row.key())) {
                keys.add(row.key());
            }
        }));
        for (int i = 0; i < keys.size(); i++) {
            keyColors.put(keys.get(i), KEY_COLORS[i % KEY_COLORS.length]);
        }
    }

    /** The picture as an SVG element. */
    public static String svg(Timeline timeline) {
        return new TimelineSvg(timeline).draw();
    }

    /** Draws the timeline of {@code runs}, judged by {@code report}, as an HTML page to {@code file}. */
    public static void write(String title, List<RunEvidence> runs, RecoveryReport report, Path file) {
        try {
            writeHtml(Timeline.of(title, runs, report.verdictLine(), report.ok()), file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the timeline " + file, e);
        }
    }

    /** Writes the picture as a self-contained HTML page to {@code file}. */
    public static void writeHtml(Timeline timeline, Path file) throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        final String html = "<!DOCTYPE html>\n<html lang=\"" + (Text.language() == Text.Language.ZH ? "zh" : "en")
                + "\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<title>" + escape(timeline.title()) + "</title>\n"
                + "<style>body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px;color:#1a202c;}"
                + "svg{max-width:100%;height:auto;}p{max-width:1280px;line-height:1.5;}</style>\n"
                + "</head>\n<body>\n" + svg(timeline) + "\n"
                + "<p>" + Text.of("Each circle is a row the function processed, on the lane of the attempt that processed it,"
                + " at the time it processed it (rows that came close together are spread a little): the value"
                + " <code>v</code> inside, the running sum after it below. Filled rows were committed by the"
                + " exactly-once file sink; hollow ones were printed, then thrown away by the restore and processed"
                + " again. Bars on the checkpoint lane run from a checkpoint's trigger to its completion, as Flink's"
                + " REST API reports them. The green band marks the rows the restored checkpoint holds: its own files,"
                + " read back, hold the running sum the band's last row reached. Hover a mark for its details and"
                + " where each comes from: REST, the checkpoint's files, the committed files, or the function's own"
                + " output.") + "</p>\n</body>\n</html>\n";
        Files.writeString(file, html, StandardCharsets.UTF_8);
    }

    private String draw() {
        int y = 78 + 17 * (wrap(timeline.verdict(), VERDICT_WIDTH).size() - 1);
        for (Timeline.Job job : timeline.jobs()) {
            y = layout(job, y);
        }
        final int axisY = y + 6;
        final int height = axisY + 134;
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\""
                        + " font-family=\"system-ui,-apple-system,'Segoe UI',sans-serif\" font-size=\"12\" role=\"img\">\n",
                WIDTH, height, WIDTH, height));
        svg.append("<title>").append(escape(timeline.title())).append("</title>\n");
        defs();
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        text(LEFT, 26, "start", "font-size=\"17\" font-weight=\"600\"", timeline.title());
        final List<String> verdict = wrap(timeline.verdict(), VERDICT_WIDTH);
        for (int i = 0; i < verdict.size(); i++) {
            text(LEFT, 50 + 17 * i, "start", "font-size=\"13\" font-weight=\"600\" fill=\"" + (timeline.ok() ? "#276749" : "#c53030")
                    + "\"" + (i == 0 ? " data-kind=\"verdict\"" : ""), verdict.get(i));
        }
        grid(y0(), axisY);
        for (Timeline.Job job : timeline.jobs()) {
            drawJob(job);
        }
        for (Timeline.Job job : timeline.jobs()) {
            job.restores().forEach(restore -> drawRestore(job, restore));
        }
        axis(axisY);
        legend(axisY + 44);
        svg.append("</svg>");
        return svg.toString();
    }

    /** Places the job's lanes from {@code y}; returns the y below them. */
    private int layout(Timeline.Job job, int y) {
        checkpointLaneY.put(job.jobId(), y + JOB_HEADER);
        int laneTop = y + JOB_HEADER + CHECKPOINT_LANE;
        for (int attempt : job.attempts()) {
            laneY.put(job.jobId() + "/" + attempt, laneTop);
            laneTop += ATTEMPT_LANE;
        }
        return laneTop + GAP;
    }

    private void defs() {
        svg.append("<defs>\n")
                .append("<marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\""
                        + " orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#6b46c1\"/></marker>\n")
                .append("<pattern id=\"hatch\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\""
                        + " patternTransform=\"rotate(45)\"><rect width=\"8\" height=\"8\" fill=\"#f7fafc\"/>"
                        + "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"#a0aec0\" stroke-width=\"3\"/></pattern>\n")
                .append("</defs>\n");
    }

    private void drawJob(Timeline.Job job) {
        final int cpY = checkpointLaneY.get(job.jobId());
        final String heading = timeline.jobs().size() > 1
                ? say(Text.of("job %d: %s  %s  %s"), timeline.jobs().indexOf(job) + 1, job.label(), job.jobId(), job.status())
                : say(Text.of("job %s  %s  %s"), job.label(), job.jobId(), job.status());
        text(12, cpY - 10, "start", "font-weight=\"600\"", heading);
        // The checkpoint lane.
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#f0fff4\"/>\n",
                LEFT, cpY, WIDTH - LEFT - RIGHT, CHECKPOINT_LANE - 8));
        text(12, cpY + 26, "start", "fill=\"#4a5568\"", Text.of("checkpoints"));
        double labelsEnd = 0;
        for (Timeline.Checkpoint checkpoint : job.checkpoints()) {
            labelsEnd = drawCheckpoint(checkpoint, cpY, labelsEnd);
        }
        for (int attempt : job.attempts()) {
            final int top = laneY.get(job.jobId() + "/" + attempt);
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>\n",
                    LEFT, top, WIDTH - LEFT - RIGHT, ATTEMPT_LANE - 6, attempt % 2 == 0 ? "#f7fafc" : "#edf2f7"));
            text(12, top + 30, "start", "fill=\"#4a5568\"", say(Text.of("attempt %d"), attempt));
            text(12, top + 46, "start", "fill=\"#718096\" font-size=\"11\"", attempt == 0 ? Text.of("first run")
                    : say(Text.of("after restart %d"), attempt));
        }
        for (Timeline.Delay delay : job.delays()) {
            final int top = laneY.get(job.jobId() + "/" + attemptOfFailure(job, delay.from()));
            final double x1 = x(delay.from());
            final double x2 = x(delay.to());
            svg.append(String.format(Locale.ROOT,
                    "<rect data-kind=\"restart-delay\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"url(#hatch)\" opacity=\"0.8\">"
                            + "<title>%s</title></rect>\n",
                    x1, top + 4, Math.max(1, x2 - x1), ATTEMPT_LANE - 14, escape(say(Text.of(
                            "restart delay: %.1f s from the failure to the job running again"), (delay.to() - delay.from()) / 1000.0))));
            final String label = say(Text.of("restart delay %.1f s"), (delay.to() - delay.from()) / 1000.0);
            if (x2 - x1 > columns(label) * 6) { // a short delay keeps its figure in the tooltip only
                text((x1 + x2) / 2, top + ATTEMPT_LANE - 14, "middle", "fill=\"#4a5568\" font-size=\"11\"", label);
            }
        }
        drawRows(job);
        for (Timeline.Failure failure : job.failures()) {
            final Integer top = laneY.get(job.jobId() + "/" + failure.attempt());
            if (top == null) {
                continue;
            }
            final double fx = x(failure.at());
            svg.append(String.format(Locale.ROOT,
                    "<g data-kind=\"failure\" data-attempt=\"%d\" data-injected=\"%s\"><title>%s</title>"
                            + "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#c53030\" stroke-width=\"2.5\"/>"
                            + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#c53030\" font-size=\"16\" font-weight=\"700\">✕</text></g>\n",
                    failure.attempt(), failure.injected(), escape(say(Text.of("%s at %s [REST]"), failure.cause(), clock(failure.at()))),
                    fx, top + 2, fx, top + ATTEMPT_LANE - 8, fx, top + 14));
            final String label = failureLabel(failure);
            final boolean fitsRight = fx + 6 + columns(label) * 6.2 < WIDTH - 4;
            // At the right edge (a job's last failure) the label goes left, low, under the restore's.
            text(fitsRight ? fx + 6 : fx - 6, fitsRight ? top + 14 : top + ATTEMPT_LANE - 12, fitsRight ? "start" : "end",
                    "fill=\"#c53030\" font-size=\"11\" font-weight=\"600\"", label);
        }
        // The job's end.
        final Integer lastTop = laneY.get(job.jobId() + "/" + job.attempts().get(job.attempts().size() - 1));
        final double ex = x(job.end());
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#2d3748\" stroke-dasharray=\"2 3\"/>\n",
                ex, cpY, ex, lastTop + ATTEMPT_LANE - 6));
        text(ex - 4, lastTop + ATTEMPT_LANE + 8, "end", "font-size=\"11\" font-weight=\"600\" fill=\""
                + ("FINISHED".equals(job.status()) ? "#276749" : "#c53030") + "\"", job.status());
    }

    /** Draws the checkpoint's bar, and its label where the last one ended before it; returns where its label ends. */
    private double drawCheckpoint(Timeline.Checkpoint checkpoint, int laneTop, double labelsEnd) {
        final double x1 = x(checkpoint.triggeredAt());
        final double x2 = Math.max(x1 + 6, x(checkpoint.endedAt()));
        final String color = checkpoint.completed() ? "#38a169" : "#e53e3e";
        final String name = checkpoint.savepoint() ? "savepoint " : "checkpoint ";
        final String holds = checkpoint.held() == null
                ? checkpoint.completed() ? Text.of(" (what it holds was not read: only the restored checkpoint is)") : ""
                : say(Text.of(", holds %s (read from its files)"), RestoredState.describe(checkpoint.held()));
        final String tip = checkpoint.completed()
                ? say(Text.of("%s%d completed: triggered at %s, done at %s%s  [REST; state: checkpoint]"),
                        name, checkpoint.id(), clock(checkpoint.triggeredAt()), clock(checkpoint.endedAt()), holds)
                : say(Text.of("%s%d abandoned: %s  [REST]"), name, checkpoint.id(),
                        checkpoint.failure() == null ? Text.of("failed") : checkpoint.failure());
        svg.append(String.format(Locale.ROOT,
                "<g data-kind=\"checkpoint\" data-checkpoint-id=\"%d\" data-status=\"%s\"%s><title>%s</title>"
                        + "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"14\" rx=\"3\" fill=\"%s\"%s/></g>\n",
                checkpoint.id(), checkpoint.completed() ? "completed" : "failed",
                checkpoint.held() == null ? "" : " data-held=\"" + escape(heldAttribute(checkpoint.held())) + "\"",
                escape(tip), x1, laneTop + 20, x2 - x1, color,
                checkpoint.completed() ? "" : " fill-opacity=\"0.25\" stroke=\"#e53e3e\" stroke-dasharray=\"3 2\""));
        final String id = (checkpoint.completed() ? "" : "✕ ") + (checkpoint.savepoint() ? "savepoint " : "") + checkpoint.id();
        final String full = checkpoint.held() == null ? id : say(Text.of("%s  holds %s"), id, RestoredState.describe(checkpoint.held()));
        final double room = nextLabelRoom(x1);
        final String label = columns(full) * 6.2 < room ? full : columns(id) * 6.2 < room ? id : null;
        if (label == null || x1 < labelsEnd) {
            return labelsEnd;
        }
        text(x1, laneTop + 14, "start", "font-size=\"11\" fill=\"" + color + "\"", label);
        return x1 + columns(label) * 6.2 + 4;
    }

    /** How far the label of a checkpoint at {@code x} may run before the next checkpoint's. */
    private double nextLabelRoom(double at) {
        double room = WIDTH - RIGHT + 40 - at;
        for (Timeline.Job job : timeline.jobs()) {
            for (Timeline.Checkpoint other : job.checkpoints()) {
                final double ox = x(other.triggeredAt());
                if (ox > at + 1) {
                    room = Math.min(room, ox - at - 4);
                }
            }
        }
        return room;
    }

    private void drawRows(Timeline.Job job) {
        final List<String> keys = new ArrayList<>(keyColors.keySet());
        for (int attempt : job.attempts()) {
            final List<Timeline.Row> rows = job.rows().stream().filter(r -> r.attempt() == attempt).toList();
            final int top = laneY.get(job.jobId() + "/" + attempt);
            // Every row keeps its number: rows that came close together are spread along the lane.
            final double[] xs = RowPlacement.place(rows.stream().mapToDouble(r -> x(r.at())).toArray(),
                    2 * ROW_RADIUS + 2, LEFT + ROW_RADIUS, WIDTH - RIGHT - ROW_RADIUS);
            drawHeldBand(rows, xs, top);
            for (int i = 0; i < rows.size(); i++) {
                final Timeline.Row row = rows.get(i);
                final double cx = xs[i];
                rowX.put(row, cx);
                // Several keys run on several tasks at once: each key a little above or below.
                final int cy = top + 30 + (keys.size() > 1 ? (keys.indexOf(row.key()) * 2 - (keys.size() - 1)) * 4 : 0);
                final String color = keyColors.getOrDefault(row.key(), KEY_COLORS[0]);
                final String tip = say(Text.of("k=%s v=%d running_sum=%d, attempt %d at %s [function output]: %s%s"),
                        row.key(), row.v(), row.runningSum(), row.attempt(), clock(row.at()),
                        row.committed() ? Text.of("committed [committed files]")
                                : Text.of("printed, then thrown away by the restore (never committed)"),
                        row.heldBy() == null ? "" : say(Text.of("; in the state of checkpoint %d [checkpoint]"), row.heldBy()));
                svg.append(String.format(Locale.ROOT,
                        "<g data-kind=\"row\" data-key=\"%s\" data-attempt=\"%d\" data-v=\"%d\" data-running-sum=\"%d\" data-committed=\"%s\"%s>"
                                + "<title>%s</title><circle cx=\"%.1f\" cy=\"%d\" r=\"%d\" fill=\"%s\" stroke=\"%s\" stroke-width=\"%s\"%s/>",
                        escape(row.key()), row.attempt(), row.v(), row.runningSum(), row.committed(),
                        row.heldBy() == null ? "" : " data-held-by=\"" + row.heldBy() + "\"", escape(tip),
                        cx, cy, ROW_RADIUS, row.committed() ? color : "#ffffff", row.committed() ? color : "#dd6b20",
                        row.committed() ? "1" : "2", row.committed() ? "" : " stroke-dasharray=\"3 2\""));
                svg.append(String.format(Locale.ROOT,
                        "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" font-size=\"%d\" font-weight=\"600\" fill=\"%s\">%d</text>"
                                + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" font-size=\"10\" fill=\"#4a5568\">%d</text>",
                        cx, cy + 4, String.valueOf(row.v()).length() > 2 ? 8 : 10, row.committed() ? "#ffffff" : "#c05621", row.v(),
                        cx, cy + 24, row.runningSum()));
                svg.append("</g>\n");
            }
        }
    }

    /** A band behind the rows of a lane that a restored checkpoint's state stands for, named after it. */
    private void drawHeldBand(List<Timeline.Row> rows, double[] xs, int top) {
        int first = -1;
        int last = -1;
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).heldBy() != null) {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        if (first < 0) {
            return;
        }
        final double x1 = xs[first] - ROW_RADIUS - 4;
        final double x2 = xs[last] + ROW_RADIUS + 4;
        svg.append(String.format(Locale.ROOT,
                "<g data-kind=\"held\" data-checkpoint-id=\"%d\"><title>%s</title><rect x=\"%.1f\" y=\"%d\" width=\"%.1f\""
                        + " height=\"%d\" rx=\"6\" fill=\"#c6f6d5\" stroke=\"#38a169\" stroke-width=\"1\"/></g>\n",
                rows.get(last).heldBy(), escape(say(Text.of("The rows checkpoint %d holds: its files hold the running sum these rows"
                        + " reached [checkpoint]"), rows.get(last).heldBy())), x1, top + 6, x2 - x1, ATTEMPT_LANE - 18));
        text((x1 + x2) / 2, top + ATTEMPT_LANE - 4, "middle", "fill=\"#276749\" font-size=\"10\"",
                say(Text.of("in checkpoint %d"), rows.get(last).heldBy()));
    }

    private void drawRestore(Timeline.Job job, Timeline.Restore restore) {
        final Integer fromTop = checkpointLaneY.get(restore.fromJob());
        final Timeline.Job from = timeline.jobs().stream().filter(j -> j.jobId().equals(restore.fromJob())).findFirst().orElse(job);
        final Timeline.Checkpoint checkpoint = from.checkpoints().stream()
                .filter(c -> c.id() == restore.checkpointId() && c.savepoint() == restore.savepoint())
                .findFirst()
                .orElse(null);
        final Integer toTop = laneY.get(job.jobId() + "/" + restore.attempt());
        if (fromTop == null || toTop == null) {
            return;
        }
        final double x1 = checkpoint == null ? x(restore.at()) : Math.max(x(checkpoint.triggeredAt()) + 6, x(checkpoint.endedAt()));
        final int y1 = fromTop + 34;
        final double x2 = restore.firstRow() == null ? x(restore.at()) : rowX.getOrDefault(restore.firstRow(), x(restore.firstRow().at()));
        final int y2 = toTop + 18;
        final String label = restore.heldSum() == null ? say(Text.of("restore %s (its state was not read)"), restore.what())
                : say(Text.of("restore %s: its files hold running_sum %d"), restore.what(), restore.heldSum());
        svg.append(String.format(Locale.ROOT,
                "<g data-kind=\"restore\" data-checkpoint-id=\"%d\" data-attempt=\"%d\"%s><title>%s</title>"
                        + "<path d=\"M%.1f,%d C%.1f,%d %.1f,%d %.1f,%d\" fill=\"none\" stroke=\"#6b46c1\" stroke-width=\"2\" marker-end=\"url(#arrow)\"/>",
                restore.checkpointId(), restore.attempt(),
                restore.heldSum() == null ? "" : " data-held-sum=\"" + restore.heldSum() + "\"",
                escape(say(Text.of("%s (restored at %s) [REST; state: checkpoint]"), label, clock(restore.at()))),
                x1, y1, x1, (y1 + y2) / 2, x2 - 12, (y1 + y2) / 2, x2 - 8, y2 - 2));
        // The label left of the arrow's head, on the lane of the attempt it starts, which is empty
        // before the attempt's first row; right of it where there is no room on the left.
        final boolean fitsLeft = x2 - 14 - columns(label) * 6.6 > LEFT;
        svg.append(String.format(Locale.ROOT,
                "<text x=\"%.1f\" y=\"%d\" text-anchor=\"%s\" fill=\"#553c9a\" font-size=\"12\" font-weight=\"600\">%s</text></g>\n",
                fitsLeft ? x2 - 14 : x2 + 12, y2 - 4, fitsLeft ? "end" : "start", escape(label)));
    }

    private void grid(int top, int bottom) {
        for (long at = firstWholeSecond(); at <= timeline.end(); at += 1000) {
            final double gx = x(at);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e2e8f0\"/>\n",
                    gx, top, gx, bottom));
        }
    }

    /** Ticks at whole seconds since the (first) job started; the axis itself starts near the first event. */
    private void axis(int y) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#2d3748\"/>\n",
                LEFT, y, WIDTH - RIGHT, y));
        final long span = timeline.end() - timeline.origin();
        final long step = span > 30_000 ? 5000 : span > 14_000 ? 2000 : 1000;
        for (long at = firstWholeSecond(); at <= timeline.end(); at += 1000) {
            if ((at - jobStart()) % step != 0) {
                continue;
            }
            final double tx = x(at);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#2d3748\"/>\n", tx, y, tx, y + 5));
            text(tx, y + 18, "middle", "fill=\"#4a5568\" font-size=\"11\"", (at - jobStart()) / 1000 + " s");
        }
        text(12, y + 18, "start", "fill=\"#4a5568\" font-size=\"11\"", Text.of("time since job start"));
    }

    /** When the (first) job started: the axis counts from there. */
    private long jobStart() {
        return timeline.jobs().stream().mapToLong(Timeline.Job::start).min().orElse(timeline.origin());
    }

    /** The first whole second since the job's start that is on the axis. */
    private long firstWholeSecond() {
        final long since = timeline.origin() - jobStart();
        return jobStart() + Math.max(0, (since + 999) / 1000 * 1000);
    }

    private void legend(int y) {
        int lx = LEFT;
        svg.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"7\" fill=\"%s\"/>", lx, y, KEY_COLORS[0]));
        lx = legendText(lx + 12, y, Text.of("row committed"));
        svg.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"7\" fill=\"#ffffff\" stroke=\"#dd6b20\" stroke-width=\"2\" stroke-dasharray=\"3 2\"/>", lx, y));
        lx = legendText(lx + 12, y, Text.of("row thrown away by the restore"));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"18\" height=\"12\" rx=\"3\" fill=\"#c6f6d5\" stroke=\"#38a169\"/>", lx - 9, y - 6));
        legendText(lx + 12, y, Text.of("rows the restored checkpoint holds"));
        lx = LEFT;
        y += 24;
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"10\" rx=\"2\" fill=\"#38a169\"/>", lx - 7, y - 5));
        lx = legendText(lx + 12, y, Text.of("checkpoint completed"));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"10\" rx=\"2\" fill=\"#e53e3e\" fill-opacity=\"0.25\" stroke=\"#e53e3e\" stroke-dasharray=\"3 2\"/>", lx - 7, y - 5));
        lx = legendText(lx + 12, y, Text.of("checkpoint abandoned"));
        text(lx, y + 5, "middle", "fill=\"#c53030\" font-size=\"15\" font-weight=\"700\"", "✕");
        lx = legendText(lx + 12, y, Text.of("failure"));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"18\" height=\"12\" fill=\"url(#hatch)\"/>", lx - 7, y - 6));
        lx = legendText(lx + 16, y, Text.of("restart delay"));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#6b46c1\" stroke-width=\"2\" marker-end=\"url(#arrow)\"/>", lx - 8, y, lx + 14, y));
        legendText(lx + 22, y, Text.of("restore"));
        if (keyColors.size() > 1) {
            int kx = LEFT;
            text(kx, y + 30, "start", "fill=\"#4a5568\"", Text.of("keys:"));
            kx += 40;
            for (Map.Entry<String, String> key : keyColors.entrySet()) {
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"7\" fill=\"%s\"/>", kx, y + 26, key.getValue()));
                kx = legendText(kx + 12, y + 26, "k = " + key.getKey());
            }
        }
    }

    private int legendText(int x, int y, String label) {
        text(x, y + 4, "start", "fill=\"#2d3748\"", label);
        return x + columns(label) * 7 + 28;
    }

    private int attemptOfFailure(Timeline.Job job, long at) {
        return job.failures().stream().filter(f -> f.at() == at).mapToInt(Timeline.Failure::attempt).findFirst().orElse(0);
    }

    private static String failureLabel(Timeline.Failure failure) {
        final java.util.regex.Matcher value = java.util.regex.Pattern.compile("at v=(-?\\d+)").matcher(failure.cause());
        if (failure.injected() && value.find()) {
            return say(Text.of("failure at v=%s"), value.group(1));
        }
        final String cause = failure.cause();
        return cause.length() > 48 ? cause.substring(0, 47) + "…" : cause;
    }

    /** Where the lanes begin: below the title and the verdict. */
    private int y0() {
        return 66 + 17 * (wrap(timeline.verdict(), VERDICT_WIDTH).size() - 1);
    }

    /**
     * {@code text} in lines of at most {@code width} characters, broken between words; Chinese text
     * ({@link #columns}: two for each of its characters) also between two of its characters, but
     * not before a closing mark nor after an opening one.
     */
    static List<String> wrap(String text, int width) {
        if (text.codePoints().anyMatch(TimelineSvg::wide)) {
            return wrapWide(text, width);
        }
        final List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line = new StringBuilder();
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    /** Marks a line does not begin with: they stay with what comes before them. */
    private static final String CLOSING = "，。、：；！？）」』】》”’,.:;!?)]}";
    /** Marks a line does not end with: they stay with what comes after them. */
    private static final String OPENING = "（「『【《“‘([{";

    /** {@code text}, holding Chinese, in lines of at most {@code width} columns ({@link #columns}). */
    private static List<String> wrapWide(String text, int width) {
        final List<String> lines = new ArrayList<>();
        final int[] chars = text.codePoints().toArray();
        int start = 0;
        int used = 0;
        int lastBreak = -1;
        for (int i = 0; i < chars.length; i++) {
            // A line may end before a space, or between two characters where one of them is Chinese.
            if (i > start && (chars[i] == ' ' || wide(chars[i - 1]) || wide(chars[i]))
                    && CLOSING.indexOf(chars[i]) < 0 && OPENING.indexOf(chars[i - 1]) < 0) {
                lastBreak = i;
            }
            used += wide(chars[i]) ? 2 : 1;
            if (used > width && lastBreak > start) {
                lines.add(new String(chars, start, lastBreak - start).strip());
                start = chars[lastBreak] == ' ' ? lastBreak + 1 : lastBreak;
                used = columns(new String(chars, start, i + 1 - start));
                lastBreak = -1;
            }
        }
        lines.add(new String(chars, start, chars.length - start).strip());
        return lines;
    }

    /** Whether the character takes two columns: a Chinese character or a full-width mark. */
    private static boolean wide(int c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFF60);
    }

    /** How wide {@code text} is, in columns of a Latin character: two for a Chinese character or mark, one for any other. */
    static int columns(String text) {
        return text.codePoints().map(c -> wide(c) ? 2 : 1).sum();
    }

    /** {@code template} (in the reader's language already) formatted with {@code args}, numbers as the picture writes them everywhere. */
    private static String say(String template, Object... args) {
        return String.format(Locale.ROOT, template, args);
    }

    private double x(long at) {
        final double span = Math.max(1, timeline.end() - timeline.origin());
        return LEFT + (at - timeline.origin()) * (WIDTH - LEFT - RIGHT) / span;
    }

    /** {@code +4.25 s}: a time as seconds since the (first) job started. */
    private String clock(long at) {
        return say(Text.of("+%.2f s"), (at - jobStart()) / 1000.0);
    }

    /** {@code all=6;b=3}: held sums as a data attribute. */
    static String heldAttribute(Map<String, Long> held) {
        return held.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(java.util.stream.Collectors.joining(";"));
    }

    private void text(double x, double y, String anchor, String attributes, String content) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" %s>%s</text>\n",
                x, y, anchor, attributes, escape(content)));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
