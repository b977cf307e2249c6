package io.devreg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import io.devreg.spi.DeviceStore;
import io.devreg.spi.EventQuery;
import io.devreg.spi.Transition;
import io.devreg.spi.WriteContext;
import io.devreg.spi.WriteResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the registry decides on its own, whatever the store: which arguments never reach the store,
 * and what its refusals say. The store here answers as each test scripts it and records what reached
 * it; how the registry behaves over real stores is the contract suite's job.
 */
class DeviceRegistryTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final DeviceRef REF = DeviceRef.identity("mediaagent", "aa:bb:cc:dd:ee:ff", "sn-25");

    private final ScriptedStore store = new ScriptedStore();
    private final DeviceRegistry registry = DeviceRegistry.builder().store(store).build();

    private static Device device(long id, DeviceStatus status, String mac, String serialNumber, long revision) {
        return new Device(id, "mediaagent", new UUID(id, id), serialNumber, mac, status, null, "1.1.1.1", AT, AT,
                true, revision);
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, Long.MIN_VALUE})
    void aNegativeFeedPositionIsRefusedBeforeItReachesTheStore(long afterSequence) {
        ValidationException e = invalid(() -> registry.events(afterSequence, 10));

        assertThat(e.errors()).containsExactly(entry("after_sequence", List.of("must not be negative")));
        assertThat(store.calls).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 1001, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void aFeedLimitOutsideOneToOneThousandIsRefusedBeforeItReachesTheStore(int limit) {
        ValidationException e = invalid(() -> registry.events(0, limit));

        assertThat(e.errors()).containsExactly(entry("limit", List.of("must be between 1 and 1000")));
        assertThat(store.calls).isEmpty();
    }

    @Test
    void everyBadFeedArgumentIsReportedAtOnce() {
        ValidationException e = invalid(() -> registry.events(-1, 0));

        assertThat(e.errors()).containsOnlyKeys("after_sequence", "limit");
        assertThat(store.calls).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"0, 1", "0, 1000", "41, 100", "9223372036854775807, 1"})
    void aFeedRequestWithinBoundsReachesTheStoreAsItIsAndReturnsWhatTheStoreFound(long afterSequence, int limit) {
        DeviceEvent event = new DeviceEvent(42, 7, DeviceOperation.REGISTER, null, DeviceStatus.INITIALIZING, AT);
        store.events = List.of(event);

        List<DeviceEvent> feed = registry.events(afterSequence, limit);

        assertThat(feed).containsExactly(event);
        assertThat(store.calls).containsExactly("events(" + afterSequence + ", " + limit + ")");
    }

    static Stream<Arguments> transitions() {
        return Stream.of(
                Arguments.of("mark available", (Function<DeviceRegistry, Device>) r -> r.markAvailable(REF)),
                Arguments.of("reserve", (Function<DeviceRegistry, Device>) r -> r.reserve(REF)),
                Arguments.of("release", (Function<DeviceRegistry, Device>) r -> r.release(REF)),
                Arguments.of("activate", (Function<DeviceRegistry, Device>) r -> r.activate(REF, false)),
                Arguments.of("deactivate", (Function<DeviceRegistry, Device>) r -> r.deactivate(REF)),
                Arguments.of("complete deactivation",
                        (Function<DeviceRegistry, Device>) r -> r.completeDeactivation(REF)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transitions")
    void aRefusedTransitionSaysWhatWasRefusedForWhichDeviceInWhichStatus(String verb,
            Function<DeviceRegistry, Device> operation) {
        Device current = device(25, DeviceStatus.INITIALIZING, "aa:bb:cc:dd:ee:ff", "sn-25", 6);
        store.answer = new WriteResult.Refused(current);

        DeviceException e = refused(() -> operation.apply(registry));

        assertThat(e.code()).isEqualTo(ErrorCode.DEVICE_INITIALIZING);
        assertThat(e.device()).contains(current);
        assertThat(e.getMessage()).startsWith("Cannot " + verb + " ")
                .contains("device 25", "mediaagent", "aa:bb:cc:dd:ee:ff", "sn-25", "initialization");
    }

    @Test
    void aRefusalNamesTheIdentityValuesTheDeviceHasAndNoOthers() {
        store.answer = new WriteResult.Refused(device(3, DeviceStatus.RESERVED, null, "sn-3", 2));
        String withoutMac = refused(() -> registry.reserve(DeviceRef.id(3))).getMessage();
        store.answer = new WriteResult.Refused(device(4, DeviceStatus.RESERVED, "fake_mac_4", null, 2));
        String withoutSerialNumber = refused(() -> registry.reserve(DeviceRef.id(4))).getMessage();

        assertThat(withoutMac).contains("device 3", "mediaagent", "sn-3").doesNotContain("mac", "null");
        assertThat(withoutSerialNumber).contains("device 4", "mediaagent", "fake_mac_4")
                .doesNotContain("serial", "null");
    }

    @Test
    void aRefusedRegistrationNamesTheNewDeviceAndTheOneAlreadyRegistered() {
        Device existing = device(25, DeviceStatus.AVAILABLE, "aa:bb:cc:dd:ee:ff", "sn-25", 2);
        store.answer = new WriteResult.Refused(existing);
        NewDevice duplicate = NewDevice.builder("mediaagent").mac("AA-BB-CC-DD-EE-FF").serialNumber("sn-99").build();

        DeviceException e = refused(() -> registry.register(duplicate));

        assertThat(e.code()).isEqualTo(ErrorCode.DEVICE_ALREADY_REGISTERED);
        assertThat(e.device()).contains(existing);
        assertThat(e.getMessage()).contains("sn-99", duplicate.uuid().toString(), "device 25", "sn-25");
    }

    @Test
    void aRefusedUpdateNamesTheDeviceAndBothRevisions() {
        Device current = device(7, DeviceStatus.AVAILABLE, null, "sn-7", 12);
        store.answer = new WriteResult.Refused(current);

        DeviceException e = refused(() -> registry.update(DeviceRef.id(7),
                DeviceUpdate.builder().online(false).expectedRevision(11).build()));

        assertThat(e.code()).isEqualTo(ErrorCode.REVISION_MISMATCH);
        assertThat(e.device()).contains(current);
        assertThat(e.getMessage()).contains("device 7", "sn-7", "11", "12");
    }

    @Test
    void anUnknownDeviceIsNamedByTheReferenceThatFoundNothing() {
        store.answer = WriteResult.NOT_FOUND;

        DeviceException reserve = refused(() -> registry.reserve(REF));
        DeviceException get = refused(() -> registry.get(REF));

        for (DeviceException e : List.of(reserve, get)) {
            assertThat(e.code()).isEqualTo(ErrorCode.DEVICE_NOT_FOUND);
            assertThat(e.device()).isEmpty();
            assertThat(e.getMessage()).contains("mediaagent", "aa:bb:cc:dd:ee:ff", "sn-25");
        }
    }

    @Test
    void aRegistryDescribesItselfByItsStore() {
        assertThat(registry.toString()).contains(store.toString());
    }

    private static ValidationException invalid(Runnable call) {
        ValidationException e = catchThrowableOfType(ValidationException.class, call::run);
        assertThat(e).as("the ValidationException the call must throw").isNotNull();
        return e;
    }

    private static DeviceException refused(Runnable call) {
        DeviceException e = catchThrowableOfType(DeviceException.class, call::run);
        assertThat(e).as("the DeviceException the call must throw").isNotNull();
        return e;
    }

    /** Answers every write with {@link #answer}, finds nothing, and records the feed reads that reach it. */
    private static final class ScriptedStore implements DeviceStore {
        WriteResult answer = WriteResult.NOT_FOUND;
        List<DeviceEvent> events = List.of();
        final List<String> calls = new ArrayList<>();

        @Override
        public WriteResult insert(NewDevice device, WriteContext context) {
            calls.add("insert");
            return answer;
        }

        @Override
        public List<RowResult> insertAll(List<NewDevice> devices, ImportMode mode, WriteContext context) {
            calls.add("insertAll");
            return List.of();
        }

        @Override
        public Optional<Device> find(DeviceRef ref) {
            calls.add("find");
            return Optional.empty();
        }

        @Override
        public WriteResult transition(DeviceRef ref, Transition transition, WriteContext context) {
            calls.add("transition");
            return answer;
        }

        @Override
        public WriteResult update(DeviceRef ref, DeviceUpdate update, WriteContext context) {
            calls.add("update");
            return answer;
        }

        @Override
        public int expireHolds(int limit, WriteContext context) {
            calls.add("expireHolds");
            return 0;
        }

        @Override
        public int purgeIdempotencyKeys(Instant recordedBefore, int limit) {
            calls.add("purgeIdempotencyKeys");
            return 0;
        }

        @Override
        public List<Device> list(DeviceQuery query, int max, Instant now) {
            calls.add("list");
            return List.of();
        }

        @Override
        public List<DeviceEvent> events(EventQuery query) {
            if (query instanceof EventQuery.Feed feed) {
                calls.add("events(" + feed.afterSequence() + ", " + feed.limit() + ")");
                return events;
            }
            calls.add("events(" + query + ")");
            return List.of();
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return "ScriptedStore@" + Integer.toHexString(System.identityHashCode(this));
        }
    }
}
