package io.devreg.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.quicktheories.QuickTheory.qt;

import io.devreg.ActivateRequest;
import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceException;
import io.devreg.DeviceQuery;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.ErrorCode;
import io.devreg.NewDevice;
import io.devreg.Page;
import io.devreg.ReserveRequest;
import io.devreg.ValidationException;
import io.devreg.reliability.FieldModel.Field;
import io.devreg.spi.DeviceStore;
import io.devreg.testkit.Figures;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Hostile input through every lookup, query field, page cursor and number, on one store holding
 * devices with odd but valid identities: only {@link ValidationException} (for exactly the fields
 * the model calls invalid) or {@link DeviceException} comes out; a valid lookup finds exactly the
 * device the model says; a forged cursor is rejected or positions the page consistently; and no
 * read or refused write changes anything.
 */
abstract class HostileReadContract {

    /** A fresh, empty store; closed after the test. */
    protected abstract DeviceStore createStore();

    private static final int EXAMPLES = HostileWriteContract.EXAMPLES;

    /** Valid identities that look like trouble: quotes, SQL, LIKE wildcards, unicode, limits. */
    private static final List<String[]> IDENTITIES = List.of(
            new String[] {"mediaagent", "aa:bb:cc:dd:ee:01", "sn-1"},
            new String[] {"media'agent", "fake_mac_5", "sn'; DROP TABLE device; --"},
            new String[] {"日本語", "😀mac", "%_\\"},
            new String[] {"type\u00a0nbsp", "AABB.CCDD.EE02", "e\u0301"},
            new String[] {"x".repeat(64), "m".repeat(64), "s".repeat(128)},
            new String[] {"mediaagent", null, "only-serial"},
            new String[] {"mediaagent", "only-mac", null},
            new String[] {"%", "%", "%"},
            new String[] {"_", "_", "_"});

    private DeviceStore store;
    private DeviceRegistry registry;
    private final List<Device> devices = new ArrayList<>();
    private final AtomicLong found = new AtomicLong();
    private final AtomicLong notFound = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    @BeforeEach
    void registerOddDevices() {
        store = createStore();
        registry = DeviceRegistry.builder().store(store).build();
        for (String[] identity : IDENTITIES) {
            devices.add(registry.register(NewDevice.builder(identity[0]).mac(identity[1]).serialNumber(identity[2])
                    .online(devices.size() % 2 == 0).build()));
        }
        for (int i = 0; i < 3; i++) { // one device in each other status, for status filters
            Device device = registry.register(NewDevice.builder("mediaagent").serialNumber("status-" + i).build());
            registry.markAvailable(DeviceRef.id(device.id()));
            if (i > 0) {
                registry.reserve(DeviceRef.id(device.id()));
            }
            if (i > 1) {
                registry.activate(DeviceRef.id(device.id()), true);
            }
            devices.add(registry.get(DeviceRef.id(device.id())));
        }
    }

    @AfterEach
    void nothingChangedAndStoreClosed() {
        for (Device device : devices) {
            assertThat(registry.get(DeviceRef.id(device.id()))).isEqualTo(device);
        }
        store.close();
    }

    @Test
    void hostileIdentitiesOnlyFindTheMatchingDeviceOrAreRejected() {
        qt().withExamples(EXAMPLES).withShrinkCycles(200).forAll(identities(), Generate.range(0, 2))
                .checkAssert((identity, operation) -> lookUp(identity[0], identity[1], identity[2], operation));

        Figures.of(getClass().getSimpleName() + ".lookups").put("inputs", found.get() + notFound.get() + rejected.get()).put("found", found)
                .put("notFound", notFound).put("rejected", rejected).publish();
    }

    @Test
    void hostileQueriesAndCursorsOnlyListConsistentPagesOrAreRejected() {
        Map<String, Long> realCursors = realCursors();
        Gen<String> cursors = Generate.oneOf(Generate.constant((String) null), Generate.pick(List.copyOf(realCursors.keySet())),
                HostileInput.forgedCursors(List.copyOf(realCursors.keySet())));
        Gen<String> types = HostileInput.text().mix(Generate.pick(List.of("mediaagent", " mediaagent ", "%", "_")), 40);
        qt().withExamples(EXAMPLES).withShrinkCycles(200)
                .forAll(types, HostileInput.limits(), cursors, Generate.range(0, 95))
                .checkAssert((type, limit, cursor, filters) -> query(type, limit, cursor, filters, realCursors));

        Figures.of(getClass().getSimpleName() + ".queries").put("inputs", found.get() + rejected.get()).put("pages", found)
                .put("rejected", rejected).publish();
    }

