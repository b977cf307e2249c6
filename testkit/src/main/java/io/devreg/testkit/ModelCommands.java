package io.devreg.testkit;

import static io.devreg.testkit.Spelling.absent;
import static io.devreg.testkit.Spelling.as;
import static io.devreg.testkit.Spelling.invalid;
import static org.quicktheories.generators.SourceDSL.lists;

import io.devreg.DeviceStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Random operation sequences for the stateful model test. Values come from small pools, so
 * duplicates, other notations of one mac, refusals and invalid input all happen often; the
 * simplest choice comes first in each pool, which is where shrinking leads.
 */
final class ModelCommands {

    static final Gen<Spelling> TYPES = mostly(
            List.of(as("router"), as("camera"), as(" router ", "router")),
            List.of(invalid(null), invalid("   "), invalid("rou\u0000ter"), invalid("t".repeat(65))));
    static final Gen<Spelling> MACS = mostly(
            List.of(absent(null), as("aa:bb:cc:00:00:01"), as("AA-BB-CC-00-00-01", "aa:bb:cc:00:00:01"),
                    as("aabb.cc00.0001", "aa:bb:cc:00:00:01"), as("AABBCC000002", "aa:bb:cc:00:00:02"),
                    as("Aa:Bb:Cc:00:00:02", "aa:bb:cc:00:00:02"), as("fake_mac_5"), as("FAKE_MAC_5"), absent("  ")),
            List.of(invalid("aa:bb\tcc"), invalid("m".repeat(65))));
    static final Gen<Spelling> SERIAL_NUMBERS = mostly(
            List.of(absent(null), as("sn-1"), as(" sn-1 ", "sn-1"), as("sn-2"), as("SN-2"), as("sn-3"), absent("")),
            List.of(invalid("sn\u001f3"), invalid("s".repeat(129))));
    static final Gen<Spelling> NAMES = mostly(
            List.of(absent(null), as("lobby"), as("  kiosk\t", "kiosk"), absent(" "), as("名前 😀")),
            List.of(invalid("x".repeat(256)), invalid("bad\u0007name")));
    static final Gen<Spelling> VERSIONS = mostly(
            List.of(absent(null), as("1.1.1.1"), as("2.0")),
            List.of(invalid("1.\u00071"), invalid("v".repeat(65))));
    static final Gen<Spelling> TYPE_FILTERS = mostly(
            List.of(absent(null), absent(null), as("router"), as("camera"), as(" camera ", "camera")),
            List.of(invalid(" "), invalid("t".repeat(65))));
    static final Gen<Spelling> HOLDERS = mostly(
            List.of(as("h1"), as(" h1 ", "h1"), as("h2")),
            List.of(invalid(null), invalid("  "), invalid("h".repeat(129)), invalid("h\u00001")));
    static final Gen<Spelling> OPTIONAL_HOLDERS = mostly(
            List.of(absent(null), as("h1"), as("h2"), absent(" ")),
            List.of(invalid("h".repeat(129))));
    static final Gen<Spelling> ACCOUNTS = mostly(
            List.of(as("acct-1"), as(" acct-1 ", "acct-1"), as("acct-2"), absent(null)),
            List.of(invalid("a".repeat(129)), invalid("acct\u0007")));
    static final Gen<HoldCommands.Ttl> TTLS = Generate.frequency(
            Pair.of(12, Generate.pick(List.of(new HoldCommands.Ttl(null, true),
                    new HoldCommands.Ttl(Duration.ofMinutes(5), true), new HoldCommands.Ttl(Duration.ofMinutes(20), true),
                    new HoldCommands.Ttl(Duration.ofMinutes(30), true)))),
            Pair.of(1, Generate.pick(List.of(new HoldCommands.Ttl(Duration.ZERO, false),
                    new HoldCommands.Ttl(Duration.ofMinutes(-1), false),
                    new HoldCommands.Ttl(Duration.ofMinutes(31), false)))));
    static final Gen<Duration> ADVANCES = Generate.pick(List.of(Duration.ofMinutes(1), Duration.ofMinutes(6),
            Duration.ofMinutes(11), Duration.ofMinutes(31)));
    static final Gen<String> KEYS = Generate.pick(List.of("key-1", "key-2"));
    static final Gen<UUID> UUIDS = Generate.pick(List.of(
            UUID.fromString("00000000-0000-4000-8000-000000000001"),
            UUID.fromString("00000000-0000-4000-8000-000000000002"),
            UUID.fromString("7a593d26-8cfd-47e9-8647-1fb18a36fedb"),
            UUID.fromString("ffffffff-ffff-4fff-bfff-ffffffffffff"),
            UUID.fromString("12345678-9abc-4def-8123-456789abcdef")));

