package io.devreg.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.devreg.Device;
import io.devreg.DeviceQuery;
import io.devreg.DeviceRef;
import io.devreg.DeviceStatus;
import io.devreg.DeviceUpdate;
import io.devreg.Page;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Filters and keyset paging: walking every page yields each match once, in id order. */
abstract class ListingSpec extends StoreSpec {

    private final List<Device> devices = new ArrayList<>();

    /** Twenty devices across two types, every status, online and offline. */
    @BeforeEach
    final void registerDevices() {
        DeviceStatus[] statuses = DeviceStatus.values();
        for (int n = 0; n < 20; n++) {
            String type = n % 3 == 0 ? "camera" : "router";
            Device device = given(statuses[n % statuses.length], type, null, "sn-" + n);
            if (n % 4 == 1) {
                tick();
                device = registry.update(DeviceRef.id(device.id()), DeviceUpdate.builder().online(true).build());
            }
            devices.add(device);
        }
    }

    private List<Device> walk(UnaryOperator<DeviceQuery.Builder> filter, int pageSize) {
        return walk(filter, pageSize, null);
    }

    private List<Device> walk(UnaryOperator<DeviceQuery.Builder> filter, int pageSize, @Nullable String after) {
        List<Device> all = new ArrayList<>();
        String cursor = after;
        do {
            Page<Device> page = registry.list(filter.apply(DeviceQuery.builder()).limit(pageSize).after(cursor).build());
            assertThat(page.items()).hasSizeLessThanOrEqualTo(pageSize);
            if (page.nextCursor().isPresent()) {
                assertThat(page.items()).as("a page before the last is full").hasSize(pageSize);
            }
            for (Device device : page.items()) {
                assertThat(all).as("devices listed before %s", device)
                        .noneMatch(earlier -> earlier.id() >= device.id());
                all.add(device);
            }
            cursor = page.nextCursor().orElse(null);
        } while (cursor != null);
        return all;
    }

    private List<Device> matching(Predicate<Device> filter) {
        return devices.stream().filter(filter).toList();
    }

    @Test
    void devicesAreListedInIdOrderWhichIsRegistrationOrder() {
        List<Device> listed = registry.list(DeviceQuery.builder().build()).items();

        assertThat(listed).isEqualTo(devices);
        assertThat(listed).isSortedAccordingTo(Comparator.comparingLong(Device::id));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 19, 20, 21, 1000})
    void walkingAllPagesYieldsEveryMatchExactlyOnceInIdOrder(int pageSize) {
        assertThat(walk(q -> q, pageSize)).isEqualTo(devices);
        assertThat(walk(q -> q.type("router"), pageSize)).isEqualTo(matching(d -> d.type().equals("router")));
        assertThat(walk(q -> q.status(DeviceStatus.AVAILABLE, DeviceStatus.RESERVED).online(false), pageSize))
                .isEqualTo(matching(d -> (d.status() == DeviceStatus.AVAILABLE || d.status() == DeviceStatus.RESERVED)
                        && !d.online()));
    }

    @Test
    void eachFilterSelectsExactlyTheMatchingDevices() {
        assertThat(walk(q -> q.type("camera"), 5)).isEqualTo(matching(d -> d.type().equals("camera")));
        assertThat(walk(q -> q.type(" camera "), 5)).isEqualTo(matching(d -> d.type().equals("camera")));
        assertThat(walk(q -> q.type("unknown"), 5)).isEmpty();
        assertThat(walk(q -> q.online(true), 5)).isEqualTo(matching(Device::online)).isNotEmpty();
        assertThat(walk(q -> q.online(false), 5)).isEqualTo(matching(d -> !d.online()));
        for (DeviceStatus status : DeviceStatus.values()) {
            assertThat(walk(q -> q.status(status), 3)).as("status %s", status)
                    .isEqualTo(matching(d -> d.status() == status)).isNotEmpty();
        }
        assertThat(walk(q -> q.type("router").status(DeviceStatus.ACTIVATED, DeviceStatus.DEACTIVATING).online(true), 2))
                .isEqualTo(matching(d -> d.type().equals("router") && d.online()
                        && (d.status() == DeviceStatus.ACTIVATED || d.status() == DeviceStatus.DEACTIVATING)));
    }

    @Test
    void theLastPageHasNoCursorAndAnEmptyResultIsOnePage() {
        Page<Device> all = registry.list(DeviceQuery.builder().limit(20).build());
        Page<Device> none = registry.list(DeviceQuery.builder().type("unknown").build());

        assertThat(all.items()).hasSize(20);
        assertThat(all.nextCursor()).isEmpty();
        assertThat(none.items()).isEmpty();
        assertThat(none.nextCursor()).isEmpty();
    }

    @Test
    void aDeviceThatChangesDuringAWalkIsListedAsItIsWhenItsPageIsRead() {
        Page<Device> first = registry.list(DeviceQuery.builder().limit(5).build());
        Device later = devices.get(12);
        tick();
        Device changed = registry.update(DeviceRef.id(later.id()), DeviceUpdate.builder().name("moved").build());
        Device registered = given(DeviceStatus.AVAILABLE, "router", null, "sn-new");

        List<Device> rest = walk(q -> q, 5, first.nextCursor().orElseThrow());

        assertThat(first.items()).isEqualTo(devices.subList(0, 5));
        assertThat(rest).contains(changed, registered).doesNotContain(later).hasSize(16);
    }
}
