package com.example.checkpointdemo.timeline;

/**
 * Where to draw the rows of one lane so that none overlaps another: each at its time's position
 * where there is room, pushed right just enough where rows came close together, and pulled back
 * left where that would run past the lane's end. Rows keep their order; the picture's times stay
 * exact wherever rows are at least {@code gap} apart.
 */
final class RowPlacement {

    private RowPlacement() {}

    /**
     * Positions for rows wanted at {@code wanted} (ascending), at least {@code gap} apart, within
     * {@code [min, max]} where the lane holds them all (else as far apart as it can).
     */
    static double[] place(double[] wanted, double gap, double min, double max) {
        final int n = wanted.length;
        final double[] x = new double[n];
        if (n == 0) {
            return x;
        }
        final double step = n > 1 ? Math.min(gap, (max - min) / (n - 1)) : gap;
        for (int i = 0; i < n; i++) {
            x[i] = Math.max(i == 0 ? min : x[i - 1] + step, Math.min(wanted[i], max));
        }
        for (int i = n - 1; i >= 0; i--) {
            x[i] = Math.max(min + i * step, Math.min(x[i], i == n - 1 ? max : x[i + 1] - step));
        }
        return x;
    }
}