    private ModelCommands() {
    }

    /** A walk round the lifecycle that visits every status, and every step, at least once. */
    private static final List<LifecycleStep> TOUR = List.of(LifecycleStep.MARK_AVAILABLE, LifecycleStep.RESERVE,
            LifecycleStep.RELEASE, LifecycleStep.RESERVE, LifecycleStep.ACTIVATE_SKIPPING_RESERVE_CHECK,
            LifecycleStep.DEACTIVATE, LifecycleStep.COMPLETE_DEACTIVATION, LifecycleStep.ACTIVATE,
            LifecycleStep.DEACTIVATE, LifecycleStep.COMPLETE_DEACTIVATION);

    /**
     * Sequences of up to {@code maxChunks} chunks: single operations, and registrations followed by
     * a run of transitions that take the new device along the lifecycle (random single steps are mostly refused, so without
     * runs the deeper statuses would rarely be reached). Each chunk may be empty, and an empty chunk
     * is what a chunk shrinks to: that is how shrinking deletes operations from the middle of a
     * sequence, where shrinking a list's size alone would only cut its end.
     */
    @SuppressWarnings("unchecked") // as in commands()
    static Gen<List<ModelCommand>> sequences(int maxChunks) {
        Gen<List<ModelCommand>> chunk = Generate.frequency(
                Pair.of(8, commands().map(command -> List.of(command))),
                Pair.of(2, tours()),
                Pair.of(1, holdTours()),
                Pair.of(1, retries()));
        return lists().of(chunk.toOptionals(25)).ofSizeBetween(1, maxChunks)
                .map(chunks -> chunks.stream().flatMap(Optional::stream).flatMap(List::stream).toList());
    }

    /** A registration, then the first steps of the {@link #TOUR} for the device with that identity. */
    private static Gen<List<ModelCommand>> tours() {
        return register().zip(Generate.range(1, TOUR.size()), (register, length) -> {
            ModelRef device = new ModelRef.ByIdentity(register.type(), register.mac(), register.serialNumber());
            List<ModelCommand> tour = new ArrayList<>(List.of(register));
            TOUR.subList(0, length).forEach(step -> tour.add(new ModelCommand.Transition(step, device)));
            return tour;
        });
    }

    /**
     * A registration, then a checkout along holds: a hold for a holder, its extension, time passing
     * (past the hold's end, sometimes), the sweep of holds that ran out, the activation on an
     * account by the holder, deactivation.
     */
    private static Gen<List<ModelCommand>> holdTours() {
        return register().zip(TTLS, ADVANCES, Generate.range(1, 8), (register, ttl, advance, length) -> {
            ModelRef device = new ModelRef.ByIdentity(register.type(), register.mac(), register.serialNumber());
            List<ModelCommand> tour = new ArrayList<>(List.of(register));
            List<ModelCommand> steps = List.of(new ModelCommand.Transition(LifecycleStep.MARK_AVAILABLE, device),
                    new HoldCommands.Reserve(device, as("h1"), ttl), new HoldCommands.Extend(device, as("h1"), ttl),
                    new HoldCommands.AdvanceClock(advance), new HoldCommands.ExpireHolds(1000),
                    new HoldCommands.ActivateOn(device, as("acct-1"), as("h1"), false),
                    new ModelCommand.Transition(LifecycleStep.DEACTIVATE, device),
                    new ModelCommand.Transition(LifecycleStep.COMPLETE_DEACTIVATION, device));
            tour.addAll(steps.subList(0, length));
            return tour;
        });
    }

    /** A write with an idempotency key, then its retry, or another write under the same key. */
    private static Gen<List<ModelCommand>> retries() {
        return KEYS.zip(writes(), writes(), Generate.booleans(), (key, write, other, same) ->
                List.of(new ModelCommand.Keyed(key, write), new ModelCommand.Keyed(key, same ? write : other)));
    }

    @SuppressWarnings("unchecked") // as in commands()
    private static Gen<ModelCommand.Write> writes() {
        return Generate.frequency(
                Pair.of(2, register().map(ModelCommand.Write.class::cast)),
                Pair.of(4, Generate.enumValues(LifecycleStep.class).zip(refs(), ModelCommand.Transition::new)),
                Pair.of(1, update().map(ModelCommand.Write.class::cast)),
                Pair.of(4, holdWrites()));
    }