    @Test
    void hostileNumbersOnlyFindOrAreRejected() {
        qt().withExamples(EXAMPLES).forAll(HostileInput.anyLong(), HostileInput.limits()).checkAssert((number, limit) -> {
            Throwable byId = catchThrowable(() -> registry.get(DeviceRef.id(number)));
            Optional<Device> known = devices.stream().filter(d -> d.id() == number).findFirst();
            if (number < 1) {
                assertThat(byId).isInstanceOf(ValidationException.class);
                assertThat(((ValidationException) byId).errors()).containsOnlyKeys("id");
            } else if (known.isEmpty()) {
                assertThat(byId).isInstanceOf(DeviceException.class);
                assertThat(((DeviceException) byId).code()).isEqualTo(ErrorCode.DEVICE_NOT_FOUND);
            } else {
                assertThat(byId).isNull();
            }

            List<List<DeviceEvent>> events = new ArrayList<>();
            Throwable feed = catchThrowable(() -> events.add(registry.events(number, limit)));
            Set<String> invalid = new LinkedHashSet<>();
            if (number < 0) {
                invalid.add("after_sequence");
            }
            if (limit < 1 || limit > 1000) {
                invalid.add("limit");
            }
            if (invalid.isEmpty()) {
                assertThat(feed).isNull();
                assertThat(events.get(0)).hasSizeLessThanOrEqualTo(limit)
                        .allSatisfy(event -> assertThat(event.sequence()).isGreaterThan(number));
                found.incrementAndGet();
            } else {
                assertThat(feed).isInstanceOf(ValidationException.class);
                assertThat(((ValidationException) feed).errors().keySet()).isEqualTo(invalid);
                rejected.incrementAndGet();
            }
        });
        Figures.of(getClass().getSimpleName() + ".numbers").put("inputs", found.get() + rejected.get()).put("feedReads", found)
                .put("rejected", rejected).publish();
    }

    private void lookUp(String type, String mac, String serialNumber, int operation) {
        Set<String> invalid = FieldModel.identityErrors(type, mac, serialNumber);
        Object[] result = new Object[1];
        Throwable thrown = catchThrowable(() -> result[0] = switch (operation) {
            case 0 -> registry.find(new ReserveRequest(type, mac, serialNumber).ref());
            case 1 -> registry.reserve(new ReserveRequest(type, mac, serialNumber));
            default -> registry.activate(new ActivateRequest(type, mac, serialNumber, true));
        });
        if (!invalid.isEmpty()) {
            assertThat(thrown).as("looking up %s/%s/%s", type, mac, serialNumber).isInstanceOf(ValidationException.class);
            assertThat(((ValidationException) thrown).errors().keySet()).isEqualTo(invalid);
            rejected.incrementAndGet();
            return;
        }
        String normalType = FieldModel.expect(Field.TYPE, type).normal();
        String normalMac = FieldModel.expect(Field.MAC, mac).normal();
        String normalSerial = FieldModel.expect(Field.SERIAL_NUMBER, serialNumber).normal();
        Optional<Device> match = devices.stream().filter(d -> d.type().equals(normalType)
                && (normalMac == null || normalMac.equals(d.mac()))
                && (normalSerial == null || normalSerial.equals(d.serialNumber()))).findFirst();
        if (operation == 0) {
            assertThat(thrown).isNull();
            assertThat(result[0]).as("looking up %s/%s/%s", type, mac, serialNumber).isEqualTo(match);
        } else {
            // Every device with an odd identity is still initializing: both writes are refused.
            assertThat(thrown).as("writing %s/%s/%s", type, mac, serialNumber).isInstanceOf(DeviceException.class);
            assertThat(((DeviceException) thrown).code()).isEqualTo(match.isPresent()
                    ? ErrorCode.refusedIn(match.get().status()) : ErrorCode.DEVICE_NOT_FOUND);
            assertThat(((DeviceException) thrown).device()).isEqualTo(match);
        }
        (match.isPresent() ? found : notFound).incrementAndGet();
    }

