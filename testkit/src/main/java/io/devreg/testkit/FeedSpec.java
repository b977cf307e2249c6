package io.devreg.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceOperation;
import io.devreg.DeviceRef;
import io.devreg.DeviceStatus;
import io.devreg.DeviceUpdate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each device's history and the change feed tell the same, consistent story. */
abstract class FeedSpec extends StoreSpec {

    private final List<Device> devices = new ArrayList<>();

    /** Devices in every status, some taken round the whole lifecycle, with refusals and updates between. */
    @BeforeEach
    final void makeHistory() {
        for (DeviceStatus status : DeviceStatus.values()) {
            devices.add(given(status, devices.size()));
        }
        Device roundTrip = given(DeviceStatus.RESERVED, devices.size());
        DeviceRef ref = DeviceRef.id(roundTrip.id());
        tick();
        registry.release(ref);
        tick();
        registry.reserve(ref);
        tick();
        registry.activate(ref, true);
        tick();
        registry.update(ref, DeviceUpdate.builder().name("round trip").build());
        tick();
        registry.deactivate(ref);
        refusal(() -> registry.reserve(ref));
        tick();
        devices.add(registry.completeDeactivation(ref));
    }

    @Test
    void aHistoryStartsWithRegistrationAndEachEventStartsWhereThePreviousEnded() {
        for (Device device : devices) {
            List<DeviceEvent> history = registry.history(DeviceRef.id(device.id()));
            Device current = registry.get(DeviceRef.id(device.id()));

            assertThat(history.get(0).operation()).isEqualTo(DeviceOperation.REGISTER);
            assertThat(history.get(0).from()).isNull();
            assertThat(history.get(0).to()).isEqualTo(DeviceStatus.INITIALIZING);
            assertThat(history.get(0).at()).isEqualTo(current.createdAt());
            for (int i = 1; i < history.size(); i++) {
                assertThat(history.get(i).from()).as("event %d of %s", i, history).isEqualTo(history.get(i - 1).to());
            }
            assertThat(history).allSatisfy(event -> assertThat(event.deviceId()).isEqualTo(device.id()));
            assertThat(history).isSortedAccordingTo(Comparator.comparingLong(DeviceEvent::sequence));
            assertThat(history.get(history.size() - 1).to()).isEqualTo(current.status());
        }
    }

    @Test
    void theRoundTripIsRecordedStepByStepWithoutTheUpdateOrTheRefusal() {
        Device roundTrip = devices.get(devices.size() - 1);

        assertThat(registry.history(DeviceRef.id(roundTrip.id()))).extracting(DeviceEvent::operation).containsExactly(
                DeviceOperation.REGISTER, DeviceOperation.MARK_AVAILABLE, DeviceOperation.RESERVE,
                DeviceOperation.RELEASE, DeviceOperation.RESERVE, DeviceOperation.ACTIVATE,
                DeviceOperation.DEACTIVATE, DeviceOperation.COMPLETE_DEACTIVATION);
        assertThat(roundTrip.status()).isEqualTo(DeviceStatus.AVAILABLE);
    }

    @Test
    void theFeedIsEveryHistoryMergedInIncreasingSequence() {
        List<DeviceEvent> feed = feed();
        List<DeviceEvent> histories = new ArrayList<>();
        for (Device device : devices) {
            histories.addAll(registry.history(DeviceRef.id(device.id())));
        }

        assertThat(feed).isSortedAccordingTo(Comparator.comparingLong(DeviceEvent::sequence));
        assertThat(feed).extracting(DeviceEvent::sequence).doesNotHaveDuplicates().allMatch(sequence -> sequence > 0);
        assertThat(feed).containsExactlyInAnyOrderElementsOf(histories);
        assertThat(feed).extracting(DeviceEvent::at).isSorted();
    }

    @Test
    void everyWindowOfTheFeedIsTheMatchingSliceOfTheWholeFeed() {
        List<DeviceEvent> feed = feed();
        List<Long> positions = new ArrayList<>(List.of(0L));
        feed.forEach(event -> positions.add(event.sequence()));

        for (int p = 0; p < positions.size(); p++) {
            for (int limit : List.of(1, 2, 5, feed.size(), 1000)) {
                List<DeviceEvent> expected = feed.subList(p, Math.min(feed.size(), p + limit));
                assertThat(registry.events(positions.get(p), limit)).as("events(%d, %d)", positions.get(p), limit)
                        .isEqualTo(expected);
            }
        }
        long last = positions.get(positions.size() - 1);
        assertThat(registry.events(last, 10)).isEmpty();
        assertThat(registry.events(last + 1_000_000, 10)).isEmpty();
    }

    @Test
    void windowsOfAnySizeReassembleTheSameFeed() {
        List<DeviceEvent> whole = feed();

        for (int window : List.of(1, 3, 4, 1000)) {
            assertThat(feed(window)).as("read %d at a time", window).isEqualTo(whole);
        }
    }

    @Test
    void theFeedRecordsEachChangeOnceWithTheTimeOfItsChange() {
        List<DeviceEvent> feed = feed();

        for (Device device : devices) {
            Device current = registry.get(DeviceRef.id(device.id()));
            List<DeviceEvent> own = feed.stream().filter(event -> event.deviceId() == device.id()).toList();
            assertThat(own).isEqualTo(registry.history(DeviceRef.id(device.id())));
            assertThat(own.get(own.size() - 1).at()).isBeforeOrEqualTo(current.lastUpdatedAt());
        }
        assertThat(feed).hasSize(1 + 2 + 3 + 3 + 4 + 8);
    }
}
