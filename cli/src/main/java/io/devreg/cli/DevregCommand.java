package io.devreg.cli;

import io.devreg.Activation;
import io.devreg.Device;
import io.devreg.DeviceQuery;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.Hold;
import io.devreg.NewDevice;
import io.devreg.RequestContext;
import io.devreg.json.DeviceEventJson;
import io.devreg.json.DeviceJson;
import io.devreg.json.DevicePageJson;
import io.devreg.json.DeviceResponse;
import io.devreg.json.UsageJson;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code devreg} command: one subcommand per registry operation, plus {@code demo}. */
@Command(name = "devreg", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
        versionProvider = DevregCli.Version.class, subcommands = DemoCommand.class,
        description = {"Operate a devreg device registry: look at devices and fix their states.",
                "Results are JSON on stdout. Errors are JSON on stderr, with exit status",
                "2 (usage), 3 (refused: {\"message\",\"code\"}),",
                "4 (invalid: {\"message\",\"errors\"}) or 5 (store failed).",
                "import prints text and has exit statuses of its own (see import --help)."})
final class DevregCommand {

    private final Function<StoreOptions, OpenedRegistry> opener;
    private final boolean terminal;

    @Spec
    @Nullable CommandSpec spec;

    /** A command that opens the store each subcommand's options name. */
    DevregCommand() {
        this(StoreOptions::open);
    }

    /** A command whose subcommands use the registries {@code opener} gives them. */
    DevregCommand(Function<StoreOptions, OpenedRegistry> opener) {
        this(opener, false);
    }

    /**
     * A command whose subcommands use the registries {@code opener} gives them; {@code terminal}
     * says stdout is a terminal, where {@code import} draws a progress bar.
     */
    DevregCommand(Function<StoreOptions, OpenedRegistry> opener, boolean terminal) {
        this.opener = opener;
        this.terminal = terminal;
    }

    /** {@code import}, a subcommand of its own class: it has more options than a method reads well with. */
    ImportCommand importCommand() {
        return new ImportCommand(opener, terminal);
    }

    @Command(name = "register", description = "Register a new device; it starts in status initialization.")
    int register(@Mixin StoreOptions store, @Mixin WriteOptions request,
            @Option(names = "--type", paramLabel = "TYPE", description = "The device type (required).")
            @Nullable String type,
            @Option(names = "--mac", paramLabel = "MAC", description = "The mac address.") @Nullable String mac,
            @Option(names = "--serial-number", paramLabel = "SERIAL", description = "The serial number.")
            @Nullable String serialNumber,
            @Option(names = "--name", paramLabel = "NAME", description = "A display name.") @Nullable String name,
            // Not --version: that prints devreg's own version, in every command.
            @Option(names = "--firmware-version", paramLabel = "VERSION", description = "The firmware version.")
            @Nullable String version,
            @Option(names = "--online", description = "The device is online.") boolean online,
            @Option(names = "--uuid", paramLabel = "UUID", description = "The uuid (default: random).")
            @Nullable UUID uuid) {
        return device(store, () -> {
            InputErrors errors = new InputErrors();
            NewDevice newDevice = errors.check(() -> {
                NewDevice.Builder builder = NewDevice.builder(type).mac(mac).serialNumber(serialNumber)
                        .name(name).version(version).online(online);
                if (uuid != null) {
                    builder.uuid(uuid);
                }
                return builder.build();
            });
            RequestContext context = errors.check(request::context);
            errors.throwIfAny();
            return registry -> registry.with(context).register(newDevice);
        });
    }

    @Command(name = "mark-available", description = "initialization -> available.")
    int markAvailable(@Mixin StoreOptions store, @Mixin DeviceSelector device, @Mixin WriteOptions request) {
        return write(store, device, request, DeviceRegistry::markAvailable);
    }

    @Command(name = "reserve", description = {"available -> reserve: the billing API's reserve.",
            "With --holder (and --ttl) a hold that only its holder extends, releases or activates.",
            "Refused with 33622, 33599, 33603, 33610, or 33600 for an unknown device."})
    int reserve(@Mixin StoreOptions store, @Mixin DeviceSelector device, @Mixin WriteOptions request,
            @Option(names = "--holder", paramLabel = "HOLDER",
                    description = "Who holds the device, e.g. a checkout session (1 to 128 characters).")
            @Nullable String holder,
            @Option(names = "--ttl", paramLabel = "SECONDS",
                    description = "How long the hold lasts, at most 24 h (needs --holder; default: it never expires).")
            @Nullable Long ttl) {
        // Without a holder or a TTL, exactly the billing API's anonymous reserve.
        return write(store, device, request, (registry, ref) -> holder == null && ttl == null
                ? registry.reserve(ref) : registry.reserve(ref, hold(holder, ttl)));
    }