    private void query(String type, int limit, String cursor, int filters, Map<String, Long> realCursors) {
        EnumSet<DeviceStatus> statuses = EnumSet.noneOf(DeviceStatus.class);
        for (DeviceStatus status : DeviceStatus.values()) {
            if ((filters & (1 << status.ordinal())) != 0) {
                statuses.add(status);
            }
        }
        Boolean online = filters < 32 ? null : filters < 64;
        DeviceQuery.Builder builder = DeviceQuery.builder().type(type).limit(limit).after(cursor)
                .status(statuses.toArray(DeviceStatus[]::new));
        if (online != null) {
            builder.online(online);
        }
        Page<?>[] page = new Page<?>[1];
        Throwable thrown = catchThrowable(() -> page[0] = registry.list(builder.build()));

        Set<String> invalid = new LinkedHashSet<>();
        if (type != null && !FieldModel.expect(Field.TYPE, type).valid()) {
            invalid.add("type");
        }
        if (limit < 1 || limit > 1000) {
            invalid.add("limit");
        }
        boolean forged = cursor != null && !realCursors.containsKey(cursor);
        if (thrown != null) {
            assertThat(thrown).as("listing %s %s %s", type, limit, cursor).isInstanceOf(ValidationException.class);
            Set<String> reported = ((ValidationException) thrown).errors().keySet();
            assertThat(reported).containsAll(invalid);
            Set<String> allowed = new LinkedHashSet<>(invalid);
            if (forged) {
                allowed.add("after");
            }
            assertThat(allowed).containsAll(reported);
            rejected.incrementAndGet();
            return;
        }
        assertThat(invalid).as("accepted %s %s %s", type, limit, cursor).isEmpty();
        String normalType = type == null ? null : FieldModel.expect(Field.TYPE, type).normal();
        List<Device> matching = devices.stream().filter(d -> (normalType == null || normalType.equals(d.type()))
                && (statuses.isEmpty() || statuses.contains(d.status())) && (online == null || online == d.online()))
                .toList();
        List<?> items = page[0].items();
        long after = cursor == null ? 0 : forged
                ? items.isEmpty() ? Long.MAX_VALUE : ((Device) items.get(0)).id() - 1 // any position is consistent
                : realCursors.get(cursor);
        List<Device> rest = matching.stream().filter(d -> d.id() > after).toList();
        if (!forged || !items.isEmpty()) {
            assertThat(items).isEqualTo(rest.subList(0, Math.min(limit, rest.size())));
            assertThat(page[0].nextCursor().isPresent()).isEqualTo(rest.size() > limit);
        }
        found.incrementAndGet();
    }

    /** Cursors the registry issued, walking all devices two at a time, with the last id of their page. */
    private Map<String, Long> realCursors() {
        Map<String, Long> cursors = new LinkedHashMap<>();
        Page<Device> page = registry.list(DeviceQuery.builder().limit(2).build());
        while (page.nextCursor().isPresent()) {
            cursors.put(page.nextCursor().get(), page.items().get(page.items().size() - 1).id());
            page = registry.list(DeviceQuery.builder().limit(2).after(page.nextCursor().get()).build());
        }
        return cursors;
    }

    /** Stored identities, respelled (white space, mac notation, case, one part left out), and hostile ones. */
    private static Gen<String[]> identities() {
        Gen<String[]> stored = Generate.pick(IDENTITIES).zip(Generate.range(0, 5), (identity, how) -> switch (how) {
            case 0 -> identity.clone();
            case 1 -> new String[] {" " + identity[0] + "\t", identity[1] == null ? null : "\u2003" + identity[1],
                identity[2]};
            case 2 -> new String[] {identity[0], null, identity[2]};
            case 3 -> new String[] {identity[0], identity[1], null};
            case 4 -> new String[] {identity[0].toUpperCase(java.util.Locale.ROOT), identity[1], identity[2]};
            default -> new String[] {identity[0], identity[1], identity[2] == null ? "other" : identity[2] + "x"};
        });
        Gen<String> text = HostileInput.text();
        Gen<String[]> hostile = text.zip(text.mix(HostileInput.macs(), 30), text, (t, m, s) -> new String[] {t, m, s});
        return stored.mix(hostile, 50).mix(Generate.pick(List.of(new String[] {"mediaagent", "AA-BB-CC-DD-EE-01", null},
                new String[] {"mediaagent", "aabbccddee01", "sn-1"}, new String[] {"type\u00a0nbsp", "aa:bb:cc:dd:ee:02",
                        null})), 10);
    }
}
