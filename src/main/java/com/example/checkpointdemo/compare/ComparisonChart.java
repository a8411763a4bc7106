package com.example.checkpointdemo.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * The comparison drawn: for each configuration (its first round), each checkpoint's written size
 * and its duration over the run's time, one line per configuration. A self-contained SVG page (no
 * script, nothing from the network); every point carries {@code data-*} attributes (configuration,
 * checkpoint id, size, duration) so that a test reads it as a tool would.
 */
public final class ComparisonChart {

    private static final String[] COLORS = {
        "#2b6cb0", "#c05621", "#2f855a", "#6b46c1", "#b83280", "#718096", "#c53030", "#319795", "#975a16"
    };
    private static final int WIDTH = 1040;
    private static final int PANEL_HEIGHT = 250;
    private static final int LEFT = 80;
    private static final int PLOT_WIDTH = 700;
    private static final int TOP = 95;
    private static final int GAP = 70;

    private ComparisonChart() {}

    /** Draws {@code rows} into {@code file} (an HTML page holding the SVG). */
    public static void write(List<ComparisonRow> rows, Path file) throws IOException {
        final long lastAt = rows.stream().flatMap(row -> row.figures().get(0).checkpoints().stream())
                .mapToLong(CheckpointFigures.Checkpoint::atMillis).max().orElse(1);
        final StringBuilder svg = new StringBuilder();
        final int height = TOP + 2 * PANEL_HEIGHT + GAP + 40;
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\""
                + " font-family=\"system-ui,-apple-system,'Segoe UI',sans-serif\" font-size=\"12\" role=\"img\">%n", WIDTH, height, WIDTH, height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        text(svg, LEFT, 28, "start", "font-size=\"17\" font-weight=\"600\"",
                "Checkpoints of the same job under each configuration (Flink's figures, first round)");
        text(svg, LEFT, 48, "start", "fill=\"#4a5568\"", "each point a completed checkpoint, at its trigger time after the job"
                + " started; aligned, unaligned and aligned-timeout run the job made to backpressure");
        panel(svg, rows, TOP, "written per checkpoint (KB)", c -> c.checkpointedSize(), 1024.0, lastAt, "size");
        panel(svg, rows, TOP + PANEL_HEIGHT + GAP, "checkpoint duration (ms)", c -> c.durationMillis(), 1.0, lastAt, "duration");
        for (int i = 0; i < rows.size(); i++) {
            final int y = TOP + 20 + i * 22;
            final String color = COLORS[i % COLORS.length];
            svg.append(String.format(Locale.ROOT, "<g data-legend=\"%s\"><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\""
                    + " stroke-width=\"3\"/>", rows.get(i).configuration().name(), LEFT + PLOT_WIDTH + 30, y, LEFT + PLOT_WIDTH + 54, y, color));
            text(svg, LEFT + PLOT_WIDTH + 60, y + 4, "start", "", rows.get(i).configuration().name());
            svg.append("</g>\n");
        }
        svg.append("</svg>\n");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>bin/demo compare</title>"
                + "<style>body{margin:24px;}svg{max-width:100%;height:auto;}</style></head><body>\n" + svg + "</body></html>\n");
    }

    private static void panel(StringBuilder svg, List<ComparisonRow> rows, int top, String title,
            ToLongFunction<CheckpointFigures.Checkpoint> value, double unit, long lastAt, String kind) {
        final double max = roundedUp(rows.stream().flatMap(row -> row.figures().get(0).checkpoints().stream())
                .mapToLong(value).max().orElse(1) / unit);
        text(svg, LEFT, top - 8, "start", "font-weight=\"600\"", title);
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#cbd5e0\"/>%n",
                LEFT, top, PLOT_WIDTH, PANEL_HEIGHT));
        for (int tick = 0; tick <= 4; tick++) {
            final double y = top + PANEL_HEIGHT - tick * PANEL_HEIGHT / 4.0;
            text(svg, LEFT - 8, (int) y + 4, "end", "fill=\"#4a5568\"", String.format(Locale.ROOT, "%.0f", max * tick / 4));
            final double x = LEFT + tick * PLOT_WIDTH / 4.0;
            text(svg, (int) x, top + PANEL_HEIGHT + 16, "middle", "fill=\"#4a5568\"",
                    String.format(Locale.ROOT, "%.1f s", lastAt * tick / 4.0 / 1000));
        }
        for (int i = 0; i < rows.size(); i++) {
            final String color = COLORS[i % COLORS.length];
            final String name = rows.get(i).configuration().name();
            final StringBuilder points = new StringBuilder();
            final StringBuilder marks = new StringBuilder();
            for (CheckpointFigures.Checkpoint c : rows.get(i).figures().get(0).checkpoints()) {
                final double x = LEFT + (double) c.atMillis() / Math.max(1, lastAt) * PLOT_WIDTH;
                final double y = top + PANEL_HEIGHT - value.applyAsLong(c) / unit / max * PANEL_HEIGHT;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                marks.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\" data-kind=\"%s\""
                                + " data-configuration=\"%s\" data-checkpoint-id=\"%d\" data-size=\"%d\" data-duration=\"%d\""
                                + " data-type=\"%s\"><title>%s, checkpoint %d: %s written, %d ms</title></circle>%n",
                        x, y, color, kind, name, c.id(), c.checkpointedSize(), c.durationMillis(), c.type(), name, c.id(),
                        ComparisonTable.kilobytes(c.checkpointedSize()), c.durationMillis()));
            }
            svg.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\"/>%n",
                    points.toString().trim(), color));
            svg.append(marks);
        }
    }

    /** The axis' top: the next 1, 2 or 5 times a power of ten. */
    static double roundedUp(double value) {
        final double power = Math.pow(10, Math.floor(Math.log10(Math.max(value, 1))));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (value <= step * power) {
                return step * power;
            }
        }
        return 10 * power;
    }

    private static void text(StringBuilder svg, int x, int y, String anchor, String attributes, String content) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\" %s>%s</text>%n", x, y, anchor, attributes,
                content.replace("&", "&amp;").replace("<", "&lt;")));
    }
}
