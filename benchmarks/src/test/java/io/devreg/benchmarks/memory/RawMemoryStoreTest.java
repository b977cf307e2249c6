package io.devreg.benchmarks.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.devreg.Device;
import io.devreg.DeviceOperation;
import io.devreg.DeviceStatus;
import io.devreg.Reservation;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The in-memory baseline does the same durable work as the store it stands for. */
class RawMemoryStoreTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final RawMemoryStore.Key KEY = new RawMemoryStore.Key("mediaagent", "02:00:00:00:00:01");

    @Test
    void aTransitionFromTheExpectedStatusSwapsTheDeviceAndAppendsOneEvent() {
        RawMemoryStore store = MemoryFixtures.raw(2, true);
        long events = store.eventCount();

        Device reserved = store.transition(new RawMemoryStore.Key("mediaagent", "02:00:00:00:00:01"),
                DeviceOperation.RESERVE, DeviceStatus.AVAILABLE, DeviceStatus.RESERVED, AT);

        assertThat(reserved.status()).isEqualTo(DeviceStatus.RESERVED);
        assertThat(reserved.revision()).isEqualTo(3);
        assertThat(reserved.lastUpdatedAt()).isEqualTo(AT);
        assertThat(store.get(KEY)).isEqualTo(reserved);
        assertThat(store.eventCount()).isEqualTo(events + 1);
    }

    @Test
    void aTransitionFromAnotherStatusChangesNothing() {
        RawMemoryStore store = MemoryFixtures.raw(2, true);
        Device before = store.get(KEY);
        long events = store.eventCount();

        Device after = store.transition(KEY, DeviceOperation.RELEASE, DeviceStatus.RESERVED, DeviceStatus.AVAILABLE, AT);

        assertThat(after).isSameAs(before);
        assertThat(store.eventCount()).isEqualTo(events);
    }

    @Test
    void registrationRefusesATakenMacAndAppendsAnEventOnlyWhenItStores() {
        RawMemoryStore store = new RawMemoryStore();

        Device first = store.insert("mediaagent", UUID.randomUUID(), "m", "s1", "1.1.1.1", AT);
        Device duplicate = store.insert("mediaagent", UUID.randomUUID(), "m", "s2", "1.1.1.1", AT);

        assertThat(first.id()).isEqualTo(1);
        assertThat(first.status()).isEqualTo(DeviceStatus.INITIALIZING);
        assertThat(duplicate).isNull();
        assertThat(store.eventCount()).isEqualTo(1);
    }

    @Test
    void aHoldIsTakenByItsHolderAndReleasedOnlyByItWhileItIsActive() {
        RawMemoryStore store = MemoryFixtures.raw(2, true);
        long events = store.eventCount();
        Instant expiry = AT.plusSeconds(900);

        Device reserved = store.reserve(KEY, "alice", AT, expiry);
        Device takenAgain = store.reserve(KEY, "bob", AT, expiry);
        Device releasedByOther = store.release(KEY, "bob", AT);

        assertThat(reserved.status()).isEqualTo(DeviceStatus.RESERVED);
        assertThat(reserved.reservation()).isEqualTo(new Reservation("alice", AT, expiry));
        assertThat(takenAgain).isEqualTo(reserved);
        assertThat(releasedByOther).isEqualTo(reserved);
        assertThat(store.eventCount()).isEqualTo(events + 1);

        Device released = store.release(KEY, "alice", AT.plusSeconds(1));

        assertThat(released.status()).isEqualTo(DeviceStatus.AVAILABLE);
        assertThat(released.reservation()).isNull();
        assertThat(released.revision()).isEqualTo(reserved.revision() + 1);
        assertThat(store.eventCount()).isEqualTo(events + 2);
    }

    @Test
    void anExpiredHoldCannotBeReleasedAndIsExpiredByTheNextReserve() {
        RawMemoryStore store = MemoryFixtures.raw(2, true);
        store.reserve(KEY, "alice", AT, AT.plusSeconds(10));
        long events = store.eventCount();

        Device notReleased = store.release(KEY, "alice", AT.plusSeconds(10));
        Device reservedAgain = store.reserve(KEY, "bob", AT.plusSeconds(11), AT.plusSeconds(20));

        assertThat(notReleased.reservation().holder()).isEqualTo("alice");
        assertThat(reservedAgain.reservation().holder()).isEqualTo("bob");
        assertThat(store.eventCount()).isEqualTo(events + 2); // EXPIRE, then RESERVE
    }

    @Test
    void expireHoldsEndsEveryHoldThatRanOutWithOneEventEachAndLeavesActiveHolds() {
        RawMemoryStore store = MemoryFixtures.raw(3, true);
        RawMemoryStore.Key short1 = new RawMemoryStore.Key("mediaagent", "02:00:00:00:00:00");
        RawMemoryStore.Key long1 = new RawMemoryStore.Key("mediaagent", "02:00:00:00:00:02");
        store.reserve(short1, "alice", AT, AT.plusSeconds(60));
        store.reserve(KEY, "bob", AT, AT.plusSeconds(60));
        store.reserve(long1, "carol", AT, AT.plusSeconds(600));
        long events = store.eventCount();

        int ended = store.expireHolds(AT.plusSeconds(60), 10);

        assertThat(ended).isEqualTo(2);
        assertThat(store.eventCount()).isEqualTo(events + 2);
        assertThat(store.get(KEY).status()).isEqualTo(DeviceStatus.AVAILABLE);
        assertThat(store.get(KEY).reservation()).isNull();
        assertThat(store.get(KEY).revision()).isEqualTo(4);
        assertThat(store.get(short1).status()).isEqualTo(DeviceStatus.AVAILABLE);
        assertThat(store.get(long1).reservation()).isEqualTo(new Reservation("carol", AT, AT.plusSeconds(600)));
        assertThat(store.expireHolds(AT.plusSeconds(60), 10)).isZero();
    }

    @Test
    void expireHoldsEndsNoMoreThanItsLimit() {
        RawMemoryStore store = MemoryFixtures.raw(3, true);
        for (int n = 0; n < 3; n++) {
            store.reserve(new RawMemoryStore.Key("mediaagent", "02:00:00:00:00:0" + n), "alice", AT, AT.plusSeconds(1));
        }

        assertThat(store.expireHolds(AT.plusSeconds(1), 2)).isEqualTo(2);
        assertThat(store.expireHolds(AT.plusSeconds(1), 2)).isEqualTo(1);
    }
}
