package io.devreg;

import io.devreg.spi.DeviceStore;
import io.devreg.spi.EventQuery;
import io.devreg.spi.Transition;
import io.devreg.spi.WriteContext;
import io.devreg.spi.WriteResult;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The registry over a {@link DeviceStore}: checks the input, looks each operation up in the
 * {@link TransitionTable}, asks the store for one atomic conditional write, and turns a refusal
 * into the error code of the device's current status ({@link Refusals}). It never reads before
 * writing, so it has no check-then-act race. A view made by {@link #with} is another instance
 * over the same settings with its own {@link RequestContext}.
 */
final class StoreBackedRegistry implements DeviceRegistry {

    /** The most events one feed window returns. */
    static final int MAX_EVENTS = 1000;
    /** The most rows, holds or keys one bulk call handles. */
    static final int MAX_BATCH = 10_000;

    private final RegistrySettings settings;
    private final DeviceStore store;
    private final RequestContext context;
    /** The context's key, read on every write; null for none. */
    private final @Nullable String key;

    StoreBackedRegistry(RegistrySettings settings, RequestContext context) {
        this.settings = settings;
        this.store = settings.store();
        this.context = context;
        this.key = context.idempotencyKey().orElse(null);
    }

    @Override
    public Device register(NewDevice device) {
        Objects.requireNonNull(device, "device");
        Fingerprint fingerprint = key == null ? null : Fingerprint.of("register").part("type", device.type())
                .part("mac", device.mac()).part("serial_number", device.serialNumber()).part("name", device.name())
                .part("version", device.version()).part("online", device.online())
                .part("uuid", device.uuidGiven() ? device.uuid() : null);
        WriteContext write = write(settings.now(), null, fingerprint);
        WriteResult result = store.insert(device, write);
        if (result instanceof WriteResult.Refused refused) {
            Device current = refused.current().asOf(write.at());
            throw new DeviceException(ErrorCode.DEVICE_ALREADY_REGISTERED, current, "Cannot register " + device
                    + ": " + current.describe() + " has the same uuid, (type, mac) or (type, serial_number)");
        }
        return written(result, write, null);
    }

    @Override
    public Device markAvailable(DeviceRef ref) {
        return plain(ref, Transition.of(TransitionTable.rule(DeviceOperation.MARK_AVAILABLE)));
    }

    @Override
    public Device reserve(ReserveRequest request) {
        return reserve(Objects.requireNonNull(request, "request").ref());
    }

    @Override
    public Device reserve(DeviceRef ref) {
        Instant now = settings.now();
        Transition reserve = Transition.of(TransitionTable.rule(DeviceOperation.RESERVE))
                .withExpiry(expiry(now, settings.holdTtl()));
        return transition(ref, reserve, write(now, null, fingerprint("reserve", ref)));
    }

    @Override
    public Device reserve(ReserveRequest request, Hold hold) {
        Objects.requireNonNull(request, "request");
        FieldErrors errors = new FieldErrors();
        DeviceRef ref = null;
        try {
            ref = request.ref();
        } catch (ValidationException e) {
            errors.addAll(e);
        }
        HoldTerms terms = holdTerms(hold, errors, false);
        errors.throwIfAny();
        return reserve(Objects.requireNonNull(ref), terms);
    }

    @Override
    public Device reserve(DeviceRef ref, Hold hold) {
        FieldErrors errors = new FieldErrors();
        HoldTerms terms = holdTerms(hold, errors, false);
        errors.throwIfAny();
        return reserve(Objects.requireNonNull(ref, "ref"), terms);
    }

    private Device reserve(DeviceRef ref, HoldTerms terms) {
        Instant now = settings.now();
        Transition reserve = Transition.of(TransitionTable.rule(DeviceOperation.RESERVE))
                .withHolder(terms.holder()).withExpiry(expiry(now, terms.ttl()));
        WriteContext write = write(now, null, fingerprint("reserve", ref, terms));
        try {
            return transition(ref, reserve, write);
        } catch (DeviceException e) {
            // The holder's own active hold: a retried reserve is harmless, answered with the device as it is.
            Device current = e.device().orElse(null);
            if (e.code() == ErrorCode.DEVICE_RESERVED && current != null && current.reservation() != null
                    && terms.holder().equals(current.reservation().holder())) {
                return current;
            }
            throw e;
        }
    }

    @Override
    public Device extend(DeviceRef ref, Hold hold) {
        Objects.requireNonNull(ref, "ref");
        FieldErrors errors = new FieldErrors();
        HoldTerms terms = holdTerms(hold, errors, true);
        errors.throwIfAny();
        Instant now = settings.now();
        Instant expiresAt = Objects.requireNonNull(expiry(now, terms.ttl()));
        Transition extend = Transition.of(TransitionTable.rule(DeviceOperation.EXTEND)).withHolder(terms.holder())
                .withExpiry(expiresAt).withReservedSince(expiresAt.minus(settings.maxHoldLifetime()));
        return transition(ref, extend, write(now, null, fingerprint("extend", ref, terms)));
    }

    @Override
    public Device release(DeviceRef ref) {
        return plain(ref, Transition.of(TransitionTable.rule(DeviceOperation.RELEASE)));
    }

    @Override
    public Device release(DeviceRef ref, String holder) {
        FieldErrors errors = new FieldErrors();
        String checked = errors.text(DeviceField.HOLDER, holder);
        errors.throwIfAny();
        Instant now = settings.now();
        Transition release = Transition.of(TransitionTable.rule(DeviceOperation.RELEASE)).withHolder(checked);
        Fingerprint fingerprint = key == null ? null : Fingerprint.of("release").ref(ref).part("holder", checked);
        return transition(ref, release, write(now, null, fingerprint));
    }

    @Override
    public Device forceRelease(DeviceRef ref, String reason) {
        FieldErrors errors = new FieldErrors();
        String checked = errors.text(DeviceField.REASON, reason, true);
        errors.throwIfAny();
        Instant now = settings.now();
        Fingerprint fingerprint = key == null ? null : Fingerprint.of("force_release").ref(ref).part("reason", checked);
        return transition(ref, Transition.of(TransitionTable.rule(DeviceOperation.FORCE_RELEASE)),
                write(now, checked, fingerprint));
    }

    @Override
    public int expireHolds(int limit) {
        requireNoKey("expireHolds");
        checkLimit(limit, MAX_BATCH);
        return store.expireHolds(limit, write(settings.now(), null, null));
    }

    @Override
    public Device activate(ActivateRequest request) {
        Objects.requireNonNull(request, "request");
        return activate(request.ref(), request.skipReserveCheck());
    }

    @Override
    public Device activate(DeviceRef ref, boolean skipReserveCheck) {
        return activate(ref, new Activation(null, null, skipReserveCheck));
    }

    @Override
    public Device activate(DeviceRef ref, Activation activation) {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(activation, "activation");
        FieldErrors errors = new FieldErrors();
        String account = errors.text(DeviceField.ACCOUNT, activation.account());
        String holder = errors.text(DeviceField.HOLDER, activation.holder(), false);
        errors.throwIfAny();
        boolean skip = activation.skipReserveCheck();
        // A holder completing its own hold may start from RESERVED, as the skipping rule does, but only from its hold.
        Transition activate = Transition.of(TransitionTable.rule(DeviceOperation.ACTIVATE, skip || holder != null))
                .withHolder(skip ? null : holder).withAccount(account);
        Fingerprint fingerprint = key == null ? null : Fingerprint.of("activate").ref(ref).part("account", account)
                .part("holder", holder).part("skip_reserve_check", skip);
        return transition(ref, activate, write(settings.now(), null, fingerprint));
    }

    @Override
    public Device deactivate(DeviceRef ref) {
        return plain(ref, Transition.of(TransitionTable.rule(DeviceOperation.DEACTIVATE)));
    }

    @Override
    public Device completeDeactivation(DeviceRef ref) {
        return plain(ref, Transition.of(TransitionTable.rule(DeviceOperation.COMPLETE_DEACTIVATION)));
    }

    @Override
    public Device update(DeviceRef ref, DeviceUpdate update) {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(update, "update");
        Fingerprint fingerprint = key == null ? null : Fingerprint.of("update").ref(ref)
                .part("name", update.setsName() ? "set:" + update.name() : null)
                .part("version", update.setsVersion() ? "set:" + update.version() : null)
                .part("online", update.online().orElse(null))
                .part("expected_revision", update.expectedRevision().isPresent()
                        ? update.expectedRevision().getAsLong() : null);
        WriteContext write = write(settings.now(), null, fingerprint);
        WriteResult result = store.update(ref, update, write);
        if (result instanceof WriteResult.Refused refused) {
            Device current = refused.current().asOf(write.at());
            throw new DeviceException(ErrorCode.REVISION_MISMATCH, current,
                    "Cannot update " + current.describe() + ": expected revision "
                            + update.expectedRevision().orElse(0) + ", found " + current.revision());
        }
        return written(result, write, ref);
    }

    @Override
    public Optional<Device> find(DeviceRef ref) {
        Optional<Device> found = store.find(ref);
        return found.isPresent() ? Optional.of(found.get().asOf(settings.now())) : found;
    }

    @Override
    public Device get(DeviceRef ref) {
        Optional<Device> found = store.find(ref); // no capturing lambda: this is every lookup's path
        if (found.isPresent()) {
            return found.get().asOf(settings.now());
        }
        throw notFound(ref);
    }

    @Override
    public Page<Device> list(DeviceQuery query) {
        Instant now = settings.now();
        List<Device> found = store.list(query, query.limit() + 1, now);
        List<Device> items = new ArrayList<>(Math.min(found.size(), query.limit()));
        for (int i = 0; i < found.size() && i < query.limit(); i++) {
            items.add(found.get(i).asOf(now));
        }
        if (found.size() <= query.limit()) {
            return new Page<>(items, Optional.empty());
        }
        return new Page<>(items, Optional.of(Cursor.encode(items.get(items.size() - 1).id())));
    }

    @Override
    public List<DeviceEvent> history(DeviceRef ref) {
        return store.events(new EventQuery.OfDevice(get(ref).id()));
    }

    @Override
    public List<DeviceEvent> events(long afterSequence, int limit) {
        FieldErrors errors = new FieldErrors();
        if (afterSequence < 0) {
            errors.add("after_sequence", "must not be negative");
        }
        if (limit < 1 || limit > MAX_EVENTS) {
            errors.add("limit", "must be between 1 and " + MAX_EVENTS);
        }
        errors.throwIfAny();
        return store.events(new EventQuery.Feed(afterSequence, limit));
    }

    @Override
    public List<UsageInterval> usage(String account, Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        FieldErrors errors = new FieldErrors();
        String checked = errors.text(DeviceField.ACCOUNT, account, true);
        if (to.isBefore(from)) {
            errors.add("to", "must not be before from");
        }
        errors.throwIfAny();
        String valid = Objects.requireNonNull(checked);
        return Usage.of(store.events(new EventQuery.OfAccount(valid, from, to)), valid, from, to);
    }

    @Override
    public BulkResult registerAll(List<NewDevice> devices, ImportMode mode) {
        Objects.requireNonNull(devices, "devices");
        Objects.requireNonNull(mode, "mode");
        requireNoKey("registerAll");
        if (devices.size() > MAX_BATCH) {
            throw new IllegalArgumentException("registerAll takes at most " + MAX_BATCH + " devices per call, not "
                    + devices.size() + "; nothing was stored");
        }
        List<NewDevice> rows = List.copyOf(devices); // rejects null rows before anything is stored
        if (rows.isEmpty()) {
            return BulkResult.of(List.of());
        }
        WriteContext write = write(settings.now(), null, null);
        List<RowResult> results = store.insertAll(rows, mode, write);
        if (results.size() != rows.size()) {
            throw new IllegalStateException("A store answered " + rows.size() + " rows with " + results.size()
                    + " results");
        }
        List<RowResult> read = new ArrayList<>(results.size());
        for (RowResult row : results) { // an updated device may hold a hold that ran out: answer it as read
            read.add(row.device() == null ? row : new RowResult(row.index(), row.outcome(),
                    row.device().asOf(write.at()), null));
        }
        return BulkResult.of(read);
    }

    @Override
    public DeviceRegistry with(RequestContext newContext) {
        return new StoreBackedRegistry(settings, Objects.requireNonNull(newContext, "context"));
    }

    @Override
    public int purgeIdempotencyKeys(int limit) {
        checkLimit(limit, MAX_BATCH);
        return store.purgeIdempotencyKeys(settings.now().minus(settings.idempotencyRetention()), limit);
    }

    /** Runs a transition of the plain kind: a rule, no holder, no argument but the reference. */
    private Device plain(DeviceRef ref, Transition transition) {
        Objects.requireNonNull(ref, "ref");
        String operation = transition.operation().name().toLowerCase(Locale.ROOT);
        return transition(ref, transition, write(settings.now(), null, fingerprint(operation, ref)));
    }

    private Device transition(DeviceRef ref, Transition transition, WriteContext write) {
        Objects.requireNonNull(ref, "ref");
        WriteResult result = store.transition(ref, transition, write);
        if (result instanceof WriteResult.Refused refused) {
            throw Refusals.of(transition, refused.current(), write.at());
        }
        return written(result, write, ref);
    }

    /** The device a write produced, or recorded for its key; a not-found device when {@code ref} is set. */
    private Device written(WriteResult result, WriteContext write, @Nullable DeviceRef ref) {
        if (result instanceof WriteResult.Applied applied) {
            return applied.device().asOf(write.at()); // an update leaves a hold that ran out as it was stored
        }
        if (result instanceof WriteResult.Recorded recorded) {
            if (recorded.fingerprint().equals(write.fingerprint())) {
                context.replayed(recorded.device());
                return recorded.device();
            }
            throw new DeviceException(ErrorCode.IDEMPOTENCY_KEY_REUSED, null, "The idempotency key '"
                    + write.idempotencyKey() + "' was used before for another request; nothing was changed");
        }
        if (result instanceof WriteResult.NotFound && ref != null) {
            throw notFound(ref);
        }
        throw new IllegalStateException("Unexpected store result " + result);
    }

    /** The context of a write made now: this view's actor, its reason (or {@code reason}), and its key. */
    private WriteContext write(Instant now, @Nullable String reason, @Nullable Fingerprint fingerprint) {
        String eventReason = reason != null ? reason : context.reason().orElse(null);
        String actor = context.actor().orElse(null);
        if (key == null) {
            return actor == null && eventReason == null ? WriteContext.at(now)
                    : new WriteContext(now, actor, eventReason, null, null);
        }
        return new WriteContext(now, actor, eventReason, key, Objects.requireNonNull(fingerprint).hash());
    }

    /** The fingerprint of an operation on a reference, when this view has a key. */
    private @Nullable Fingerprint fingerprint(String operation, DeviceRef ref) {
        return key == null ? null : Fingerprint.of(operation).ref(ref);
    }

    private @Nullable Fingerprint fingerprint(String operation, DeviceRef ref, HoldTerms terms) {
        return key == null ? null : Fingerprint.of(operation).ref(ref).part("holder", terms.holder())
                .part("ttl", terms.ttl());
    }

    /** A hold's checked holder and its TTL (the hold's own, else the registry's default; null: never expires). */
    private record HoldTerms(String holder, @Nullable Duration ttl) {
    }

    private HoldTerms holdTerms(Hold hold, FieldErrors errors, boolean ttlRequired) {
        Objects.requireNonNull(hold, "hold");
        String holder = errors.text(DeviceField.HOLDER, hold.holder());
        Duration ttl = hold.ttl() != null ? hold.ttl() : settings.holdTtl();
        if (hold.ttl() != null && (hold.ttl().isNegative() || hold.ttl().isZero())) {
            errors.add("ttl", "must be positive");
        } else if (hold.ttl() != null && hold.ttl().compareTo(settings.maxHoldLifetime()) > 0) {
            errors.add("ttl", "must be at most the maximum hold lifetime, " + settings.maxHoldLifetime());
        } else if (ttl == null && ttlRequired) {
            errors.add("ttl", "is required: the hold states none and the registry has no default hold TTL");
        }
        return new HoldTerms(holder == null ? "" : holder, ttl);
    }

    /**
     * When a hold taken {@code now} with {@code ttl} ends; null for never. Stored instants are whole
     * microseconds, so a TTL with a fraction of one is rounded up: a hold never ends before its TTL.
     */
    private static @Nullable Instant expiry(Instant now, @Nullable Duration ttl) {
        if (ttl == null) {
            return null;
        }
        Instant end = now.plus(ttl);
        Instant whole = end.truncatedTo(ChronoUnit.MICROS);
        return whole.equals(end) ? end : whole.plus(1, ChronoUnit.MICROS);
    }

    private void requireNoKey(String operation) {
        if (key != null) {
            throw new IllegalArgumentException(operation + " takes no idempotency key, but this view has '" + key + "'");
        }
    }

    private static void checkLimit(int limit, int max) {
        if (limit < 1 || limit > max) {
            FieldErrors errors = new FieldErrors();
            errors.add("limit", "must be between 1 and " + max);
            errors.throwIfAny();
        }
    }

    private static DeviceException notFound(DeviceRef ref) {
        return new DeviceException(ErrorCode.DEVICE_NOT_FOUND, null, "No device matches " + ref);
    }

    @Override
    public String toString() {
        return "DeviceRegistry[store=" + store + ", clock=" + settings.clock()
                + (context.equals(RequestContext.NONE) ? "" : ", " + context) + ']';
    }
}
