package io.devreg.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceException;
import io.devreg.DeviceRef;
import io.devreg.DeviceStatus;
import io.devreg.DeviceUpdate;
import io.devreg.ErrorCode;
import io.devreg.NewDevice;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Revisions, attribute updates with their precondition, and timestamps from the clock. */
abstract class RevisionSpec extends StoreSpec {

    @Test
    void aDeviceStartsAtRevisionOneAndEveryChangeAddsOne() {
        Device device = register("router", "02:00:00:00:00:01", null);
        DeviceRef ref = DeviceRef.id(device.id());
        assertThat(device.revision()).isEqualTo(1);

        tick();
        assertThat(registry.markAvailable(ref).revision()).isEqualTo(2);
        tick();
        assertThat(registry.update(ref, DeviceUpdate.builder().name("lobby").build()).revision()).isEqualTo(3);
        tick();
        assertThat(registry.reserve(ref).revision()).isEqualTo(4);
        tick();
        assertRefused(ErrorCode.DEVICE_RESERVED, () -> registry.reserve(ref));
        assertThat(registry.get(ref).revision()).isEqualTo(4);
        tick();
        assertThat(registry.update(ref, DeviceUpdate.builder().online(false).build()).revision()).isEqualTo(5);
    }

    @Test
    void anUpdateChangesOnlyTheAttributesItSetsAndAppendsNoEvent() {
        tick();
        Device device = registry.register(NewDevice.builder("router").serialNumber("sn-1").name("lobby")
                .version("1.1.1.1").online(false).build());
        DeviceRef ref = DeviceRef.identity("router", null, "sn-1");
        List<DeviceEvent> feedBefore = feed();
        Instant now = tick();

        Device updated = registry.update(ref, DeviceUpdate.builder().version(" 1.2.0.0 ").online(true).build());

        assertThat(updated).isEqualTo(new Device(device.id(), "router", device.uuid(), "sn-1", null,
                DeviceStatus.INITIALIZING, "lobby", "1.2.0.0", device.createdAt(), now, true, 2));
        assertThat(registry.get(ref)).isEqualTo(updated);
        assertThat(feed()).isEqualTo(feedBefore);
    }

    @Test
    void anUpdateClearsANameOrVersionSetToNullOrBlank() {
        tick();
        Device device = registry.register(NewDevice.builder("router").serialNumber("sn-1").name("lobby")
                .version("1.1.1.1").build());
        DeviceRef ref = DeviceRef.id(device.id());
        tick();

        Device updated = registry.update(ref, DeviceUpdate.builder().name(null).version("   ").build());

        assertThat(updated.name()).isNull();
        assertThat(updated.version()).isNull();
        assertThat(registry.get(ref)).isEqualTo(updated);
    }

    @Test
    void anUpdateExpectingTheCurrentRevisionApplies() {
        Device device = given(DeviceStatus.AVAILABLE, 1);
        tick();

        Device updated = registry.update(DeviceRef.uuid(device.uuid()),
                DeviceUpdate.builder().name("kiosk").expectedRevision(device.revision()).build());

        assertThat(updated.name()).isEqualTo("kiosk");
        assertThat(updated.revision()).isEqualTo(device.revision() + 1);
    }

    @Test
    void anUpdateExpectingAStaleRevisionFailsWithRevisionMismatchAndChangesNothing() {
        Device device = given(DeviceStatus.RESERVED, 1);
        tick();

        for (long stale : List.of(device.revision() - 1, device.revision() + 1, 1L)) {
            DeviceException refused = assertRefused(ErrorCode.REVISION_MISMATCH, () -> registry.update(
                    DeviceRef.id(device.id()), DeviceUpdate.builder().name("kiosk").expectedRevision(stale).build()));
            assertThat(refused.device()).contains(device);
        }
        assertThat(registry.get(DeviceRef.id(device.id()))).isEqualTo(device);
    }

    @Test
    void anUpdateOfAnUnknownDeviceFailsWithDeviceNotFound() {
        Device device = given(DeviceStatus.AVAILABLE, 1);

        assertRefused(ErrorCode.DEVICE_NOT_FOUND,
                () -> registry.update(DeviceRef.id(device.id() + 1), DeviceUpdate.builder().online(true).build()));
        assertRefused(ErrorCode.DEVICE_NOT_FOUND, () -> registry.update(DeviceRef.identity("router", null, "sn-2"),
                DeviceUpdate.builder().online(true).expectedRevision(1).build()));
    }

    @Test
    void timestampsComeFromTheClockTruncatedToMicroseconds() {
        clock.set(Instant.parse("2030-12-31T23:59:59.999999999Z"));
        Device device = registry.register(NewDevice.builder("router").serialNumber("sn-1").build());
        clock.set(Instant.parse("2031-01-01T00:00:00.000001999Z"));
        Device available = registry.markAvailable(DeviceRef.id(device.id()));
        clock.advance(Duration.ofDays(400).plusNanos(1_500));
        Device updated = registry.update(DeviceRef.id(device.id()), DeviceUpdate.builder().online(true).build());

        assertThat(device.createdAt()).isEqualTo(Instant.parse("2030-12-31T23:59:59.999999Z"));
        assertThat(device.lastUpdatedAt()).isEqualTo(device.createdAt());
        assertThat(available.createdAt()).isEqualTo(device.createdAt());
        assertThat(available.lastUpdatedAt()).isEqualTo(Instant.parse("2031-01-01T00:00:00.000001Z"));
        assertThat(updated.lastUpdatedAt()).isEqualTo(Instant.parse("2032-02-05T00:00:00.000003Z"));
        assertThat(registry.history(DeviceRef.id(device.id()))).extracting(DeviceEvent::at)
                .containsExactly(device.createdAt(), available.lastUpdatedAt());
        assertThat(registry.get(DeviceRef.id(device.id()))).isEqualTo(updated);
    }

    @Test
    void instantsBeforeTheEpochAndFarInTheFutureRoundTrip() {
        clock.set(Instant.parse("1969-07-20T20:17:40.123456Z"));
        Device old = registry.register(NewDevice.builder("router").serialNumber("sn-1").build());
        clock.set(Instant.parse("2199-01-01T00:00:00.654321Z"));
        Device future = registry.register(NewDevice.builder("router").serialNumber("sn-2").build());

        assertThat(registry.get(DeviceRef.id(old.id())).createdAt()).isEqualTo(Instant.parse("1969-07-20T20:17:40.123456Z"));
        assertThat(registry.get(DeviceRef.id(future.id())).createdAt()).isEqualTo(Instant.parse("2199-01-01T00:00:00.654321Z"));
    }

    @Test
    void aClockThatGoesBackIsRecordedAsItSays() {
        Device device = given(DeviceStatus.AVAILABLE, 1);
        clock.set(START.minus(Duration.ofHours(1)));

        Device reserved = registry.reserve(DeviceRef.id(device.id()));

        assertThat(reserved.lastUpdatedAt()).isEqualTo(micros(START.minus(Duration.ofHours(1))));
        assertThat(registry.get(DeviceRef.id(device.id()))).isEqualTo(reserved);
    }
}
