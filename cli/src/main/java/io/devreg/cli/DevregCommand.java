package io.devreg.cli;

import io.devreg.Device;
import io.devreg.DeviceQuery;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.NewDevice;
import io.devreg.json.DeviceEventJson;
import io.devreg.json.DeviceJson;
import io.devreg.json.DevicePageJson;
import io.devreg.json.DeviceResponse;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
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
                "4 (invalid: {\"message\",\"errors\"}) or 5 (store failed)."})
final class DevregCommand {

    private final Function<StoreOptions, OpenedRegistry> opener;

    @Spec
    @Nullable CommandSpec spec;

    /** A command that opens the store each subcommand's options name. */
    DevregCommand() {
        this(StoreOptions::open);
    }

    /** A command whose subcommands use the registries {@code opener} gives them. */
    DevregCommand(Function<StoreOptions, OpenedRegistry> opener) {
        this.opener = opener;
    }

    @Command(name = "register", description = "Register a new device; it starts in status initialization.")
    int register(@Mixin StoreOptions store,
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
            NewDevice.Builder builder = NewDevice.builder(type).mac(mac).serialNumber(serialNumber)
                    .name(name).version(version).online(online);
            if (uuid != null) {
                builder.uuid(uuid);
            }
            NewDevice newDevice = builder.build();
            return registry -> registry.register(newDevice);
        });
    }

    @Command(name = "mark-available", description = "initialization -> available.")
    int markAvailable(@Mixin StoreOptions store, @Mixin DeviceSelector device) {
        return onDevice(store, device, DeviceRegistry::markAvailable);
    }

    @Command(name = "reserve", description = {"available -> reserve: the billing API's reserve.",
            "Refused with 33622, 33599, 33603, 33610, or 33600 for an unknown device."})
    int reserve(@Mixin StoreOptions store, @Mixin DeviceSelector device) {
        return onDevice(store, device, DeviceRegistry::reserve);
    }

    @Command(name = "release", description = "reserve -> available.")
    int release(@Mixin StoreOptions store, @Mixin DeviceSelector device) {
        return onDevice(store, device, DeviceRegistry::release);
    }

    @Command(name = "activate", description = "available -> active; also reserve -> active with --skip-reserve-check.")
    int activate(@Mixin StoreOptions store, @Mixin DeviceSelector device,
            @Option(names = "--skip-reserve-check", description = "Activate a reserved device too.")
            boolean skipReserveCheck) {
        return onDevice(store, device, (registry, ref) -> registry.activate(ref, skipReserveCheck));
    }

    @Command(name = "deactivate", description = "active -> deactivation.")
    int deactivate(@Mixin StoreOptions store, @Mixin DeviceSelector device) {
        return onDevice(store, device, DeviceRegistry::deactivate);
    }

    @Command(name = "complete-deactivation", description = "deactivation -> available.")
    int completeDeactivation(@Mixin StoreOptions store, @Mixin DeviceSelector device) {
        return onDevice(store, device, DeviceRegistry::completeDeactivation);
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
     * Validates the input ({@code validated} builds the operation from it), then opens the store,
     * runs the operation and prints the answer. Bad input fails before the store is even opened.
     */
    private <T> int respond(StoreOptions store, Supplier<Function<DeviceRegistry, T>> validated,
            Function<? super T, ?> toJson) {
        DeviceResponse response = DeviceResponse.of(() -> {
            Function<DeviceRegistry, T> operation = validated.get();
            try (OpenedRegistry opened = opener.apply(store)) {
                return operation.apply(opened.registry());
            }
        }, toJson);
        CommandSpec commandSpec = Objects.requireNonNull(spec, "picocli did not inject the command spec");
        return JsonOutput.print(response, commandSpec.commandLine().getOut(), commandSpec.commandLine().getErr());
    }
}
