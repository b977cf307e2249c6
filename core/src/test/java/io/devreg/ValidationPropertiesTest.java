package io.devreg;

import static io.devreg.HostileStrings.hasControlCharacter;
import static io.devreg.HostileStrings.isWellFormed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Any strings in any request field either build a valid value or raise a
 * {@link ValidationException} naming exactly the fields that break API.md's rules (stated again
 * here, as the model); never any other exception. What builds obeys every rule.
 */
class ValidationPropertiesTest {

    private static final int EXAMPLES = 2_000;

    /** API.md's limits, independent of {@link DeviceField}. */
    private static final Map<String, Integer> LIMITS = Map.of(
            "type", 64, "mac", 64, "serial_number", 128, "name", 255, "version", 64);

    private record Fields(String type, String mac, String serialNumber, String name, String version) {
        @Override
        public String toString() {
            return "type=" + HostileStrings.show(type) + ", mac=" + HostileStrings.show(mac) + ", serial_number="
                    + HostileStrings.show(serialNumber) + ", name=" + HostileStrings.show(name) + ", version="
                    + HostileStrings.show(version);
        }
    }

    private static Gen<Fields> fields() {
        Gen<String> any = HostileStrings.any();
        return any.zip(any, any, any, any, Fields::new);
    }

    @Test
    void aNewDeviceIsBuiltValidOrRefusedOnExactlyItsInvalidFields() {
        qt().withExamples(EXAMPLES).forAll(fields()).checkAssert(f -> {
            Map<String, String> raw = new LinkedHashMap<>();
            raw.put("type", f.type());
            raw.put("mac", f.mac());
            raw.put("serial_number", f.serialNumber());
            raw.put("name", f.name());
            raw.put("version", f.version());
            Set<String> expectedInvalid = new HashSet<>();
            raw.forEach((field, value) -> {
                if (breaksRules(field, value) || field.equals("type") && isAbsent(value)) {
                    expectedInvalid.add(field);
                }
            });

            Object outcome = outcomeOf(() -> NewDevice.builder(f.type()).mac(f.mac()).serialNumber(f.serialNumber())
                    .name(f.name()).version(f.version()).build());

            if (expectedInvalid.isEmpty()) {
                assertThat(outcome).isInstanceOf(NewDevice.class);
                NewDevice device = (NewDevice) outcome;
                assertNormalized("type", f.type(), device.type());
                assertNormalized("mac", f.mac(), device.mac());
                assertNormalized("serial_number", f.serialNumber(), device.serialNumber());
                assertNormalized("name", f.name(), device.name());
                assertNormalized("version", f.version(), device.version());
            } else {
                assertThat(outcome).isInstanceOf(ValidationException.class);
                assertThat(((ValidationException) outcome).errors().keySet()).isEqualTo(expectedInvalid);
            }
        });
    }

    @Test
    void anIdentityIsBuiltValidOrRefusedOnExactlyItsInvalidFields() {
        qt().withExamples(EXAMPLES).forAll(fields()).checkAssert(f -> {
            Set<String> expectedInvalid = new HashSet<>();
            if (isAbsent(f.type()) || breaksRules("type", f.type())) {
                expectedInvalid.add("type");
            }
            if (breaksRules("mac", f.mac())) {
                expectedInvalid.add("mac");
            }
            if (breaksRules("serial_number", f.serialNumber())) {
                expectedInvalid.add("serial_number");
            }
            if (isAbsent(f.mac()) && isAbsent(f.serialNumber())) {
                expectedInvalid.add("mac");
                expectedInvalid.add("serial_number");
            }

            for (Supplier<DeviceRef> ref : List.<Supplier<DeviceRef>>of(
                    () -> DeviceRef.identity(f.type(), f.mac(), f.serialNumber()),
                    () -> new ReserveRequest(f.type(), f.mac(), f.serialNumber()).ref(),
                    () -> new ActivateRequest(f.type(), f.mac(), f.serialNumber(), true).ref())) {
                Object outcome = outcomeOf(ref::get);

                if (expectedInvalid.isEmpty()) {
                    assertThat(outcome).isInstanceOf(DeviceRef.ByIdentity.class);
                    DeviceRef.ByIdentity identity = (DeviceRef.ByIdentity) outcome;
                    assertNormalized("type", f.type(), identity.type());
                    assertNormalized("mac", f.mac(), identity.mac());
                    assertNormalized("serial_number", f.serialNumber(), identity.serialNumber());
                } else {
                    assertThat(outcome).isInstanceOf(ValidationException.class);
                    assertThat(((ValidationException) outcome).errors().keySet()).isEqualTo(expectedInvalid);
                }
            }
        });
    }

