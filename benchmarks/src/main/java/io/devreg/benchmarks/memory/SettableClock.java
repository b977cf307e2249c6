package io.devreg.benchmarks.memory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock that moves only when told to, so that a fixture's holds can run out without waiting.
 * The same idea as the testkit's {@code ManualClock}, which this module does not depend on: the
 * testkit brings JUnit and AssertJ at compile scope, which would end up in the benchmark jar.
 * Not thread-safe; the benchmarks that use it move it in their setup only.
 */
final class SettableClock extends Clock {

    private Instant now;

    SettableClock(Instant now) {
        this.now = now;
    }

    /** Moves the clock forward by {@code duration}. */
    void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("A settable clock stays in UTC");
    }
}
