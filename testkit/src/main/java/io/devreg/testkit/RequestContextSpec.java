package io.devreg.testkit;

import static io.devreg.DeviceOperation.EXPIRE;
import static io.devreg.DeviceOperation.REGISTER;
import static io.devreg.DeviceOperation.RESERVE;
import static io.devreg.DeviceStatus.AVAILABLE;
import static io.devreg.DeviceStatus.INITIALIZING;
import static io.devreg.DeviceStatus.RESERVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceQuery;
import io.devreg.DeviceRegistry;
import io.devreg.Hold;
import io.devreg.ImportMode;
import io.devreg.NewDevice;
import io.devreg.RequestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Writes through a view with a {@link RequestContext}: its actor, reason and idempotency key on every
 * event the view's writes append, for every write in each of its forms ({@link KeyedWrite}), implicit
 * expiries and {@code expireHolds} included, and on none of the plain registry's; no key on the
 * writes that take none; and hostile context values refused by field.
 */
abstract class RequestContextSpec extends StoreSpec {

    static final Duration TTL = KeyedWrite.Terms.TTL;

    static RequestContext key(String key) {
        return RequestContext.builder().idempotencyKey(key).build();
    }

    // Actor, reason and key on events

    @TestFactory
    Stream<DynamicTest> everyEventOfAWriteThroughAViewCarriesItsActorReasonAndKey() {
        return KeyedWrite.each((write, n) -> {
            write.prepare(this, n);
            String key = write.key();
            DeviceRegistry view = registry.with(RequestContext.builder().idempotencyKey(key).actor("ops-bot")
                    .reason("ticket 42").build());
            List<DeviceEvent> feedBefore = feed();
            tick();

            write.apply(view, n);

            List<DeviceEvent> appended = appendedSince(feedBefore);
            assertThat(appended).hasSize(write.appendsEvents() ? 1 : 0).allSatisfy(event -> {
                assertThat(event.actor()).isEqualTo("ops-bot");
                assertThat(event.reason()).isEqualTo(write.eventReason("ticket 42"));
                assertThat(event.idempotencyKey()).isEqualTo(key);
            });
        });
    }

    @TestFactory
    Stream<DynamicTest> theEventsOfAWriteThroughTheRegistryItselfCarryNoActorReasonOrKey() {
        return KeyedWrite.each((write, n) -> {
            write.prepare(this, n);
            List<DeviceEvent> feedBefore = feed();
            tick();

            write.apply(registry, n);

            assertThat(appendedSince(feedBefore)).hasSize(write.appendsEvents() ? 1 : 0).allSatisfy(event -> {
                assertThat(event.actor()).isNull();
                assertThat(event.reason()).isEqualTo(write.eventReason(null));
                assertThat(event.idempotencyKey()).isNull();
            });
        });
    }

    @Test
    void aViewWithoutAKeyRecordsItsActorAndReasonAndEveryWriteThroughItApplies() {
        Device available = given(AVAILABLE, 1);
        DeviceRegistry view = registry.with(RequestContext.builder().actor("ops-bot").reason("ticket 42").build());
        List<DeviceEvent> feedBefore = feed();

        tick();
        view.reserve(ref(available));
        tick();
        view.release(ref(available));
        tick();
        view.reserve(ref(available));

        assertThat(appendedSince(feedBefore)).hasSize(3).allSatisfy(event -> {
            assertThat(event.actor()).isEqualTo("ops-bot");
            assertThat(event.reason()).isEqualTo("ticket 42");
            assertThat(event.idempotencyKey()).isNull();
        });
    }

    @Test
    void theExpiryAWriteThroughAViewRecordsCarriesTheViewsContext() {
        DeviceRegistry holds = DeviceRegistry.builder().store(store).clock(clock).holdTtl(TTL).build();
        Device available = given(AVAILABLE, 1);
        tick();
        Device held = holds.reserve(ref(available), Hold.of("cart-1"));
        List<DeviceEvent> feedBefore = feed();
        clock.advance(TTL.plusMinutes(1));
        Instant now = now();

        holds.with(RequestContext.builder().idempotencyKey("key-1").actor("ops-bot").reason("ticket 42").build())
                .reserve(ref(held), Hold.of("cart-2"));

        assertEvents(appendedSince(feedBefore),
                new DeviceEvent(0, held.id(), EXPIRE, RESERVED, AVAILABLE, now, "cart-1", null, "ops-bot", "ticket 42",
                        "key-1"),
                new DeviceEvent(0, held.id(), RESERVE, AVAILABLE, RESERVED, now, "cart-2", null, "ops-bot", "ticket 42",
                        "key-1"));
    }

