package com.example.checkpointdemo.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The help of bin/demo, bin/cluster and bin/kafka as a terminal of 80 columns shows it: whole, and unbroken;
 * and bin/demo's in Chinese (text/help_zh.properties) when that is the reader's language.
 */
class HelpTextTest {

    private static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");

    @AfterEach
    void backToTheTestsLanguage() {
        System.setProperty("demo.lang", "en");
    }

    @Test
    void everyHelpFitsEightyColumnsAndBreaksNoWordOrPath() {
        for (CommandLine command : commands()) {
            final String help = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
            final String name = command.getCommandSpec().qualifiedName();

            assertThat(help.lines()).as(name).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(80));
            // Every word of every description is there whole: the lines are broken between words.
            final String flowing = help.replaceAll("\\s+", " ");
            for (String word : words(command.getCommandSpec())) {
                assertThat(flowing).as("%s: the word %s", name, word).contains(word);
            }
        }
    }

    @Test
    void eachCommandIsListedWithItsWholeSummary() {
        final CommandLine demo = DemoCommand.commandLine();
        final String help = demo.getUsageMessage(CommandLine.Help.Ansi.OFF).replaceAll("\\s+", " ");

        demo.getSubcommands().forEach((name, command) -> {
            final String summary = command.getCommandSpec().usageMessage().description()[0];
            assertThat(summary).as(name).endsWith(".");
            assertThat(help).as(name).contains(name + " " + summary);
        });
    }

    @Test
    void versionNamesTheProjectAndFlink() {
        final StringWriter out = new StringWriter();
        final int exitCode = DemoCommand.commandLine().setOut(new PrintWriter(out)).execute("-V");

        assertThat(exitCode).isZero();
        assertThat(out.toString()).contains("flink-sql-checkpoint-demo 1.0-SNAPSHOT", "Apache Flink 2.3.0", "Java 17");
    }

    @Test
    void inChineseEveryCommandOptionAndParameterIsDescribedInChinese() {
        System.setProperty("demo.lang", "en");
        final CommandLine english = DemoCommand.commandLine();
        System.setProperty("demo.lang", "zh");
        final CommandLine chinese = DemoCommand.commandLine();

        assertThat(english.getResourceBundle()).isNull();
        // Compared without white space: the help breaks Chinese lines between any two characters.
        assertThat(solid(chinese.getUsageMessage(CommandLine.Help.Ansi.OFF)))
                .contains("用法：", "选项：", "命令：", solid("在嵌入式 Flink MiniCluster 上运行一个 .sql 脚本"),
                        solid("verify 验证任意 Flink SQL 脚本"), solid("出错时打印堆栈信息。"));
        assertThat(solid(chinese.getSubcommands().get("verify").getUsageMessage(CommandLine.Help.Ansi.OFF)))
                .contains(solid("验证任意 Flink SQL 脚本从故障中恢复时是精确一次的。"), solid("无故障运行的次数"),
                        solid(".sql 脚本，按 SQL Client 的方式执行"));

        // Every description, of every command, option and positional parameter, has a Chinese one: a new
        // option without its key in the bundle fails here.
        final ResourceBundle bundle = chinese.getResourceBundle();
        final List<String> untranslated = new ArrayList<>();
        final Map<String, Set<String>> shared = new TreeMap<>();
        eachCommand(english, chinese, (en, zh) -> {
            final String name = zh.qualifiedName();
            if (!translated(en.usageMessage().description(), zh.usageMessage().description())) {
                untranslated.add(name);
            }
            for (ArgSpec arg : en.args()) {
                final ArgSpec itsChinese = arg instanceof OptionSpec option
                        ? zh.findOption(option.longestName())
                        : zh.positionalParameters().get(en.positionalParameters().indexOf((PositionalParamSpec) arg));
                if (!translated(arg.description(), itsChinese.description())) {
                    untranslated.add(name + " " + label(arg));
                }
                unqualifiedKey(zh, itsChinese, bundle).ifPresent(
                        key -> shared.computeIfAbsent(key, k -> new TreeSet<>()).add(String.join(" ", arg.description())));
            }
        });
        assertThat(untranslated).as("described in English only: give them a key in text/help_zh.properties").isEmpty();
        // A key without a command's name serves every command: only options that say the same may share one.
        assertThat(shared).isNotEmpty().allSatisfy((key, descriptions) -> assertThat(descriptions).as(key).hasSize(1));
    }

    @Test
    void inChineseEveryHelpFitsEightyColumnsAndBreaksNoNameOrPath() {
        System.setProperty("demo.lang", "zh");
        final List<CommandLine> all = new ArrayList<>();
        collect(DemoCommand.commandLine(), all);
        for (CommandLine command : all) {
            final String help = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
            final String name = command.getCommandSpec().qualifiedName();

            assertThat(help.lines()).as(name).allSatisfy(line -> assertThat(columns(line)).as(line).isLessThanOrEqualTo(80));
            final String flowing = help.replaceAll("\\s+", " ");
            for (String word : words(command.getCommandSpec())) {
                // What is not Chinese in a Chinese description: option names, paths, settings, SQL.
                for (String latin : word.split("\\P{ASCII}+")) {
                    if (!latin.isEmpty()) {
                        assertThat(flowing).as("%s: %s", name, latin).contains(latin);
                    }
                }
            }
        }
    }

    /** {@code action} on each command of {@code english} and the same command of {@code chinese}. */
    private static void eachCommand(CommandLine english, CommandLine chinese, BiConsumer<CommandSpec, CommandSpec> action) {
        action.accept(english.getCommandSpec(), chinese.getCommandSpec());
        english.getSubcommands().forEach((name, command) -> eachCommand(command, chinese.getSubcommands().get(name), action));
    }

    /** Whether {@code chinese} is Chinese, not the English the annotation has. */
    private static boolean translated(String[] english, String[] chinese) {
        return !Arrays.equals(english, chinese) && CHINESE.matcher(String.join("", chinese)).find();
    }

    /**
     * The unqualified key of the bundle {@code arg}'s description comes from, if it does: the keys
     * picocli tries in turn (its descriptionKey, then the option's names without dashes, or the
     * parameter's label[index]), each first qualified with the command's name.
     */
    private static Optional<String> unqualifiedKey(CommandSpec command, ArgSpec arg, ResourceBundle bundle) {
        final List<String> keys = new ArrayList<>();
        if (arg.descriptionKey() != null && !arg.descriptionKey().isEmpty()) {
            keys.add(arg.descriptionKey());
        }
        if (arg instanceof OptionSpec option) {
            Stream.of(option.names()).map(HelpTextTest::withoutDashes).forEach(keys::add);
        } else {
            final PositionalParamSpec parameter = (PositionalParamSpec) arg;
            keys.add(parameter.paramLabel() + "[" + parameter.index() + "]");
        }
        for (String key : keys) {
            if (has(bundle, command.qualifiedName(".") + "." + key)) {
                return Optional.empty();
            }
            if (has(bundle, key)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    private static boolean has(ResourceBundle bundle, String key) {
        return bundle.containsKey(key) || bundle.containsKey(key + ".0");
    }

    /** The option name as a key, as picocli makes it: from its first letter or digit on. */
    private static String withoutDashes(String name) {
        int start = 0;
        while (start < name.length() && !Character.isJavaIdentifierPart(name.charAt(start))) {
            start++;
        }
        return start < name.length() ? name.substring(start) : name;
    }

    private static String label(ArgSpec arg) {
        return arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel();
    }

    private static String solid(String text) {
        return text.replaceAll("\\s+", "");
    }

    /** The columns a terminal gives {@code line}: two for a Chinese character or a full-width mark. */
    private static int columns(String line) {
        return line.codePoints().map(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
                || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFF60) ? 2 : 1).sum();
    }

    private static List<CommandLine> commands() {
        final List<CommandLine> all = new ArrayList<>();
        collect(DemoCommand.commandLine(), all);
        collect(new CommandLine(new ClusterCommand()), all);
        collect(new CommandLine(new KafkaCommand()), all);
        return all;
    }

    private static void collect(CommandLine command, List<CommandLine> all) {
        all.add(command);
        command.getSubcommands().values().forEach(sub -> collect(sub, all));
    }

    /** The words of the command's and its options' descriptions, but those picocli fills in. */
    private static List<String> words(CommandSpec spec) {
        final Stream<String> descriptions = Stream.concat(
                Stream.of(spec.usageMessage().description()),
                spec.args().stream().map(ArgSpec::description).flatMap(Stream::of));
        return descriptions.flatMap(text -> Stream.of(text.split("\\s+")))
                .filter(word -> !word.isEmpty() && !word.contains("${") && !word.contains("%n"))
                .toList();
    }
}
