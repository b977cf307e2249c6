package io.devreg.benchmarks;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * One benchmark's result in one run.
 *
 * @param benchmark the simple class name and method, for example {@code MemoryReserveRelease.devreg}
 * @param params    the JMH parameters, by name
 * @param threads   the threads it ran with
 * @param median    the median of its measurement iterations, in operations per second
 * @param score     JMH's score (the mean of the iterations)
 * @param error     JMH's error of the score (half the 99.9% confidence interval; NaN with too few iterations)
 */
public record Measurement(String benchmark, Map<String, String> params, int threads, double median, double score,
        double error) {

    public Measurement {
        params = Map.copyOf(params);
    }

    /** The measurement JMH reported in {@code result}. */
    public static Measurement of(RunResult result) {
        BenchmarkParams params = result.getParams();
        String qualified = params.getBenchmark();
        int method = qualified.lastIndexOf('.');
        int type = qualified.lastIndexOf('.', method - 1);
        Map<String, String> values = new TreeMap<>();
        for (String key : params.getParamsKeys()) {
            values.put(key, params.getParam(key));
        }
        Result<?> primary = result.getPrimaryResult();
        return new Measurement(qualified.substring(type + 1), values, params.getThreads(),
                primary.getStatistics().getPercentile(50), primary.getScore(), primary.getScoreError());
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
