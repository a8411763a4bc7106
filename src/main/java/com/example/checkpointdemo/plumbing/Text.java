package com.example.checkpointdemo.plumbing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sentences the demo prints, in the reader's language. The code writes them in English, as
 * {@link String#format} templates; {@code text/zh*.txt} give the Chinese template of each it has
 * (an {@code en:} line, then its {@code zh:} line), used when the language is Chinese: {@code
 * --lang zh} (the {@code demo.lang} property), {@code DEMO_LANG=zh}, or a Chinese locale ({@code
 * LANG=zh_CN.UTF-8}).
 * Outcome names ({@code RECOVERY PROVEN}, {@code VERIFIED}) are never translated: scripts match them.
 */
public final class Text {

    /** The languages the demo speaks. */
    public enum Language { EN, ZH }

    /** The catalogs, one per part of the demo: the run and its report, the scenarios, verify/inspect/lab. */
    private static final List<String> CATALOGS = List.of("/text/zh.txt", "/text/zh-scenarios.txt", "/text/zh-tools.txt");

    private static final Map<String, String> CHINESE = load(CATALOGS);

    private Text() {}

    /** The reader's language: {@code demo.lang} ({@code --lang}), else {@code DEMO_LANG}, else the locale of the environment. */
    public static Language language() {
        for (String asked : new String[] {System.getProperty("demo.lang"), System.getenv("DEMO_LANG")}) {
            if (asked != null && !asked.isEmpty()) {
                return asked.toLowerCase(Locale.ROOT).startsWith("zh") ? Language.ZH : Language.EN;
            }
        }
        for (String variable : new String[] {"LC_ALL", "LC_MESSAGES", "LANG"}) {
            final String locale = System.getenv(variable);
            if (locale != null && !locale.isEmpty()) {
                return locale.toLowerCase(Locale.ROOT).startsWith("zh") ? Language.ZH : Language.EN;
            }
        }
        return Language.EN;
    }

    /** {@code english}, formatted with {@code args}, in the reader's language. */
    public static String format(String english, Object... args) {
        return String.format(of(english), args);
    }

    /** {@code english} in the reader's language (itself, when there is no translation). */
    public static String of(String english) {
        return language() == Language.ZH ? CHINESE.getOrDefault(english, english) : english;
    }

    /**
     * {@code text} followed by spaces up to {@code width} columns as a terminal shows it: a Chinese
     * character takes two columns, so {@code %-20s} would leave a Chinese label's column ragged.
     */
    public static String pad(String text, int width) {
        final int shown = width(text);
        return shown >= width ? text : text + " ".repeat(width - shown);
    }

    /**
     * The columns {@code text} takes on a terminal: two for a Chinese character or a full-width
     * mark (Chinese punctuation), one for any other.
     */
    public static int width(String text) {
        return text.codePoints().map(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
                || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFF60) ? 2 : 1).sum();
    }

    /** Every English template with its Chinese one, for the tests that check them. */
    public static Map<String, String> chinese() {
        return CHINESE;
    }

    private static Map<String, String> load(List<String> resources) {
        final Map<String, String> templates = new LinkedHashMap<>();
        resources.forEach(resource -> load(resource, templates));
        return Collections.unmodifiableMap(templates);
    }

    private static void load(String resource, Map<String, String> templates) {
        try (InputStream in = Text.class.getResourceAsStream(resource)) {
            if (in == null) {
                return;
            }
            String english = null;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("en: ")) {
                    english = line.substring(4);
                } else if (line.startsWith("zh: ") && english != null) {
                    templates.put(english, line.substring(4));
                    english = null;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
