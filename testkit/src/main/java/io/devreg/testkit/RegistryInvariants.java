package io.devreg.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceOperation;
import io.devreg.DeviceQuery;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.Page;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What must hold of a registry after any race, crash or fault: every device's history starts with
 * its registration, each event starts where the previous one ended, and the device's status is the
 * {@code to} of its last event; the feed holds exactly the events of the histories, in strictly
 * increasing sequence, and every event belongs to a device.
 */
public final class RegistryInvariants {

    /**
     * What was checked.
     *
     * @param devices how many devices the registry holds
     * @param events  how many events its feed holds
     */
    public record Counts(int devices, int events) {
    }

    private RegistryInvariants() {
    }

    /** Checks every invariant of {@code registry}, failing with an AssertJ error at the first that does not hold. */
    public static Counts check(DeviceRegistry registry) {
        List<Device> devices = allDevices(registry);
        Set<DeviceEvent> inHistories = new HashSet<>();
        for (Device device : devices) {
            List<DeviceEvent> history = registry.history(DeviceRef.id(device.id()));
            assertThat(history).as("history of %s", device).isNotEmpty();
            assertThat(history.get(0)).as("first event of %s", device)
                    .extracting(DeviceEvent::operation, DeviceEvent::from, DeviceEvent::to)
                    .containsExactly(DeviceOperation.REGISTER, null, DeviceStatus.INITIALIZING);
            for (int i = 1; i < history.size(); i++) {
                assertThat(history.get(i).from()).as("event %s of %s follows %s", history.get(i), device,
                        history.get(i - 1)).isEqualTo(history.get(i - 1).to());
                assertThat(history.get(i).sequence()).isGreaterThan(history.get(i - 1).sequence());
            }
            assertThat(device.status()).as("status of %s is the end of its history %s", device, history)
                    .isEqualTo(history.get(history.size() - 1).to());
            assertThat(history).allSatisfy(event -> assertThat(event.deviceId()).isEqualTo(device.id()));
            inHistories.addAll(history);
        }
        List<DeviceEvent> feed = allEvents(registry);
        for (int i = 1; i < feed.size(); i++) {
            assertThat(feed.get(i).sequence()).isGreaterThan(feed.get(i - 1).sequence());
        }
        Map<Long, Device> byId = devices.stream().collect(Collectors.toMap(Device::id, Function.identity()));
        assertThat(feed).allSatisfy(event -> assertThat(byId).as("the device of %s", event).containsKey(event.deviceId()));
        assertThat(new HashSet<>(feed)).as("the feed holds exactly the events of the histories").isEqualTo(inHistories);
        assertThat(feed).hasSameSizeAs(inHistories);
        return new Counts(devices.size(), feed.size());
    }

    /** Every device of {@code registry}, page by page, in id order. */
    public static List<Device> allDevices(DeviceRegistry registry) {
        List<Device> all = new ArrayList<>();
        Page<Device> page = registry.list(DeviceQuery.builder().limit(DeviceQuery.MAX_LIMIT).build());
        all.addAll(page.items());
        while (page.nextCursor().isPresent()) {
            page = registry.list(DeviceQuery.builder().limit(DeviceQuery.MAX_LIMIT).after(page.nextCursor().get()).build());
            all.addAll(page.items());
        }
        return all;
    }

    /** The whole change feed of {@code registry}, window by window. */
    public static List<DeviceEvent> allEvents(DeviceRegistry registry) {
        List<DeviceEvent> all = new ArrayList<>();
        long after = 0;
        for (List<DeviceEvent> batch = registry.events(after, 1000); !batch.isEmpty();
                batch = registry.events(after, 1000)) {
            all.addAll(batch);
            after = batch.get(batch.size() - 1).sequence();
        }
        return all;
    }
}
