package io.devreg.reliability;

import io.devreg.DeviceOperation;
import io.devreg.DeviceStatus;
import io.devreg.ErrorCode;
import io.devreg.TransitionTable;
import java.util.ArrayList;
import java.util.List;

/**
 * The sequential specification {@link RegistryLinearizabilityTest} holds the registry to: two
 * available devices in plain memory, the transition table's rules, and the answers the registry
 * must give (the new status and revision, or the refusal's code, and the history's statuses).
 */
public class TwoDeviceModel {

    private final DeviceStatus[] status = {DeviceStatus.AVAILABLE, DeviceStatus.AVAILABLE};
    private final long[] revision = {2, 2};
    private final List<List<DeviceStatus>> history = List.of(
            new ArrayList<>(List.of(DeviceStatus.INITIALIZING, DeviceStatus.AVAILABLE)),
            new ArrayList<>(List.of(DeviceStatus.INITIALIZING, DeviceStatus.AVAILABLE)));

    public String reserve(int device) {
        return apply(device, TransitionTable.rule(DeviceOperation.RESERVE));
    }

    public String release(int device) {
        return apply(device, TransitionTable.rule(DeviceOperation.RELEASE));
    }

    public String activate(int device, boolean skipReserveCheck) {
        return apply(device, TransitionTable.rule(DeviceOperation.ACTIVATE, skipReserveCheck));
    }

    public String deactivate(int device) {
        return apply(device, TransitionTable.rule(DeviceOperation.DEACTIVATE));
    }

    public String completeDeactivation(int device) {
        return apply(device, TransitionTable.rule(DeviceOperation.COMPLETE_DEACTIVATION));
    }

    public String status(int device) {
        return status[device] + "@" + revision[device];
    }

    public String history(int device) {
        return String.join(",", history.get(device).stream().map(Enum::name).toList());
    }

    private String apply(int device, TransitionTable.Rule rule) {
        if (!rule.allows(status[device])) {
            return ErrorCode.refusedIn(status[device]).name();
        }
        status[device] = rule.to();
        revision[device]++;
        history.get(device).add(rule.to());
        return status(device);
    }
}
