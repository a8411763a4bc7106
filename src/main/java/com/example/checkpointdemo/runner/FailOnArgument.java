package com.example.checkpointdemo.runner;

import javax.annotation.Nullable;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code fail_on => N} argument written in a script: read, so the report knows where the
 * failure was configured, and rewritten when {@code --fail-on} overrides it. (The SQL Client has
 * no variables, so the script keeps a literal and the runner substitutes it.)
 */
final class FailOnArgument {

    private static final Pattern ARGUMENT =
            Pattern.compile("(?i)\\bfail_on\\s*=>\\s*(NULL|[+-]?\\d+)");

    private final @Nullable Integer override;
    private boolean found;
    private @Nullable Integer value;

    /** Reads {@code fail_on}; with a non-null {@code override}, replaces its value too. */
    FailOnArgument(@Nullable Integer override) {
        this.override = override;
    }

    /** The statement with {@code fail_on} rewritten where overridden; comments are left alone. */
    String apply(String sql) {
        final StringBuilder out = new StringBuilder();
        for (String line : sql.split("\n", -1)) {
            final int comment = line.indexOf("--");
            final String code = comment < 0 ? line : line.substring(0, comment);
            final Matcher matcher = ARGUMENT.matcher(code);
            final StringBuilder rewritten = new StringBuilder();
            while (matcher.find()) {
                found = true;
                value = override != null ? override : parse(matcher.group(1));
                final String replacement =
                        override == null ? matcher.group() : "fail_on => " + override;
                matcher.appendReplacement(rewritten, Matcher.quoteReplacement(replacement));
            }
            matcher.appendTail(rewritten);
            out.append(rewritten).append(comment < 0 ? "" : line.substring(comment)).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    /** The failure point the job ran with, or null when there is none. */
    @Nullable
    Integer value() {
        return value;
    }

    /** Whether the script had a {@code fail_on} argument at all. */
    boolean found() {
        return found;
    }

    private static @Nullable Integer parse(String literal) {
        return "NULL".equalsIgnoreCase(literal) ? null : Integer.valueOf(literal);
    }
}
