package io.devreg.benchmarks.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.UsageInterval;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The usage baseline reads what devreg's {@code usage} reads and sums it right: on a small fixture
 * (20 devices, 2 accounts, 64 days of events), the account's time active in days 60 to 90 is what
 * the fixture's rule gives by hand (each of its 10 devices active days 60 and 62, the second
 * activation ending on day 63), and what devreg's intervals over the same events add up to. Runs on
 * H2 and on a real PostgreSQL.
 */
class RawUsageTest {

    private static final int DEVICES = 20;
    private static final int PER_ACCOUNT = 10;
    private static final int EVENTS = DEVICES * 64;
    private static final Instant FROM = RawUsage.START.plus(Duration.ofDays(60));
    private static final Instant TO = FROM.plus(Duration.ofDays(30));

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void theBaselineSumsTheAccountsActiveTimeAsDevregDoes(String database) throws Exception {
        try (BenchmarkDatabase db = BenchmarkDatabase.open(database, DEVICES, DeviceStatus.AVAILABLE);
             RawUsage raw = RawUsage.leastWork(db, DEVICES, PER_ACCOUNT, EVENTS)) {
            RawUsage.loadDevregEvents(db, DEVICES, PER_ACCOUNT, EVENTS);
            DeviceRegistry registry = db.registry(false);

            Duration baseline = raw.usage(RawUsage.account(1), FROM, TO);
            List<UsageInterval> intervals = registry.usage(RawUsage.account(1), FROM, TO);

            assertThat(baseline).isEqualTo(Duration.ofDays(2 * PER_ACCOUNT));
            assertThat(intervals).hasSize(2 * PER_ACCOUNT)
                    .extracting(UsageInterval::deviceId).containsOnly(11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L);
            assertThat(intervals.stream().map(i -> Duration.between(i.from(), i.to())).reduce(Duration.ZERO,
                    Duration::plus)).isEqualTo(baseline);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void anActivationBeforeTheWindowCountsFromItsStart(String database) throws Exception {
        try (BenchmarkDatabase db = BenchmarkDatabase.open(database, 0, DeviceStatus.AVAILABLE);
             RawUsage raw = RawUsage.leastWork(db, DEVICES, PER_ACCOUNT, EVENTS)) {
            Instant noonOfDay60 = FROM.plus(Duration.ofHours(12));

            Duration usage = raw.usage(RawUsage.account(0), noonOfDay60, noonOfDay60.plus(Duration.ofDays(1)));

            // Device n is active from day 60 + n s to day 61 + n s, and again from day 62 + n s: within
            // the window, from its start (noon of day 60) to day 61 + n s, so 12 h + n s each.
            Duration expected = Duration.ZERO;
            for (int n = 0; n < PER_ACCOUNT; n++) {
                expected = expected.plus(Duration.ofHours(12).plusSeconds(n));
            }
            assertThat(usage).isEqualTo(expected);
        }
    }
}
