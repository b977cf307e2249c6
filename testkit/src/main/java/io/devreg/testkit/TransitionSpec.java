package io.devreg.testkit;

import static io.devreg.DeviceStatus.ACTIVATED;
import static io.devreg.DeviceStatus.AVAILABLE;
import static io.devreg.DeviceStatus.DEACTIVATING;
import static io.devreg.DeviceStatus.INITIALIZING;
import static io.devreg.DeviceStatus.RESERVED;
import static org.assertj.core.api.Assertions.assertThat;

import io.devreg.ActivateRequest;
import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceException;
import io.devreg.DeviceRef;
import io.devreg.DeviceStatus;
import io.devreg.ErrorCode;
import io.devreg.Reservation;
import io.devreg.ReserveRequest;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every operation from every status: where it leads, or the code that refuses it. */
abstract class TransitionSpec extends StoreSpec {

    static Stream<Arguments> everyStepFromEveryStatus() {
        return Arrays.stream(LifecycleStep.values()).flatMap(step ->
                Arrays.stream(DeviceStatus.values()).map(status -> Arguments.of(step, status)));
    }

    @ParameterizedTest(name = "{0} from {1}")
    @MethodSource("io.devreg.testkit.TransitionSpec#everyStepFromEveryStatus")
    void anOperationLeadsWhereTheLifecycleSaysOrIsRefusedWithTheCodeOfTheCurrentStatus(LifecycleStep step, DeviceStatus status) {
        Device before = given(status, 1);
        List<DeviceEvent> feedBefore = feed();
        Instant now = tick();

        DeviceStatus target = step.target(status);
        if (target != null) {
            Device after = step.apply(registry, DeviceRef.id(before.id()));

            assertThat(after).isEqualTo(new Device(before.id(), before.type(), before.uuid(), before.serialNumber(),
                    before.mac(), target, before.name(), before.version(), before.createdAt(), now, before.online(),
                    before.revision() + 1, target == RESERVED ? new Reservation(null, now, null) : null, null));
            assertThat(registry.get(DeviceRef.id(before.id()))).isEqualTo(after);
            List<DeviceEvent> feedAfter = feed();
            List<DeviceEvent> appended = feedAfter.subList(feedBefore.size(), feedAfter.size());
            assertThat(appended).singleElement().satisfies(event -> {
                assertThat(event.deviceId()).isEqualTo(before.id());
                assertThat(event.operation()).isEqualTo(step.operation());
                assertThat(event.from()).isEqualTo(status);
                assertThat(event.to()).isEqualTo(target);
                assertThat(event.at()).isEqualTo(now);
                assertThat(event.holder()).isNull(); // every hold here is anonymous, and no activation names an account
                assertThat(event.account()).isNull();
                assertThat(event.reason()).isEqualTo(step == LifecycleStep.FORCE_RELEASE ? LifecycleStep.REASON : null);
                assertThat(event.sequence()).isGreaterThan(feedBefore.get(feedBefore.size() - 1).sequence());
            });
            assertThat(registry.history(DeviceRef.id(before.id()))).last().isEqualTo(appended.get(0));
        } else {
            DeviceException refused = assertRefused(LifecycleStep.refusedIn(status),
                    () -> step.apply(registry, DeviceRef.id(before.id())));

            assertThat(refused.device()).contains(before);
            assertThat(registry.get(DeviceRef.id(before.id()))).isEqualTo(before);
            assertThat(feed()).isEqualTo(feedBefore);
        }
    }

    @ParameterizedTest
    @EnumSource(LifecycleStep.class)
    void anOperationOnAnUnknownDeviceFailsWithDeviceNotFoundAndChangesNothing(LifecycleStep step) {
        Device other = given(AVAILABLE, 1);
        List<DeviceEvent> feedBefore = feed();

        for (DeviceRef unknown : List.of(DeviceRef.id(other.id() + 1000),
                DeviceRef.uuid(java.util.UUID.fromString("00000000-0000-4000-8000-000000000001")),
                DeviceRef.identity("router", "02:00:00:00:00:02", null),
                DeviceRef.identity("camera", other.mac(), null))) {
            DeviceException refused = assertRefused(ErrorCode.DEVICE_NOT_FOUND, () -> step.apply(registry, unknown));
            assertThat(refused.device()).isEmpty();
        }
        assertThat(feed()).isEqualTo(feedBefore);
        assertThat(registry.get(DeviceRef.id(other.id()))).isEqualTo(other);
    }

    @ParameterizedTest
    @EnumSource(DeviceStatus.class)
    void reservingBySeedRequestGivesExactlyTheSeedCodes(DeviceStatus status) {
        Device device = given(status, "mediaagent", "AA:BB:CC:DD:EE:01", "sn");
        ReserveRequest request = new ReserveRequest(" mediaagent ", "aa-bb-cc-dd-ee-01", "sn");
        Map<DeviceStatus, Integer> seedCodes = Map.of(INITIALIZING, 33622, RESERVED, 33599, ACTIVATED, 33603,
                DEACTIVATING, 33610);

        if (status == AVAILABLE) {
            assertThat(registry.reserve(request).status()).isEqualTo(RESERVED);
        } else {
            assertThat(refusal(() -> registry.reserve(request)).code().value()).isEqualTo(seedCodes.get(status));
            assertThat(registry.get(DeviceRef.id(device.id()))).isEqualTo(device);
        }
        assertThat(refusal(() -> registry.reserve(new ReserveRequest("mediaagent", "fake_mac_5", null)))
                .code().value()).isEqualTo(33600);
    }

    @Test
    void activatingAReservedDeviceByRequestNeedsSkipReserveCheck() {
        Device reserved = given(RESERVED, "mediaagent", null, "sn-7");

        assertRefused(ErrorCode.DEVICE_RESERVED,
                () -> registry.activate(new ActivateRequest("mediaagent", null, "sn-7", false)));
        Device activated = registry.activate(new ActivateRequest("mediaagent", null, "sn-7", true));

        assertThat(activated.status()).isEqualTo(ACTIVATED);
        assertThat(activated.id()).isEqualTo(reserved.id());
        assertThat(registry.history(DeviceRef.id(reserved.id()))).last()
                .satisfies(event -> assertThat(event.from()).isEqualTo(RESERVED));
    }
}
