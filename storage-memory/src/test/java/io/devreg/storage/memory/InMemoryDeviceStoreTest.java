package io.devreg.storage.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceOperation;
import io.devreg.DeviceQuery;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceUpdate;
import io.devreg.ImportMode;
import io.devreg.NewDevice;
import io.devreg.TransitionTable;
import io.devreg.spi.EventQuery;
import io.devreg.spi.StorageException;
import io.devreg.spi.Transition;
import io.devreg.spi.WriteContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * What {@link InMemoryDeviceStore} promises beyond the storage contract (which
 * InMemoryDeviceStoreContractTest, in testkit, runs): a closed store refuses every call, keys whose
 * hash codes collide stay apart, and the feed outgrows its first allocation.
 */
class InMemoryDeviceStoreTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    private final InMemoryDeviceStore store = new InMemoryDeviceStore();
    private final DeviceRegistry registry = DeviceRegistry.builder().store(store)
            .clock(Clock.fixed(AT, ZoneOffset.UTC)).build();

    @Test
    void everyOperationOfAClosedStoreFailsWithAStorageException() {
        Device device = registry.register(NewDevice.builder("mediaagent").mac("fake_mac_5").serialNumber("sn").build());
        DeviceRef ref = DeviceRef.id(device.id());

        store.close();

        WriteContext at = WriteContext.at(AT);
        Map<String, Consumer<InMemoryDeviceStore>> operations = Map.of(
                "insert", s -> s.insert(NewDevice.builder("mediaagent").serialNumber("sn-2").build(), at),
                "insertAll", s -> s.insertAll(List.of(NewDevice.builder("mediaagent").serialNumber("sn-3").build()),
                        ImportMode.CREATE, at),
                "find", s -> s.find(ref),
                "transition", s -> s.transition(ref,
                        Transition.of(TransitionTable.rule(DeviceOperation.MARK_AVAILABLE)), at),
                "update", s -> s.update(ref, DeviceUpdate.builder().online(true).build(), at),
                "expireHolds", s -> s.expireHolds(10, at),
                "purgeIdempotencyKeys", s -> s.purgeIdempotencyKeys(AT, 10),
                "list", s -> s.list(DeviceQuery.builder().build(), 10, AT),
                "history", s -> s.events(new EventQuery.OfDevice(device.id())),
                "events", s -> s.events(new EventQuery.Feed(0, 10)));
        operations.forEach((name, operation) -> assertThatThrownBy(() -> operation.accept(store))
                .as(name).isInstanceOf(StorageException.class).hasMessageContaining("closed"));
    }

    @Test
    void aClosedStoreStaysClosedAndClosingItAgainIsHarmless() {
        store.close();
        store.close();

        assertThatThrownBy(() -> registry.find(DeviceRef.id(1))).isInstanceOf(StorageException.class);
        assertThat(store.toString()).contains("closed");
    }

    @Test
    void aStoreDescribesHowManyDevicesAndEventsItHolds() {
        Device device = registry.register(NewDevice.builder("mediaagent").serialNumber("sn-1").build());
        registry.register(NewDevice.builder("mediaagent").serialNumber("sn-2").build());
        registry.markAvailable(DeviceRef.id(device.id()));

        assertThat(store.toString()).contains("devices=2", "events=3").doesNotContain("closed");
    }

    /**
     * "Aa" and "BB" have the same {@link String#hashCode()}, so identities built from them land in the
     * same hash bucket: they must still be told apart by their values.
     */
    @Test
    void identitiesWhoseHashCodesCollideAreStillDifferentDevices() {
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());

        Device aaType = registry.register(NewDevice.builder("Aa").mac("m-1").serialNumber("s-1").build());
        Device bbType = registry.register(NewDevice.builder("BB").mac("m-1").serialNumber("s-1").build());
        Device aaValues = registry.register(NewDevice.builder("t").mac("Aa").serialNumber("Aa").build());
        Device bbValues = registry.register(NewDevice.builder("t").mac("BB").serialNumber("BB").build());

        assertThat(List.of(aaType, bbType, aaValues, bbValues)).extracting(Device::id).doesNotHaveDuplicates();
        assertThat(registry.get(DeviceRef.identity("Aa", "m-1", null))).isEqualTo(aaType);
        assertThat(registry.get(DeviceRef.identity("BB", null, "s-1"))).isEqualTo(bbType);
        assertThat(registry.get(DeviceRef.identity("t", "Aa", null))).isEqualTo(aaValues);
        assertThat(registry.get(DeviceRef.identity("t", null, "BB"))).isEqualTo(bbValues);
        assertThat(registry.find(DeviceRef.identity("Aa", "BB", null))).isEmpty();
    }

    /** The log starts with room for 16 chunks of 4,096 events and must grow past them without a gap. */
    @Test
    void aLongFeedReadsBackEveryEventInOrderAfterTheLogHasGrown() {
        int events = 70_000;
        Device device = registry.register(NewDevice.builder("mediaagent").serialNumber("sn").build());
        DeviceRef ref = DeviceRef.id(device.id());
        registry.markAvailable(ref);
        for (int n = 2; n < events; n += 2) {
            registry.reserve(ref);
            registry.release(ref);
        }

        List<DeviceEvent> feed = new ArrayList<>();
        for (List<DeviceEvent> window = registry.events(0, 1000); !window.isEmpty();
                window = registry.events(window.get(window.size() - 1).sequence(), 1000)) {
            feed.addAll(window);
        }

        assertThat(feed).hasSize(events);
        for (int i = 0; i < events; i++) {
            assertThat(feed.get(i).sequence()).isEqualTo(i + 1);
        }
        assertThat(feed.get(events - 1).operation()).isEqualTo(DeviceOperation.RELEASE);
        assertThat(registry.history(ref)).isEqualTo(feed);
    }
}