    @Command(name = "extend", description = {"reserve -> reserve: the holder's hold now ends --ttl seconds from now.",
            "Refused with 33599 (another holder's hold), 33901 (no hold), or 33904 when the hold",
            "would last longer than 24 h in all."})
    int extend(@Mixin StoreOptions store, @Mixin DeviceSelector device, @Mixin WriteOptions request,
            @Option(names = "--holder", paramLabel = "HOLDER", description = "The hold's holder (required).")
            @Nullable String holder,
            @Option(names = "--ttl", paramLabel = "SECONDS",
                    description = "The hold's new lifetime from now (required: this registry has no default TTL).")
            @Nullable Long ttl) {
        return write(store, device, request, (registry, ref) -> registry.extend(ref, hold(holder, ttl)));
    }

    @Command(name = "release", description = {"reserve -> available: ends the hold, whoever holds it.",
            "With --holder, only that holder's hold: another's is refused with 33599, none with 33901."})
    int release(@Mixin StoreOptions store, @Mixin DeviceSelector device, @Mixin WriteOptions request,
            @Option(names = "--holder", paramLabel = "HOLDER", description = "The hold's holder.")
            @Nullable String holder) {
        return write(store, device, request,
                (registry, ref) -> holder == null ? registry.release(ref) : registry.release(ref, holder));
    }

    @Command(name = "force-release", description = {"reserve -> available by an operator: ends any hold.",
            "--reason is required and recorded on the force_release event.",
            "A device without a hold is refused with its status's code (33901 when available)."})
    int forceRelease(@Mixin StoreOptions store, @Mixin DeviceSelector device, @Mixin WriteOptions request) {
        // The registry reports a missing reason as a field error, as it does a blank one.
        return write(store, device, request, (registry, ref) -> registry.forceRelease(ref, request.reason));
    }

    @Command(name = "expire-holds", description = {"Record the expiry of holds that ran out and no command touched since:",
            "each such device becomes available with an expire event. Prints {\"expired\": N}.",
            "Takes no --idempotency-key: running it again is harmless."})
    int expireHolds(@Mixin StoreOptions store, @Mixin AuditOptions request,
            @Option(names = "--limit", paramLabel = "N", defaultValue = "1000",
                    description = "End at most this many holds, 1 to 10000 (default: ${DEFAULT-VALUE}).") int limit) {
        return respond(store, () -> {
            RequestContext context = request.context();
            return registry -> registry.with(context).expireHolds(limit);
        }, expired -> Map.of("expired", expired));
    }

    @Command(name = "activate", description = {"available -> active; also reserve -> active with --skip-reserve-check,",
            "or by the hold's own --holder. With --account, the account it is activated on (see usage)."})
    int activate(@Mixin StoreOptions store, @Mixin DeviceSelector device, @Mixin WriteOptions request,
            @Option(names = "--skip-reserve-check", description = "Activate a device reserved by anyone too.")
            boolean skipReserveCheck,
            @Option(names = "--account", paramLabel = "ACCOUNT",
                    description = "The account to activate the device on (1 to 128 characters).")
            @Nullable String account,
            @Option(names = "--holder", paramLabel = "HOLDER",
                    description = "The holder completing its own hold on the device.")
            @Nullable String holder) {
        Activation activation = new Activation(account, holder, skipReserveCheck);
        return write(store, device, request, (registry, ref) -> registry.activate(ref, activation));
    }

    @Command(name = "deactivate", description = "active -> deactivation.")
    int deactivate(@Mixin StoreOptions store, @Mixin DeviceSelector device, @Mixin WriteOptions request) {
        return write(store, device, request, DeviceRegistry::deactivate);
    }

    @Command(name = "complete-deactivation", description = "deactivation -> available.")
    int completeDeactivation(@Mixin StoreOptions store, @Mixin DeviceSelector device, @Mixin WriteOptions request) {
        return write(store, device, request, DeviceRegistry::completeDeactivation);
    }

    @Command(name = "get", description = "Show one device.")
    int get(@Mixin StoreOptions store, @Mixin DeviceSelector device) {
        return onDevice(store, device, DeviceRegistry::get);
    }

    @Command(name = "list", description = "List devices in id order, one page at a time.")
    int list(@Mixin StoreOptions store,
            @Option(names = "--type", paramLabel = "TYPE", description = "Only devices of this type.")
            @Nullable String type,
            @Option(names = "--status", paramLabel = "STATUS", split = ",", converter = WireStatus.class,
                    description = "Only devices in these statuses: initialization, available, reserve, active, deactivation.")
            @Nullable List<DeviceStatus> statuses,
            @Option(names = "--online", paramLabel = "true|false", arity = "1",
                    description = "Only devices with this online flag.") @Nullable Boolean online,
            @Option(names = "--limit", paramLabel = "N", defaultValue = "" + DeviceQuery.DEFAULT_LIMIT,
                    description = "The page size, 1 to 1000 (default: ${DEFAULT-VALUE}).") int limit,
            @Option(names = "--after", paramLabel = "CURSOR", description = "The next_cursor of the previous page.")
            @Nullable String after) {
        return respond(store, () -> {
            DeviceQuery.Builder builder = DeviceQuery.builder().type(type).limit(limit).after(after);
            if (statuses != null) {
                builder.status(statuses.toArray(DeviceStatus[]::new));
            }
            if (online != null) {
                builder.online(online);
            }
            DeviceQuery query = builder.build();
            return registry -> registry.list(query);
        }, DevicePageJson::of);
    }

