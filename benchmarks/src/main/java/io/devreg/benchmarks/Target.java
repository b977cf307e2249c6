package io.devreg.benchmarks;

import java.util.List;
import java.util.regex.Pattern;

/** A performance target that devreg must meet, checked on the measurements of one run. */
public sealed interface Target permits Target.AgainstBaseline, Target.Scaling {

    /** The targets of devreg's benchmarks (see {@code docs/PERFORMANCE.md}). */
    List<Target> ALL = List.of(
            new AgainstBaseline(Pattern.compile("MemoryReserveRelease\\.devreg\\w* .*"), 0.50),
            new AgainstBaseline(Pattern.compile("JdbcReserveRelease\\.devreg\\w* .*database=h2.*"), 0.80),
            new AgainstBaseline(Pattern.compile("JdbcReserveRelease\\.devreg\\w* .*database=postgres.*"), 0.85),
            // against the least work for the same durable effect: not H2's default delayed commit writes
            new AgainstBaseline(Pattern.compile("JdbcFreshReserveRelease\\.devreg\\w* .*database=h2-durable.*"), 0.80),
            new AgainstBaseline(Pattern.compile("JdbcFreshReserveRelease\\.devreg\\w* .*database=postgres.*"), 0.85),
            new AgainstBaseline(Pattern.compile(".*GetByIdentity\\.devregCached .*"), 0.50),
            new AgainstBaseline(Pattern.compile("JdbcKeyedReserveRelease\\.devreg .*"), 0.70),
            new AgainstBaseline(Pattern.compile("JdbcBulkImport\\.devreg(SameDurability)? .*"), 0.60),
            new AgainstBaseline(Pattern.compile("JdbcBulkImport\\.devregAgainstOneByOne .*"), 10.0),
            new Scaling(Pattern.compile(".*GetByIdentity\\.devreg\\w* .*"), "deviceCount", "10000", "1000000", 1.5));

    /** Whether this target applies to the devreg benchmark {@code measured}. */
    default boolean appliesTo(Measurement measured) {
        return benchmarks().matcher(measured.benchmark() + ' ' + measured.paramsText()).matches();
    }

    /**
     * The benchmarks the target applies to: a pattern on {@code Class.method}, a space, and the
     * parameters as {@link Measurement#paramsText()} writes them.
     */
    Pattern benchmarks();

    /**
     * devreg's throughput divided by its baseline's, medians of the same run, must be at least
     * {@code minimum}.
     */
    record AgainstBaseline(Pattern benchmarks, double minimum) implements Target {
        /** Whether {@code ratio} meets this target. */
        public boolean isMetBy(double ratio) {
            return ratio >= minimum;
        }
    }

    /**
     * The cost of one operation (the inverse of throughput) with {@code parameter} at {@code large}
     * must be at most {@code maximum} times its cost at {@code small}.
     */
    record Scaling(Pattern benchmarks, String parameter, String small, String large, double maximum)
            implements Target {
        /** Whether {@code costRatio} meets this target. */
        public boolean isMetBy(double costRatio) {
            return costRatio <= maximum;
        }
    }
}
