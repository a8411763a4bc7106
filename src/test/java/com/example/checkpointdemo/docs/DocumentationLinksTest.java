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
 * file, every #anchor to a heading (as GitHub makes anchors of headings), and the landing page
 * keeps its shape: short, the two set-up commands first, each README linking the other.
 */
class DocumentationLinksTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern FENCE = Pattern.compile("(?ms)^```.*?^```");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`\\n]*`");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*$");

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
                final Matcher heading = HEADING.matcher(FENCE.matcher(Files.readString(p)).replaceAll(""));
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
