package io.devreg.cli;

import io.devreg.DeviceRef;
import io.devreg.ReserveRequest;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Which device a command acts on: {@code --id}, {@code --uuid}, or its identity ({@code --type}
 * with {@code --mac} and/or {@code --serial-number}), exactly one of the three.
 */
final class DeviceSelector {

    @Spec(Spec.Target.MIXEE)
    @Nullable CommandSpec spec;

    @Option(names = "--id", paramLabel = "ID", description = "The device's id.")
    @Nullable Long id;

    @Option(names = "--uuid", paramLabel = "UUID", description = "The device's uuid.")
    @Nullable UUID uuid;

    @Option(names = "--type", paramLabel = "TYPE", description = "The device's type, with --mac and/or --serial-number.")
    @Nullable String type;

    @Option(names = "--mac", paramLabel = "MAC", description = "The device's mac address.")
    @Nullable String mac;

    @Option(names = "--serial-number", paramLabel = "SERIAL", description = "The device's serial number.")
    @Nullable String serialNumber;

    /**
     * The reference these options make; an identity is validated by the registry's rules.
     *
     * @throws ParameterException when none or more than one kind of reference is given
     */
    DeviceRef ref() {
        boolean byIdentity = type != null || mac != null || serialNumber != null;
        int kinds = (id != null ? 1 : 0) + (uuid != null ? 1 : 0) + (byIdentity ? 1 : 0);
        if (kinds != 1) {
            throw new ParameterException(commandLine(),
                    "Name the device by exactly one of --id, --uuid, or --type with --mac and/or --serial-number");
        }
        if (id != null) {
            return DeviceRef.id(id);
        }
        if (uuid != null) {
            return DeviceRef.uuid(uuid);
        }
        // ReserveRequest.ref() takes a missing type, so the registry reports it as a field error.
        return new ReserveRequest(type, mac, serialNumber).ref();
    }

    private picocli.CommandLine commandLine() {
        if (spec == null) {
            throw new IllegalStateException("picocli did not inject the command spec");
        }
        return spec.commandLine();
    }
}
