package io.devreg.testkit;

import static io.devreg.DeviceStatus.AVAILABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.devreg.Activation;
import io.devreg.Device;
import io.devreg.UsageInterval;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Billable usage: the intervals each device was active on an account, from its ACTIVATE to its
 * DEACTIVATE event, clipped to half-open periods (a device still active clipped at the period's
 * end, even in the future), ordered by device then start, never empty; and a QuickTheories
 * property: over random activation schedules, usage over two adjacent periods is usage over their
 * union split at the boundary, and agrees with the schedule itself.
 */
abstract class UsageSpec extends StoreSpec {

    /** Random schedules the usage property tries; each costs a few dozen writes. */
    static final int USAGE_EXAMPLES = 20;
    static final int USAGE_SHRINK_CYCLES = 200;
    /** Devices per schedule. */
    static final int USAGE_DEVICES = 3;

    /**
     * The minute {@code m} of the usage scenario: an hour after the test began, so that the
     * registrations, made a tick apart from {@link #START}, come before it.
     */
    static Instant minute(int m) {
        return micros(START).plus(Duration.ofHours(1)).plus(Duration.ofMinutes(m));
    }

    /** The devices of the usage scenario, in id order. */
    private record Scenario(Device a, Device b, Device c, Device d, Device e) {
    }

    /**
     * On acct-1: a active [10, 30) and [40, 50), b from 20 on, e [5, 8); on acct-2: c [15, 45); d
     * active from 12 on with no account. Deactivations complete later (a at 35) or at once. The
     * clock ends at minute 60.
     */
    private Scenario usageScenario() {
        Scenario devices = new Scenario(given(AVAILABLE, 1), given(AVAILABLE, 2), given(AVAILABLE, 3),
                given(AVAILABLE, 4), given(AVAILABLE, 5));
        at(5, () -> registry.activate(ref(devices.e()), Activation.onAccount("acct-1", null)));
        at(8, () -> registry.deactivate(ref(devices.e())));
        at(8, () -> registry.completeDeactivation(ref(devices.e())));
        at(10, () -> registry.activate(ref(devices.a()), Activation.onAccount("acct-1", null)));
        at(12, () -> registry.activate(ref(devices.d()), false));
        at(15, () -> registry.activate(ref(devices.c()), Activation.onAccount("acct-2", null)));
        at(20, () -> registry.activate(ref(devices.b()), Activation.onAccount("acct-1", null)));
        at(30, () -> registry.deactivate(ref(devices.a())));
        at(35, () -> registry.completeDeactivation(ref(devices.a())));
        at(40, () -> registry.activate(ref(devices.a()), Activation.onAccount("acct-1", null)));
        at(45, () -> registry.deactivate(ref(devices.c())));
        at(50, () -> registry.deactivate(ref(devices.a())));
        at(50, () -> registry.completeDeactivation(ref(devices.a())));
        clock.set(minute(60));
        return devices;
    }

    private void at(int m, Runnable write) {
        clock.set(minute(m));
        write.run();
    }

    static UsageInterval interval(Device device, String account, int from, int to) {
        return new UsageInterval(device.id(), account, minute(from), minute(to));
    }

    @Test
    void usageListsEachActivationOnTheAccountFromItsActivationToItsDeactivationOrderedByDeviceThenStart() {
        Scenario s = usageScenario();

        assertThat(registry.usage("acct-1", minute(0), minute(60))).containsExactly(
                interval(s.a(), "acct-1", 10, 30), interval(s.a(), "acct-1", 40, 50), interval(s.b(), "acct-1", 20, 60),
                interval(s.e(), "acct-1", 5, 8));
        assertThat(registry.usage("acct-2", minute(0), minute(60))).containsExactly(interval(s.c(), "acct-2", 15, 45));
        assertThat(registry.usage("acct-3", minute(0), minute(60))).isEmpty();
        assertThat(registry.usage(" acct-1 ", minute(0), minute(60)))
                .isEqualTo(registry.usage("acct-1", minute(0), minute(60)));
    }

    @Test
    void usageIsClippedToTheHalfOpenPeriodAndListsNoEmptyInterval() {
        Scenario s = usageScenario();

        assertThat(registry.usage("acct-1", minute(25), minute(45))).containsExactly(
                interval(s.a(), "acct-1", 25, 30), interval(s.a(), "acct-1", 40, 45), interval(s.b(), "acct-1", 25, 45));
        assertThat(registry.usage("acct-1", minute(30), minute(40))).containsExactly(interval(s.b(), "acct-1", 30, 40));
        assertThat(registry.usage("acct-1", minute(0), minute(10))).containsExactly(interval(s.e(), "acct-1", 5, 8));
        assertThat(registry.usage("acct-1", minute(8), minute(10))).isEmpty();
        assertThat(registry.usage("acct-1", minute(0), minute(5))).isEmpty();
        assertThat(registry.usage("acct-1", minute(15), minute(15))).isEmpty();
        assertThat(registry.usage("acct-1", minute(29), minute(31))).containsExactly(
                interval(s.a(), "acct-1", 29, 30), interval(s.b(), "acct-1", 29, 31));
    }

    @Test
    void aDeviceStillActiveIsClippedAtTheEndOfThePeriodEvenInTheFuture() {
        Scenario s = usageScenario();
        Instant nextMonth = minute(60).plus(Duration.ofDays(30));

        assertThat(registry.usage("acct-1", minute(55), nextMonth))
                .containsExactly(new UsageInterval(s.b().id(), "acct-1", minute(55), nextMonth));
        assertThat(registry.usage("acct-1", minute(55), minute(58))).containsExactly(interval(s.b(), "acct-1", 55, 58));
    }

