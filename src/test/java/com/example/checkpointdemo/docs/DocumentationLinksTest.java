package com.example.checkpointdemo.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The READMEs and docs/ as a reader follows them: every relative link and image resolves to a
 * file, every #anchor to a heading (as GitHub makes anchors of headings) or an {@code <a id>}, the
 * landing page keeps its shape (short, the two set-up commands first, each README linking the
 * other), every English page has a Chinese page with the same sections, and every test
 * docs/flink-behaviour.md names for a behaviour exists.
 */
class DocumentationLinksTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern FENCE = Pattern.compile("(?ms)^```.*?^```");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`\\n]*`");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*$");
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a id=\"([^\"]+)\"></a>");
    private static final Pattern SECTION = Pattern.compile("(?m)^(#{2,3}) ");
    /** {@code Class.method} in backticks, as flink-behaviour.md names the test that pins a behaviour. */
    private static final Pattern NAMED_TEST = Pattern.compile("`([A-Z]\\w*(?:Test|ITCase))\\.(\\w+)`");

    @Test
    void everyRelativeLinkAndAnchorResolves() throws IOException {
        final List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            final Matcher link = LINK.matcher(prose(Files.readString(page)));
            while (link.find()) {
                final String target = link.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue; // http:, https:, mailto: are not ours to check
                }
                final int hash = target.indexOf('#');
                final String file = hash < 0 ? target : target.substring(0, hash);
                final Path resolved = file.isEmpty() ? page : page.toAbsolutePath().getParent().resolve(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(page + ": " + target + " (no such file)");
                } else if (hash >= 0 && resolved.toString().endsWith(".md")
                        && !anchors(resolved).contains(target.substring(hash + 1))) {
                    broken.add(page + ": " + target + " (no such heading in " + resolved + ")");
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void theLandingPagesAreShortStartWithTheTwoCommandsAndLinkEachOther() throws IOException {
        final String english = Files.readString(Path.of("README.md"));
        final String chinese = Files.readString(Path.of("README.zh-CN.md"));
        assertThat(english.length()).isLessThanOrEqualTo(15_000);
        for (String readme : List.of(english, chinese)) {
            final Matcher firstBlock = FENCE.matcher(readme);
            assertThat(firstBlock.find()).isTrue();
            assertThat(firstBlock.group().lines().filter(line -> !line.startsWith("```")).map(line -> line.split("#")[0].trim()))
                    .containsExactly("bin/demo", "mvn verify");
        }
        assertThat(english.lines().limit(5)).anyMatch(line -> line.contains("(README.zh-CN.md)"));
        assertThat(chinese.lines().limit(5)).anyMatch(line -> line.contains("(README.md)"));
    }

    @Test
    void everyEnglishPageHasAChinesePageWithTheSameSections() throws IOException {
        final List<String> missing = new ArrayList<>();
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            for (Path english : docs.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                final Path chinese = Path.of("docs/zh").resolve(english.getFileName());
                if (!Files.exists(chinese)) {
                    missing.add(english + ": no Chinese page " + chinese);
                } else if (!sections(english).equals(sections(chinese))) {
                    missing.add(chinese + ": sections " + sections(chinese) + ", the English page has " + sections(english));
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everyTestThatFlinkBehaviourNamesExists() throws IOException {
        final Matcher named = NAMED_TEST.matcher(Files.readString(Path.of("docs/flink-behaviour.md")));
        final List<String> gone = new ArrayList<>();
        int found = 0;
        while (named.find()) {
            found++;
            final String className = named.group(1);
            final String method = named.group(2);
            try (Stream<Path> sources = Files.walk(Path.of("src/test/java"))) {
                final List<Path> files = sources.filter(f -> f.getFileName().toString().equals(className + ".java")).toList();
                if (files.isEmpty()) {
                    gone.add(className + " (no such test class)");
                } else if (!Pattern.compile("\\bvoid " + method + "\\(").matcher(Files.readString(files.get(0))).find()) {
                    gone.add(className + "." + method + " (no such test)");
                }
            }
        }
        assertThat(found).as("tests named in docs/flink-behaviour.md").isGreaterThan(20);
        assertThat(gone).isEmpty();
    }

    /** A page's "## " and "### " headings, as counts in order ({@code [2, 3, 3, 2]}): what a translation must keep. */
    private static List<Integer> sections(Path page) throws IOException {
        final List<Integer> levels = new ArrayList<>();
        final Matcher heading = SECTION.matcher(FENCE.matcher(Files.readString(page)).replaceAll(""));
        while (heading.find()) {
            levels.add(heading.group(1).length());
        }
        return levels;
    }

    private static List<Path> pages() throws IOException {
        final List<Path> pages = new ArrayList<>(List.of(Path.of("README.md"), Path.of("README.zh-CN.md")));
        try (Stream<Path> docs = Files.walk(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** The text a reader sees as prose: code blocks and code spans hold examples, not links. */
    private static String prose(String markdown) {
        return INLINE_CODE.matcher(FENCE.matcher(markdown).replaceAll("")).replaceAll("code");
    }

    private static final Map<Path, Set<String>> ANCHORS = new HashMap<>();

    /** GitHub's anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
    private static Set<String> anchors(Path page) {
        return ANCHORS.computeIfAbsent(page, p -> {
            try {
                final Set<String> anchors = new HashSet<>();
                final String text = FENCE.matcher(Files.readString(p)).replaceAll("");
                final Matcher html = HTML_ANCHOR.matcher(text);
                while (html.find()) {
                    anchors.add(html.group(1));
                }
                final Matcher heading = HEADING.matcher(text);
                while (heading.find()) {
                    final String base = heading.group(1).toLowerCase(Locale.ROOT)
                            .replaceAll("[^\\p{L}\\p{N}\\s_-]", "").replace(' ', '-');
                    String anchor = base;
                    for (int n = 1; !anchors.add(anchor); n++) {
                        anchor = base + "-" + n;
                    }
                }
                return anchors;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
