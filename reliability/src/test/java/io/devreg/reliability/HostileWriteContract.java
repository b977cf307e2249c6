package io.devreg.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;

import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceException;
import io.devreg.DeviceOperation;
import io.devreg.DeviceQuery;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.DeviceUpdate;
import io.devreg.ErrorCode;
import io.devreg.NewDevice;
import io.devreg.Page;
import io.devreg.ValidationException;
import io.devreg.reliability.FieldModel.Expected;
import io.devreg.reliability.FieldModel.Field;
import io.devreg.spi.DeviceStore;
import io.devreg.testkit.Figures;
import io.devreg.testkit.Soak;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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
 * Hostile input through every field of the writes, {@code register} and {@code update}, on one
 * store: only {@link ValidationException} (reporting exactly the fields {@link FieldModel} calls
 * invalid) or the documented {@link DeviceException} comes out; a valid value is stored exactly as
 * the model normalizes it and reads back equal; nothing invalid is ever stored. Each store's test
 * class extends this and names its store.
 */
abstract class HostileWriteContract {

    /** A fresh, empty store; closed after the test. */
    protected abstract DeviceStore createStore();

    /** Examples per property: enough to hit every generator branch many times. */
    static final int EXAMPLES = Soak.scale(300, 5_000);

    private DeviceStore store;
    private DeviceRegistry registry;
    private final Map<Long, Device> stored = new HashMap<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();

    record Registration(String type, String mac, String serialNumber, String name, String version, boolean online) {
    }

    record Update(boolean setsName, String name, boolean setsVersion, String version, Boolean online,
            Long expectedRevision, boolean expectCurrentRevision) {
    }

