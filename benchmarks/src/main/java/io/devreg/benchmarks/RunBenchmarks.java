package io.devreg.benchmarks;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the benchmarks and compares each with its baseline:
 * {@code java -jar devreg-benchmarks.jar [quick|full] [regex ...] [parameter=value,... ...]}. Without
 * a regex it runs every {@link BenchmarkPair}; a regex (JMH's include syntax) selects pairs by
 * benchmark name, and {@code parameter=value,...} keeps only the pairs whose parameter has one of the
 * values (e.g. {@code database=h2-durable,postgres}). Each round
 * measures every pair's baseline and then its devreg benchmark, back to back, each in its own fork.
 * It prints the comparison and writes {@code results-<profile>.md} (the comparison) and
 * {@code results-<profile>.json} (JMH's raw results) next to the jar. For anything else, JMH itself:
 * {@code java -cp devreg-benchmarks.jar org.openjdk.jmh.Main -h}.
 */
public final class RunBenchmarks {

    private RunBenchmarks() {
    }

    public static void main(String[] args) throws RunnerException, IOException {
        Profile profile = args.length == 0 ? Profile.QUICK : profile(args[0]);
        List<String> selection = args.length <= 1 ? List.of() : Arrays.asList(args).subList(1, args.length);
        List<String> includes = selection.stream().filter(argument -> !argument.contains("=")).toList();
        Map<String, Set<String>> values = BenchmarkPair.parameterValues(
                selection.stream().filter(argument -> argument.contains("=")).toList());
        List<BenchmarkPair> pairs = BenchmarkPair.find(includes).stream().filter(pair -> pair.hasValues(values)).toList();
        if (pairs.isEmpty()) {
            System.err.println("No benchmark pair matches " + selection);
            System.exit(2);
        }

        Map<String, List<RunResult>> runs = new LinkedHashMap<>();
        List<RunResult> all = new ArrayList<>();
        for (int round = 1; round <= profile.rounds(); round++) {
            for (BenchmarkPair pair : pairs) {
                for (String benchmark : List.of(pair.baseline(), pair.devreg())) {
                    RunResult result = run(profile, benchmark, pair.params());
                    all.add(result);
                    runs.computeIfAbsent(benchmark + ' ' + pair.params(), key -> new ArrayList<>()).add(result);
                }
            }
        }

        List<Measurement> measurements = runs.values().stream().map(Measurement::of).toList();
        ComparisonReport report = ComparisonReport.of(measurements, Target.ALL);
        String name = "results-" + profile.name().toLowerCase(Locale.ROOT);
        Path output = outputDirectory();
        String markdown = "devreg benchmarks, profile " + profile.name().toLowerCase(Locale.ROOT) + ", "
                + Instant.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.vm.version") + " (" + System.getProperty("java.vm.name") + ")\n\n"
                + report.toMarkdown();
        Files.writeString(output.resolve(name + ".md"), markdown, StandardCharsets.UTF_8);
        ResultFormatFactory.getInstance(ResultFormatType.JSON, output.resolve(name + ".json").toString()).writeOut(all);
        System.out.println();
        System.out.println(markdown);
        System.out.println(report.allTargetsMet() ? "Every target was met." : "Some targets were MISSED.");
        System.out.println("Results: " + output.resolve(name + ".md") + " and " + output.resolve(name + ".json"));
    }

    private static RunResult run(Profile profile, String benchmark, Map<String, String> params)
            throws RunnerException {
        ChainedOptionsBuilder options = profile.applyTo(new OptionsBuilder())
                .include("^" + Pattern.quote(benchmark) + "$");
        params.forEach(options::param);
        return new Runner(options.build()).runSingle();
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

    /** The directory of the jar we run from (Maven's target directory), or else the working directory. */
    private static Path outputDirectory() {
        CodeSource source = RunBenchmarks.class.getProtectionDomain().getCodeSource();
        try {
            Path location = source == null ? null : Path.of(source.getLocation().toURI());
            return location != null && Files.isRegularFile(location) ? location.getParent() : Path.of("");
        } catch (URISyntaxException unknown) {
            return Path.of("");
        }
    }
}
