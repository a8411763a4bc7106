package com.example.checkpointdemo.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The lab's page says everything in both languages: no key one of them lacks, none the page uses that neither has. */
class LabPageTest {

    @Test
    void everyStringThePageUsesIsInBothLanguages() throws IOException {
        final JsonNode strings = new ObjectMapper().readTree(resource("i18n.json"));
        final Set<String> english = keys(strings.path("en"));
        assertThat(keys(strings.path("zh"))).isEqualTo(english);

        final List<String> used = new ArrayList<>();
        used.addAll(matches(resource("index.html"), "data-i18n=\"([^\"]+)\""));
        used.addAll(matches(resource("lab.js"), "(?:said\\('[a-z]+', |(?<![\\w.])t\\(|(?<![\\w.])log\\()'([a-zA-Z.]+)'"));
        used.addAll(matches(resource("lab.js"), "'((?:log|kept|answer)\\.[a-zA-Z.]+)'"));
        assertThat(used).isNotEmpty();
        assertThat(english).containsAll(used.stream().filter(key -> !key.endsWith(".")).toList());
    }

    @Test
    void theServersLogEventsHaveTheirWords() throws IOException {
        final Set<String> english = keys(new ObjectMapper().readTree(resource("i18n.json")).path("en"));
        final String run = new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("src/main/java/com/example/checkpointdemo/lab/LabRun.java")),
                StandardCharsets.UTF_8);
        final List<String> logged = matches(run, "\"key\", \"([a-zA-Z]+)\"");
        logged.addAll(matches(run, "\"(killed(?:Task|Job)Manager)\""));
        assertThat(logged).isNotEmpty().allSatisfy(key -> assertThat(english).contains("log." + key));
    }

    private static Set<String> keys(JsonNode language) {
        final Set<String> keys = new TreeSet<>();
        language.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static List<String> matches(String text, String regex) {
        final List<String> found = new ArrayList<>();
        final Matcher matcher = Pattern.compile(regex).matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = LabPageTest.class.getResourceAsStream("/lab/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
