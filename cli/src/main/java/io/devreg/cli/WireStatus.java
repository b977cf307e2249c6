package io.devreg.cli;

import io.devreg.DeviceStatus;
import picocli.CommandLine.ITypeConverter;

/** Reads a status by its wire name ({@code reserve}, {@code active}, ...), as the JSON shows it. */
final class WireStatus implements ITypeConverter<DeviceStatus> {

    @Override
    public DeviceStatus convert(String value) {
        return DeviceStatus.fromWireName(value);
    }
}
