package io.devreg.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.ListStatistics;

/**
 * One benchmark's result in one run.
 *
 * @param benchmark the simple class name and method, for example {@code MemoryReserveRelease.devreg}
 * @param params    the JMH parameters, by name
 * @param threads   the threads it ran with
 * @param median    the median of its measured iterations, in operations per second
 * @param score     the mean of its measured iterations (JMH's score)
 * @param error     the error of the mean as JMH computes it: half its 99.9% confidence interval (NaN
 *                  with a single iteration)
 */
public record Measurement(String benchmark, Map<String, String> params, int threads, double median, double score,
        double error) {

    public Measurement {
        params = Map.copyOf(params);
    }

    /**
     * The measurement of one benchmark over {@code runs} (its forks, one per round): the median and
     * mean of all their measured iterations.
     */
    public static Measurement of(List<RunResult> runs) {
        BenchmarkParams params = runs.get(0).getParams();
        String qualified = params.getBenchmark();
        int method = qualified.lastIndexOf('.');
        int type = qualified.lastIndexOf('.', method - 1);
        Map<String, String> values = new TreeMap<>();
        for (String key : params.getParamsKeys()) {
            values.put(key, params.getParam(key));
        }
        ListStatistics iterations = new ListStatistics();
        for (RunResult run : runs) {
            for (BenchmarkResult fork : run.getBenchmarkResults()) {
                for (IterationResult iteration : fork.getIterationResults()) {
                    iterations.addValue(iteration.getPrimaryResult().getScore());
                }
            }
        }
        return new Measurement(qualified.substring(type + 1), values, params.getThreads(),
                iterations.getPercentile(50), iterations.getMean(), iterations.getMeanErrorAt(0.999));
    }

    /** The method name: {@code devreg}, {@code baselineTwoThreads}, ... */
    public String method() {
        return benchmark.substring(benchmark.indexOf('.') + 1);
    }

    /** The parameters as {@code name=value} pairs in name order; empty without parameters. */
    public String paramsText() {
        return new TreeMap<>(params).entrySet().stream().map(e -> e.getKey() + '=' + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /** The same benchmark with {@code parameter} set to another value. */
    boolean sameBenchmarkExcept(Measurement other, String parameter) {
        Map<String, String> mine = new TreeMap<>(params);
        Map<String, String> theirs = new TreeMap<>(other.params);
        mine.remove(parameter);
        theirs.remove(parameter);
        return benchmark.equals(other.benchmark) && threads == other.threads && mine.equals(theirs);
    }
}