    @Test
    void anUpdateIsBuiltValidOrRefusedOnExactlyItsInvalidFields() {
        qt().withExamples(EXAMPLES).forAll(HostileStrings.any(), HostileStrings.any(), Generate.booleans())
                .checkAssert((name, version, online) -> {
                    Set<String> expectedInvalid = new HashSet<>();
                    if (breaksRules("name", name)) {
                        expectedInvalid.add("name");
                    }
                    if (breaksRules("version", version)) {
                        expectedInvalid.add("version");
                    }

                    Object outcome = outcomeOf(() -> DeviceUpdate.builder().name(name).version(version)
                            .online(online).build());

                    if (expectedInvalid.isEmpty()) {
                        assertThat(outcome).isInstanceOf(DeviceUpdate.class);
                        DeviceUpdate update = (DeviceUpdate) outcome;
                        assertNormalized("name", name, update.name());
                        assertNormalized("version", version, update.version());
                        assertThat(update.online()).contains(online);
                    } else {
                        assertThat(outcome).isInstanceOf(ValidationException.class);
                        assertThat(((ValidationException) outcome).errors().keySet()).isEqualTo(expectedInvalid);
                    }
                });
    }

    @Test
    void aQueryIsBuiltOrRefusedNeverBroken() {
        qt().withExamples(EXAMPLES)
                .forAll(HostileStrings.any(), HostileStrings.any(), integers().between(-5, 1_005).mix(integers().all()))
                .checkAssert((type, cursor, limit) -> {
                    Object outcome = outcomeOf(() -> DeviceQuery.builder().type(type).after(cursor).limit(limit).build());

                    if (outcome instanceof DeviceQuery query) {
                        assertThat(query.limit()).isEqualTo(limit);
                        assertThat(cursor).as("random text is never a cursor devreg issued").isNull();
                        assertThat(query.afterId()).isZero();
                        assertThat(query.type()).isEqualTo(Optional.ofNullable(type).map(String::strip));
                    } else {
                        Set<String> keys = ((ValidationException) outcome).errors().keySet();
                        assertThat(keys).isSubsetOf("type", "limit", "after");
                        assertThat(keys.contains("type")).as("type refused")
                                .isEqualTo(type != null && (isAbsent(type) || breaksRules("type", type)));
                        assertThat(keys.contains("limit")).as("limit refused").isEqualTo(limit < 1 || limit > 1000);
                        assertThat(keys.contains("after")).as("after refused").isEqualTo(cursor != null);
                    }
                });
    }

    /** What the build returns, or the ValidationException it throws; any other exception fails the property. */
    private static Object outcomeOf(Supplier<?> build) {
        try {
            return build.get();
        } catch (ValidationException e) {
            return e;
        } catch (RuntimeException e) {
            throw new AssertionError("Expected a value or a ValidationException, got " + e, e);
        }
    }

    private static boolean isAbsent(String raw) {
        return raw == null || raw.strip().isEmpty();
    }

    /** The model: a present value breaks a rule when, stripped, it is ill-formed, has a control character or is too long. */
    private static boolean breaksRules(String field, String raw) {
        if (isAbsent(raw)) {
            return false;
        }
        String value = raw.strip();
        return !isWellFormed(value) || hasControlCharacter(value) || value.length() > LIMITS.get(field);
    }

    /** A valid field is stored stripped (a MAC canonical), absent when blank, within its limit, clean. */
    private static void assertNormalized(String field, String raw, String stored) {
        if (isAbsent(raw)) {
            assertThat(stored).as(field).isNull();
            return;
        }
        String stripped = raw.strip();
        assertThat(stored).as(field).isEqualTo(field.equals("mac") ? MacAddress.canonical(stripped) : stripped);
        assertThat(stored).as(field).isEqualTo(stored.strip()).isNotEmpty().hasSizeLessThanOrEqualTo(LIMITS.get(field));
        assertThat(hasControlCharacter(stored)).as(field + " has a control character").isFalse();
        assertThat(isWellFormed(stored)).as(field + " is well-formed").isTrue();
    }
}
