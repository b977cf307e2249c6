package io.devreg.testkit;

import static io.devreg.DeviceOperation.REGISTER;
import static io.devreg.DeviceStatus.ACTIVATED;
import static io.devreg.DeviceStatus.AVAILABLE;
import static io.devreg.DeviceStatus.INITIALIZING;
import static io.devreg.RowOutcome.CREATED;
import static io.devreg.RowOutcome.FAILED;
import static io.devreg.RowOutcome.UNCHANGED;
import static io.devreg.RowOutcome.UPDATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devreg.BulkResult;
import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceException;
import io.devreg.DeviceQuery;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceUpdate;
import io.devreg.ErrorCode;
import io.devreg.Hold;
import io.devreg.ImportMode;
import io.devreg.NewDevice;
import io.devreg.Page;
import io.devreg.RowResult;
import io.devreg.spi.DeviceStore;
import io.devreg.storage.memory.InMemoryDeviceStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bulk registration: one result per row, in order, each row on its own as if the rows were
 * registered one by one; duplicates of the store or of an earlier row fail under CREATE and update
 * (or leave unchanged) under CREATE_OR_UPDATE; at most 10,000 rows per call.
 */
abstract class BulkSpec extends StoreSpec {

    /** A few hundred rows: enough for several batches of a store, few enough for a database in a test. */
    static final int MANY = 300;

    /** Rows enough for a store's batches to span several transactions (the JDBC store's hold 1,000 rows). */
    static final int LARGE = 1_500;

    static NewDevice.Builder row(int n) {
        return NewDevice.builder("router").mac(mac(n)).serialNumber(serial(n));
    }

    static DeviceEvent registered(Device device) {
        return new DeviceEvent(0, device.id(), REGISTER, null, INITIALIZING, device.createdAt());
    }

    /** {@code device} with the attributes a row sets, changed at {@code at}. */
    static Device withAttributes(Device device, @Nullable String name, @Nullable String version, boolean online,
            Instant at) {
        return new Device(device.id(), device.type(), device.uuid(), device.serialNumber(), device.mac(),
                device.status(), name, version, device.createdAt(), at, online, device.revision() + 1,
                device.reservation(), device.account());
    }

    static List<@Nullable Device> devices(BulkResult result) {
        return result.rows().stream().map(RowResult::device).toList();
    }

    @ParameterizedTest
    @EnumSource(ImportMode.class)
    void everyRowOfANewDeviceIsRegisteredWithItsRegisterEventAndItsResultInRowOrder(ImportMode mode) {
        List<NewDevice> rows = List.of(row(1).name("lobby").build(), row(2).version("1.1.1.1").online(true).build(),
                NewDevice.builder("camera").serialNumber("cam-1").build());
        Instant now = tick();

        BulkResult result = registry.registerAll(rows, mode);

        assertThat(result.rows()).extracting(RowResult::index).containsExactly(0, 1, 2);
        assertThat(result.rows()).extracting(RowResult::outcome).containsExactly(CREATED, CREATED, CREATED);
        assertThat(result.rows()).extracting(RowResult::code).containsOnlyNulls();
        List<Device> created = devices(result).stream().map(Objects::requireNonNull).toList();
        for (int i = 0; i < rows.size(); i++) {
            assertThat(created.get(i)).isEqualTo(rows.get(i).toDevice(created.get(i).id(), now));
        }
        assertThat(created.get(0).id()).isPositive();
        assertThat(created).extracting(Device::id).isSorted().doesNotHaveDuplicates();
        assertThat(List.of(result.created(), result.updated(), result.failed(), result.unchanged()))
                .containsExactly(3, 0, 0, 0);
        assertThat(registry.list(DeviceQuery.builder().build()).items()).isEqualTo(created);
        assertEvents(feed(), registered(created.get(0)), registered(created.get(1)), registered(created.get(2)));
    }