    @Command(name = "history", description = "Every event of one device, oldest first.")
    int history(@Mixin StoreOptions store, @Mixin DeviceSelector device) {
        return respond(store, () -> {
            DeviceRef ref = device.ref();
            return registry -> registry.history(ref);
        }, events -> events.stream().map(DeviceEventJson::of).toList());
    }

    @Command(name = "events", description = "The change feed: events after a sequence number, ascending.")
    int events(@Mixin StoreOptions store,
            @Option(names = "--after", paramLabel = "SEQUENCE", defaultValue = "0",
                    description = "The last sequence already seen (default: ${DEFAULT-VALUE}).") long after,
            @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
                    description = "At most this many events, 1 to 1000 (default: ${DEFAULT-VALUE}).") int limit) {
        // The registry checks after and limit before it asks the store.
        return respond(store, () -> registry -> registry.events(after, limit),
                events -> events.stream().map(DeviceEventJson::of).toList());
    }

    @Command(name = "usage", description = {"What to bill: the periods each device was active on an account,",
            "clipped to [--from, --to). A table, or with --json the billing API's usage shape."})
    int usage(@Mixin StoreOptions store,
            @Option(names = "--account", paramLabel = "ACCOUNT", description = "The account (required).")
            @Nullable String account,
            @Option(names = "--from", paramLabel = "INSTANT", required = true,
                    description = "The first instant billed, ISO-8601, e.g. 2026-12-01T00:00:00Z.") Instant from,
            @Option(names = "--to", paramLabel = "INSTANT", required = true,
                    description = "The first instant not billed, ISO-8601.") Instant to,
            @Option(names = "--json", description = "JSON instead of a table.") boolean json) {
        // The registry reports a missing account as a field error, as it does a blank one.
        DeviceResponse response = answer(store, () -> registry -> registry.usage(account, from, to),
                intervals -> UsageJson.of(Objects.requireNonNull(account), from, to, intervals));
        CommandLine commandLine = commandLine();
        if (json || !(response instanceof DeviceResponse.Ok ok)) {
            return JsonOutput.print(response, commandLine.getOut(), commandLine.getErr());
        }
        commandLine.getOut().print(UsageTable.of((UsageJson) ok.body()));
        commandLine.getOut().flush();
        return ExitStatus.OK.code();
    }

    /** Runs a write on the device the options name, with their request context, once both are validated. */
    private int write(StoreOptions store, DeviceSelector device, WriteOptions request,
            BiFunction<DeviceRegistry, DeviceRef, Device> operation) {
        return device(store, () -> {
            InputErrors errors = new InputErrors();
            DeviceRef ref = errors.check(device::ref);
            RequestContext context = errors.check(request::context);
            errors.throwIfAny();
            return registry -> operation.apply(registry.with(context), ref);
        });
    }

    /** A hold as the options give it; the registry checks it (a TTL without a holder is refused on holder). */
    private static Hold hold(@Nullable String holder, @Nullable Long ttl) {
        return new Hold(holder, ttl == null ? null : Duration.ofSeconds(ttl));
    }

    /** Runs {@code operation} on the device the options name, once they are validated. */
    private int onDevice(StoreOptions store, DeviceSelector device, BiFunction<DeviceRegistry, DeviceRef, Device> operation) {
        return device(store, () -> {
            DeviceRef ref = device.ref();
            return registry -> operation.apply(registry, ref);
        });
    }

    private int device(StoreOptions store, Supplier<Function<DeviceRegistry, Device>> validated) {
        return respond(store, validated, DeviceJson::of);
    }

    /**
     * Validates the input ({@code validated} builds the operation from it), then runs the operation
     * on the store and prints the answer. Bad input fails before the store is even opened: the
     * parts of the input that the registry itself checks are checked before it first asks the store
     * (see {@link StoreOnFirstUse}).
     */
    private <T> int respond(StoreOptions store, Supplier<Function<DeviceRegistry, T>> validated,
            Function<? super T, ?> toJson) {
        CommandLine commandLine = commandLine();
        return JsonOutput.print(answer(store, validated, toJson), commandLine.getOut(), commandLine.getErr());
    }

    /** What {@link #respond} prints. */
    private <T> DeviceResponse answer(StoreOptions store, Supplier<Function<DeviceRegistry, T>> validated,
            Function<? super T, ?> toJson) {
        return DeviceResponse.of(() -> {
            Function<DeviceRegistry, T> operation = validated.get();
            try (OpenedRegistry opened = opener.apply(store)) {
                return operation.apply(opened.registry());
            }
        }, toJson);
    }

    private CommandLine commandLine() {
        return Objects.requireNonNull(spec, "picocli did not inject the command spec").commandLine();
    }
}
