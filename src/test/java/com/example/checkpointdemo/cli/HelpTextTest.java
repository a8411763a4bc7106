package com.example.checkpointdemo.cli;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The help of bin/demo, bin/cluster and bin/kafka as a terminal of 80 columns shows it: whole, and unbroken. */
class HelpTextTest {

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