    @Test
    void underCreateADuplicateOfTheStoreOrOfAnEarlierRowFailsAloneAsIfTheRowsWereRegisteredOneByOne() {
        Device existing = given(AVAILABLE, 1);
        List<DeviceEvent> feedBefore = feed();
        Instant now = tick();
        List<NewDevice> rows = List.of(
                row(2).build(),
                NewDevice.builder("router").mac(mac(1)).build(),
                row(3).build(),
                NewDevice.builder("router").serialNumber(serial(2)).build(),
                NewDevice.builder("camera").uuid(existing.uuid()).serialNumber("cam-1").build(),
                NewDevice.builder("router").mac(mac(3)).serialNumber(serial(9)).build(),
                row(4).build(),
                row(2).build());

        BulkResult result = registry.registerAll(rows, ImportMode.CREATE);

        assertThat(result.rows()).extracting(RowResult::index).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(result.rows()).extracting(RowResult::outcome)
                .containsExactly(CREATED, FAILED, CREATED, FAILED, FAILED, FAILED, CREATED, FAILED);
        ErrorCode duplicate = ErrorCode.DEVICE_ALREADY_REGISTERED;
        assertThat(result.rows()).extracting(RowResult::code)
                .containsExactly(null, duplicate, null, duplicate, duplicate, duplicate, null, duplicate);
        List<@Nullable Device> devices = devices(result);
        assertThat(Arrays.asList(devices.get(1), devices.get(3), devices.get(4), devices.get(5), devices.get(7)))
                .containsOnlyNulls();
        List<Device> created = List.of(Objects.requireNonNull(devices.get(0)), Objects.requireNonNull(devices.get(2)),
                Objects.requireNonNull(devices.get(6)));
        assertThat(created).containsExactly(rows.get(0).toDevice(created.get(0).id(), now),
                rows.get(2).toDevice(created.get(1).id(), now), rows.get(6).toDevice(created.get(2).id(), now));
        assertThat(created).extracting(Device::id).isSorted().doesNotHaveDuplicates();
        assertThat(List.of(result.created(), result.updated(), result.failed(), result.unchanged()))
                .containsExactly(3, 0, 5, 0);
        assertThat(registry.get(ref(existing))).isEqualTo(existing);
        assertThat(registry.list(DeviceQuery.builder().build()).items())
                .containsExactly(existing, created.get(0), created.get(1), created.get(2));
        assertEvents(appendedSince(feedBefore),
                registered(created.get(0)), registered(created.get(1)), registered(created.get(2)));
    }

    @Test
    void underCreateOrUpdateARowNamingAnExistingDeviceSetsItsNameVersionAndOnlineFlagWithoutAnEvent() {
        tick();
        Device first = registry.register(row(1).name("old").version("1.0").build());
        tick();
        registry.markAvailable(ref(first));
        tick();
        Device held = registry.reserve(ref(first), Hold.of("cart-1"));
        Device activated = given(ACTIVATED, 2);
        tick();
        Device named = registry.register(row(5).name("kiosk").version("1.0").online(true).build());
        List<DeviceEvent> feedBefore = feed();
        Instant now = tick();
        List<NewDevice> rows = List.of(
                row(1).name("new").version("2.0").online(true).build(),
                row(2).build(),
                row(3).name("x").build(),
                row(3).name("y").build(),
                row(1).uuid(first.uuid()).name("new").version("2.0").online(true).build(),
                row(5).build());

        BulkResult result = registry.registerAll(rows, ImportMode.CREATE_OR_UPDATE);

        assertThat(result.rows()).extracting(RowResult::outcome)
                .containsExactly(UPDATED, UNCHANGED, CREATED, UPDATED, UNCHANGED, UPDATED);
        assertThat(result.rows()).extracting(RowResult::code).containsOnlyNulls();
        List<@Nullable Device> devices = devices(result);
        Device updated = withAttributes(held, "new", "2.0", true, now);
        Device created = rows.get(2).toDevice(Objects.requireNonNull(devices.get(2)).id(), now);
        assertThat(devices).containsExactly(updated, activated, created, withAttributes(created, "y", null, false, now),
                updated, withAttributes(named, null, null, false, now));
        assertThat(List.of(result.created(), result.updated(), result.failed(), result.unchanged()))
                .containsExactly(1, 3, 0, 2);
        assertThat(registry.get(ref(first))).isEqualTo(updated);
        assertThat(registry.get(ref(activated))).isEqualTo(activated);
        assertThat(registry.get(ref(created))).isEqualTo(devices.get(3));
        assertThat(registry.get(ref(named))).isEqualTo(devices.get(5));
        assertEvents(appendedSince(feedBefore), registered(created));
    }

