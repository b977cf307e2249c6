package io.devreg.benchmarks;

/**
 * A cheap per-thread pseudo-random index (xorshift), so that picking which device to read costs
 * the same few nanoseconds in a devreg benchmark and in its baseline, and spreads reads over the
 * whole population (no cache-friendly sequential walk).
 */
public final class RandomIndex {

    private long state;

    /** A sequence seeded by {@code seed} (any value; zero is replaced). */
    public RandomIndex(long seed) {
        this.state = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
    }

    /** The next index in {@code [0, bound)}. */
    public int next(int bound) {
        long x = state;
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        state = x;
        return (int) ((x >>> 1) % bound);
    }
}
