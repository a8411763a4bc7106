package com.example.checkpointdemo.verify;

import com.example.checkpointdemo.plumbing.Text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The runs of a verification drawn on one time axis, one lane each (a self-contained HTML page
 * with inline SVG, no script): each checkpoint as it completed or failed, the fault, each failure
 * and restore Flink reported, the job's end, and under each faulty run what its sinks committed
 * against the fault-free run's. In the reader's language ({@link Text}), the outcome names and the
 * {@code data-*} attributes as they are.
 */
public final class VerifyTimeline {

    private static final int WIDTH = 960;
    private static final int LEFT = 130;
    private static final int LANE = 46;

    private VerifyTimeline() {}

    /** Writes the page of {@code report} to {@code file}. */
    public static void write(VerifyReport report, Path file) throws IOException {
        final long longest = report.runs().stream().mapToLong(VerifyReport.Run::durationMs).max().orElse(1);
        final double scale = (WIDTH - LEFT - 20) / (double) Math.max(1, longest);
        final StringBuilder svg = new StringBuilder();
        final int height = 30 + LANE * report.runs().size();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\""
                + " aria-label=\"%s\">%n", WIDTH, height, escape(Text.of("each run on one time axis"))));
        for (long second = 0; second <= longest / 1000; second++) {
            final double x = LEFT + second * 1000 * scale;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"14\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>"
                    + "<text x=\"%.1f\" y=\"11\" font-size=\"9\" text-anchor=\"middle\" fill=\"#888\">%ds</text>%n", x, x, height, x, second));
        }
        for (int i = 0; i < report.runs().size(); i++) {
            lane(svg, report.runs().get(i), 30 + i * LANE, scale);
        }
        svg.append("</svg>\n");

        final StringBuilder details = new StringBuilder("<ul>\n");
        for (VerifyReport.Run run : report.runs()) {
            // A run that is not a reference is one with a fault.
            final String what = run.reference() ? Text.format("fault-free; job %s", run.status())
                    : run.faultDone() == null ? Text.format("%s; %s; job %s", run.fault(), run.recovery(),
                            run.status())
                    : Text.format("%s; %s; %s; job %s", run.fault(), run.faultDone(),
                            run.recovery(), run.status());
            details.append("<li data-run=\"").append(escape(run.label())).append("\" data-exercised=\"").append(run.exercised())
                    .append("\" data-anomalies=\"").append(run.anomalies().size()).append("\"><b>").append(escape(run.label()))
                    .append("</b>: ").append(escape(what));
            run.rows().forEach((sink, rows) -> details.append(escape(String.format(Locale.ROOT, Text.of("; %s %d rows"), sink, rows))));
            for (String fact : run.found()) {
                details.append("<br><span class=\"found\">").append(escape(fact)).append("</span>");
            }
            for (String fact : run.logged()) {
                details.append("<br><span class=\"logged\">").append(escape(fact)).append(" [log]</span>");
            }
            for (String anomaly : run.anomalies()) {
                details.append("<br><span class=\"anomaly\">").append(escape(anomaly)).append("</span>");
            }
            details.append("</li>\n");
        }
        details.append("</ul>\n");

        final String page = "<!DOCTYPE html>\n<html lang=\"" + (Text.language() == Text.Language.ZH ? "zh" : "en")
                + "\"><head><meta charset=\"utf-8\"><title>verify "
                + escape(report.script()) + "</title>\n<style>body{font-family:sans-serif;margin:24px;color:#222}"
                + " .verdict{font-weight:bold} .VERIFIED{color:#1a7f37} .ANOMALIES_FOUND,.CANNOT_VERIFY{color:#c62828}"
                + " .anomaly{color:#c62828} .found{color:#555} .logged{color:#8d4e00} li{margin:6px 0} .legend span{margin-right:14px}</style></head><body>\n"
                + "<h1>" + escape(Text.format("Verification of %s", report.script())) + "</h1>\n"
                + "<p class=\"verdict " + report.outcome().name() + "\" data-outcome=\"" + report.outcome().name() + "\">"
                + report.outcome().label() + ": " + escape(report.verdict()) + "</p>\n"
                + "<p class=\"legend\"><span style=\"color:#1a7f37\">| " + escape(Text.of("checkpoint completed"))
                + "</span><span style=\"color:#c62828\">| " + escape(Text.of("checkpoint failed"))
                + "</span><span style=\"color:#c62828\">▼ " + escape(Text.of("fault"))
                + "</span><span style=\"color:#e65100\">✕ " + escape(Text.of("failure"))
                + "</span><span style=\"color:#1565c0\">● " + escape(Text.of("restore")) + "</span><span>■ " + escape(Text.of("end"))
                + "</span></p>\n"
                + svg + details
                + "<p>" + escape(Text.of("Replay:")) + " <code>" + escape(report.command()) + "</code></p>\n</body></html>\n";
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, page, StandardCharsets.UTF_8);
    }

    private static void lane(StringBuilder svg, VerifyReport.Run run, int y, double scale) {
        final double end = LEFT + run.durationMs() * scale;
        svg.append(String.format(Locale.ROOT, "<g data-run=\"%s\"><text x=\"4\" y=\"%d\" font-size=\"12\">%s</text>"
                + "<line x1=\"%d\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#999\"/>"
                + "<rect x=\"%.1f\" y=\"%d\" width=\"6\" height=\"12\" fill=\"#444\"><title>%s</title></rect>%n",
                escape(run.label()), y + 4, escape(run.label()), LEFT, y, end, y, end - 3, y - 6,
                escape(String.format(Locale.ROOT, Text.of("job %s after %.1f s"), run.status(), run.durationMs() / 1000.0))));
        for (VerifyReport.Tick checkpoint : run.checkpoints()) {
            final boolean completed = "COMPLETED".equals(checkpoint.what());
            final double x = LEFT + checkpoint.atMs() * scale;
            final String title = completed
                    ? String.format(Locale.ROOT, Text.of("checkpoint %d completed at +%.1f s"), checkpoint.id(), checkpoint.atMs() / 1000.0)
                    : "FAILED".equals(checkpoint.what())
                    ? String.format(Locale.ROOT, Text.of("checkpoint %d failed at +%.1f s"), checkpoint.id(), checkpoint.atMs() / 1000.0)
                    : String.format(Locale.ROOT, Text.of("checkpoint %d %s at +%.1f s"), checkpoint.id(),
                            checkpoint.what().toLowerCase(Locale.ROOT), checkpoint.atMs() / 1000.0);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\">"
                    + "<title>%s</title></line>%n", x, y - 8, x, y + 8, completed ? "#1a7f37" : "#c62828", escape(title)));
        }
        if (run.faultAtMs() != null) {
            final double x = LEFT + run.faultAtMs() * scale;
            svg.append(String.format(Locale.ROOT, "<path d=\"M%.1f %d l-6 -10 h12 z\" fill=\"#c62828\"><title>%s: %s</title></path>%n",
                    x, y - 9, escape(run.fault()), escape(run.faultDone() == null ? "" : run.faultDone())));
        }
        for (VerifyReport.Tick failure : run.failures()) {
            final double x = LEFT + failure.atMs() * scale;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"13\" text-anchor=\"middle\" fill=\"#e65100\">✕"
                    + "<title>%s</title></text>%n", x, y + 18,
                    escape(String.format(Locale.ROOT, Text.of("failure at +%.1f s: %s"), failure.atMs() / 1000.0, failure.what()))));
        }
        for (VerifyReport.Tick restore : run.restores()) {
            final double x = LEFT + restore.atMs() * scale;
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%d\" r=\"5\" fill=\"#1565c0\"><title>%s</title></circle>%n",
                    x, y, escape(String.format(Locale.ROOT, Text.of("restored %s at +%.1f s"), restore.what(), restore.atMs() / 1000.0))));
        }
        svg.append("</g>\n");
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
