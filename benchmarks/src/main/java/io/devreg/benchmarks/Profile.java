package io.devreg.benchmarks;

import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * How long to measure. {@link #QUICK} gives usable ratios in a few minutes on a busy machine;
 * {@link #FULL} gives numbers worth publishing.
 */
public enum Profile {
    /** One fork, 2 warm-up and 3 measured iterations of one second each. */
    QUICK(1, 2, TimeValue.seconds(1), 3, TimeValue.seconds(1)),
    /** Three forks, 5 warm-up and 10 measured iterations of two seconds each. */
    FULL(3, 5, TimeValue.seconds(2), 10, TimeValue.seconds(2));

    /**
     * The heap of every fork: the largest fixture (a million devices in the heap) plus one
     * iteration's events fits with room to spare, and a fixed size keeps heap resizing out of the
     * numbers.
     */
    static final String[] JVM_ARGS = {"-Xms3g", "-Xmx3g"};

    private final int forks;
    private final int warmupIterations;
    private final TimeValue warmupTime;
    private final int measurementIterations;
    private final TimeValue measurementTime;

    Profile(int forks, int warmupIterations, TimeValue warmupTime, int measurementIterations,
            TimeValue measurementTime) {
        this.forks = forks;
        this.warmupIterations = warmupIterations;
        this.warmupTime = warmupTime;
        this.measurementIterations = measurementIterations;
        this.measurementTime = measurementTime;
    }

    /** {@code options} with this profile's forks, iterations and heap. */
    public ChainedOptionsBuilder applyTo(ChainedOptionsBuilder options) {
        return options.forks(forks)
                .warmupIterations(warmupIterations).warmupTime(warmupTime)
                .measurementIterations(measurementIterations).measurementTime(measurementTime)
                .jvmArgsAppend(JVM_ARGS);
    }
}
