package io.devreg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ErrorCodeTest {

    /** The billing API's own codes, from the seed's reserve page. */
    private static final Map<ErrorCode, Integer> SEED_CODES = Map.of(
            ErrorCode.DEVICE_NOT_FOUND, 33600,
            ErrorCode.DEVICE_RESERVED, 33599,
            ErrorCode.DEVICE_ALREADY_ACTIVATED, 33603,
            ErrorCode.DEVICE_DEACTIVATING, 33610,
            ErrorCode.DEVICE_INITIALIZING, 33622);

    @Test
    void theSeedCodesKeepTheirNumbers() {
        SEED_CODES.forEach((code, value) -> assertThat(code.value()).as(code.name()).isEqualTo(value));
    }

    @Test
    void theLibraryCodesHaveTheDocumentedNumbers() {
        assertThat(ErrorCode.DEVICE_AVAILABLE.value()).isEqualTo(33901);
        assertThat(ErrorCode.DEVICE_ALREADY_REGISTERED.value()).isEqualTo(33902);
        assertThat(ErrorCode.REVISION_MISMATCH.value()).isEqualTo(33903);
        assertThat(ErrorCode.HOLD_LIFETIME_EXCEEDED.value()).isEqualTo(33904);
        assertThat(ErrorCode.IDEMPOTENCY_KEY_REUSED.value()).isEqualTo(33905);
    }

    @Test
    void theCodesAreExactlyTheContractsTen() {
        assertThat(ErrorCode.values()).extracting(Enum::name).containsExactlyInAnyOrder(
                "DEVICE_NOT_FOUND", "DEVICE_RESERVED", "DEVICE_ALREADY_ACTIVATED", "DEVICE_DEACTIVATING",
                "DEVICE_INITIALIZING", "DEVICE_AVAILABLE", "DEVICE_ALREADY_REGISTERED", "REVISION_MISMATCH",
                "HOLD_LIFETIME_EXCEEDED", "IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void everyCodeHasItsOwnNumber() {
        Set<Integer> values = Arrays.stream(ErrorCode.values()).map(ErrorCode::value).collect(Collectors.toSet());
        assertThat(values).hasSameSizeAs(ErrorCode.values());
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void everyCodeHasAMessage(ErrorCode code) {
        assertThat(code.message()).isNotBlank();
    }

    @Test
    void aRefusalCarriesTheCodeOfTheDevicesCurrentStatus() {
        assertThat(ErrorCode.refusedIn(DeviceStatus.INITIALIZING)).isEqualTo(ErrorCode.DEVICE_INITIALIZING);
        assertThat(ErrorCode.refusedIn(DeviceStatus.AVAILABLE)).isEqualTo(ErrorCode.DEVICE_AVAILABLE);
        assertThat(ErrorCode.refusedIn(DeviceStatus.RESERVED)).isEqualTo(ErrorCode.DEVICE_RESERVED);
        assertThat(ErrorCode.refusedIn(DeviceStatus.ACTIVATED)).isEqualTo(ErrorCode.DEVICE_ALREADY_ACTIVATED);
        assertThat(ErrorCode.refusedIn(DeviceStatus.DEACTIVATING)).isEqualTo(ErrorCode.DEVICE_DEACTIVATING);
    }

    @Test
    void aReserveRefusalGivesExactlyTheSeedsCodesButNotFound() {
        // reserve starts only from AVAILABLE, so its refusals are the codes of the other four statuses
        Set<Integer> refusals = Arrays.stream(DeviceStatus.values())
                .filter(status -> !TransitionTable.rule(DeviceOperation.RESERVE).allows(status))
                .map(status -> ErrorCode.refusedIn(status).value())
                .collect(Collectors.toSet());
        assertThat(refusals).containsExactlyInAnyOrder(33599, 33603, 33610, 33622);
    }
}