    @Test
    void usageTakesAValidAccountAndAPeriodThatDoesNotEndBeforeItBegins() {
        assertInvalid(() -> registry.usage("", minute(0), minute(60)), "account");
        assertInvalid(() -> registry.usage(null, minute(0), minute(60)), "account");
        assertInvalid(() -> registry.usage("a".repeat(129), minute(0), minute(60)), "account");
        assertInvalid(() -> registry.usage("acct\u00001", minute(0), minute(60)), "account");
        assertInvalid(() -> registry.usage("acct-1", minute(10), minute(9)), "to");
        assertInvalid(() -> registry.usage(" ", minute(10), minute(9)), "account", "to");
    }

    // Usage over adjacent periods

    /** One step of a schedule: after {@code minutes}, device {@code device} changes: activated on account {@code account}, or deactivated. */
    record Toggle(int device, int minutes, int account) {
    }

    static Gen<List<Toggle>> schedules() {
        Gen<Toggle> toggle = integers().between(0, USAGE_DEVICES - 1)
                .zip(integers().between(0, 20), integers().between(0, 1), Toggle::new);
        return lists().of(toggle).ofSizeBetween(1, 12);
    }

    /** Three period boundaries, in minutes from the schedule's start, in order; they may coincide. */
    static Gen<List<Integer>> boundaries() {
        return lists().of(integers().between(-10, 250)).ofSize(3)
                .map(minutes -> minutes.stream().sorted().toList());
    }

    @Test
    void usageOverAdjacentPeriodsIsUsageOverTheirUnionSplitAtTheBoundary() {
        AtomicInteger schedule = new AtomicInteger();
        qt().withExamples(USAGE_EXAMPLES).withShrinkCycles(USAGE_SHRINK_CYCLES)
                .forAll(schedules(), boundaries())
                .checkAssert((toggles, minutes) -> checkUsage(schedule.incrementAndGet(), toggles, minutes));
    }

    /**
     * Runs a schedule on devices and accounts of its own and compares usage with the schedule
     * itself, over [t0, t2), and over [t0, t1) and [t1, t2) together.
     */
    private void checkUsage(int schedule, List<Toggle> toggles, List<Integer> minutes) {
        List<Device> devices = new ArrayList<>();
        for (int i = 0; i < USAGE_DEVICES; i++) {
            devices.add(given(AVAILABLE, 1000 + schedule * USAGE_DEVICES + i));
        }
        List<String> accounts = List.of("acct-" + schedule + "-a", "acct-" + schedule + "-b");
        Instant start = now();
        List<UsageInterval> spans = new ArrayList<>(); // closed spans; still open ones end at Instant.MAX
        Map<Integer, UsageInterval> open = new HashMap<>();
        for (Toggle toggle : toggles) {
            clock.advance(Duration.ofMinutes(toggle.minutes()));
            Instant at = now();
            Device device = devices.get(toggle.device());
            UsageInterval active = open.remove(toggle.device());
            if (active == null) {
                String account = accounts.get(toggle.account());
                registry.activate(ref(device), Activation.onAccount(account, null));
                open.put(toggle.device(), new UsageInterval(device.id(), account, at, Instant.MAX));
            } else {
                registry.deactivate(ref(device));
                registry.completeDeactivation(ref(device));
                if (active.from().isBefore(at)) {
                    spans.add(new UsageInterval(device.id(), active.account(), active.from(), at));
                }
            }
        }
        spans.addAll(open.values());
        Instant t0 = start.plus(Duration.ofMinutes(minutes.get(0)));
        Instant t1 = start.plus(Duration.ofMinutes(minutes.get(1)));
        Instant t2 = start.plus(Duration.ofMinutes(minutes.get(2)));
        for (String account : accounts) {
            List<UsageInterval> whole = registry.usage(account, t0, t2);
            List<UsageInterval> parts = new ArrayList<>(registry.usage(account, t0, t1));
            parts.addAll(registry.usage(account, t1, t2));
            parts.sort(BY_DEVICE_THEN_START);

            assertThat(whole).as("usage of %s over [%s, %s)", account, t0, t2).isEqualTo(clip(spans, account, t0, t2));
            assertThat(parts).as("usage of %s over [%s, %s) and [%s, %s)", account, t0, t1, t1, t2)
                    .isEqualTo(splitAt(whole, t1));
        }
    }

    private static final Comparator<UsageInterval> BY_DEVICE_THEN_START =
            Comparator.comparingLong(UsageInterval::deviceId).thenComparing(UsageInterval::from);

    /** The model: the spans of {@code account} clipped to [from, to), the empty ones left out. */
    private static List<UsageInterval> clip(List<UsageInterval> spans, String account, Instant from, Instant to) {
        List<UsageInterval> clipped = new ArrayList<>();
        for (UsageInterval span : spans) {
            Instant start = span.from().isBefore(from) ? from : span.from();
            Instant end = span.to().isAfter(to) ? to : span.to();
            if (span.account().equals(account) && start.isBefore(end)) {
                clipped.add(new UsageInterval(span.deviceId(), account, start, end));
            }
        }
        clipped.sort(BY_DEVICE_THEN_START);
        return clipped;
    }

    /** {@code intervals} with each one that spans {@code at} cut in two there. */
    private static List<UsageInterval> splitAt(List<UsageInterval> intervals, Instant at) {
        List<UsageInterval> split = new ArrayList<>();
        for (UsageInterval interval : intervals) {
            if (interval.from().isBefore(at) && interval.to().isAfter(at)) {
                split.add(new UsageInterval(interval.deviceId(), interval.account(), interval.from(), at));
                split.add(new UsageInterval(interval.deviceId(), interval.account(), at, interval.to()));
            } else {
                split.add(interval);
            }
        }
        return split;
    }
}