    @BeforeEach
    void openStore() {
        store = createStore();
        registry = DeviceRegistry.builder().store(store).build();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void registrationStoresExactlyTheValidInputAndRejectsTheRest() {
        qt().withExamples(EXAMPLES).withShrinkCycles(200).forAll(registrations()).checkAssert(this::register);

        assertOnlyValidDevicesAreStored();
        Figures.of(getClass().getSimpleName() + ".register").put("inputs", accepted.get() + rejected.get() + duplicates.get()).put("stored", accepted)
                .put("rejected", rejected).put("duplicates", duplicates).publish();
    }

    @Test
    void updatesWithHostileAttributesApplyExactlyOrAreRejected() {
        for (int i = 0; i < 5; i++) {
            register(new Registration("updated", null, "sn-" + i, "device " + i, "1.1.1.1", true));
        }
        List<Long> ids = List.copyOf(stored.keySet());
        accepted.set(0); // count the updates only
        qt().withExamples(EXAMPLES).withShrinkCycles(200).forAll(Generate.pick(ids), updates())
                .checkAssert(this::update);

        assertOnlyValidDevicesAreStored();
        assertThat(registry.events(0, 1000)).as("updates append no event").hasSize(ids.size());
        Figures.of(getClass().getSimpleName() + ".update").put("inputs", accepted.get() + rejected.get() + duplicates.get()).put("applied", accepted)
                .put("rejected", rejected).put("revisionMismatches", duplicates).publish();
    }

    private void register(Registration input) {
        Map<Field, Expected> expected = Map.of(Field.TYPE, FieldModel.expect(Field.TYPE, input.type()),
                Field.MAC, FieldModel.expect(Field.MAC, input.mac()),
                Field.SERIAL_NUMBER, FieldModel.expect(Field.SERIAL_NUMBER, input.serialNumber()),
                Field.NAME, FieldModel.expect(Field.NAME, input.name()),
                Field.VERSION, FieldModel.expect(Field.VERSION, input.version()));
        Set<String> invalid = invalidFields(expected);
        Device[] result = new Device[1];
        Throwable thrown = catchThrowable(() -> result[0] = registry.register(NewDevice.builder(input.type())
                .mac(input.mac()).serialNumber(input.serialNumber()).name(input.name()).version(input.version())
                .online(input.online()).build()));

        if (!invalid.isEmpty()) {
            assertThat(thrown).as("registering %s", input).isInstanceOf(ValidationException.class);
            assertThat(((ValidationException) thrown).errors().keySet()).isEqualTo(invalid);
            rejected.incrementAndGet();
            return;
        }
        String type = expected.get(Field.TYPE).normal();
        String mac = expected.get(Field.MAC).normal();
        String serial = expected.get(Field.SERIAL_NUMBER).normal();
        Optional<Device> clash = stored.values().stream().filter(d -> d.type().equals(type)
                && (mac != null && mac.equals(d.mac()) || serial != null && serial.equals(d.serialNumber())))
                .findFirst();
        if (clash.isPresent()) {
            assertThat(thrown).as("registering %s over %s", input, clash.get()).isInstanceOf(DeviceException.class);
            assertThat(((DeviceException) thrown).code()).isEqualTo(ErrorCode.DEVICE_ALREADY_REGISTERED);
            duplicates.incrementAndGet();
            return;
        }
        assertThat(thrown).as("registering %s", input).isNull();
        Device device = result[0];
        assertThat(List.of(device.type(), Optional.ofNullable(device.mac()), Optional.ofNullable(device.serialNumber()),
                Optional.ofNullable(device.name()), Optional.ofNullable(device.version()), device.online()))
                .containsExactly(type, Optional.ofNullable(mac), Optional.ofNullable(serial),
                        Optional.ofNullable(expected.get(Field.NAME).normal()),
                        Optional.ofNullable(expected.get(Field.VERSION).normal()), input.online());
        assertThat(registry.get(DeviceRef.id(device.id()))).isEqualTo(device);
        assertThat(registry.get(DeviceRef.uuid(device.uuid()))).isEqualTo(device);
        if (mac != null && serial != null) {
            assertThat(registry.find(DeviceRef.identity(type, mac, serial))).contains(device);
        }
        if (mac != null) {
            assertThat(registry.find(DeviceRef.identity(type, mac, null))).contains(device);
        }
        if (serial != null) {
            assertThat(registry.find(DeviceRef.identity(type, null, serial))).contains(device);
        }
        assertThat(registry.history(DeviceRef.id(device.id()))).extracting(DeviceEvent::operation)
                .containsExactly(DeviceOperation.REGISTER);
        stored.put(device.id(), device);
        accepted.incrementAndGet();
    }

    private void update(long id, Update input) {
        Device before = stored.get(id);
        Set<String> invalid = new LinkedHashSet<>();
        Expected name = FieldModel.expect(Field.NAME, input.name());
        Expected version = FieldModel.expect(Field.VERSION, input.version());
        if (input.setsName() && !name.valid()) {
            invalid.add("name");
        }
        if (input.setsVersion() && !version.valid()) {
            invalid.add("version");
        }
        long expectedRevision = input.expectCurrentRevision() ? before.revision()
                : input.expectedRevision() == null ? 0 : input.expectedRevision();
        boolean setsRevision = input.expectCurrentRevision() || input.expectedRevision() != null;
        if (setsRevision && expectedRevision < 1) {
            invalid.add("expected_revision");
        }
        if (!input.setsName() && !input.setsVersion() && input.online() == null) {
            invalid.add("update");
        }
        Device[] result = new Device[1];
        Throwable thrown = catchThrowable(() -> {
            DeviceUpdate.Builder builder = DeviceUpdate.builder();
            if (input.setsName()) {
                builder.name(input.name());
            }
            if (input.setsVersion()) {
                builder.version(input.version());
            }
            if (input.online() != null) {
                builder.online(input.online());
            }
            if (setsRevision) {
                builder.expectedRevision(expectedRevision);
            }
            result[0] = registry.update(DeviceRef.id(id), builder.build());
        });

        if (!invalid.isEmpty()) {
            assertThat(thrown).as("updating with %s", input).isInstanceOf(ValidationException.class);
            assertThat(((ValidationException) thrown).errors().keySet()).isEqualTo(invalid);
            assertThat(registry.get(DeviceRef.id(id))).isEqualTo(before);
            rejected.incrementAndGet();
            return;
        }
        if (setsRevision && expectedRevision != before.revision()) {
            assertThat(thrown).isInstanceOf(DeviceException.class);
            assertThat(((DeviceException) thrown).code()).isEqualTo(ErrorCode.REVISION_MISMATCH);
            assertThat(registry.get(DeviceRef.id(id))).isEqualTo(before);
            duplicates.incrementAndGet();
            return;
        }
        assertThat(thrown).as("updating with %s", input).isNull();
        Device after = result[0];
        assertThat(after.name()).isEqualTo(input.setsName() ? name.normal() : before.name());
        assertThat(after.version()).isEqualTo(input.setsVersion() ? version.normal() : before.version());
        assertThat(after.online()).isEqualTo(input.online() == null ? before.online() : input.online());
        assertThat(after.revision()).isEqualTo(before.revision() + 1);
        assertThat(List.of(after.id(), after.type(), after.uuid(), after.status(), after.createdAt()))
                .containsExactly(before.id(), before.type(), before.uuid(), before.status(), before.createdAt());
        assertThat(registry.get(DeviceRef.id(id))).isEqualTo(after);
        stored.put(id, after);
        accepted.incrementAndGet();
    }

    private static Set<String> invalidFields(Map<Field, Expected> expected) {
        Set<String> invalid = new LinkedHashSet<>();
        for (Field field : Field.values()) {
            if (!expected.get(field).valid()) {
                invalid.add(field.wireName);
            }
        }
        return invalid;
    }

    /** Walks every page of the registry: each device is one the test saw stored, and valid by the model. */
    private void assertOnlyValidDevicesAreStored() {
        List<Device> all = new ArrayList<>();
        Page<Device> page = registry.list(DeviceQuery.builder().limit(DeviceQuery.MAX_LIMIT).build());
        all.addAll(page.items());
        while (page.nextCursor().isPresent()) {
            page = registry.list(DeviceQuery.builder().limit(DeviceQuery.MAX_LIMIT).after(page.nextCursor().get()).build());
            all.addAll(page.items());
        }
        assertThat(all).containsExactlyInAnyOrderElementsOf(stored.values());
        for (Device device : all) {
            assertThat(FieldModel.expect(Field.TYPE, device.type())).isEqualTo(new Expected(true, device.type()));
            for (Map.Entry<Field, String> value : Map.of(Field.MAC, Optional.ofNullable(device.mac()).orElse(""),
                    Field.SERIAL_NUMBER, Optional.ofNullable(device.serialNumber()).orElse(""),
                    Field.NAME, Optional.ofNullable(device.name()).orElse(""),
                    Field.VERSION, Optional.ofNullable(device.version()).orElse("")).entrySet()) {
                Expected expected = FieldModel.expect(value.getKey(), value.getValue());
                assertThat(expected.valid()).as("%s of %s", value.getKey(), device).isTrue();
                assertThat(Optional.ofNullable(expected.normal()).orElse("")).isEqualTo(value.getValue());
            }
            assertThat(device.status()).isIn(DeviceStatus.INITIALIZING);
        }
    }

    private static Gen<Registration> registrations() {
        Gen<String> text = HostileInput.text();
        Gen<String> macs = text.mix(HostileInput.macs(), 30).mix(HostileInput.fewIdentities(), 20);
        Gen<String> serials = text.mix(HostileInput.fewIdentities(), 20);
        Gen<String> types = text.mix(Generate.pick(List.of("mediaagent", " mediaagent ")), 30);
        return types.zip(macs, serials, text, (type, mac, serial, name) -> new String[] {type, mac, serial, name})
                .zip(text, booleans().all(),
                        (first, version, online) -> new Registration(first[0], first[1], first[2], first[3], version,
                                online));
    }

    private static Gen<Update> updates() {
        Gen<Boolean> flag = booleans().all();
        Gen<Boolean> online = Generate.pick(Arrays.asList(null, Boolean.TRUE, Boolean.FALSE));
        Gen<Long> revision = Generate.pick(Arrays.asList((Long) null)).mix(HostileInput.anyLong(), 50);
        Gen<String> text = HostileInput.text();
        return flag.zip(text, flag, text, (setsName, name, setsVersion, version) -> new Object[] {setsName, name,
                setsVersion, version}).zip(online, revision, flag, (first, on, rev, current) -> new Update(
                        (Boolean) first[0], (String) first[1], (Boolean) first[2], (String) first[3], on, rev,
                        current && rev == null));
    }
}