    @Test
    void underCreateOrUpdateARowThatCollidesWithADeviceItDoesNotNameFailsAlone() {
        Device existing = given(AVAILABLE, 1);
        List<DeviceEvent> feedBefore = feed();
        tick();
        List<NewDevice> rows = List.of(
                row(1).uuid(UUID.fromString("00000000-0000-4000-8000-000000000001")).name("x").build(),
                NewDevice.builder("router").uuid(existing.uuid()).serialNumber("sn-other").build(),
                NewDevice.builder("router").mac(mac(1)).serialNumber("sn-other").name("x").build(),
                row(2).build());

        BulkResult result = registry.registerAll(rows, ImportMode.CREATE_OR_UPDATE);

        assertThat(result.rows()).extracting(RowResult::outcome).containsExactly(FAILED, FAILED, FAILED, CREATED);
        assertThat(result.rows()).extracting(RowResult::code).containsExactly(ErrorCode.DEVICE_ALREADY_REGISTERED,
                ErrorCode.DEVICE_ALREADY_REGISTERED, ErrorCode.DEVICE_ALREADY_REGISTERED, null);
        assertThat(List.of(result.created(), result.updated(), result.failed(), result.unchanged()))
                .containsExactly(1, 0, 3, 0);
        assertThat(registry.get(ref(existing))).isEqualTo(existing);
        assertEvents(appendedSince(feedBefore), registered(Objects.requireNonNull(result.rows().get(3).device())));
    }

    @Test
    void underCreateOrUpdateARowWithNeitherMacNorSerialNumberNamesNoDeviceAndIsRegistered() {
        Device existing = given(AVAILABLE, 1);
        List<DeviceEvent> feedBefore = feed();
        Instant now = tick();
        List<NewDevice> rows = List.of(
                NewDevice.builder("camera").name("lobby").build(),
                NewDevice.builder("router").uuid(existing.uuid()).name("x").build(),
                NewDevice.builder("camera").name("lobby").build());

        BulkResult result = registry.registerAll(rows, ImportMode.CREATE_OR_UPDATE);

        assertThat(result.rows()).extracting(RowResult::outcome).containsExactly(CREATED, FAILED, CREATED);
        assertThat(result.rows().get(1).code()).isEqualTo(ErrorCode.DEVICE_ALREADY_REGISTERED);
        Device first = Objects.requireNonNull(result.rows().get(0).device());
        Device third = Objects.requireNonNull(result.rows().get(2).device());
        assertThat(first).isEqualTo(rows.get(0).toDevice(first.id(), now));
        assertThat(third).isEqualTo(rows.get(2).toDevice(third.id(), now));
        assertThat(registry.get(ref(existing))).isEqualTo(existing);
        assertEvents(appendedSince(feedBefore), registered(first), registered(third));
    }

