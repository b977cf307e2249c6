package io.devreg.benchmarks;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the benchmarks and compares each with its baseline:
 * {@code java -jar devreg-benchmarks.jar [quick|full] [regex ...]}. Without a regex it runs every
 * benchmark; each regex selects benchmarks by name (JMH's {@code include}). It prints the comparison
 * and writes {@code results-<profile>.json} (JMH's raw results) and {@code results-<profile>.md} (the
 * comparison) next to the jar. For any other JMH option, run
 * {@code java -cp devreg-benchmarks.jar org.openjdk.jmh.Main -h}.
 */
public final class RunBenchmarks {

    private RunBenchmarks() {
    }

    public static void main(String[] args) throws RunnerException, IOException {
        Profile profile = args.length == 0 ? Profile.QUICK : profile(args[0]);
        List<String> includes = args.length <= 1 ? List.of() : Arrays.asList(args).subList(1, args.length);
        Path output = outputDirectory();
        String name = "results-" + profile.name().toLowerCase(Locale.ROOT);

        ChainedOptionsBuilder options = profile.applyTo(new OptionsBuilder())
                .resultFormat(ResultFormatType.JSON)
                .result(output.resolve(name + ".json").toString());
        if (includes.isEmpty()) {
            options.include("io\\.devreg\\.benchmarks\\..*");
        }
        includes.forEach(options::include);
        Collection<RunResult> results = new Runner(options.build()).run();

        List<Measurement> measurements = new ArrayList<>();
        results.forEach(result -> measurements.add(Measurement.of(result)));
        ComparisonReport report = ComparisonReport.of(measurements, Target.ALL);
        String markdown = "devreg benchmarks, profile " + profile.name().toLowerCase(Locale.ROOT) + ", "
                + Instant.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.vm.version") + " (" + System.getProperty("java.vm.name") + ")\n\n"
                + report.toMarkdown();
        Files.writeString(output.resolve(name + ".md"), markdown, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(markdown);
        System.out.println(report.allTargetsMet() ? "Every target was met." : "Some targets were MISSED.");
        System.out.println("Results: " + output.resolve(name + ".md") + " and " + output.resolve(name + ".json"));
    }

    private static Profile profile(String name) {
        try {
            return Profile.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            System.err.println("Usage: java -jar devreg-benchmarks.jar [quick|full] [regex ...]");
            System.exit(2);
            throw unknown;
        }
    }

    /** The directory of the jar we run from (Maven's target directory), or the working directory. */
    private static Path outputDirectory() {
        try {
            Path location = Path.of(RunBenchmarks.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(location) ? location.getParent() : Path.of("");
        } catch (URISyntaxException | SecurityException | NullPointerException unknown) {
            return Path.of("");
        }
    }
}
