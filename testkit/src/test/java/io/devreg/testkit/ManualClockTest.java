package io.devreg.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ManualClockTest {

    private static final Instant T0 = Instant.parse("2026-05-01T12:00:00.123456789Z");

    @Test
    void aClockStandsStillUntilToldToMove() {
        ManualClock clock = ManualClock.at(T0);

        assertThat(clock.instant()).isEqualTo(T0);
        assertThat(clock.instant()).isEqualTo(T0);
        assertThat(clock.millis()).isEqualTo(T0.toEpochMilli());
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void advanceMovesTheClockByExactlyTheDurationEvenBackwards() {
        ManualClock clock = ManualClock.at(T0);

        clock.advance(Duration.ofNanos(1));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-05-01T12:00:00.123456790Z"));
        clock.advance(Duration.ofDays(365));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2027-05-01T12:00:00.123456790Z"));
        clock.advance(Duration.ofDays(-365).minusNanos(1));
        assertThat(clock.instant()).isEqualTo(T0);
    }

    @Test
    void setPutsTheClockAtAnyInstant() {
        ManualClock clock = ManualClock.at(T0);

        clock.set(Instant.EPOCH);
        assertThat(clock.instant()).isEqualTo(Instant.EPOCH);
        clock.set(T0.minusSeconds(1));
        assertThat(clock.instant()).isEqualTo(T0.minusSeconds(1));
    }

    @Test
    void aClockInAnotherZoneSharesTheTime() {
        ManualClock clock = ManualClock.at(T0);
        ZoneId paris = ZoneId.of("Europe/Paris");

        ManualClock inParis = clock.withZone(paris);
        clock.advance(Duration.ofMinutes(5));
        assertThat(inParis.getZone()).isEqualTo(paris);
        assertThat(inParis.instant()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
        inParis.set(T0);
        assertThat(clock.instant()).isEqualTo(T0);
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void concurrentAdvancesAreNeverLost() throws Exception {
        ManualClock clock = ManualClock.at(T0);
        int threads = 8;
        int advances = 10_000;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < advances; i++) {
                        clock.advance(Duration.ofNanos(1));
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get(1, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(clock.instant()).isEqualTo(T0.plusNanos((long) threads * advances));
    }

    @Test
    void aManualClockIsAClockThatCodeUnderTestCanTakeAsOne() {
        Clock clock = ManualClock.at(T0);

        assertThat(Instant.now(clock)).isEqualTo(T0);
        assertThat(clock.toString()).contains("2026-05-01T12:00:00.123456789Z");
    }

    @Test
    void nullsAreRejected() {
        ManualClock clock = ManualClock.at(T0);

        assertThatNullPointerException().isThrownBy(() -> ManualClock.at(null));
        assertThatNullPointerException().isThrownBy(() -> clock.advance(null));
        assertThatNullPointerException().isThrownBy(() -> clock.set(null));
        assertThatNullPointerException().isThrownBy(() -> clock.withZone(null));
        assertThat(clock.instant()).isEqualTo(T0);
    }
}
