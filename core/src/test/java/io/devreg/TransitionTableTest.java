package io.devreg;

import static io.devreg.DeviceStatus.ACTIVATED;
import static io.devreg.DeviceStatus.AVAILABLE;
import static io.devreg.DeviceStatus.DEACTIVATING;
import static io.devreg.DeviceStatus.INITIALIZING;
import static io.devreg.DeviceStatus.RESERVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The table of API.md, written out again here and compared cell by cell with {@link TransitionTable}. */
class TransitionTableTest {

    private record Row(DeviceOperation operation, boolean skipReserveCheck, Set<DeviceStatus> from, DeviceStatus to) {
    }

    private static final List<Row> API_TABLE = List.of(
            new Row(DeviceOperation.REGISTER, false, Set.of(), INITIALIZING),
            new Row(DeviceOperation.MARK_AVAILABLE, false, Set.of(INITIALIZING), AVAILABLE),
            new Row(DeviceOperation.RESERVE, false, Set.of(AVAILABLE), RESERVED),
            new Row(DeviceOperation.RELEASE, false, Set.of(RESERVED), AVAILABLE),
            new Row(DeviceOperation.ACTIVATE, false, Set.of(AVAILABLE), ACTIVATED),
            new Row(DeviceOperation.ACTIVATE, true, Set.of(AVAILABLE, RESERVED), ACTIVATED),
            new Row(DeviceOperation.DEACTIVATE, false, Set.of(ACTIVATED), DEACTIVATING),
            new Row(DeviceOperation.COMPLETE_DEACTIVATION, false, Set.of(DEACTIVATING), AVAILABLE));

    @Test
    void everyOperationStartsFromExactlyTheStatusesOfTheApiTable() {
        for (Row row : API_TABLE) {
            TransitionTable.Rule rule = TransitionTable.rule(row.operation(), row.skipReserveCheck());
            for (DeviceStatus status : DeviceStatus.values()) {
                assertThat(rule.allows(status))
                        .as("%s (skipReserveCheck %s) from %s", row.operation(), row.skipReserveCheck(), status)
                        .isEqualTo(row.from().contains(status));
            }
            assertThat(rule.from()).as("%s from", row.operation()).isEqualTo(row.from());
        }
    }

    @Test
    void everyOperationLeadsToTheStatusOfTheApiTable() {
        for (Row row : API_TABLE) {
            TransitionTable.Rule rule = TransitionTable.rule(row.operation(), row.skipReserveCheck());
            assertThat(rule.operation()).isEqualTo(row.operation());
            assertThat(rule.to()).as("%s to", row.operation()).isEqualTo(row.to());
        }
    }

    @Test
    void everyOperationHasARule() {
        for (DeviceOperation operation : DeviceOperation.values()) {
            assertThat(TransitionTable.rule(operation).operation()).isEqualTo(operation);
        }
    }

    @Test
    void theReserveCheckMattersOnlyForActivation() {
        for (DeviceOperation operation : EnumSet.complementOf(EnumSet.of(DeviceOperation.ACTIVATE))) {
            assertThat(TransitionTable.rule(operation, true)).isEqualTo(TransitionTable.rule(operation, false));
        }
    }

    @Test
    void theOneArgumentLookupDoesNotSkipTheReserveCheck() {
        assertThat(TransitionTable.rule(DeviceOperation.ACTIVATE).allows(RESERVED)).isFalse();
    }

    @Test
    void aRulesStatusesCannotBeChangedByItsUser() {
        Set<DeviceStatus> from = TransitionTable.rule(DeviceOperation.RESERVE).from();

        assertThatThrownBy(() -> from.add(RESERVED)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(TransitionTable.rule(DeviceOperation.RESERVE).allows(RESERVED)).isFalse();
    }

    @Test
    void aRuleCopiesTheStatusesItIsGiven() {
        Set<DeviceStatus> statuses = EnumSet.of(AVAILABLE);
        TransitionTable.Rule rule = new TransitionTable.Rule(DeviceOperation.RESERVE, statuses, RESERVED);

        statuses.add(ACTIVATED);

        assertThat(rule.allows(ACTIVATED)).isFalse();
    }
}