    @SuppressWarnings("unchecked") // as in commands()
    private static Gen<ModelCommand.Write> holdWrites() {
        return Generate.frequency(
                Pair.of(4, refs().zip(HOLDERS, TTLS, HoldCommands.Reserve::new)),
                Pair.of(2, refs().zip(HOLDERS, TTLS, HoldCommands.Extend::new)),
                Pair.of(2, refs().zip(HOLDERS, HoldCommands.ReleaseBy::new)),
                Pair.of(2, refs().zip(ACCOUNTS, OPTIONAL_HOLDERS, Generate.booleans(), HoldCommands.ActivateOn::new)));
    }

    @SuppressWarnings("unchecked") // generic varargs of Pair: safe, Generate.frequency only reads them
    static Gen<ModelCommand> commands() {
        return Generate.frequency(
                Pair.of(5, register().map(ModelCommand.class::cast)),
                Pair.of(12, Generate.enumValues(LifecycleStep.class).zip(refs(), ModelCommand.Transition::new)
                        .map(ModelCommand.class::cast)),
                Pair.of(10, holdWrites().map(ModelCommand.class::cast)),
                Pair.of(2, ADVANCES.map(HoldCommands.AdvanceClock::new).map(ModelCommand.class::cast)),
                Pair.of(1, Generate.pick(List.of(1000, 1, 2, 0)).map(HoldCommands.ExpireHolds::new)
                        .map(ModelCommand.class::cast)),
                Pair.of(1, ACCOUNTS.zip(Generate.range(0, 8), Generate.range(-1, 8), HoldCommands.Usage::new)
                        .map(ModelCommand.class::cast)),
                Pair.of(2, KEYS.zip(writes(), ModelCommand.Keyed::new).map(ModelCommand.class::cast)),
                Pair.of(2, update().map(ModelCommand.class::cast)),
                Pair.of(2, refs().zip(Generate.booleans(), ModelCommand.Lookup::new)),
                Pair.of(1, refs().map(ModelCommand.History::new)),
                Pair.of(1, listing()),
                Pair.of(1, Generate.range(0, 12).zip(Generate.range(1, 5), ModelCommand.EventsWindow::new)));
    }

    private static Gen<ModelCommand.Register> register() {
        return identities().zip(UUIDS, NAMES, VERSIONS, Generate.booleans(), (identity, uuid, name, version, online) ->
                new ModelCommand.Register(identity.type(), identity.mac(), identity.serialNumber(), uuid, name, version,
                        online));
    }

    private static Gen<ModelCommand.Update> update() {
        Gen<Long> expectedRevision = Generate.frequency(Pair.of(10, Generate.constant(0L)),
                Pair.of(9, Generate.longRange(1, 4)), Pair.of(1, Generate.constant(-1L)));
        return refs().zip(NAMES.toOptionals(40), VERSIONS.toOptionals(60), Generate.booleans().toOptionals(40),
                expectedRevision, (ref, name, version, online, revision) ->
                        new ModelCommand.Update(ref, name.orElse(null), version.orElse(null), online.orElse(null),
                                revision));
    }

    private static Gen<ModelCommand> listing() {
        Gen<Set<DeviceStatus>> statuses = lists().of(Generate.enumValues(DeviceStatus.class)).ofSizeBetween(1, 3)
                .map(Set::copyOf).toOptionals(50).map(chosen -> chosen.orElse(Set.of()));
        return TYPE_FILTERS.zip(statuses, Generate.booleans().toOptionals(60), Generate.range(1, 3),
                (type, status, online, pageSize) -> new ModelCommand.ListDevices(type, status, online.orElse(null), pageSize));
    }

    @SuppressWarnings("unchecked") // as in commands()
    static Gen<ModelRef> refs() {
        return Generate.frequency(
                Pair.of(12, Generate.range(0, 3).map(ModelRef.ByOrdinal::new)),
                Pair.of(2, UUIDS.map(ModelRef.ByUuid::new)),
                Pair.of(5, identities().map(ModelRef.class::cast)),
                Pair.of(1, Generate.constant(new ModelRef.ZeroId())));
    }

    private static Gen<ModelRef.ByIdentity> identities() {
        return TYPES.zip(MACS, SERIAL_NUMBERS, ModelRef.ByIdentity::new);
    }

    /** Nineteen in twenty values valid: invalid input is common, yet most operations get past validation. */
    @SuppressWarnings("unchecked") // as in commands()
    private static Gen<Spelling> mostly(List<Spelling> valid, List<Spelling> invalid) {
        return Generate.frequency(Pair.of(19, Generate.pick(valid)), Pair.of(1, Generate.pick(invalid)));
    }
}
