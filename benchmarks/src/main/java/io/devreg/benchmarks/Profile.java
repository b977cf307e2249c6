package io.devreg.benchmarks;

import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * How long to measure. Warm-up comes from each benchmark class's {@code @Warmup}: the JDBC
 * benchmarks run a few thousand operations a second, and devreg's deeper call paths (Jdbi, the
 * registry) need about ten seconds of them before the JIT has compiled them, after which their
 * ratio to the baseline stops rising. A profile sets the measured
 * iterations and the rounds: each round measures every baseline and then its devreg benchmark, in a
 * fork each, so a pair is always measured back to back.
 */
public enum Profile {
    /** One round of 3 measured iterations of one second: usable ratios in minutes. */
    QUICK(1, 3, TimeValue.seconds(1)),
    /** Three rounds of 5 measured iterations of two seconds: numbers worth publishing. */
    FULL(3, 5, TimeValue.seconds(2));

    /**
     * The heap of every fork: the largest fixture (a million devices in the heap) plus one
     * iteration's events fits with room to spare, and a fixed size keeps heap resizing out of the
     * numbers.
     */
    static final String[] JVM_ARGS = {"-Xms3g", "-Xmx3g"};

    private final int rounds;
    private final int measurementIterations;
    private final TimeValue measurementTime;

    Profile(int rounds, int measurementIterations, TimeValue measurementTime) {
        this.rounds = rounds;
        this.measurementIterations = measurementIterations;
        this.measurementTime = measurementTime;
    }

    /** How many times each pair is measured, each time in fresh forks. */
    public int rounds() {
        return rounds;
    }

    /** {@code options} with one fork and this profile's measurement and heap. */
    public ChainedOptionsBuilder applyTo(ChainedOptionsBuilder options) {
        return options.forks(1)
                .measurementIterations(measurementIterations).measurementTime(measurementTime)
                .jvmArgsAppend(JVM_ARGS);
    }
}
