package com.example.checkpointdemo.runner;

import com.example.checkpointdemo.functions.FaultPlan;

import javax.annotation.Nullable;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The script's call of the running-sum PTF, {@code SumAndFailOnce(input => TABLE t PARTITION BY k,
 * fail_on => 8)}, read from the statements as they run: the other variants read the same input
 * table and key, every variant fails as {@code fail_on} or {@code fail_plan} say, and {@code
 * --fail-on} rewrites {@code fail_on}. (The SQL Client has no variables, so the script keeps a
 * literal and the runner substitutes it.)
 */
final class PtfCall {

    private static final Pattern FAIL_ON = Pattern.compile("(?i)\\bfail_on\\s*=>\\s*(NULL|[+-]?\\d+)");
    private static final Pattern FAIL_PLAN = Pattern.compile("(?i)\\bfail_plan\\s*=>\\s*'([^']*)'");
    private static final Pattern INPUT =
            Pattern.compile("(?i)([\\w`]+)\\s*\\(\\s*input\\s*=>\\s*TABLE\\s+([\\w.`]+)\\s+PARTITION\\s+BY\\s+([\\w`]+)");
    private static final Pattern UID = Pattern.compile("(?i)\\buid\\s*=>\\s*'([^']*)'");
    private static final Pattern CREATE_FUNCTION = Pattern.compile(
            "(?i)\\bCREATE\\s+(?:TEMPORARY\\s+)?(?:SYSTEM\\s+)?FUNCTION\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?([\\w`]+)\\s+AS\\s+'([^']+)'");

    private final @Nullable Integer failOnOverride;
    private final boolean noFailOn;
    private boolean failOnFound;
    private @Nullable String scriptFailOn;
    private @Nullable Integer failOn;
    private @Nullable String function;
    private @Nullable String uid;
    private final Map<String, String> functionClasses = new HashMap<>();
    private @Nullable String failPlan;
    private @Nullable String inputTable;
    private @Nullable String partitionKey;
    private boolean inLastStatement;

    /**
     * Reads the call; with a non-null {@code failOnOverride}, replaces the {@code fail_on} value,
     * with {@code noFailOn} by {@code NULL} (no planned failure).
     */
    PtfCall(@Nullable Integer failOnOverride, boolean noFailOn) {
        this.failOnOverride = failOnOverride;
        this.noFailOn = noFailOn;
    }

    /** The statement with {@code fail_on} rewritten where overridden; comments are left alone. */
    String apply(String sql) {
        final StringBuilder out = new StringBuilder();
        final StringBuilder code = new StringBuilder();
        for (String line : sql.split("\n", -1)) {
            final int comment = line.indexOf("--");
            final String lineCode = comment < 0 ? line : line.substring(0, comment);
            code.append(lineCode).append('\n');
            out.append(rewriteFailOn(lineCode)).append(comment < 0 ? "" : line.substring(comment)).append('\n');
        }
        final Matcher input = INPUT.matcher(code);
        inLastStatement = input.find();
        if (inLastStatement) {
            function = input.group(1).replace("`", "");
            inputTable = input.group(2);
            partitionKey = input.group(3).replace("`", "");
            final Matcher uidArgument = UID.matcher(code).region(input.end(), callEnd(code, input.end()));
            uid = uidArgument.find() ? uidArgument.group(1) : null;
        }
        final Matcher create = CREATE_FUNCTION.matcher(code);
        while (create.find()) {
            functionClasses.put(create.group(1).replace("`", "").toLowerCase(Locale.ROOT), create.group(2));
        }
        final Matcher plan = FAIL_PLAN.matcher(code);
        if (plan.find()) {
            failPlan = plan.group(1);
        }
        return out.substring(0, out.length() - 1);
    }

    /** Where the call whose arguments begin at {@code from} closes: its matching {@code )}, or the end. */
    private static int callEnd(CharSequence code, int from) {
        int depth = 1;
        boolean quoted = false;
        for (int i = from; i < code.length(); i++) {
            final char c = code.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')' && --depth == 0) {
                return i;
            }
        }
        return code.length();
    }

    private String rewriteFailOn(String code) {
        final Matcher matcher = FAIL_ON.matcher(code);
        final StringBuilder rewritten = new StringBuilder();
        while (matcher.find()) {
            failOnFound = true;
            scriptFailOn = matcher.group(1);
            failOn = noFailOn ? null : failOnOverride != null ? failOnOverride : parse(matcher.group(1));
            final String replacement = noFailOn ? "fail_on => NULL"
                    : failOnOverride == null ? matcher.group() : "fail_on => " + failOnOverride;
            matcher.appendReplacement(rewritten, Matcher.quoteReplacement(replacement));
        }
        return matcher.appendTail(rewritten).toString();
    }

    /** The failures the job runs with: {@code fail_on} once, or the {@code fail_plan}. */
    FaultPlan faultPlan() {
        return FaultPlan.of(failOn, failPlan);
    }

    /** Whether the script had a {@code fail_on} argument at all. */
    boolean failOnFound() {
        return failOnFound;
    }

    /** The {@code fail_on} value the script wrote, before {@code --fail-on}; null if none. */
    @Nullable
    String scriptFailOn() {
        return scriptFailOn;
    }

    /** The name the script calls the PTF by; null before the call was seen. */
    @Nullable
    String function() {
        return function;
    }

    /**
     * The uid of the PTF's operator, where its state is kept: the call's {@code uid => '...'}
     * argument, or else the name it is called by. Null before the call was seen.
     */
    @Nullable
    String operatorUid() {
        return uid != null ? uid : function;
    }

    /** The class the script registered the called PTF as ({@code CREATE FUNCTION ... AS}); null if it did not. */
    @Nullable
    String functionClass() {
        return function == null ? null : functionClasses.get(function.toLowerCase(Locale.ROOT));
    }

    /** Whether the statement {@link #apply} saw last holds the call. */
    boolean inLastStatement() {
        return inLastStatement;
    }

    /** The table the PTF reads ({@code input => TABLE ...}), or null before the call was seen. */
    @Nullable
    String inputTable() {
        return inputTable;
    }

    /** The {@code PARTITION BY} column, or null before the call was seen. */
    @Nullable
    String partitionKey() {
        return partitionKey;
    }

    private static @Nullable Integer parse(String literal) {
        return "NULL".equalsIgnoreCase(literal) ? null : Integer.valueOf(literal);
    }
}
