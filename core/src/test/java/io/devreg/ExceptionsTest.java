package io.devreg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devreg.spi.StorageException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ExceptionsTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final Device RESERVED = new Device(25, "mediaagent", new UUID(7, 7), "sn", "fake_mac_5",
            DeviceStatus.RESERVED, null, "1.1.1.1", AT, AT, true, 3);

    @Test
    void aDeviceExceptionCarriesItsCodeAndDeviceAndNamesThemInItsMessage() {
        DeviceException e = new DeviceException(ErrorCode.DEVICE_RESERVED, RESERVED, "Cannot reserve device 25");

        assertThat(e.code()).isEqualTo(ErrorCode.DEVICE_RESERVED);
        assertThat(e.device()).contains(RESERVED);
        assertThat(e).hasMessage("Cannot reserve device 25 [33599 DEVICE_RESERVED]");
    }

    @Test
    void aDeviceExceptionForAMissingDeviceHasNoDevice() {
        DeviceException e = new DeviceException(ErrorCode.DEVICE_NOT_FOUND, null, "No device matches id 9");

        assertThat(e.device()).isEmpty();
        assertThat(e).hasMessageEndingWith("[33600 DEVICE_NOT_FOUND]");
    }

    @Test
    void aValidationExceptionListsEveryFieldInItsMessage() {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        errors.put("type", List.of("is required"));
        errors.put("mac", List.of("must be at most 64 characters", "must not contain control characters"));

        ValidationException e = new ValidationException(errors);

        assertThat(e.errors()).isEqualTo(errors);
        assertThat(e.errors().keySet()).containsExactly("type", "mac");
        assertThat(e).hasMessage("Invalid input: type is required; "
                + "mac must be at most 64 characters, must not contain control characters");
    }

    @Test
    void aValidationExceptionKeepsItsOwnCopyOfTheErrors() {
        List<String> reasons = new ArrayList<>(List.of("is required"));
        Map<String, List<String>> errors = new LinkedHashMap<>(Map.of("type", reasons));
        ValidationException e = new ValidationException(errors);

        reasons.add("later");
        errors.put("mac", List.of("later"));

        assertThat(e.errors()).containsExactly(Map.entry("type", List.of("is required")));
        assertThatThrownBy(() -> e.errors().put("name", List.of())).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> e.errors().get("type").add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aValidationExceptionNeedsAnError() {
        assertThatThrownBy(() -> new ValidationException(Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyDevregExceptionIsAnUncheckedDeviceRegistryException() {
        IOException cause = new IOException("disk full");
        StorageException storage = new StorageException("The store failed", cause);

        assertThat(storage).isInstanceOf(DeviceRegistryException.class).isInstanceOf(RuntimeException.class)
                .hasMessage("The store failed").hasCause(cause);
        assertThat(new ValidationException(Map.of("type", List.of("is required"))))
                .isInstanceOf(DeviceRegistryException.class);
        assertThat(new DeviceException(ErrorCode.REVISION_MISMATCH, RESERVED, "stale"))
                .isInstanceOf(DeviceRegistryException.class);
    }

    @Test
    void aStorageFailureSaysWhetherItsOutcomeIsUnknown() {
        IOException cause = new IOException("connection reset");

        assertThat(new StorageException("The store failed").outcomeUnknown()).isFalse();
        assertThat(new StorageException("The store failed", cause).outcomeUnknown()).isFalse();
        assertThat(new StorageException("The commit's answer was lost", cause, true).outcomeUnknown()).isTrue();
        assertThat(new StorageException("The insert failed", cause, false).outcomeUnknown()).isFalse();
    }
}