    @Test
    void theExpiriesExpireHoldsRecordsThroughAViewCarryItsActorAndReason() {
        DeviceRegistry holds = DeviceRegistry.builder().store(store).clock(clock).holdTtl(TTL).build();
        Device first = given(AVAILABLE, 1);
        Device second = given(AVAILABLE, 2);
        tick();
        holds.reserve(ref(first), Hold.of("cart-1"));
        holds.reserve(ref(second));
        List<DeviceEvent> feedBefore = feed();
        clock.advance(TTL.plusMinutes(1));
        Instant now = now();

        int ended = holds.with(RequestContext.builder().actor("sweeper").reason("nightly").build()).expireHolds(10);

        assertThat(ended).isEqualTo(2);
        assertEventsInAnyOrder(appendedSince(feedBefore),
                new DeviceEvent(0, first.id(), EXPIRE, RESERVED, AVAILABLE, now, "cart-1", null, "sweeper", "nightly", null),
                new DeviceEvent(0, second.id(), EXPIRE, RESERVED, AVAILABLE, now, null, null, "sweeper", "nightly", null));
    }

    @Test
    void registrationsInBulkThroughAViewCarryItsActorAndReason() {
        Instant now = tick();

        registry.with(RequestContext.builder().actor("importer").reason("first load").build()).registerAll(List.of(
                NewDevice.builder("router").serialNumber(serial(1)).build(),
                NewDevice.builder("router").serialNumber(serial(2)).build()), ImportMode.CREATE);

        List<Device> devices = registry.list(DeviceQuery.builder().build()).items();
        assertEvents(feed(),
                new DeviceEvent(0, devices.get(0).id(), REGISTER, null, INITIALIZING, now, null, null, "importer",
                        "first load", null),
                new DeviceEvent(0, devices.get(1).id(), REGISTER, null, INITIALIZING, now, null, null, "importer",
                        "first load", null));
    }

    @Test
    void registerAllAndExpireHoldsTakeNoKeyAndStoreNothingWhenGivenOne() {
        DeviceRegistry holds = DeviceRegistry.builder().store(store).clock(clock).holdTtl(TTL).build();
        Device available = given(AVAILABLE, 1);
        tick();
        holds.reserve(ref(available), Hold.of("cart-1"));
        clock.advance(TTL.plusMinutes(1));
        List<DeviceEvent> feedBefore = feed();
        DeviceRegistry keyed = holds.with(key("key-1"));

        assertThatThrownBy(() -> keyed.registerAll(List.of(NewDevice.builder("router").serialNumber(serial(2)).build()),
                ImportMode.CREATE_OR_UPDATE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> keyed.expireHolds(10)).isInstanceOf(IllegalArgumentException.class);

        assertThat(registry.find(identity(2))).isEmpty();
        assertThat(feed()).isEqualTo(feedBefore);
        assertThat(holds.expireHolds(10)).as("the hold left for the next sweep").isEqualTo(1);
    }

    // Hostile context values

    /** Context values and the fields they are invalid in. */
    record Hostile(@Nullable String key, @Nullable String actor, @Nullable String reason, List<String> fields) {
        @Override
        public String toString() {
            return fields + ": " + (key != null ? shown(key) : actor != null ? shown(actor) : shown(reason));
        }
    }

    @TestFactory
    Stream<DynamicTest> hostileContextValuesFailValidationOnTheirWireFieldsWhenTheContextIsBuilt() {
        List<Hostile> values = List.of(
                new Hostile("   ", null, null, List.of("idempotency_key")),
                new Hostile("", null, null, List.of("idempotency_key")),
                new Hostile("k".repeat(256), null, null, List.of("idempotency_key")),
                new Hostile("clé-1", null, null, List.of("idempotency_key")),
                new Hostile("key-\uD83D\uDE00", null, null, List.of("idempotency_key")),
                new Hostile("key\u00001", null, null, List.of("idempotency_key")),
                new Hostile("key\t1", null, null, List.of("idempotency_key")),
                new Hostile(null, "a".repeat(129), null, List.of("actor")),
                new Hostile(null, "ops\u0000bot", null, List.of("actor")),
                new Hostile(null, null, "r".repeat(1001), List.of("reason")),
                new Hostile(null, null, "why\u0007", List.of("reason")),
                new Hostile("k".repeat(256), "a".repeat(129), "r".repeat(1001),
                        List.of("idempotency_key", "actor", "reason")));
        return eachCase(values, Hostile::toString, (hostile, n) -> {
            RequestContext.Builder context = RequestContext.builder().idempotencyKey(hostile.key())
                    .actor(hostile.actor()).reason(hostile.reason());

            assertInvalid(context::build, hostile.fields().toArray(String[]::new));
        });
    }

    @Test
    void contextValuesAtTheirLongestAreRecordedExactly() {
        Device available = given(AVAILABLE, 1);
        String key = "k".repeat(200) + " !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~" + "k".repeat(22);
        List<DeviceEvent> feedBefore = feed();
        tick();

        registry.with(RequestContext.builder().idempotencyKey(key).actor("a".repeat(128)).reason("r".repeat(1000)).build())
                .reserve(ref(available));

        assertThat(key).hasSize(255);
        assertThat(appendedSince(feedBefore)).singleElement().satisfies(event -> {
            assertThat(event.idempotencyKey()).isEqualTo(key);
            assertThat(event.actor()).isEqualTo("a".repeat(128));
            assertThat(event.reason()).isEqualTo("r".repeat(1000));
        });
    }
}
