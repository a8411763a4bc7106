package com.example.checkpointdemo.cli;

import com.example.checkpointdemo.plumbing.Text;
import com.example.checkpointdemo.scenarios.Exercise;
import com.example.checkpointdemo.timeline.TimelineSvg;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.Callable;

/** {@code bin/demo check NAME}: runs a learner's version of an exercise and says whether it now recovers. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        versionProvider = Versions.class,
        optionListHeading = "%nOptions:%n",
        description = {
            "Checks your version of an exercise: runs it and says, from the report's facts, whether it now recovers.",
            "",
            "Each exercise (exercises/NAME/TASK.md) is a lesson's job that does not recover. Change its file,"
                    + " then run the check; without NAME, the exercises are listed, one a line. The solutions"
                    + " are in solutions/NAME.",
            "",
            "Exit status: 0 it passed, 1 not yet, 2 bad arguments or a file that cannot run, 3 an error."
        })
final class CheckCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "NAME", completionCandidates = Names.class,
            description = "The exercise: ${COMPLETION-CANDIDATES}. Left out, the exercises are listed.")
    String name;

    @Option(names = "--file", paramLabel = "FILE", description = "Check FILE instead of the exercise's own file (a copy of yours, or a solution).")
    Path file;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the report as JSON to FILE.")
    Path report;

    @Option(names = "--html", paramLabel = "FILE", description = {"Where to draw the timeline.", "Default: target/report/check-NAME.html"})
    Path html;

    @Option(names = "--verbose", description = "Show stack traces of errors.")
    boolean verbose;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (name == null) {
            Exercise.listing().forEach(System.out::println);
            return Cli.OK;
        }
        final Exercise exercise = Exercise.named(name).orElseThrow(() -> new CommandLine.ParameterException(
                spec.commandLine(), Text.format("unknown exercise '%s'; one of: %s", name, String.join(", ", new Names()))));
        final Path learners = file != null ? file : exercise.file();
        if (!Files.isRegularFile(learners)) {
            throw new CommandLine.ParameterException(spec.commandLine(), Text.format("%s: no such file", learners));
        }
        final Path timeline = html != null ? html : Path.of("target/report/check-" + name + ".html");
        System.out.println(Text.format("Checking %s: %s (the task: %s)", name, learners, exercise.task()));
        // A file that cannot run (a Java file that does not compile) is a ScriptException: exit 2, its lines named.
        return ScenarioCommand.runWithItsServers(exercise.checking(learners), timeline, verbose, outcome -> {
            TimelineSvg.write(Text.format("Check %s: %s", name, learners), outcome.runs(), outcome.report().recovery(), timeline);
            Cli.show(outcome.report().toCheckText(), outcome.report(), report);
            return outcome.report().lessonShown() ? Cli.OK : Cli.NOT_SHOWN;
        });
    }

    /** The exercise names, for help and completion. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Exercise.ALL.stream().map(Exercise::name).iterator();
        }
    }
}