    /**
     * Rows drawn at random from a small set of keys, so that most repeat a stored device or an earlier
     * row, some across hundreds of rows, against the same rows registered one at a time through the
     * registry's single-device operations (the model, on an in-memory store, which the rest of the
     * contract holds to those operations): every row's outcome and device, the stored devices and the
     * appended events agree. Ids may differ; each store assigns its own.
     */
    @ParameterizedTest
    @EnumSource(ImportMode.class)
    void rowsFullOfDuplicatesEndExactlyAsRegisteringThemOneByOneWould(ImportMode mode) {
        Random random = new Random(20_260_301L + mode.ordinal());
        List<UUID> storedUuids = new ArrayList<>();
        try (DeviceStore modelStore = new InMemoryDeviceStore()) {
            DeviceRegistry model = DeviceRegistry.builder().store(modelStore).clock(clock).build();
            for (int n = 0; n < 40; n++) {
                NewDevice device = NewDevice.builder("router").mac(mac(11 * n)).serialNumber(serial(11 * n + 5))
                        .name("lobby").build();
                tick();
                storedUuids.add(registry.register(device).uuid());
                model.register(device);
            }
            List<NewDevice> rows = IntStream.range(0, LARGE).mapToObj(i -> randomRow(random, storedUuids)).toList();
            List<DeviceEvent> feedBefore = feed();
            Instant now = tick();

            BulkResult result = registry.registerAll(rows, mode);

            List<RowResult> expected = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                expected.add(oneByOne(model, i, rows.get(i), mode));
            }
            assertThat(result.rows().stream().map(BulkSpec::withoutId).toList())
                    .containsExactlyElementsOf(expected.stream().map(BulkSpec::withoutId).toList());
            assertThat(List.of(result.created(), result.failed())).as("created, failed").doesNotContain(0);
            if (mode == ImportMode.CREATE_OR_UPDATE) {
                assertThat(List.of(result.updated(), result.unchanged())).as("updated, unchanged").doesNotContain(0);
            }
            List<Device> created = result.rows().stream().filter(row -> row.outcome() == CREATED)
                    .map(RowResult::device).map(Objects::requireNonNull).toList();
            assertThat(created).extracting(Device::id).isSorted().doesNotHaveDuplicates();
            assertThat(created).allSatisfy(device -> assertThat(device.createdAt()).isEqualTo(now));
            assertThat(allDevices().stream().map(BulkSpec::withoutId).toList())
                    .containsExactlyElementsOf(allDevices(model).stream().map(BulkSpec::withoutId).toList());
            assertEvents(appendedSince(feedBefore), created.stream().map(BulkSpec::registered).toArray(DeviceEvent[]::new));
        }
    }

    /** The row as registering it alone would end, through the registry's single-device operations. */
    private static RowResult oneByOne(DeviceRegistry model, int index, NewDevice row, ImportMode mode) {
        if (mode == ImportMode.CREATE_OR_UPDATE && (row.mac() != null || row.serialNumber() != null)) {
            Optional<Device> named = model.find(DeviceRef.identity(row.type(), row.mac(), row.serialNumber()));
            if (named.isPresent() && (!row.uuidGiven() || named.get().uuid().equals(row.uuid()))) {
                Device current = named.get();
                if (Objects.equals(current.name(), row.name()) && Objects.equals(current.version(), row.version())
                        && current.online() == row.online()) {
                    return RowResult.of(index, UNCHANGED, current);
                }
                return RowResult.of(index, UPDATED, model.update(ref(current), DeviceUpdate.builder()
                        .name(row.name()).version(row.version()).online(row.online()).build()));
            }
        }
        try {
            return RowResult.of(index, CREATED, model.register(row));
        } catch (DeviceException refused) {
            return RowResult.failed(index, refused.code());
        }
    }

    /** A row of two types, a few hundred macs and serial numbers (either may be absent), now and then a uuid given. */
    private static NewDevice randomRow(Random random, List<UUID> stored) {
        String type = random.nextInt(4) == 0 ? "camera" : "router";
        NewDevice.Builder row = NewDevice.builder(type)
                .mac(random.nextInt(5) == 0 ? null : mac(random.nextInt(LARGE / 3)))
                .serialNumber(random.nextInt(5) == 0 ? null : serial(random.nextInt(LARGE / 3)))
                .name(List.of("", "lobby", "hall").get(random.nextInt(3)))
                .version(random.nextBoolean() ? null : "1.1.1.1")
                .online(random.nextBoolean());
        int uuid = random.nextInt(20);
        if (uuid == 0 && !stored.isEmpty()) {
            row.uuid(stored.get(random.nextInt(stored.size())));
        } else if (uuid == 1) {
            row.uuid(new UUID(0, random.nextInt(LARGE)));
        }
        return row.build();
    }

    /** The row's result with the device's id set to 1: ids are the store's own. */
    private static RowResult withoutId(RowResult row) {
        Device device = row.device();
        return device == null ? row : new RowResult(row.index(), row.outcome(), withoutId(device), null);
    }

    private static Device withoutId(Device device) {
        return new Device(1, device.type(), device.uuid(), device.serialNumber(), device.mac(), device.status(),
                device.name(), device.version(), device.createdAt(), device.lastUpdatedAt(), device.online(),
                device.revision(), device.reservation(), device.account());
    }

    @ParameterizedTest
    @EnumSource(ImportMode.class)
    void anEmptyListGivesAnEmptyResult(ImportMode mode) {
        BulkResult result = registry.registerAll(List.of(), mode);

        assertThat(result.rows()).isEmpty();
        assertThat(List.of(result.created(), result.updated(), result.failed(), result.unchanged()))
                .containsExactly(0, 0, 0, 0);
        assertThat(feed()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ImportMode.class)
    void moreThan10000RowsFailWithIllegalArgumentExceptionAndStoreNothing(ImportMode mode) {
        List<NewDevice> rows = IntStream.range(0, 10_001)
                .mapToObj(i -> NewDevice.builder("router").serialNumber("bulk-" + i).build()).toList();

        assertThatThrownBy(() -> registry.registerAll(rows, mode)).isInstanceOf(IllegalArgumentException.class);

        assertThat(registry.list(DeviceQuery.builder().build()).items()).isEmpty();
        assertThat(feed()).isEmpty();
    }

    @Test
    void aFewHundredRowsAreEachRegisteredOnceInOrderAndTheSameImportRunAgainChangesNothing() {
        Instant now = tick();

        BulkResult first = registry.registerAll(manyRows(), ImportMode.CREATE_OR_UPDATE);
        tick();
        BulkResult again = registry.registerAll(manyRows(), ImportMode.CREATE_OR_UPDATE);

        assertThat(first.created()).isEqualTo(MANY);
        List<Device> created = devices(first).stream().map(Objects::requireNonNull).toList();
        assertThat(created).extracting(Device::id).isSorted().doesNotHaveDuplicates();
        assertThat(created).allSatisfy(device -> assertThat(device.createdAt()).isEqualTo(now));
        assertThat(created).extracting(Device::serialNumber)
                .containsExactlyElementsOf(IntStream.range(0, MANY).mapToObj(StoreSpec::serial).toList());
        assertThat(again.rows()).extracting(RowResult::outcome).containsOnly(UNCHANGED);
        assertThat(devices(again)).isEqualTo(created);
        assertThat(allDevices()).isEqualTo(created);
        assertEvents(feed(), created.stream().map(BulkSpec::registered).toArray(DeviceEvent[]::new));
    }

    /** {@link #MANY} rows, built afresh (with new random uuids) on every call. */
    private static List<NewDevice> manyRows() {
        return IntStream.range(0, MANY).mapToObj(n -> row(n).name("device " + n).build()).toList();
    }

    private List<Device> allDevices() {
        return allDevices(registry);
    }

    private static List<Device> allDevices(DeviceRegistry registry) {
        List<Device> all = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page<Device> page = registry.list(DeviceQuery.builder().limit(100).after(cursor.orElse(null)).build());
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        return all;
    }
}
