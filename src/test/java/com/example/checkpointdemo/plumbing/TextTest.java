package com.example.checkpointdemo.plumbing;

import com.example.checkpointdemo.functions.FaultPlan;
import com.example.checkpointdemo.report.Outcome;
import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.testing.Jobs;
import com.example.checkpointdemo.testing.Reports;
import com.example.checkpointdemo.testing.Rows;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Chinese console: every sentence the code hands to {@link Text} has a Chinese template taking
 * the same arguments, and a report read in Chinese keeps its outcome names and its facts.
 */
class TextTest {

    /** A template handed to Text, or to the verdict's {@code of(Outcome.X, ...)}, which hands it on. */
    private static final Pattern TRANSLATED = Pattern.compile("Text\\.(?:format|of)\\(|\\bof\\(Outcome\\.\\w+,\\s*");
    /** Literals joined with {@code +}. */
    private static final String LITERALS = "(?:\"(?:[^\"\\\\]|\\\\.)*\"\\s*\\+?\\s*)+";
    /** {@code condition ? literals : literals}. */
    private static final Pattern CHOICE = Pattern.compile("(?s)^[^\"]*\\?\\s*(" + LITERALS + "):\\s*(" + LITERALS + ")$");
    /** A format specifier: its explicit argument index (if any) and its conversion. */
    private static final Pattern SPECIFIER = Pattern.compile("%(?:(\\d+)\\$)?[-#+ 0,(]*\\d*(?:\\.\\d+)?([a-zA-Z%])");

    @AfterEach
    void backToTheTestsLanguage() {
        System.setProperty("demo.lang", "en");
    }

    @Test
    void everySentenceTheCodeTranslatesHasAChineseTemplate() throws IOException {
        final List<String> missing = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                for (String template : templatesIn(Files.readString(source))) {
                    if (!Text.chinese().containsKey(template)) {
                        missing.add(source.getFileName() + ": " + template);
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void eachChineseTemplateTakesOnlyTheArgumentsOfItsEnglishOne() {
        final List<String> wrong = new ArrayList<>();
        Text.chinese().forEach((english, chinese) -> {
            final Map<Integer, Character> expected = arguments(english);
            final Map<Integer, Character> used = arguments(chinese);
            // The Chinese may leave out an argument (the English plural's "s"), never use another.
            if (!expected.entrySet().containsAll(used.entrySet()) || used.isEmpty() != expected.isEmpty()) {
                wrong.add(english + " -> " + chinese);
            }
        });
        assertThat(wrong).isEmpty();
        assertThat(Text.chinese()).hasSizeGreaterThan(90);
    }

    @Test
    void aProvenRunReadsInChineseWithItsOutcomeNameAndFactsKept() {
        final String english = provenReport().toText();

        System.setProperty("demo.lang", "zh");
        final RecoveryReport report = provenReport(); // the verdict's sentence is written as the report is made
        final String chinese = report.toText();

        assertThat(report.outcome()).isEqualTo(Outcome.PROVEN);
        assertThat(english).contains("  final sum            210 (expected 210)").contains("after 1 restart ");
        assertThat(chinese)
                .contains("Checkpoint 恢复报告（ptf，s.sql）")
                .contains("  最终累加和           210（应为 210）")
                .contains("20 行，重复 0 行，精确")
                .contains("RECOVERY PROVEN: 状态从 checkpoint 2 恢复，它的文件中是 all → 6；重启后的作业从 running_sum 6 继续");
        // Labels of two columns per Chinese character still leave the values in one column.
        final int valueColumn = "  final sum            ".length();
        final String finalSum = chinese.lines().filter(line -> line.startsWith("  最终累加和")).findFirst().orElseThrow();
        assertThat(displayWidth(finalSum.substring(0, finalSum.indexOf("210")))).isEqualTo(valueColumn);
    }

    @Test
    void theLanguageComesFromTheOptionBeforeTheLocale() {
        System.setProperty("demo.lang", "zh");
        assertThat(Text.language()).isEqualTo(Text.Language.ZH);
        assertThat(Text.format("checkpoint %d completed", 3)).isEqualTo("checkpoint 3 完成");
        assertThat(Text.of("a sentence with no Chinese template")).isEqualTo("a sentence with no Chinese template");
        System.setProperty("demo.lang", "en");
        assertThat(Text.format("checkpoint %d completed", 3)).isEqualTo("checkpoint 3 completed");
    }

    private static RecoveryReport provenReport() {
        final List<Long> input = LongStream.rangeClosed(1, 20).boxed().toList();
        return Reports.report(Jobs.finished().injected(1).restored(2).build(), Rows.restarted(input, 3, 1), input,
                FaultPlan.failOnce(8), Reports.held(2, 6), null);
    }

    /**
     * The string literals that are a translated call's first argument: one literal, literals joined
     * with {@code +}, or each branch of {@code condition ? "a" : "b"}. A non-literal (a variable) is
     * passed over: its sentences are checked where they are written.
     */
    static List<String> templatesIn(String source) {
        final List<String> templates = new ArrayList<>();
        final Matcher call = TRANSLATED.matcher(source);
        while (call.find()) {
            final String argument = firstArgument(source, call.end());
            for (String branch : branches(argument)) {
                final String trimmed = branch.strip();
                if (trimmed.matches("(?s)" + LITERALS)) {
                    final StringBuilder joined = new StringBuilder();
                    final Matcher literal = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(trimmed);
                    while (literal.find()) {
                        joined.append(literal.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
                    }
                    if (joined.toString().matches("(?s).*[A-Za-z]{2}.*")) {
                        templates.add(joined.toString());
                    }
                }
            }
        }
        return templates;
    }

    /** The text of the argument starting at {@code from}, up to its comma or closing bracket. */
    private static String firstArgument(String source, int from) {
        int depth = 0;
        boolean inString = false;
        for (int i = from; i < source.length(); i++) {
            final char c = source.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' || c == ',') {
                if (depth == 0) {
                    return source.substring(from, i);
                }
                if (c == ')') {
                    depth--;
                }
            }
        }
        return source.substring(from);
    }

    /** {@code a ? "x" : "y"} as its two branches; anything else as itself. */
    private static List<String> branches(String argument) {
        final Matcher choice = CHOICE.matcher(argument.strip());
        return choice.matches() ? List.of(choice.group(1), choice.group(2)) : List.of(argument);
    }

    /** Argument index → conversion of each specifier ({@code %%} and {@code %n} take none). */
    private static Map<Integer, Character> arguments(String template) {
        final Map<Integer, Character> arguments = new TreeMap<>();
        final Matcher specifier = SPECIFIER.matcher(template);
        int next = 1;
        while (specifier.find()) {
            final char conversion = specifier.group(2).charAt(0);
            if (conversion == '%' || conversion == 'n') {
                continue;
            }
            final int index = specifier.group(1) != null ? Integer.parseInt(specifier.group(1)) : next++;
            arguments.put(index, conversion);
        }
        return arguments;
    }

    private static int displayWidth(String text) {
        return text.codePoints().map(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN ? 2 : 1).sum();
    }
}
